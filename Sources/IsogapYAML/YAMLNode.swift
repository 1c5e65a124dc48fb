internal import IsogapDiagnostics

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
    public enum Style: UInt8, Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public var value: String
    public var style: Style

    public init(_ value: String, style: Style = .plain) {
        self.value = value
        self.style = style
    }
}

/// Every node of one parsed document in flat storage: one array of entries, one array of child
/// indices and one buffer holding the text of every scalar. Nothing is allocated per node, and a
/// scalar becomes a `String` only when a reader asks for it.
///
/// A tree is never changed once built, so it is shared freely between threads.
public final class YAMLTree: Sendable {
    /// One node. A scalar's text is `text[first ..< first + count]`; a list's items are
    /// `children[first ..< first + count]`; a mapping's entries are `count` key and value pairs
    /// from `children[first]` on.
    struct Entry {
        var kind: Kind
        var style: UInt8
        /// Whether a scalar's text is all ASCII (set while copying it), so that comparisons can
        /// stop at the bytes: ASCII text equals other text as a `String` only when the bytes do.
        var ascii: Bool = true
        var first: Int32
        var count: Int32
        var line: Int32
        var column: Int32
        var endLine: Int32
        var endColumn: Int32
    }

    enum Kind: UInt8 {
        case scalar, sequence, mapping
    }

    let entries: [Entry]
    let children: [Int32]
    let text: [UInt8]

    init(entries: [Entry], children: [Int32], text: [UInt8]) {
        self.entries = entries
        self.children = children
        self.text = text
    }

    /// A tree holding a copy of `content` (nodes of any trees) as its root, index 0.
    convenience init(
        copying content: YAMLNode.Content, at mark: YAMLMark, end: YAMLMark, style: YAMLNode.CollectionStyle
    ) {
        var builder = Builder()
        builder.add(content, at: mark, end: end, style: style)
        self.init(entries: builder.entries, children: builder.children, text: builder.text)
    }

    /// Builds a tree by copying nodes, for nodes made in code rather than parsed.
    private struct Builder {
        var entries: [Entry] = []
        var children: [Int32] = []
        var text: [UInt8] = []

        @discardableResult
        mutating func add(
            _ content: YAMLNode.Content, at mark: YAMLMark, end: YAMLMark, style: YAMLNode.CollectionStyle
        ) -> Int32 {
            let index = Int32(entries.count)
            var entry = Entry(
                kind: .scalar, style: style == .flow ? 1 : 0, first: 0, count: 0, line: Int32(clamping: mark.line),
                column: Int32(clamping: mark.column), endLine: Int32(clamping: end.line),
                endColumn: Int32(clamping: end.column))
            switch content {
            case .scalar(let scalar):
                entry.style = scalar.style.rawValue
                entry.first = Int32(text.count)
                text.append(contentsOf: scalar.value.utf8)
                entry.count = Int32(text.count) - entry.first
                var value = scalar.value
                entry.ascii = value.withUTF8(ASCII.isASCII)
                entries.append(entry)
            case .sequence(let items):
                entry.kind = .sequence
                entries.append(entry)
                let childIndices = items.map { copy($0) }
                entries[Int(index)].first = Int32(children.count)
                entries[Int(index)].count = Int32(childIndices.count)
                children += childIndices
            case .mapping(let pairs):
                entry.kind = .mapping
                entries.append(entry)
                var childIndices: [Int32] = []
                for pair in pairs {
                    childIndices.append(copy(pair.key))
                    childIndices.append(copy(pair.value))
                }
                entries[Int(index)].first = Int32(children.count)
                entries[Int(index)].count = Int32(pairs.count)
                children += childIndices
            }
            return index
        }

        mutating func copy(_ node: YAMLNode) -> Int32 {
            add(node.content, at: node.mark, end: node.end, style: node.style)
        }
    }
}

/// A node of an ordered YAML tree: every node knows where it starts in the source.
///
/// A node is a position in a ``YAMLTree``; copying one copies a reference and an index.
public struct YAMLNode: Sendable {
    /// One entry of a mapping, in source order.
    public struct Pair: Sendable, Hashable {
        public var key: YAMLNode
        public var value: YAMLNode

