public import IsogapDiagnostics

/// A streaming RFC 4180 reader that knows where every cell starts.
///
/// Written by hand rather than taken from a package: the two readers in the local package set
/// return rows of strings without the physical line and character column of each cell, which every
/// diagnostic of SPEC §12 needs, and both hold the whole text in memory as a `String`. This one
/// reads bytes in chunks, keeps only the row being parsed, and copies a cell only when it is
/// asked for.
///
/// Rules: fields are separated by `,` and records by LF, CRLF or a lone CR; a field that starts
/// with `"` is quoted, may contain commas and line breaks, and writes a quote as `""`. A UTF-8
/// byte order mark at the start is skipped. Empty lines are skipped. A quote inside an unquoted
/// field, text after a closing quote and an unclosed quote are errors.
public struct CSVReader {
    /// Caps that keep an untrusted file from taking unbounded time or memory.
    public struct Limits: Sendable {
        /// Largest file accepted, in bytes.
        public var maxFileSize: Int
        /// Most data rows (the header not counted).
        public var maxRows: Int
        /// Most cells in a row.
        public var maxColumns: Int
        /// Longest cell, in bytes.
        public var maxCellLength: Int

        public init(maxFileSize: Int, maxRows: Int, maxColumns: Int, maxCellLength: Int) {
            self.maxFileSize = maxFileSize
            self.maxRows = maxRows
            self.maxColumns = maxColumns
            self.maxCellLength = maxCellLength
        }

        /// 256 MiB, 2,000,000 rows, 1,024 columns, 64 KiB per cell.
        public static let standard = Limits(
            maxFileSize: 256 << 20, maxRows: 2_000_000, maxColumns: 1024, maxCellLength: 64 << 10)
    }

    /// Where one cell lies in the reader's buffer.
    struct Cell {
        /// Start and end offset of the cell's text (quotes excluded).
        var start: Int
        var end: Int
        /// Offset of the cell's first byte (its opening quote when quoted).
        var origin: Int
        /// Physical line of the cell's start, and the offset where that line starts.
        var line: Int
        var lineStart: Int
        /// Whether the cell was quoted and contains a doubled quote.
        var escaped: Bool
    }

    /// One record, valid only during the call that receives it (its cells point into the
    /// reader's buffer, which is reused).
    public struct Row {
        var buffer: UnsafeBufferPointer<UInt8>
        var cells: [Cell] = []

        /// Physical line of the record's first cell.
        public var line: Int { cells.first?.line ?? 0 }
        /// Number of cells.
        public var count: Int { cells.count }

        /// Whether cell `index` is empty or missing (a blank value).
        public func isBlank(_ index: Int) -> Bool {
            index >= cells.count || cells[index].start == cells[index].end
        }

        /// Whether cell `index` is quoted and holds a doubled quote (its raw bytes differ from its text).
        public func isEscaped(_ index: Int) -> Bool {
            index < cells.count && cells[index].escaped
        }

        /// The raw bytes of cell `index` (a quote doubled inside a quoted cell stays doubled).
        public func withBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
            guard index < cells.count else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
            return body(UnsafeBufferPointer(rebasing: buffer[cells[index].start..<cells[index].end]))
        }

        /// The text of cell `index` (empty when the row is shorter).
        public func string(_ index: Int) -> String {
            guard index < cells.count else { return "" }
            let cell = cells[index]
            let slice = UnsafeBufferPointer(rebasing: buffer[cell.start..<cell.end])
            guard cell.escaped else { return String(decoding: slice, as: UTF8.self) }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(slice.count)
            var skip = false
            for byte in slice {
                if skip {
                    skip = false
                    continue
                }
                bytes.append(byte)
                if byte == UInt8(ascii: "\"") { skip = true }
            }
            return String(decoding: bytes, as: UTF8.self)
        }

