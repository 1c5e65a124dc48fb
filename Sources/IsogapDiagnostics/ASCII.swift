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

    /// Up to 16 bytes of ASCII text in two words, with its length. Two ASCII texts are the same
    /// `String` exactly when their packed forms are equal, so short keys compare in three word
    /// comparisons and hash without a `String`.
    public struct Packed: Hashable, Sendable {
        /// The first eight bytes, the first in the lowest byte; zeros past the text.
        public let low: UInt64
        /// Bytes 9 to 16 in the same order.
        public let high: UInt64
        public let count: Int

        /// `nil` when `bytes` is longer than 16 bytes or not ASCII.
        @inlinable
        public init?(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard bytes.count <= 16 else { return nil }
            // Byte by byte: no call, and never a read past the text.
            var low: UInt64 = 0, high: UInt64 = 0
            for index in 0..<min(bytes.count, 8) { low |= UInt64(bytes[index]) << UInt64(8 * index) }
            for index in min(bytes.count, 8)..<bytes.count { high |= UInt64(bytes[index]) << UInt64(8 * (index - 8)) }
            guard (low | high) & 0x8080_8080_8080_8080 == 0 else { return nil }
            self.low = low
            self.high = high
            count = bytes.count
        }
    }
}