        public init(key: YAMLNode, value: YAMLNode) {
            self.key = key
            self.value = value
        }
    }

    /// What a node holds (built on request: readers use ``scalar``, ``sequence`` and ``mapping``).
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

    let tree: YAMLTree
    let index: Int

    init(tree: YAMLTree, index: Int) {
        self.tree = tree
        self.index = index
    }

    /// A node made in code, with its own storage.
    public init(_ content: Content, at mark: YAMLMark, end: YAMLMark? = nil, style: CollectionStyle = .block) {
        tree = YAMLTree(copying: content, at: mark, end: end ?? mark, style: style)
        index = 0
    }

    private var entry: YAMLTree.Entry { tree.entries[index] }

    /// What the node holds. Setting it gives the node storage of its own.
    public var content: Content {
        get {
            let entry = entry
            switch entry.kind {
            case .scalar: return .scalar(scalarValue(entry))
            case .sequence: return .sequence(Array(Items(tree: tree, first: Int(entry.first), count: Int(entry.count))))
            case .mapping: return .mapping(Array(Pairs(tree: tree, first: Int(entry.first), count: Int(entry.count))))
            }
        }
        set {
            self = YAMLNode(newValue, at: mark, end: end, style: style)
        }
    }

    /// How a list or mapping was written (always `.block` for scalars).
    public var style: CollectionStyle {
        let entry = entry
        return entry.kind != .scalar && entry.style == 1 ? .flow : .block
    }

    /// Where the node starts.
    public var mark: YAMLMark {
        let entry = entry
        return YAMLMark(line: Int(entry.line), column: Int(entry.column))
    }

    /// Just after the node ends (for a quoted scalar, after the closing quote).
    public var end: YAMLMark {
        let entry = entry
        return YAMLMark(line: Int(entry.endLine), column: Int(entry.endColumn))
    }

    private func scalarValue(_ entry: YAMLTree.Entry) -> YAMLScalar {
        let value = tree.text.withUnsafeBufferPointer { buffer in
            String(
                decoding: UnsafeBufferPointer(rebasing: buffer[Int(entry.first)..<Int(entry.first + entry.count)]),
                as: UTF8.self)
        }
        return YAMLScalar(value, style: YAMLScalar.Style(rawValue: entry.style) ?? .plain)
    }

    /// The scalar, when the node is one (its text is decoded on each request).
    public var scalar: YAMLScalar? {
        let entry = entry
        guard entry.kind == .scalar else { return nil }
        return scalarValue(entry)
    }

    /// The items, when the node is a sequence.
    public var sequence: Items? {
        let entry = entry
        guard entry.kind == .sequence else { return nil }
        return Items(tree: tree, first: Int(entry.first), count: Int(entry.count))
    }

    /// The entries in source order, when the node is a mapping.
    public var mapping: Pairs? {
        let entry = entry
        guard entry.kind == .mapping else { return nil }
        return Pairs(tree: tree, first: Int(entry.first), count: Int(entry.count))
    }

    /// Whether the node is a scalar (any style).
    public var isScalar: Bool { entry.kind == .scalar }

    /// Whether the node is a list or mapping written in flow style.
    public var isFlow: Bool { style == .flow }

    /// The scalar's style, when the node is one.
    public var scalarStyle: YAMLScalar.Style? {
        let entry = entry
        guard entry.kind == .scalar else { return nil }
        return YAMLScalar.Style(rawValue: entry.style) ?? .plain
    }

    /// Calls `body` with the scalar's UTF-8 bytes and style, without making a `String`; `nil` when
    /// the node is not a scalar.
    public func withScalarBytes<Result>(
        _ body: (UnsafeBufferPointer<UInt8>, YAMLScalar.Style) -> Result
    ) -> Result? {
        let entry = entry
        guard entry.kind == .scalar else { return nil }
        let style = YAMLScalar.Style(rawValue: entry.style) ?? .plain
        return tree.text.withUnsafeBufferPointer { buffer in
            body(UnsafeBufferPointer(rebasing: buffer[Int(entry.first)..<Int(entry.first + entry.count)]), style)
        }
    }

