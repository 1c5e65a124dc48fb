/// A 1-based position in a YAML source, as libyaml reports it (columns count characters).
public struct YAMLMark: Sendable, Hashable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// A scalar's text and how it was written.
public struct YAMLScalar: Sendable, Hashable {
    /// How a scalar was written in the source; strict typing depends on it (a quoted `"true"` is
    /// text, a plain `true` is a boolean).
    public enum Style: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public var value: String
    public var style: Style

    public init(_ value: String, style: Style = .plain) {
        self.value = value
        self.style = style
    }
}

/// A node of an ordered YAML tree: every node knows where it starts in the source.
public struct YAMLNode: Sendable, Hashable {
    /// One entry of a mapping, in source order.
    public struct Pair: Sendable, Hashable {
        public var key: YAMLNode
        public var value: YAMLNode

        public init(key: YAMLNode, value: YAMLNode) {
            self.key = key
            self.value = value
        }
    }

    /// What a node holds.
    public enum Content: Sendable, Hashable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping([Pair])
    }

    /// How a list or mapping is written, as libyaml reported it.
    public enum CollectionStyle: Sendable, Hashable {
        /// Indented lines (`- item`, `key: value`).
        case block
        /// Brackets and braces (`[a, b]`, `{key: value}`).
        case flow
    }

    public var content: Content
    /// How a list or mapping was written (always `.block` for scalars).
    public var style: CollectionStyle
    /// Where the node starts.
    public var mark: YAMLMark
    /// Just after the node ends (for a quoted scalar, after the closing quote).
    public var end: YAMLMark

    public init(_ content: Content, at mark: YAMLMark, end: YAMLMark? = nil, style: CollectionStyle = .block) {
        self.content = content
        self.style = style
        self.mark = mark
        self.end = end ?? mark
    }

    /// The scalar, when the node is one.
    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    /// The items, when the node is a sequence.
    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// The entries in source order, when the node is a mapping.
    public var mapping: [Pair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// Whether the node is a list or mapping written in flow style.
    public var isFlow: Bool { style == .flow }

    /// The value of the entry `key`, when the node is a mapping that has one.
    public subscript(key: String) -> YAMLNode? {
        pair(forKey: key)?.value
    }

    /// The entry `key` (its key node and value), when the node is a mapping that has one.
    public func pair(forKey key: String) -> Pair? {
        mapping?.first { $0.key.scalar?.value == key }
    }

    /// Whether two nodes hold the same content: the same scalars (text and style), lists and
    /// mappings in the same order. Positions and collection styles are not compared.
    public func hasSameContent(as other: YAMLNode) -> Bool {
        switch (content, other.content) {
        case (.scalar(let left), .scalar(let right)): return left == right
        case (.sequence(let left), .sequence(let right)):
            return left.count == right.count && zip(left, right).allSatisfy { $0.hasSameContent(as: $1) }
        case (.mapping(let left), .mapping(let right)):
            return left.count == right.count
                && zip(left, right).allSatisfy {
                    $0.key.hasSameContent(as: $1.key) && $0.value.hasSameContent(as: $1.value)
                }
        default: return false
        }
    }

    /// A short name for the node's kind, for messages such as "expected a list, found a mapping".
    public var kindDescription: String {
        switch content {
        case .scalar(let scalar): scalar.isNull ? "nothing (null)" : "text '\(scalar.value.abbreviated)'"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }
}

extension String {
    /// The string cut to a length that reads well inside a message.
    var abbreviated: String {
        let flat = String(map { $0.isNewline ? " " : $0 })
        return flat.count <= 40 ? flat : String(flat.prefix(37)) + "..."
    }
}
