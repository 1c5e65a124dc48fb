/// Byte-exact edits of a YAML source: a command that changes one value of a file leaves every
/// other byte, comment and blank line as it was.
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

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(index + 1) }
        lineStarts = starts
    }

    /// The byte offset of a mark (marks count characters, offsets count bytes). A UTF-8 byte order
    /// mark at the start of the file is skipped, as the parser skips it.
    public func offset(of mark: YAMLMark) -> Int {
        guard mark.line - 1 < lineStarts.count else { return bytes.count }
        var index = lineStarts[max(0, mark.line - 1)]
        if index == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        var remaining = mark.column - 1
        while remaining > 0, index < bytes.count {
            index += 1
            while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
            remaining -= 1
        }
        return index
    }

    /// The offset just after the end of the line that holds `offset` (after its line feed, or the
    /// end of the file).
    public func endOfLine(containing offset: Int) -> Int {
        var index = offset
        while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
        return min(index + 1, bytes.count)
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

    /// The line-feed style of the file: `\r\n` if its first line ends that way, else `\n`.
    public var lineBreak: String {
        guard let firstBreak = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return "\n" }
        return firstBreak > 0 && bytes[firstBreak - 1] == UInt8(ascii: "\r") ? "\r\n" : "\n"
    }
}