    /// Whether the node is a scalar (of any style) whose text is `text` (compared as `String`s
    /// are, but without making one when both are ASCII).
    public func isScalar(_ text: String) -> Bool {
        let entry = entry
        guard entry.kind == .scalar else { return false }
        var text = text
        let (equal, ascii) = text.withUTF8 { wanted -> (Bool, Bool) in
            tree.text.withUnsafeBufferPointer { buffer in
                let stored = UnsafeBufferPointer(rebasing: buffer[Int(entry.first)..<Int(entry.first + entry.count)])
                if stored.elementsEqual(wanted) { return (true, true) }
                return (false, entry.ascii && ASCII.isASCII(wanted))
            }
        }
        if equal { return true }
        // Different bytes can still be the same text in Unicode's sense (a precomposed letter and
        // its decomposed form), which `String` equality honours.
        return ascii ? false : scalarValue(entry).value == text
    }

    /// The value of the entry `key`, when the node is a mapping that has one.
    public subscript(key: String) -> YAMLNode? {
        pair(forKey: key)?.value
    }

    /// The entry `key` (its key node and value), when the node is a mapping that has one.
    public func pair(forKey key: String) -> Pair? {
        mapping?.first { $0.key.isScalar(key) }
    }

    /// Whether two nodes hold the same content: the same scalars (text and style), lists and
    /// mappings in the same order. Positions and collection styles are not compared.
    public func hasSameContent(as other: YAMLNode) -> Bool {
        let left = entry, right = other.entry
        guard left.kind == right.kind, left.kind == .scalar || left.count == right.count else { return false }
        switch left.kind {
        case .scalar:
            guard left.style == right.style else { return false }
            if tree.text[Int(left.first)..<Int(left.first + left.count)]
                .elementsEqual(other.tree.text[Int(right.first)..<Int(right.first + right.count)])
            {
                return true
            }
            // Different bytes can still be the same text as `String`s compare it (not when both
            // are ASCII).
            if left.ascii && right.ascii { return false }
            return scalar?.value == other.scalar?.value
        case .sequence, .mapping:
            // A mapping's children are its keys and values in turn: compared the same way.
            let width = left.kind == .mapping ? 2 : 1
            for offset in 0..<Int(left.count) * width {
                let mine = YAMLNode(tree: tree, index: Int(tree.children[Int(left.first) + offset]))
                let theirs = YAMLNode(tree: other.tree, index: Int(other.tree.children[Int(right.first) + offset]))
                if !mine.hasSameContent(as: theirs) { return false }
            }
            return true
        }
    }

    /// A short name for the node's kind, for messages such as "expected a list, found a mapping".
    public var kindDescription: String {
        switch entry.kind {
        case .scalar: isNull ? "nothing (null)" : "text '\(scalar?.value.abbreviated ?? "")'"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }
}

extension YAMLNode: Hashable {
    /// Nodes are equal when they hold the same content in the same styles at the same positions.
    public static func == (left: YAMLNode, right: YAMLNode) -> Bool {
        if left.tree === right.tree, left.index == right.index { return true }
        return left.mark == right.mark && left.end == right.end && left.style == right.style
            && left.content == right.content
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(mark)
        hasher.combine(end)
        hasher.combine(entry.kind.rawValue)
    }
}

extension YAMLNode {
    /// The items of a list, as nodes of its tree.
    public struct Items: RandomAccessCollection, Sendable {
        let tree: YAMLTree
        let first: Int
        public let count: Int

        public var startIndex: Int { 0 }
        public var endIndex: Int { count }

        public subscript(position: Int) -> YAMLNode {
            precondition(position >= 0 && position < count, "index out of range")
            return YAMLNode(tree: tree, index: Int(tree.children[first + position]))
        }
    }

    /// The entries of a mapping in source order, as nodes of its tree.
    public struct Pairs: RandomAccessCollection, Sendable {
        let tree: YAMLTree
        let first: Int
        public let count: Int

        public var startIndex: Int { 0 }
        public var endIndex: Int { count }

        public subscript(position: Int) -> Pair {
            precondition(position >= 0 && position < count, "index out of range")
            let base = first + 2 * position
            return Pair(
                key: YAMLNode(tree: tree, index: Int(tree.children[base])),
                value: YAMLNode(tree: tree, index: Int(tree.children[base + 1])))
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
