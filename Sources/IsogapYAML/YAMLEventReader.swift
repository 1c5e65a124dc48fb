internal import CLibYAML
internal import IsogapDiagnostics

/// libyaml's event stream read straight into a loader's values, with no tree in between: the way a
/// file without a problem is read.
///
/// The reader accepts only what ``YAMLParser`` accepts without a word and stops (its methods answer
/// `false`) at anything else: a libyaml error, a tag, an alias, a second document, a limit of
/// ``YAMLLimits`` passed, a key that is not text, a repeated or unknown key. It never reports;
/// the caller parses the file into a tree instead and lets the checking decoder say what is wrong.
/// Nothing is located either, so no mark is kept.
///
/// A reader shares libyaml's parser with its copies: only the one ``read(_:limits:_:)`` hands to
/// its body (and passes on, `inout`, to the readers of values) may be used.
public struct YAMLEventReader: YAMLValueReading {
    /// What the current event is.
    enum Kind {
        case scalar, sequence, mapping
        /// The end of a list or mapping.
        case end
    }

    private let parser: UnsafeMutablePointer<yaml_parser_t>
    /// The current event, owned (and released) by the reader while `holdsEvent`.
    private let event: UnsafeMutablePointer<yaml_event_t>
    private var holdsEvent = false
    private let limits: YAMLLimits
    private(set) var kind = Kind.end
    /// How many lists and mappings are open, the current one included when it starts here.
    private var depth = 0
    private var nodes = 0
    private var documents = 0
    /// Set at the first problem, and at the end of the stream: every later step answers `false`.
    private var stopped = false
    private var atEndOfStream = false

    /// Reads `bytes` with `body`, which is given the reader at the document's root. The value is
    /// `body`'s, when `body` read the whole document and nothing follows it; `nil` when the file is
    /// refused before parsing (as ``YAMLParser`` refuses it), or as soon as anything is not as the
    /// reader accepts it.
    public static func read<Value>(
        _ bytes: [UInt8], limits: YAMLLimits = .standard, _ body: (inout YAMLEventReader) -> Value?
    ) -> Value? {
        guard case .success(let text) = YAMLParser.text(of: bytes, limits: limits) else { return nil }
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else { return nil }
        defer { yaml_parser_delete(parser) }
        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        defer { event.deallocate() }
        return text.withUnsafeBufferPointer { buffer -> Value? in
            yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            var reader = YAMLEventReader(parser: parser, event: event, limits: limits)
            defer { reader.releaseEvent() }
            guard reader.next(), let value = body(&reader), reader.hasFinishedValue(at: 0) else { return nil }
            // Nothing may follow the root: no second document, no error further on.
            return !reader.next() && reader.atEndOfStream ? value : nil
        }
    }

    private init(
        parser: UnsafeMutablePointer<yaml_parser_t>, event: UnsafeMutablePointer<yaml_event_t>, limits: YAMLLimits
    ) {
        self.parser = parser
        self.event = event
        self.limits = limits
    }

    /// Moves to the next scalar, start or end of a list or mapping; `false` at the end of the
    /// stream and at anything the reader does not accept.
    mutating func next() -> Bool {
        releaseEvent()
        while !stopped {
            guard yaml_parser_parse(parser, event) == 1 else { return stop() }
            holdsEvent = true
            switch event.pointee.type {
            case YAML_SCALAR_EVENT:
                let scalar = event.pointee.data.scalar
                guard scalar.tag == nil, scalar.length <= limits.maxScalarLength, countNode() else { return stop() }
                kind = .scalar
                return true
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let isSequence = event.pointee.type == YAML_SEQUENCE_START_EVENT
                let tag = isSequence ? event.pointee.data.sequence_start.tag : event.pointee.data.mapping_start.tag
                guard tag == nil, depth < limits.maxDepth, countNode() else { return stop() }
                depth += 1
                kind = isSequence ? .sequence : .mapping
                return true
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                depth -= 1
                kind = .end
                return true
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 { return stop() }
            case YAML_STREAM_END_EVENT:
                atEndOfStream = true
                return stop()
            case YAML_ALIAS_EVENT:
                return stop()
            default:
                // The start of the stream and the end of the document say nothing.
                break
            }
            releaseEvent()
        }
        return false
    }

