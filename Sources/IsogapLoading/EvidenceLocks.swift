public import IsogapDiagnostics
internal import IsogapYAML

/// The evidence files an assessment file cites, and the byte-exact edit that records their SHA-256
/// (`isogap evidence lock`).
public enum EvidenceLocks {
    /// One evidence item that names a file.
    public struct Citation: Sendable, Hashable {
        public var requirement: String
        /// The item's position in the response's evidence list.
        public var index: Int
        /// The file, relative to the workspace.
        public var file: String
        /// The digest recorded in the assessment file, if any.
        public var recorded: String?
        /// Where the item is, for messages.
        public var location: SourceLocation
    }

    /// The outcome of locking one assessment file.
    public struct Result: Sendable {
        /// The new file contents (unchanged bytes when nothing needed recording).
        public var bytes: [UInt8]
        /// Citations whose digest was written or rewritten.
        public var updated: [Citation]
        /// Problems: an unreadable assessment file.
        public var diagnostics: [Diagnostic]
    }

    /// Every evidence item with a `file` in an assessment file, in document order.
    public static func citations(in bytes: [UInt8], file: String) -> (citations: [Citation], diagnostics: [Diagnostic])
    {
        let parsed = YAMLParser().parse(bytes, file: file)
        guard let root = parsed.root else { return ([], parsed.diagnostics) }
        return (items(in: root).map { $0.citation(file: file) }, parsed.diagnostics)
    }

    /// Records the digest of every cited file in the assessment file, changing only the bytes of
    /// the `sha256` values (or inserting a `sha256` entry next to `file`).
    ///
    /// - Parameter digest: the SHA-256 of a workspace-relative file, or `nil` when it cannot be read
    ///   (such items are left alone).
    public static func lock(_ bytes: [UInt8], file: String, digest: (String) -> String?) -> Result {
        let parsed = YAMLParser().parse(bytes, file: file)
        guard let root = parsed.root, !parsed.diagnostics.containsErrors else {
            return Result(bytes: bytes, updated: [], diagnostics: parsed.diagnostics)
        }
        let editor = YAMLSourceEditor(bytes)
        var edits: [YAMLSourceEditor.Edit] = []
        var updated: [Citation] = []
        for item in items(in: root) {
            guard let hex = digest(item.file), hex != item.recorded else { continue }
            let quoted = "\"\(hex)\""
            if let existing = item.shaNode {
                edits.append(
                    .init(
                        range: editor.offset(of: existing.mark)..<editor.offset(of: existing.end), replacement: quoted))
            } else if item.isFlow {
                let end = editor.offset(of: item.fileNode.end)
                edits.append(.init(range: end..<end, replacement: ", sha256: \(quoted)"))
            } else {
                // A new line under `file:`, indented like it, after any comment on the file's line.
                let lineEnd = editor.endOfLine(containing: editor.offset(of: item.fileNode.end))
                let indent = String(repeating: " ", count: item.fileKey.mark.column - 1)
                let atEndOfFile = lineEnd == bytes.count && bytes.last != UInt8(ascii: "\n")
                let text =
                    (atEndOfFile ? editor.lineBreak : "") + "\(indent)sha256: \(quoted)"
                    + (atEndOfFile ? "" : editor.lineBreak)
                edits.append(.init(range: lineEnd..<lineEnd, replacement: text))
            }
            var citation = item.citation(file: file)
            citation.recorded = hex
            updated.append(citation)
        }
        return Result(bytes: editor.applying(edits), updated: updated, diagnostics: [])
    }

    /// An evidence item with a `file` key, with the nodes an edit needs.
    private struct Item {
        var requirement: String
        var index: Int
        var file: String
        var recorded: String?
        var itemNode: YAMLNode
        var fileKey: YAMLNode
        var fileNode: YAMLNode
        var shaNode: YAMLNode?
        var isFlow: Bool

        func citation(file name: String) -> Citation {
            Citation(
                requirement: requirement, index: index, file: file, recorded: recorded,
                location: SourceLocation(file: name, line: itemNode.mark.line, column: itemNode.mark.column))
        }
    }

    private static func items(in root: YAMLNode) -> [Item] {
        guard let responses = root.mapping?.first(where: { $0.key.scalar?.value == "responses" })?.value.mapping else {
            return []
        }
        var result: [Item] = []
        for response in responses {
            guard let requirement = response.key.scalar?.value,
                let evidence = response.value.mapping?.first(where: { $0.key.scalar?.value == "evidence" })?.value
                    .sequence
            else { continue }
            for (index, item) in evidence.enumerated() {
                guard let pairs = item.mapping,
                    let filePair = pairs.first(where: { $0.key.scalar?.value == "file" }),
                    let file = filePair.value.scalar?.value, !filePair.value.isNull
                else { continue }
                let shaNode = pairs.first(where: { $0.key.scalar?.value == "sha256" })?.value
                result.append(
                    Item(
                        requirement: requirement, index: index, file: file,
                        recorded: shaNode.flatMap { $0.isNull ? nil : $0.scalar?.value }, itemNode: item,
                        fileKey: filePair.key, fileNode: filePair.value, shaNode: shaNode,
                        // A block mapping starts at its first key; a flow mapping at its `{`.
                        isFlow: pairs.first?.key.mark != item.mark))
            }
        }
        return result
    }
}
