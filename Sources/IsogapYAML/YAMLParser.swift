internal import CLibYAML
public import IsogapDiagnostics

/// Parses one YAML document into an ordered ``YAMLNode`` tree with libyaml.
///
/// The parser is strict: one document per file, no aliases, no tags, no duplicate keys, and the
/// caps of ``YAMLLimits``. Every problem becomes a located ``Diagnostic``.
public struct YAMLParser: Sendable {
    /// The outcome of parsing: a root node when the document could be read, and the problems met.
    public struct Result: Sendable {
        public var root: YAMLNode?
        public var diagnostics: [Diagnostic]
    }

    public var limits: YAMLLimits

    public init(limits: YAMLLimits = .standard) {
        self.limits = limits
    }

    /// Parses `bytes` read from `file` (the name used in diagnostics).
    public func parse(_ bytes: some Collection<UInt8>, file: String) -> Result {
        let input = Array(bytes)
        if input.count > limits.maxFileSize {
            return Result(
                root: nil,
                diagnostics: [
                    .error(
                        "the file is larger than the limit of \(limits.maxFileSize) bytes",
                        at: SourceLocation(file: file, line: 1, column: 1))
                ])
        }
        if input.starts(with: [0xFF, 0xFE]) || input.starts(with: [0xFE, 0xFF]) {
            return Result(
                root: nil,
                diagnostics: [
                    .error(
                        "the file is UTF-16; isogap reads UTF-8 only",
                        at: SourceLocation(file: file, line: 1, column: 1))
                ])
        }
        // A UTF-8 byte order mark is allowed (some editors write one) and is not part of the text.
        let text = input.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(input.dropFirst(3)) : input
        if let problem = SourceCheck.firstProblem(in: text) {
            return Result(
                root: nil,
                diagnostics: [
                    .error(problem.message, at: SourceLocation(file: file, line: problem.line, column: problem.column))
                ])
        }
        var builder = TreeBuilder(file: file, limits: limits, input: text)
        return builder.run()
    }

    /// Parses UTF-8 text (a convenience for tests and inline strings).
    public func parse(_ text: String, file: String) -> Result {
        parse(Array(text.utf8), file: file)
    }
}

/// Drives libyaml's event parser and assembles the tree.
private struct TreeBuilder {
    /// A list or mapping being built. Frames are mutated in place on the stack, so adding an item
    /// never copies the items before it.
    private struct Frame {
        var start: YAMLMark
        var isMapping: Bool
        var style: YAMLNode.CollectionStyle = .block
        var items: [YAMLNode] = []
        var pairs: [YAMLNode.Pair] = []
        var pendingKey: YAMLNode?
        /// Key index for duplicate detection, built only once a mapping is large: small mappings
        /// (most of them) are searched linearly, which is cheaper than hashing every key.
        var keyIndex: [String: Int]?

        /// The position in `pairs` of the entry with this key, if there is one.
        mutating func pairIndex(ofKey name: String) -> Int? {
            if let keyIndex { return keyIndex[name] }
            if pairs.count < Self.linearSearchLimit {
                return pairs.firstIndex { $0.key.scalar?.value == name }
            }
            var index: [String: Int] = [:]
            index.reserveCapacity(pairs.count * 2)
            for (position, pair) in pairs.enumerated() {
                if let key = pair.key.scalar?.value { index[key] = position }
            }
            keyIndex = index
            return index[name]
        }

        /// Records the key of the pair just appended.
        mutating func indexLastPair(key name: String) {
            keyIndex?[name] = pairs.count - 1
        }

        static let linearSearchLimit = 12
    }

    let file: String
    let limits: YAMLLimits
    let input: [UInt8]
    private var stack: [Frame] = []
    private var root: YAMLNode?
    private var diagnostics: [Diagnostic] = []
    private var nodeCount = 0
    private var documentCount = 0

    init(file: String, limits: YAMLLimits, input: [UInt8]) {
        self.file = file
        self.limits = limits
        self.input = input
    }

