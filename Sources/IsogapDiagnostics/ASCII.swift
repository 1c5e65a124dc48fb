/// A quick test for ASCII text, eight bytes at a time. Byte comparison of text is `String`
/// comparison only for ASCII (a few non-ASCII characters equal ASCII ones as `String`s), so the
/// YAML tree and the CSV readers ask this before they compare bytes.
public enum ASCII {
    @inlinable
    public static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var index = 0
        var bits: UInt64 = 0
        while index + 8 <= bytes.count {
            bits |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < bytes.count {
            bits |= UInt64(bytes[index])
            index += 1
        }
        return bits & 0x8080_8080_8080_8080 == 0
    }
}
