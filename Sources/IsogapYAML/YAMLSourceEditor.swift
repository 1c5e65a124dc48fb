/// Byte-exact edits of a YAML source: a command that changes one value of a file leaves every
/// other byte, comment and blank line as it was.
///
/// Marks are turned into byte offsets by counting line breaks exactly as libyaml does
/// (``LineBreak``: LF, CR LF, a lone CR, NEL, LS, PS) and columns in characters, so a lone CR in a
/// comment cannot shift an edit onto the wrong bytes.
public struct YAMLSourceEditor: Sendable {
    /// A replacement of the bytes in `range` (an empty range inserts).
    public struct Edit: Sendable, Hashable {
        public var range: Range<Int>
        public var replacement: [UInt8]

        public init(range: Range<Int>, replacement: some StringProtocol) {
            self.range = range
            self.replacement = Array(replacement.utf8)
        }
    }

    public let bytes: [UInt8]
    /// Byte offset where each line starts (index 0 is line 1).
    private let lineStarts: [Int]
    /// Length of the UTF-8 byte order mark the parser skipped (0 or 3).
    private let byteOrderMark: Int

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        byteOrderMark = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        lineStarts = LineBreak.lineStarts(in: bytes)
    }

    /// The byte offset of a mark (marks count characters, offsets count bytes). A UTF-8 byte order
    /// mark at the start of the file is skipped, as the parser skips it.
    public func offset(of mark: YAMLMark) -> Int {
        guard mark.line - 1 < lineStarts.count else { return bytes.count }
        var index = lineStarts[max(0, mark.line - 1)]
        if index == 0 { index = byteOrderMark }
        var remaining = mark.column - 1
        while remaining > 0, index < bytes.count {
            index += 1
            while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
            remaining -= 1
        }
        return index
    }

    /// The offset just after the end of the line that holds `offset` (after its line break, or the
    /// end of the file).
    public func endOfLine(containing offset: Int) -> Int {
        var index = max(0, offset)
        while index < bytes.count {
            let length = LineBreak.length(at: index, in: bytes)
            if length > 0 { return index + length }
            index += 1
        }
        return bytes.count
    }

    /// Whether the file ends with a line break (of any kind).
    public var endsWithLineBreak: Bool {
        guard let last = lineStarts.last else { return false }
        return last == bytes.count && last > 0
    }

    /// The source with `edits` applied. Edits must not overlap; they are applied from the end so
    /// that earlier offsets stay valid.
    public func applying(_ edits: [Edit]) -> [UInt8] {
        var result = bytes
        for edit in edits.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            result.replaceSubrange(edit.range, with: edit.replacement)
        }
        return result
    }

    /// The line-break style of the file, taken from its first line break (`\r\n`, `\r`, or any
    /// other as `\n`); `\n` when it has none.
    public var lineBreak: String {
        guard lineStarts.count > 1 else { return "\n" }
        let start = lineStarts[1]
        let length =
            start >= 2 && bytes[start - 2] == UInt8(ascii: "\r") && bytes[start - 1] == UInt8(ascii: "\n") ? 2 : 1
        if length == 2 { return "\r\n" }
        return bytes[start - 1] == UInt8(ascii: "\r") ? "\r" : "\n"
    }
}
