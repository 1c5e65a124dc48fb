public import IsogapDiagnostics
public import IsogapYAML

/// Maps document paths back to positions in one parsed file, so that findings of the model
/// (located by path) print as `file:line:column`.
public struct SourceMap: Sendable {
    public let file: String
    public let root: YAMLNode
    /// The file's lines, for attaching source lines to diagnostics (absent when not known).
    public let lines: SourceLines?

    public init(file: String, root: YAMLNode, bytes: [UInt8]? = nil) {
        self.file = file
        self.root = root
        lines = bytes.map { SourceLines(file: file, bytes: $0) }
    }

    /// The position of the value at `path`, or of the deepest node on the way that exists (for a
    /// missing key, the mapping that should hold it).
    public func location(of path: DocumentPath) -> SourceLocation {
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
        let located = findings.map { finding in
            Diagnostic(
                finding.severity, finding.message, at: location(of: finding.path),
                notes: finding.notes.map { Diagnostic.Note($0.message, at: $0.path.map(location(of:))) })
        }
        return lines?.attach(to: located) ?? located
    }

    private func location(_ node: YAMLNode) -> SourceLocation {
        SourceLocation(file: file, line: node.mark.line, column: node.mark.column)
    }
}
