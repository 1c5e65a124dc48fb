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
        switch Self.text(of: Array(bytes), limits: limits) {
        case .failure(let problem):
            return Result(
                root: nil,
                diagnostics: [
                    .error(problem.message, at: SourceLocation(file: file, line: problem.line, column: problem.column))
                ])
        case .success(let text):
            var builder = TreeBuilder(file: file, limits: limits, input: text)
            return builder.run()
        }
    }

    /// The text libyaml is given for `input` (without a UTF-8 byte order mark), or why the file is
    /// refused before libyaml reads it: its size, its encoding or a character.
    static func text(of input: [UInt8], limits: YAMLLimits) -> Swift.Result<[UInt8], SourceCheck.Problem> {
        if input.count > limits.maxFileSize {
            return .failure(
                SourceCheck.Problem(
                    message: "the file is larger than the limit of \(limits.maxFileSize) bytes", line: 1, column: 1))
        }
        if input.starts(with: [0xFF, 0xFE]) || input.starts(with: [0xFE, 0xFF]) {
            return .failure(
                SourceCheck.Problem(message: "the file is UTF-16; isogap reads UTF-8 only", line: 1, column: 1))
        }
        // A UTF-8 byte order mark is allowed (some editors write one) and is not part of the text.
        let text = input.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(input.dropFirst(3)) : input
        if let problem = SourceCheck.firstProblem(in: text) {
            return .failure(problem)
        }
        return .success(text)
    }

    /// Parses UTF-8 text (a convenience for tests and inline strings).
    public func parse(_ text: String, file: String) -> Result {
        parse(Array(text.utf8), file: file)
    }
}

/// Drives libyaml's event parser and assembles the tree in flat storage (``YAMLTree``).
private struct TreeBuilder {
    /// A list or mapping being built: where its entry is and where its children start on the
    /// shared stack of pending children.
    private struct Frame {
        var entry: Int
        var isMapping: Bool
        var childrenStart: Int
        /// The key read last, waiting for its value (mappings only).
        var pendingKey: Int32?
        /// Key index for duplicate detection, built only once a mapping is large: small mappings
        /// (most of them) are searched linearly, which is cheaper than hashing every key.
        var keyIndex: KeyIndex?
    }

    /// The keys of a large mapping, for duplicate detection. While every key is short ASCII
    /// (requirement ids, for instance) they are held packed, so no `String` is made or hashed;
    /// from the first key that is long or not ASCII on, every key is held as a `String`, so that
    /// texts equal as `String`s (canonical equivalents) are still found equal.
    private struct KeyIndex {
        var packed: [ASCII.Packed: Int32] = [:]
        var strings: [String: Int32]?
    }

    static let linearSearchLimit = 24

    let file: String
    let limits: YAMLLimits
    let input: [UInt8]
    /// The innermost open list or mapping, kept apart from the ones around it (`outer`, innermost
    /// last) so that the work done for every event touches no array.
    private var top: Frame?
    private var outer: [Frame] = []
    private var entries: [YAMLTree.Entry] = []
    /// The finished children of every open collection, in order (a mapping's as key, value, ...).
    private var pending: [Int32] = []
    private var children: [Int32] = []
    /// Every scalar's bytes, one after the other, in `text[..<textCount]`; the rest is room made
    /// ahead, so that copying a scalar in is one `memcpy`.
    private var text: [UInt8]
    private var textCount = 0
    private var root: Int32?
    private var diagnostics: [Diagnostic] = []
    private var documentCount = 0
    private var nodeCount = 0

    init(file: String, limits: YAMLLimits, input: [UInt8]) {
        self.file = file
        self.limits = limits
        self.input = input
        // Typical proportions of an isogap file, so that the arrays are not grown step by step.
        entries.reserveCapacity(input.count / 12 + 16)
        children.reserveCapacity(input.count / 12 + 16)
        // Scalars' text is rarely longer than the file (only escapes such as `\L` lengthen it).
        text = Array(repeating: 0, count: input.count + 16)
        pending.reserveCapacity(256)
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
        guard !failed, let root else { return YAMLParser.Result(root: nil, diagnostics: diagnostics) }
        text.removeSubrange(textCount...)
        let tree = YAMLTree(entries: entries, children: children, text: text)
        return YAMLParser.Result(root: YAMLNode(tree: tree, index: Int(root)), diagnostics: diagnostics)
    }