    mutating func run() -> YAMLParser.Result {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return YAMLParser.Result(root: nil, diagnostics: [.error("libyaml could not start", at: location(1, 1))])
        }
        defer { yaml_parser_delete(&parser) }
        let completed = input.withUnsafeBufferPointer { buffer -> Bool in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    diagnostics.append(libyamlError(parser))
                    return false
                }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { return true }
                guard handle(event) else { return false }
            }
        }
        if completed, documentCount == 0 {
            diagnostics.append(
                .error("the file is empty; expected a YAML mapping that starts with 'isogap: 1'", at: location(1, 1)))
        }
        let failed = !completed || diagnostics.containsErrors && root == nil
        return YAMLParser.Result(root: failed ? nil : root, diagnostics: diagnostics)
    }

    /// Handles one event; returns `false` to stop parsing.
    private mutating func handle(_ event: yaml_event_t) -> Bool {
        let mark = YAMLMark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        let end = YAMLMark(line: Int(event.end_mark.line) + 1, column: Int(event.end_mark.column) + 1)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documentCount += 1
            if documentCount > 1 {
                diagnostics.append(
                    .error(
                        "a file holds one YAML document; a second document starts here", at: location(mark)))
                return false
            }
        case YAML_ALIAS_EVENT:
            diagnostics.append(
                .error(
                    "aliases ('*name') are not supported; write the value out in full", at: location(mark)))
            return false
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            if data.tag != nil { rejectTag(at: mark) }
            guard data.length <= limits.maxScalarLength else {
                diagnostics.append(
                    .error(
                        "text of \(data.length) bytes is longer than the limit of \(limits.maxScalarLength) bytes",
                        at: location(mark)))
                return false
            }
            let value = String(decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self)
            return add(YAMLNode(.scalar(YAMLScalar(value, style: Self.style(data.style))), at: mark, end: end))
        case YAML_SEQUENCE_START_EVENT:
            if event.data.sequence_start.tag != nil { rejectTag(at: mark) }
            var frame = Frame(start: mark, isMapping: false)
            if event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE { frame.style = .flow }
            // Room for a typical list up front, so that it is not grown one step at a time.
            frame.items.reserveCapacity(4)
            return open(frame, at: mark)
        case YAML_MAPPING_START_EVENT:
            if event.data.mapping_start.tag != nil { rejectTag(at: mark) }
            var frame = Frame(start: mark, isMapping: true)
            if event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE { frame.style = .flow }
            frame.pairs.reserveCapacity(8)
            return open(frame, at: mark)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return true }
            let content: YAMLNode.Content = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
            return add(YAMLNode(content, at: frame.start, end: end, style: frame.style))
        default:
            break
        }
        return true
    }

    private mutating func open(_ frame: Frame, at mark: YAMLMark) -> Bool {
        guard stack.count < limits.maxDepth else {
            diagnostics.append(
                .error("nesting is deeper than the limit of \(limits.maxDepth) levels", at: location(mark)))
            return false
        }
        stack.append(frame)
        return true
    }

    /// Attaches a finished node to its parent, or makes it the root.
    private mutating func add(_ node: YAMLNode) -> Bool {
        nodeCount += 1
        guard nodeCount <= limits.maxNodes else {
            diagnostics.append(
                .error(
                    "the document has more than \(limits.maxNodes) values, the limit", at: location(node.mark)))
            return false
        }
        guard let top = stack.indices.last else {
            root = node
            return true
        }
        guard stack[top].isMapping else {
            stack[top].items.append(node)
            return true
        }
        guard let key = stack[top].pendingKey else {
            stack[top].pendingKey = node
            return true
        }
        stack[top].pendingKey = nil
        guard let name = key.scalar?.value else {
            diagnostics.append(.error("a key must be plain text, not \(key.kindDescription)", at: location(key.mark)))
            return true
        }
        if let first = stack[top].pairIndex(ofKey: name) {
            let firstMark = stack[top].pairs[first].key.mark
            diagnostics.append(
                .error(
                    "duplicate key '\(name)'", at: location(key.mark),
                    notes: [.init("'\(name)' is first defined here", at: location(firstMark))]))
        } else {
            stack[top].pairs.append(.init(key: key, value: node))
            stack[top].indexLastPair(key: name)
        }
        return true
    }

    private mutating func rejectTag(at mark: YAMLMark) {
        diagnostics.append(.error("YAML tags ('!name') are not supported; write the plain value", at: location(mark)))
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLScalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }

    /// Turns libyaml's reader, scanner or parser error into a diagnostic.
    private func libyamlError(_ parser: yaml_parser_t) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "unreadable YAML"
        if parser.error == YAML_READER_ERROR {
            let (line, column) = SourceCheck.position(ofByte: Int(parser.problem_offset), in: input)
            return .error(problem, at: location(line, column))
        }
        if parser.error == YAML_MEMORY_ERROR {
            return .error("libyaml ran out of memory", at: location(1, 1))
        }
        let mark = parser.problem_mark
        let at = clamped(Int(mark.line) + 1, Int(mark.column) + 1)
        var message = problem
        if byte(atLine: Int(mark.line), column: Int(mark.column)) == UInt8(ascii: "\t")
            || byte(atLine: Int(mark.line), column: leadingSpaces(line: Int(mark.line))) == UInt8(ascii: "\t")
        {
            message = "\(problem) (tab characters cannot indent YAML; use spaces)"
        }
        var notes: [Diagnostic.Note] = []
        if let context = parser.context.map({ String(cString: $0) }) {
            let contextMark = parser.context_mark
            notes.append(
                .init(
                    "\(context) that starts here",
                    at: clamped(Int(contextMark.line) + 1, Int(contextMark.column) + 1)))
        }
        return .error(message, at: at, notes: notes)
    }

    /// Byte offset where the 0-based `line` starts, counting line breaks as libyaml does.
    private func startOfLine(_ line: Int) -> Int {
        let starts = LineBreak.lineStarts(in: input)
        return line < starts.count ? starts[line] : input.count
    }

    /// The first byte of the character at 0-based `line` and `column`, if there is one.
    private func byte(atLine line: Int, column: Int) -> UInt8? {
        var index = startOfLine(line)
        var remaining = column
        while index < input.count, LineBreak.length(at: index, in: input) == 0 {
            if input[index] & 0xC0 != 0x80 {
                if remaining == 0 { return input[index] }
                remaining -= 1
            }
            index += 1
        }
        return nil
    }

    /// Number of spaces that begin the 0-based `line`.
    private func leadingSpaces(line: Int) -> Int {
        input[startOfLine(line)...].prefix { $0 == UInt8(ascii: " ") }.count
    }

    /// A location, moved back onto the last line when libyaml points just past the end of a file
    /// that does not end with a line break.
    private func clamped(_ line: Int, _ column: Int) -> SourceLocation {
        let (lastLine, lastColumn) = SourceCheck.position(ofByte: input.count, in: input)
        if line > lastLine { return location(lastLine, lastColumn) }
        return location(line, column)
    }

    private func location(_ mark: YAMLMark) -> SourceLocation {
        SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    private func location(_ line: Int, _ column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }
}
