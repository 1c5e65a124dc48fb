internal import IsogapDiagnostics

/// The key names one kind of mapping may hold, prepared so that a mapping's keys are matched
/// against them by comparing two machine words rather than by making and comparing `String`s.
///
/// A name that is ASCII and at most 16 bytes long (every key isogap's formats define) is kept
/// packed; a key written in the file is packed the same way when it is ASCII and short, and two
/// such texts are the same `String` exactly when their packed forms are equal. Any other key or
/// name is compared as `String`s, so the answers are always those of `String` equality.
public struct YAMLKeyNames: Sendable, ExpressibleByArrayLiteral {
    public let names: [String]
    /// Each name packed; `nil` for a name that is not short ASCII.
    private let packed: [ASCII.Packed?]
    /// Whether every name is short ASCII, so that no `String` comparison is ever needed for ASCII.
    private let allPacked: Bool

    /// The positions of the names a mapping must have, in the order they are reported when missing.
    public let required: [Int]

    /// `names`, of which `required` (each one of them) must be present in a mapping read against
    /// the list; the check is then made by position, without comparing text.
    public init(_ names: [String], required: [String] = []) {
        self.names = names
        packed = names.map { name in
            var name = name
            return name.withUTF8 { ASCII.Packed($0) }
        }
        allPacked = packed.allSatisfy { $0 != nil }
        self.required = required.map { name in
            guard let index = names.firstIndex(of: name) else {
                preconditionFailure("'\(name)' is not one of \(names)")
            }
            return index
        }
    }

    public init(arrayLiteral names: String...) {
        self.init(names)
    }

    public var count: Int { names.count }

    /// One name of a list, known by its position: a mapping read against the list finds its entry
    /// without comparing any text.
    public struct Name: Sendable {
        public let text: String
        public let index: Int
    }

    /// The name `text`, which must be in the list.
    public func name(_ text: String) -> Name {
        guard let index = index(of: text) else { preconditionFailure("'\(text)' is not one of \(names)") }
        return Name(text: text, index: index)
    }

    /// Whether `name` is this list's name at its position (from this list or an equal one).
    public func holds(_ name: Name) -> Bool {
        // Equal small texts (every key isogap defines) compare in a few instructions.
        name.index < names.count && names[name.index] == name.text
    }

    /// The position of `name` in the list, if it is there.
    public func index(of name: String) -> Int? {
        var text = name
        if let wanted = text.withUTF8({ ASCII.Packed($0) }) {
            if let found = index(of: wanted) { return found }
            if allPacked { return nil }
        }
        return names.firstIndex(of: name)
    }

    /// The position in the list of the scalar text `bytes` (`ascii` when they are all ASCII).
    func index(ofBytes bytes: UnsafeBufferPointer<UInt8>, ascii: Bool) -> Int? {
        if ascii, let wanted = ASCII.Packed(bytes) {
            if let found = index(of: wanted) { return found }
            if allPacked { return nil }
        }
        // Text that is not ASCII may still equal a name in `String`'s sense (canonical equivalence).
        return names.firstIndex(of: String(decoding: bytes, as: UTF8.self))
    }

    private func index(of wanted: ASCII.Packed) -> Int? {
        packed.withUnsafeBufferPointer { packed in
            for index in packed.indices where packed[index] == wanted { return index }
            return nil
        }
    }
}

extension YAMLNode.Pairs {
    /// Calls `body` for each entry in order with its position and the position of its key in
    /// `names` (`nil` when the key is not one of them, or is not a scalar).
    public func forEachKey(in names: YAMLKeyNames, _ body: (_ position: Int, _ name: Int?) -> Void) {
        _ = whileEachKey(in: names) { position, name in
            body(position, name)
            return true
        }
    }

    /// Calls `body` as ``forEachKey(in:_:)`` does until it returns `false`; returns whether it never did.
    func whileEachKey(in names: YAMLKeyNames, _ body: (_ position: Int, _ name: Int?) -> Bool) -> Bool {
        tree.entries.withUnsafeBufferPointer { entries in
            tree.text.withUnsafeBufferPointer { text in
                for position in 0..<count {
                    let key = entries[Int(tree.children[first + 2 * position])]
                    guard key.kind == .scalar else {
                        if !body(position, nil) { return false }
                        continue
                    }
                    let bytes = UnsafeBufferPointer(rebasing: text[Int(key.first)..<Int(key.first + key.count)])
                    if !body(position, names.index(ofBytes: bytes, ascii: key.ascii)) { return false }
                }
                return true
            }
        }
    }
}

extension YAMLNode {
    /// The position in `names` of the scalar's text (compared as `String`s compare), or `nil` when
    /// the node is not a scalar or its text is not one of the names.
    public func position(in names: YAMLKeyNames) -> Int? {
        let entry = tree.entries[index]
        guard entry.kind == .scalar else { return nil }
        return tree.text.withUnsafeBufferPointer { text in
            names.index(
                ofBytes: UnsafeBufferPointer(rebasing: text[Int(entry.first)..<Int(entry.first + entry.count)]),
                ascii: entry.ascii)
        }
    }
}