        /// Where cell `index` starts: its physical line and 1-based character column. A missing
        /// cell is placed just after the row's last cell.
        public func position(_ index: Int) -> (line: Int, column: Int) {
            guard index < cells.count else {
                guard let last = cells.last else { return (0, 1) }
                let end = last.escaped || last.origin != last.start ? last.end + 1 : last.end
                return (last.line, CSVReader.column(buffer, lineStart: last.lineStart, offset: end))
            }
            let cell = cells[index]
            return (cell.line, CSVReader.column(buffer, lineStart: cell.lineStart, offset: cell.origin))
        }
    }

    public let file: String
    public let limits: Limits

    public init(file: String, limits: Limits = .standard) {
        self.file = file
        self.limits = limits
    }

    /// Characters (Unicode scalars) from `lineStart` up to `offset`, plus one.
    static func column(_ buffer: UnsafeBufferPointer<UInt8>, lineStart: Int, offset: Int) -> Int {
        var column = 1
        var index = lineStart
        while index < offset, index < buffer.count {
            if buffer[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return column
    }

    /// Reads every record. `nextChunk` returns the file's bytes piece by piece (`nil` at the end);
    /// `body` sees each record (the header included) and returns `false` to stop early. Returns
    /// the structural errors found (unclosed quote, stray quote, caps exceeded); reading stops at
    /// the first one, since the rest of the file cannot be split reliably.
    public func read(
        chunks nextChunk: () -> [UInt8]?, _ body: (borrowing Row) -> Bool
    ) -> [Diagnostic] {
        var pending: [UInt8] = []
        var line = 1
        var atFileStart = true
        var finished = false
        var total = 0
        var rows = 0
        while !finished {
            if let chunk = nextChunk() {
                total += chunk.count
                if total > limits.maxFileSize {
                    return [
                        .error(
                            "the file is larger than \(limits.maxFileSize >> 20) MiB, the most isogap reads",
                            at: SourceLocation(file: file, line: 1, column: 1))
                    ]
                }
                if chunk.isEmpty { continue }
                pending += chunk
            } else {
                finished = true
            }
            if atFileStart {
                if pending.count < 3, !finished { continue }
                if pending.starts(with: [0xEF, 0xBB, 0xBF]) { pending.removeFirst(3) }
                atFileStart = false
            }
            var consumed = 0
            var failure: Diagnostic?
            var stop = false
            pending.withUnsafeBufferPointer { buffer in
                var row = Row(buffer: buffer)
                row.cells.reserveCapacity(32)
                var offset = 0
                while offset < buffer.count {
                    switch parseRecord(buffer, from: offset, line: line, atEnd: finished, into: &row) {
                    case .incomplete:
                        consumed = offset
                        return
                    case .blank(let next, let lines):
                        offset = next
                        line += lines
                    case .failed(let diagnostic):
                        failure = diagnostic
                        return
                    case .record(let next, let lines):
                        if rows > limits.maxRows {
                            failure = .error(
                                "the file has more than \(limits.maxRows) rows, the most isogap reads",
                                at: SourceLocation(file: file, line: line, column: 1))
                            return
                        }
                        rows += 1
                        offset = next
                        line += lines
                        if !body(row) {
                            stop = true
                            return
                        }
                    }
                }
                consumed = offset
            }
            if let failure { return [failure] }
            if stop { return [] }
            if consumed > 0 { pending.removeFirst(consumed) }
            if !pending.isEmpty, pending.count > limits.maxColumns * (limits.maxCellLength + 3) {
                return [
                    .error(
                        "a row is longer than isogap reads (\(limits.maxColumns) cells of \(limits.maxCellLength) bytes)",
                        at: SourceLocation(file: file, line: line, column: 1))
                ]
            }
        }
        return []
    }

    /// Reads every record of bytes already in memory.
    public func read(_ bytes: [UInt8], _ body: (Row) -> Bool) -> [Diagnostic] {
        var given = false
        return read(
            chunks: {
                if given { return nil }
                given = true
                return bytes
            }, body)
    }

    private enum Step {
        case record(next: Int, lines: Int)
        case blank(next: Int, lines: Int)
        case incomplete
        case failed(Diagnostic)
    }

    /// Parses one record starting at `start`.
    private func parseRecord(
        _ buffer: UnsafeBufferPointer<UInt8>, from start: Int, line firstLine: Int, atEnd: Bool, into row: inout Row
    ) -> Step {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        let count = buffer.count
        // An empty line.
        if buffer[start] == lf { return .blank(next: start + 1, lines: 1) }
        if buffer[start] == cr {
            if start + 1 < count { return .blank(next: buffer[start + 1] == lf ? start + 2 : start + 1, lines: 1) }
            return atEnd ? .blank(next: start + 1, lines: 1) : .incomplete
        }
        row.cells.removeAll(keepingCapacity: true)
        var line = firstLine
        // A record always starts at the start of a line.
        var lineStart = start
        var offset = start
        func location(_ at: Int) -> SourceLocation {
            SourceLocation(file: file, line: line, column: CSVReader.column(buffer, lineStart: lineStart, offset: at))
        }
        while true {
            if row.cells.count >= limits.maxColumns {
                return .failed(.error("a row has more than \(limits.maxColumns) cells", at: location(offset)))
            }
            if offset < count, buffer[offset] == quote {
                let cellLine = line, cellLineStart = lineStart, origin = offset
                var index = offset + 1
                var escaped = false
                var closed = false
                while index < count {
                    let byte = buffer[index]
                    if byte == quote {
                        if index + 1 < count {
                            if buffer[index + 1] == quote {
                                escaped = true
                                index += 2
                                continue
                            }
                            closed = true
                            break
                        }
                        if !atEnd { return .incomplete }
                        closed = true
                        break
                    }
                    if byte == lf || (byte == cr && (index + 1 >= count || buffer[index + 1] != lf)) {
                        line += 1
                        lineStart = index + 1
                    }
                    index += 1
                }
                if !closed {
                    if !atEnd, index - origin <= limits.maxCellLength + 2 { return .incomplete }
                    let message =
                        index - origin > limits.maxCellLength + 2
                        ? "a cell is longer than \(limits.maxCellLength) bytes"
                        : "a quoted cell is not closed; add the closing '\"'"
                    line = cellLine
                    lineStart = cellLineStart
                    return .failed(.error(message, at: location(origin)))
                }
                if index - origin - 1 > limits.maxCellLength {
                    line = cellLine
                    lineStart = cellLineStart
                    return .failed(.error("a cell is longer than \(limits.maxCellLength) bytes", at: location(origin)))
                }
                row.cells.append(
                    Cell(
                        start: origin + 1, end: index, origin: origin, line: cellLine, lineStart: cellLineStart,
                        escaped: escaped))
                offset = index + 1
                if offset < count, buffer[offset] != comma, buffer[offset] != lf, buffer[offset] != cr {
                    return .failed(
                        .error(
                            "text after the closing quote of a cell; a quote inside a quoted cell is written '\"\"'",
                            at: location(offset)))
                }
            } else {
                var index = offset
                while index < count {
                    let byte = buffer[index]
                    if byte == comma || byte == lf || byte == cr { break }
                    if byte == quote {
                        return .failed(
                            .error(
                                "a quote inside a cell that does not start with one; quote the whole cell and double the quote",
                                at: location(index)))
                    }
                    index += 1
                }
                if index - offset > limits.maxCellLength {
                    return .failed(.error("a cell is longer than \(limits.maxCellLength) bytes", at: location(offset)))
                }
                if index >= count, !atEnd { return .incomplete }
                row.cells.append(
                    Cell(start: offset, end: index, origin: offset, line: line, lineStart: lineStart, escaped: false))
                offset = index
            }
            // After a cell: a comma, a line break or the end.
            if offset >= count {
                if !atEnd { return .incomplete }
                return .record(next: offset, lines: line - firstLine + 1)
            }
            let byte = buffer[offset]
            if byte == comma {
                offset += 1
                continue
            }
            if byte == cr {
                if offset + 1 >= count, !atEnd { return .incomplete }
                let next = offset + 1 < count && buffer[offset + 1] == lf ? offset + 2 : offset + 1
                return .record(next: next, lines: line - firstLine + 1)
            }
            return .record(next: offset + 1, lines: line - firstLine + 1)
        }
    }
}
