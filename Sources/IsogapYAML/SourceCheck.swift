/// Checks of the raw bytes made before libyaml reads them, so that encoding problems are reported
/// at the exact character with a message a user can act on.
enum SourceCheck {
    /// A problem found in the raw bytes, at a 1-based line and column.
    struct Problem: Error {
        var message: String
        var line: Int
        var column: Int
    }

    /// The first byte sequence that is not UTF-8, or the first line separator that YAML would
    /// count as a line break but editors do not (NEL, U+2028, U+2029), which would shift every line
    /// number after it.
    static func firstProblem(in bytes: [UInt8]) -> Problem? {
        var index = 0
        while index < bytes.count {
            // ASCII (nearly all of a typical file) is skipped eight bytes at a time.
            if index + 8 <= bytes.count,
                bytes.withUnsafeBytes({ $0.loadUnaligned(fromByteOffset: index, as: UInt64.self) })
                    & 0x8080_8080_8080_8080 == 0
            {
                index += 8
                continue
            }
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                continue
            }
            let length = sequenceLength(at: index, in: bytes)
            guard length > 0 else {
                let (line, column) = position(ofByte: index, in: bytes)
                let hex = String(byte, radix: 16, uppercase: true)
                return Problem(
                    message: "byte 0x\(hex.count == 1 ? "0" + hex : hex) is not valid UTF-8; save the file as UTF-8",
                    line: line, column: column)
            }
            let scalar = decode(bytes[index..<index + length])
            if scalar == 0x85 || scalar == 0x2028 || scalar == 0x2029 {
                let (line, column) = position(ofByte: index, in: bytes)
                let name =
                    scalar == 0x85
                    ? "U+0085 (next line)"
                    : scalar == 0x2028 ? "U+2028 (line separator)" : "U+2029 (paragraph separator)"
                return Problem(
                    message: "the character \(name) is not allowed; use an ordinary line break or a space",
                    line: line, column: column)
            }
            index += length
        }
        return nil
    }

    /// The 1-based line and column of a byte offset, counting line breaks as libyaml does
    /// (``LineBreak``) and columns in characters.
    static func position(ofByte offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        let end = min(offset, bytes.count)
        var line = 1, column = 1
        var index = 0
        while index < end {
            let length = LineBreak.length(at: index, in: bytes)
            if length > 0 {
                line += 1
                column = 1
                index += length
                continue
            }
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return (line, column)
    }

    /// The length of the well-formed UTF-8 sequence at `index`, or 0 when it is malformed
    /// (overlong forms, surrogates and values above U+10FFFF included).
    private static func sequenceLength(at index: Int, in bytes: [UInt8]) -> Int {
        let lead = bytes[index]
        let (length, low, high): (Int, UInt8, UInt8)
        switch lead {
        case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
        case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
        case 0xED: (length, low, high) = (3, 0x80, 0x9F)
        case 0xE1...0xEC, 0xEE...0xEF: (length, low, high) = (3, 0x80, 0xBF)
        case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
        case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
        case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
        default: return 0
        }
        guard index + length <= bytes.count, (low...high).contains(bytes[index + 1]) else { return 0 }
        for offset in 2..<max(2, length) where !(0x80...0xBF).contains(bytes[index + offset]) { return 0 }
        return length
    }

    private static func decode(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var iterator = bytes.makeIterator()
        guard let first = iterator.next() else { return 0 }
        var value = UInt32(first) & (bytes.count == 2 ? 0x1F : bytes.count == 3 ? 0x0F : 0x07)
        while let next = iterator.next() { value = value << 6 | UInt32(next & 0x3F) }
        return value
    }
}
