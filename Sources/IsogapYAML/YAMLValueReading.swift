/// A YAML value read once, in order, by a one-pass reader: a node of a parsed tree
/// (``YAMLNode``) or the current value of libyaml's event stream (``YAMLEventReader``).
///
/// One-pass readers accept only what has no problem at all and answer `false` (or `nil`) at the
/// first doubt, with nothing reported; the caller then reads the value again with the checking
/// decoder, which reports. Written once against this protocol, a reader serves both sources.
public protocol YAMLValueReading {
    /// Calls `body` with the scalar's UTF-8 bytes and style; `nil` when the value is not a scalar.
    func withScalarBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>, YAMLScalar.Style) -> Result) -> Result?

    /// When the value is a mapping, calls `body` for each entry in order with the position of its
    /// key in `names` (`nil` when the key is not one of them) and its value, until `body` returns
    /// `false`. Returns whether the value is a mapping and `body` never returned `false`.
    ///
    /// `body` must read the value it is given to its end (a list or mapping through these methods).
    /// A stream is stricter than a tree in two ways, both safe for a one-pass reader (the file then
    /// goes to the tree): it refuses a value left unread, and it stops at an unknown key rather
    /// than passing `nil`.
    mutating func allValues(in names: YAMLKeyNames, _ body: (_ name: Int?, _ value: inout Self) -> Bool) -> Bool

    /// When the value is a list, calls `body` for each item in order until it returns `false`.
    /// Returns whether the value is a list and `body` never returned `false`.
    mutating func allItems(_ body: (_ item: inout Self) -> Bool) -> Bool

    /// The position in `names` of the scalar's text (compared as `String`s compare), or `nil` when
    /// the value is not a scalar or its text is not one of the names.
    func position(in names: YAMLKeyNames) -> Int?
}

extension YAMLValueReading {
    /// Whether the value is YAML's null: an empty plain scalar, `~` or `null`.
    public var isNull: Bool {
        withScalarBytes { StrictScalar.isNull($0, style: $1) } ?? false
    }

    /// The value as a strict boolean (see ``YAMLScalar/bool``), read without making a `String`.
    public var bool: Bool? {
        withScalarBytes { StrictScalar.bool($0, style: $1) } ?? nil
    }

    /// The value as a strict integer (see ``YAMLScalar/integer``), read without making a `String`.
    public var integer: Int? {
        withScalarBytes { StrictScalar.integer($0, style: $1) } ?? nil
    }

    /// The value as a strict decimal (see ``YAMLScalar/decimal``).
    public var decimal: Double? {
        withScalarBytes { bytes, style -> Double? in
            guard style == .plain, StrictScalar.isDecimal(bytes, allowFraction: true) else { return nil }
            return Double(String(decoding: bytes, as: UTF8.self))
        } ?? nil
    }

    /// The text of a scalar that is not null.
    public var text: String? {
        withScalarBytes { bytes, style in
            StrictScalar.isNull(bytes, style: style) ? nil : String(decoding: bytes, as: UTF8.self)
        } ?? nil
    }
}

/// A node of a parsed tree read by a one-pass reader: its key positions come from the tree's
/// `whileEachKey`, and a value left unread costs nothing.
extension YAMLNode: YAMLValueReading {
    public func allValues(in names: YAMLKeyNames, _ body: (_ name: Int?, _ value: inout YAMLNode) -> Bool) -> Bool {
        guard let pairs = mapping else { return false }
        return pairs.whileEachKey(in: names) { position, name in
            var value = YAMLNode(tree: tree, index: Int(tree.children[pairs.first + 2 * position + 1]))
            return body(name, &value)
        }
    }

    public func allItems(_ body: (_ item: inout YAMLNode) -> Bool) -> Bool {
        guard let items = sequence else { return false }
        for item in items {
            var item = item
            if !body(&item) { return false }
        }
        return true
    }
}
