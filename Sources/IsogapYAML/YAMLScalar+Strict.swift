/// Strict interpretation of scalars: only the spellings the isogap formats allow.
///
/// Unlike YAML 1.1, `yes`, `on` or `1_000` are never booleans or numbers, and a quoted scalar is
/// always text. Which interpretation applies is decided by the schema, not by the scalar.
extension YAMLScalar {
    /// Whether the scalar is YAML's null: an empty plain scalar, `~` or `null`.
    public var isNull: Bool {
        var value = value
        return value.withUTF8 { StrictScalar.isNull($0, style: style) }
    }

    /// `true` or `false`, written plain; anything else is not a boolean.
    public var bool: Bool? {
        var value = value
        return value.withUTF8 { StrictScalar.bool($0, style: style) }
    }

    /// A plain decimal integer such as `3` or `-12` (no `+`, no leading zeros, no `_`, no hex).
    public var integer: Int? {
        var value = value
        return value.withUTF8 { StrictScalar.integer($0, style: style) }
    }

    /// A plain decimal number such as `2`, `0.5` or `-1.25` (no exponents, no `.inf`, no `_`).
    public var decimal: Double? {
        guard style == .plain else { return nil }
        var value = value
        guard value.withUTF8({ StrictScalar.isDecimal($0, allowFraction: true) }) else { return nil }
        return Double(value)
    }
}

/// The strict spellings, checked on UTF-8 bytes.
enum StrictScalar {
    static func isNull(_ bytes: UnsafeBufferPointer<UInt8>, style: YAMLScalar.Style) -> Bool {
        guard style == .plain else { return false }
        switch bytes.count {
        case 0: return true
        case 1: return bytes[0] == UInt8(ascii: "~")
        case 4:
            // null, Null, NULL
            let word = (bytes[0], bytes[1], bytes[2], bytes[3])
            return word == (0x6E, 0x75, 0x6C, 0x6C) || word == (0x4E, 0x75, 0x6C, 0x6C)
                || word == (0x4E, 0x55, 0x4C, 0x4C)
        default: return false
        }
    }

    static func bool(_ bytes: UnsafeBufferPointer<UInt8>, style: YAMLScalar.Style) -> Bool? {
        guard style == .plain else { return nil }
        if bytes.elementsEqual("true".utf8) { return true }
        if bytes.elementsEqual("false".utf8) { return false }
        return nil
    }

    static func integer(_ bytes: UnsafeBufferPointer<UInt8>, style: YAMLScalar.Style) -> Int? {
        guard style == .plain, isDecimal(bytes, allowFraction: false) else { return nil }
        // At most 18 digits (checked above): the value fits without overflow.
        var value = 0
        var negative = false
        for byte in bytes {
            if byte == UInt8(ascii: "-") {
                negative = true
                continue
            }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return negative ? -value : value
    }

    static func isDecimal(_ bytes: UnsafeBufferPointer<UInt8>, allowFraction: Bool) -> Bool {
        var index = 0
        if bytes.first == UInt8(ascii: "-") { index = 1 }
        let digitsStart = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        let digits = index - digitsStart
        guard digits > 0, digits <= 18 else { return false }
        if digits > 1, bytes[digitsStart] == UInt8(ascii: "0") { return false }
        if index == bytes.count { return true }
        guard allowFraction, bytes[index] == UInt8(ascii: "."), index + 1 < bytes.count else { return false }
        for byte in bytes[(index + 1)...] where !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
            return false
        }
        return true
    }
}