    /// Handles one event; returns `false` to stop parsing.
    private mutating func handle(_ event: yaml_event_t) -> Bool {
        let line = Int32(clamping: event.start_mark.line + 1)
        let column = Int32(clamping: event.start_mark.column + 1)
        let endLine = Int32(clamping: event.end_mark.line + 1)
        let endColumn = Int32(clamping: event.end_mark.column + 1)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documentCount += 1
            if documentCount > 1 {
                diagnostics.append(
                    .error(
                        "a file holds one YAML document; a second document starts here", at: location(line, column)))
                return false
            }
        case YAML_ALIAS_EVENT:
            diagnostics.append(
                .error(
                    "aliases ('*name') are not supported; write the value out in full", at: location(line, column)))
            return false
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            if data.tag != nil { rejectTag(at: location(line, column)) }
            guard data.length <= limits.maxScalarLength else {
                diagnostics.append(
                    .error(
                        "text of \(data.length) bytes is longer than the limit of \(limits.maxScalarLength) bytes",
                        at: location(line, column)))
                return false
            }
            let first = Int32(textCount)
            var ascii = true
            if data.length > 0 {
                let bytes = UnsafeBufferPointer(start: data.value, count: data.length)
                ascii = ASCII.isASCII(bytes)
                if textCount + bytes.count > text.count {
                    text += [UInt8](repeating: 0, count: max(text.count, bytes.count))
                }
                // Pointer arithmetic, not a slice: a slice costs a generic metadata look-up in
                // unoptimised builds, which the tests run.
                text.withUnsafeMutableBytes { room in
                    guard let start = room.baseAddress, let source = bytes.baseAddress else { return }
                    (start + textCount).copyMemory(from: source, byteCount: bytes.count)
                }
                textCount += bytes.count
            }
            entries.append(
                YAMLTree.Entry(
                    kind: .scalar, style: YAMLScalar.Style(data.style).rawValue, ascii: ascii, first: first,
                    count: Int32(data.length), line: line, column: column, endLine: endLine, endColumn: endColumn))
            return add(Int32(entries.count - 1))
        case YAML_SEQUENCE_START_EVENT:
            if event.data.sequence_start.tag != nil { rejectTag(at: location(line, column)) }
            let flow = event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
            return open(.sequence, flow: flow, line: line, column: column)
        case YAML_MAPPING_START_EVENT:
            if event.data.mapping_start.tag != nil { rejectTag(at: location(line, column)) }
            let flow = event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
            return open(.mapping, flow: flow, line: line, column: column)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = top else { return true }
            top = outer.popLast()
            let first = children.count
            children.append(contentsOf: pending[frame.childrenStart...])
            let count = pending.count - frame.childrenStart
            pending.removeSubrange(frame.childrenStart...)
            entries[frame.entry].first = Int32(first)
            entries[frame.entry].count = Int32(frame.isMapping ? count / 2 : count)
            entries[frame.entry].endLine = endLine
            entries[frame.entry].endColumn = endColumn
            return add(Int32(frame.entry))
        default:
            break
        }
        return true
    }

    private mutating func open(_ kind: YAMLTree.Kind, flow: Bool, line: Int32, column: Int32) -> Bool {
        guard outer.count + (top == nil ? 0 : 1) < limits.maxDepth else {
            diagnostics.append(
                .error("nesting is deeper than the limit of \(limits.maxDepth) levels", at: location(line, column)))
            return false
        }
        if let top { outer.append(top) }
        top = Frame(entry: entries.count, isMapping: kind == .mapping, childrenStart: pending.count)
        entries.append(
            YAMLTree.Entry(
                kind: kind, style: flow ? 1 : 0, first: 0, count: 0, line: line, column: column, endLine: line,
                endColumn: column))
        return true
    }

    /// Attaches a finished node to its parent, or makes it the root.
    private mutating func add(_ node: Int32) -> Bool {
        nodeCount += 1
        guard nodeCount <= limits.maxNodes else {
            let entry = entries[Int(node)]
            diagnostics.append(
                .error(
                    "the document has more than \(limits.maxNodes) values, the limit",
                    at: location(entry.line, entry.column)))
            return false
        }
        // Read in place (`top?.`): a copy of the frame would retain its key index.
        guard top != nil else {
            root = node
            return true
        }
        guard top?.isMapping == true else {
            pending.append(node)
            return true
        }
        guard let key = top?.pendingKey else {
            top?.pendingKey = node
            return true
        }
        top?.pendingKey = nil
        let keyEntry = entries[Int(key)]
        guard keyEntry.kind == .scalar else {
            let what = keyEntry.kind == .sequence ? "a list" : "a mapping"
            diagnostics.append(
                .error("a key must be plain text, not \(what)", at: location(keyEntry.line, keyEntry.column)))
            return true
        }
        if let first = duplicate(ofKey: key) {
            let firstEntry = entries[Int(first)]
            let name = string(keyEntry)
            diagnostics.append(
                .error(
                    "duplicate key '\(name)'", at: location(keyEntry.line, keyEntry.column),
                    notes: [.init("'\(name)' is first defined here", at: location(firstEntry.line, firstEntry.column))]
                ))
        } else {
            pending.append(key)
            pending.append(node)
        }
        return true
    }

    /// The text of a scalar entry.
    private func string(_ entry: YAMLTree.Entry) -> String {
        text.withUnsafeBufferPointer { buffer in
            String(
                decoding: UnsafeBufferPointer(rebasing: buffer[Int(entry.first)..<Int(entry.first + entry.count)]),
                as: UTF8.self)
        }
    }

    /// The key already in the innermost mapping that equals the scalar `key` (as `String`s
    /// compare), if there is one; otherwise `key` is added to the mapping's index, if it has one.
    private mutating func duplicate(ofKey key: Int32) -> Int32? {
        guard let start = top?.childrenStart else { return nil }
        let entry = entries[Int(key)]
        var index: KeyIndex
        if let existing = top?.keyIndex {
            index = existing
            // The frame lets go of it, so that `index` is the only reference and changes in place.
            top?.keyIndex = nil
        } else {
            if (pending.count - start) / 2 < Self.linearSearchLimit { return linearDuplicate(of: entry, from: start) }
            index = keyIndex(from: start)
        }
        defer { top?.keyIndex = index }
        if index.strings == nil {
            if let packed = packed(entry) {
                if let first = index.packed[packed] { return first }
                index.packed[packed] = key
                return nil
            }
            // This key may equal a packed one as `String`s: from now on every key is a `String`.
            index = KeyIndex(strings: stringIndex(from: start))
        }
        let name = string(entry)
        if let first = index.strings?[name] { return first }
        index.strings?[name] = key
        return nil
    }

    /// The key among the innermost mapping's keys (from `start` in `pending`) that equals `wanted`,
    /// compared one by one.
    private func linearDuplicate(of wanted: YAMLTree.Entry, from start: Int) -> Int32? {
        text.withUnsafeBufferPointer { text -> Int32? in
            guard let base = text.baseAddress else { return nil }
            let wantedBytes = base + Int(wanted.first)
            for position in stride(from: start, to: pending.count, by: 2) {
                let existing = pending[position]
                let entry = entries[Int(existing)]
                if entry.count == wanted.count, Self.sameBytes(base + Int(entry.first), wantedBytes, Int(entry.count)) {
                    return existing
                }
                // ASCII text is the same `String` only when the bytes are; other text may be equal
                // in Unicode's sense.
                if !(entry.ascii && wanted.ascii), string(entry) == string(wanted) { return existing }
            }
            return nil
        }
    }

    /// A byte loop (keys are short): cheaper than a generic comparison of two buffers.
    @inline(__always)
    private static func sameBytes(_ left: UnsafePointer<UInt8>, _ right: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        for offset in 0..<count where left[offset] != right[offset] { return false }
        return true
    }

    /// An index of the innermost mapping's keys so far (from `start` in `pending`).
    private func keyIndex(from start: Int) -> KeyIndex {
        var index = KeyIndex()
        index.packed.reserveCapacity(4 * Self.linearSearchLimit)
        for position in stride(from: start, to: pending.count, by: 2) {
            let key = pending[position]
            guard let packed = packed(entries[Int(key)]) else { return KeyIndex(strings: stringIndex(from: start)) }
            index.packed[packed] = key
        }
        return index
    }

    /// The innermost mapping's keys so far (from `start` in `pending`) by their text.
    private func stringIndex(from start: Int) -> [String: Int32] {
        var index: [String: Int32] = [:]
        index.reserveCapacity(pending.count - start)
        for position in stride(from: start, to: pending.count, by: 2) {
            index[string(entries[Int(pending[position])])] = pending[position]
        }
        return index
    }

    /// A scalar's text packed, when it is ASCII and short.
    private func packed(_ entry: YAMLTree.Entry) -> ASCII.Packed? {
        guard entry.ascii, entry.count <= 16 else { return nil }
        return text.withUnsafeBufferPointer { buffer in
            ASCII.Packed(UnsafeBufferPointer(rebasing: buffer[Int(entry.first)..<Int(entry.first + entry.count)]))
        }
    }

    private mutating func rejectTag(at location: SourceLocation) {
        diagnostics.append(.error("YAML tags ('!name') are not supported; write the plain value", at: location))
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

    private func location(_ line: Int, _ column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }

    private func location(_ line: Int32, _ column: Int32) -> SourceLocation {
        SourceLocation(file: file, line: Int(line), column: Int(column))
    }
}
