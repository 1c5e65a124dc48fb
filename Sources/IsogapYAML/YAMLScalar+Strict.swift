/// Strict interpretation of scalars: only the spellings the isogap formats allow.
///
/// Unlike YAML 1.1, `yes`, `on` or `1_000` are never booleans or numbers, and a quoted scalar is
/// always text. Which interpretation applies is decided by the schema, not by the scalar.
extension YAMLScalar {
    /// Whether the scalar is YAML's null: an empty plain scalar, `~` or `null`.
    public var isNull: Bool {
        style == .plain && ["", "~", "null", "Null", "NULL"].contains(value)
    }

    /// `true` or `false`, written plain; anything else is not a boolean.
    public var bool: Bool? {
        guard style == .plain else { return nil }
        switch value {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }

    /// A plain decimal integer such as `3` or `-12` (no `+`, no leading zeros, no `_`, no hex).
    public var integer: Int? {
        guard style == .plain, Self.isDecimal(value, allowFraction: false) else { return nil }
        return Int(value)
    }

    /// A plain decimal number such as `2`, `0.5` or `-1.25` (no exponents, no `.inf`, no `_`).
    public var decimal: Double? {
        guard style == .plain, Self.isDecimal(value, allowFraction: true) else { return nil }
        return Double(value)
    }

    private static func isDecimal(_ text: String, allowFraction: Bool) -> Bool {
        var bytes = Substring(text).utf8[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let digits = bytes.prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        guard !digits.isEmpty, digits.count <= 18 else { return false }
        if digits.count > 1, digits.first == UInt8(ascii: "0") { return false }
        let rest = bytes.dropFirst(digits.count)
        if rest.isEmpty { return true }
        guard allowFraction, rest.first == UInt8(ascii: "."), rest.count > 1 else { return false }
        return rest.dropFirst().allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }
}

extension YAMLNode {
    /// Whether the node is a null scalar.
    public var isNull: Bool { scalar?.isNull ?? false }
}
