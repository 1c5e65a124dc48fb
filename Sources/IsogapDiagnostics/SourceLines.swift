/// The lines of a file already read, for showing a diagnostic's source line with a caret without
/// reading the file again.
///
/// Lines break where libyaml breaks them: LF, CR, CR LF, and the Unicode breaks NEL, LS and PS.
public struct SourceLines: Sendable {
    /// The longest source line kept, in Unicode scalars; a longer line is cut with `…`.
    public static let maxLineLength = 160

    public let file: String
    private let bytes: [UInt8]

    public init(file: String, bytes: [UInt8]) {
        self.file = file
        self.bytes = bytes
    }

    /// `diagnostics` with the source line attached to each one located in this file (one pass
    /// over the bytes, however many diagnostics).
    public func attach(to diagnostics: [Diagnostic]) -> [Diagnostic] {
        let wanted = Set(diagnostics.compactMap { $0.location?.file == file ? $0.location?.line : nil })
        guard !wanted.isEmpty else { return diagnostics }
        let lines = self.lines(wanted)
        return diagnostics.map { diagnostic in
            guard let location = diagnostic.location, location.file == file, diagnostic.sourceLine == nil,
                let line = lines[location.line]
            else { return diagnostic }
            var copy = diagnostic
            copy.sourceLine = line
            return copy
        }
    }

    /// The text of the wanted lines (1-based), each capped in length; decoded leniently.
    private func lines(_ wanted: Set<Int>) -> [Int: String] {
        var result: [Int: String] = [:]
        let last = wanted.max() ?? 0
        var line = 1
        var start = 0
        var index = 0
        func finish(_ end: Int) {
            guard wanted.contains(line) else { return }
            // Only the first bytes are decoded: enough for the cap even at four bytes a scalar.
            let slice = bytes[start..<min(end, start + Self.maxLineLength * 4)]
            var text = String(decoding: slice, as: UTF8.self)
            if text.unicodeScalars.count > Self.maxLineLength || end > start + Self.maxLineLength * 4 {
                text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(Self.maxLineLength))) + "…"
            }
            result[line] = text
        }
        while index < bytes.count, line <= last {
            let byte = bytes[index]
            var breakLength = 0
            if byte == 0x0A {
                breakLength = 1
            } else if byte == 0x0D {
                breakLength = index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
            } else if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0x85 {
                breakLength = 2
            } else if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80,
                bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9
            {
                breakLength = 3
            }
            if breakLength > 0 {
                finish(index)
                line += 1
                index += breakLength
                start = index
            } else {
                index += 1
            }
        }
        if line <= last { finish(bytes.count) }
        return result
    }
}
