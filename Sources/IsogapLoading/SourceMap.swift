public import IsogapDiagnostics
public import IsogapYAML

/// Maps document paths back to positions in one parsed file, so that findings of the model
/// (located by path) print as `file:line:column`.
public struct SourceMap: Sendable {
    public let file: String
    /// The file's lines, for attaching source lines to diagnostics (absent when not known).
    public let lines: SourceLines?
    /// The tree, when the file was parsed into one; otherwise the file is parsed when a position
    /// is asked for.
    private let parsedRoot: YAMLNode?
    private let source: [UInt8]

    public init(file: String, root: YAMLNode, bytes: [UInt8]? = nil) {
        self.file = file
        parsedRoot = root
        source = []
        lines = bytes.map { SourceLines(file: file, bytes: $0) }
    }

    /// The map of a file that was read without a tree (a file without a problem): it is parsed
    /// only when a finding about it is to be located, which most files never need.
    init(file: String, parsingWhenAsked source: [UInt8]) {
        self.file = file
        parsedRoot = nil
        self.source = source
        lines = SourceLines(file: file, bytes: source)
    }

    /// The document's root node. For a map made with ``init(file:parsingWhenAsked:)`` the file is
    /// parsed again on each request: ask once per batch of findings, as
    /// ``diagnostics(for:)`` does.
    public var root: YAMLNode {
        if let parsedRoot { return parsedRoot }
        if let root = YAMLParser().parse(source, file: file).root { return root }
        // The file was read once without a problem, so it parses; the empty mapping only keeps
        // this total.
        assertionFailure("a file read without a problem no longer parses")
        return YAMLNode(.mapping([]), at: YAMLMark(line: 1, column: 1))
    }

    /// The position of the value at `path`, or of the deepest node on the way that exists (for a
    /// missing key, the mapping that should hold it).
    public func location(of path: DocumentPath) -> SourceLocation {
        location(of: path, in: root)
    }

    private func location(of path: DocumentPath, in root: YAMLNode) -> SourceLocation {
        var node = root
        for component in path.components {
            switch component {
            case .key(let key):
                guard let pair = node.mapping?.first(where: { $0.key.scalar?.value == key }) else {
                    return location(node)
                }
                node = pair.value
            case .keyOf(let key):
                guard let pair = node.mapping?.first(where: { $0.key.scalar?.value == key }) else {
                    return location(node)
                }
                node = pair.key
            case .index(let index):
                guard let items = node.sequence, items.indices.contains(index) else { return location(node) }
                node = items[index]
            }
        }
        return location(node)
    }

    /// The model's findings as diagnostics of this file.
    public func diagnostics(for findings: [Finding]) -> [Diagnostic] {
        guard !findings.isEmpty else { return [] }
        let root = root
        let located = findings.map { finding in
            Diagnostic(
                finding.severity, finding.message, at: location(of: finding.path, in: root),
                notes: finding.notes.map { note in
                    Diagnostic.Note(note.message, at: note.path.map { location(of: $0, in: root) })
                })
        }
        return lines?.attach(to: located) ?? located
    }

    private func location(_ node: YAMLNode) -> SourceLocation {
        SourceLocation(file: file, line: node.mark.line, column: node.mark.column)
    }
}