    /// Counts a node against the limit; `false` past it.
    private mutating func countNode() -> Bool {
        nodes += 1
        return nodes <= limits.maxNodes
    }

    private mutating func stop() -> Bool {
        releaseEvent()
        stopped = true
        return false
    }

    private mutating func releaseEvent() {
        guard holdsEvent else { return }
        yaml_event_delete(event)
        holdsEvent = false
    }

    /// Whether the value that started at `depth` has been read to its end: a scalar, or the end
    /// of its list or mapping.
    private func hasFinishedValue(at depth: Int) -> Bool {
        self.depth == depth && (kind == .scalar || kind == .end)
    }

    // MARK: Reading values

    public func withScalarBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>, YAMLScalar.Style) -> Result) -> Result? {
        guard kind == .scalar, holdsEvent else { return nil }
        let scalar = event.pointee.data.scalar
        return body(UnsafeBufferPointer(start: scalar.value, count: scalar.length), YAMLScalar.Style(scalar.style))
    }

    public func position(in names: YAMLKeyNames) -> Int? {
        withScalarBytes { bytes, _ in names.index(ofBytes: bytes, ascii: ASCII.isASCII(bytes)) } ?? nil
    }

    /// See ``YAMLValueReading/allValues(in:_:)``. A stream keeps no keys, so a repeated key is
    /// found only among `names` (up to 64): the reader stops at an unknown key without calling
    /// `body`, where a tree calls it with `nil`.
    public mutating func allValues(
        in names: YAMLKeyNames, _ body: (_ name: Int?, _ value: inout YAMLEventReader) -> Bool
    ) -> Bool {
        guard kind == .mapping, names.count <= 64 else { return false }
        let depth = depth
        var seen: UInt64 = 0
        while next() {
            if kind == .end { return true }
            guard let name = position(in: names), seen & (1 << name) == 0 else { return false }
            seen |= 1 << name
            guard next(), body(name, &self), hasFinishedValue(at: depth) else { return false }
        }
        return false
    }

    public mutating func allItems(_ body: (_ item: inout YAMLEventReader) -> Bool) -> Bool {
        guard kind == .sequence else { return false }
        let depth = depth
        while next() {
            if kind == .end { return true }
            guard body(&self), hasFinishedValue(at: depth) else { return false }
        }
        return false
    }

    /// When the value is a mapping whose keys are distinct texts of at most 16 ASCII characters
    /// (requirement ids, for instance), calls `body` for each entry in order with its key's text
    /// and its value, until `body` returns `false`. Returns whether all of that held and `body`
    /// never returned `false`. (Keys that are longer or not ASCII stop the reader: they may equal
    /// others in `String`'s sense, which only the tree checks.)
    public mutating func allEntries(_ body: (_ key: String, _ value: inout YAMLEventReader) -> Bool) -> Bool {
        guard kind == .mapping else { return false }
        let depth = depth
        var keys: Set<ASCII.Packed> = []
        // Room for every requirement of a large checklist (ISO 10002 has about 250), so that the
        // set is not rebuilt as it grows.
        keys.reserveCapacity(256)
        while next() {
            if kind == .end { return true }
            let key = withScalarBytes { bytes, _ -> String? in
                guard let packed = ASCII.Packed(bytes), keys.insert(packed).inserted else { return nil }
                return String(decoding: bytes, as: UTF8.self)
            }
            guard let key = key ?? nil, next(), body(key, &self), hasFinishedValue(at: depth) else { return false }
        }
        return false
    }
}

extension YAMLScalar.Style {
    /// The style libyaml reports.
    init(_ style: yaml_scalar_style_t) {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: self = .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: self = .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: self = .literal
        case YAML_FOLDED_SCALAR_STYLE: self = .folded
        default: self = .plain
        }
    }
}
