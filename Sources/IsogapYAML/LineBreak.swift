/// Line breaks as libyaml counts them: LF, CR LF, a lone CR, and the Unicode breaks NEL (U+0085),
/// LS (U+2028) and PS (U+2029). Every piece of code that turns a mark's line into a byte offset
/// uses this one definition, so an edit lands exactly where the parser saw the value.
public enum LineBreak {
    /// The length in bytes of the line break that starts at `index`, or 0 when none starts there.
    /// A CR followed by LF is one break of two bytes.
    public static func length(at index: Int, in bytes: some RandomAccessCollection<UInt8>) -> Int {
        guard index >= 0, index < bytes.count else { return 0 }
        let base = bytes.startIndex
        func byte(_ offset: Int) -> UInt8? {
            offset < bytes.count ? bytes[bytes.index(base, offsetBy: offset)] : nil
        }
        switch byte(index) {
        case UInt8(ascii: "\n"): return 1
        case UInt8(ascii: "\r"): return byte(index + 1) == UInt8(ascii: "\n") ? 2 : 1
        case 0xC2: return byte(index + 1) == 0x85 ? 2 : 0
        case 0xE2:
            return byte(index + 1) == 0x80 && (byte(index + 2) == 0xA8 || byte(index + 2) == 0xA9) ? 3 : 0
        default: return 0
        }
    }

    /// The byte offset where each line starts (index 0 is line 1).
    public static func lineStarts(in bytes: [UInt8]) -> [Int] {
        var starts = [0]
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            // Only these lead bytes can start a break: everything else is skipped at once.
            guard byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == 0xC2 || byte == 0xE2 else {
                index += 1
                continue
            }
            let length = length(at: index, in: bytes)
            if length == 0 {
                index += 1
            } else {
                index += length
                starts.append(index)
            }
        }
        return starts
    }
}
