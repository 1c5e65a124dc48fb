public import IsogapDiagnostics
internal import IsogapYAML

/// The result of loading one file: the value when the file could be read, every diagnostic found,
/// and the source map that locates later findings about the same file.
public struct Loaded<Value: Sendable>: Sendable {
    public var value: Value?
    public var diagnostics: [Diagnostic]
    public var sourceMap: SourceMap?

    public init(value: Value?, diagnostics: [Diagnostic], sourceMap: SourceMap?) {
        self.value = value
        self.diagnostics = diagnostics
        self.sourceMap = sourceMap
    }

    /// Whether the file loaded with no error.
    public var succeeded: Bool { value != nil && !diagnostics.containsErrors }
}

/// One file parsed once: the node tree, the kind its header names, and the problems found so far.
/// A loader of any kind takes it from here without parsing the file again.
public struct ParsedDocument: Sendable {
    /// The file as the user named it.
    public let file: String
    /// The kind named by the header; `nil` when the file does not parse or its header is wrong.
    public let kind: DocumentKind?
    /// Problems of parsing and of the header (why ``kind`` is `nil`), with source lines attached.
    public let diagnostics: [Diagnostic]
    let root: YAMLNode?
    let parseDiagnostics: [Diagnostic]
    let lines: SourceLines
    let source: [UInt8]

    public init(_ bytes: some Collection<UInt8>, file: String) {
        self.file = file
        source = Array(bytes)
        lines = SourceLines(file: file, bytes: source)
        let parsed = YAMLParser().parse(source, file: file)
        root = parsed.root
        parseDiagnostics = parsed.diagnostics
        if let root {
            var decoder = NodeDecoder(file: file)
            decoder.append(parsed.diagnostics)
            kind = DocumentHeader.read(root, expected: nil, decoder: &decoder)
            diagnostics = lines.attach(to: decoder.diagnostics)
        } else {
            kind = nil
            diagnostics = lines.attach(to: parsed.diagnostics)
        }
    }
}

/// Shared first steps of every loader: check the header of the parsed document, then decode.
enum DocumentLoading {
    static func load<Value>(
        _ document: ParsedDocument, kind: DocumentKind, decode: (inout NodeDecoder, YAMLNode) -> Value
    ) -> Loaded<Value> {
        let file = document.file
        let lines = document.lines
        guard let root = document.root else {
            return Loaded(value: nil, diagnostics: lines.attach(to: document.parseDiagnostics), sourceMap: nil)
        }
        var decoder = NodeDecoder(file: file)
        decoder.append(document.parseDiagnostics)
        let map = SourceMap(file: file, root: root, bytes: document.source)
        guard DocumentHeader.read(root, expected: kind, decoder: &decoder) != nil else {
            return Loaded(value: nil, diagnostics: lines.attach(to: decoder.diagnostics), sourceMap: map)
        }
        let value = decode(&decoder, root)
        return Loaded(value: value, diagnostics: lines.attach(to: decoder.diagnostics), sourceMap: map)
    }
}

extension DocumentLoading {
    /// Loads `bytes` read from `file`: with `readClean` straight from libyaml's events when the
    /// file holds no problem (no diagnostics; a source map that parses the file only when a finding
    /// is to be located), otherwise parsed into a tree and read by `checked`, which reports.
    static func load<Value>(
        _ bytes: some Collection<UInt8>, file: String, readClean: ([UInt8]) -> Value?,
        checked: (ParsedDocument) -> Loaded<Value>
    ) -> Loaded<Value> {
        let source = Array(bytes)
        if let value = readClean(source) {
            return Loaded(value: value, diagnostics: [], sourceMap: SourceMap(file: file, parsingWhenAsked: source))
        }
        return checked(ParsedDocument(source, file: file))
    }

    /// Reads a whole document of `kind` straight from libyaml's events when it holds no problem:
    /// `keys` are the document's keys, the first two `isogap` and `kind` (checked here: a version
    /// this build reads, the kind expected), and `body` reads the value of each other key. Returns
    /// whether the document held no problem at all, its required keys present (what the checking
    /// decoder reads without a word); nothing is reported.
    static func readClean(
        _ source: [UInt8], kind: DocumentKind, keys: YAMLKeyNames,
        _ body: (_ name: Int, _ value: inout YAMLEventReader) -> Bool
    ) -> Bool {
        precondition(keys.names.starts(with: ["isogap", "kind"]), "a document's keys start with its header")
        let read: Bool? = YAMLEventReader.read(source) { root in
            var present: UInt64 = 0
            let clean = root.allValues(in: keys) { name, value in
                guard let name else { return false }
                present |= 1 << name
                switch name {
                case 0:  // isogap
                    return value.integer.map(DocumentHeader.supportedVersions.contains) == true
                case 1:  // kind
                    return value.choice(in: DocumentHeader.kinds) == kind
                default: return body(name, &value)
                }
            }
            return clean && keys.required.allSatisfy { present & (1 << $0) != 0 } ? true : nil
        }
        return read ?? false
    }
}

extension Loaded {
    /// The same result with the findings of `rules` on the value added, located through the source
    /// map (nothing is added when the file gave no value).
    public func validated(by rules: (Value) -> [Finding]) -> Loaded<Value> {
        guard let value, let sourceMap else { return self }
        var result = self
        result.diagnostics += sourceMap.diagnostics(for: rules(value))
        return result
    }
}
