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

/// Shared first steps of every loader: parse the bytes, check the header, then decode.
enum DocumentLoading {
    static func load<Value>(
        _ bytes: some Collection<UInt8>, file: String, kind: DocumentKind,
        decode: (inout NodeDecoder, YAMLNode) -> Value
    ) -> Loaded<Value> {
        let parsed = YAMLParser().parse(bytes, file: file)
        let source = Array(bytes)
        let lines = SourceLines(file: file, bytes: source)
        guard let root = parsed.root else {
            return Loaded(value: nil, diagnostics: lines.attach(to: parsed.diagnostics), sourceMap: nil)
        }
        var decoder = NodeDecoder(file: file)
        decoder.append(parsed.diagnostics)
        let map = SourceMap(file: file, root: root, bytes: source)
        guard DocumentHeader.read(root, expected: kind, decoder: &decoder) != nil else {
            return Loaded(value: nil, diagnostics: lines.attach(to: decoder.diagnostics), sourceMap: map)
        }
        let value = decode(&decoder, root)
        return Loaded(value: value, diagnostics: lines.attach(to: decoder.diagnostics), sourceMap: map)
    }
}
