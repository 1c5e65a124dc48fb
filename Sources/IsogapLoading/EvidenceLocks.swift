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
        /// Citations left alone because their file cannot be read (the digest function gave `nil`).
        public var unreadable: [Citation]
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
    ///
    /// The edited bytes are parsed again and must hold the same document with only those digests
    /// changed; otherwise nothing changes and the result carries an error.
    public static func lock(_ bytes: [UInt8], file: String, digest: (String) -> String?) -> Result {
        let parsed = YAMLParser().parse(bytes, file: file)
        guard let root = parsed.root, !parsed.diagnostics.containsErrors else {
            return Result(bytes: bytes, updated: [], unreadable: [], diagnostics: parsed.diagnostics)
        }
        let editor = YAMLSourceEditor(bytes)
        var edits: [YAMLSourceEditor.Edit] = []
        var updated: [Citation] = []
        var unreadable: [Citation] = []
        for item in items(in: root) {
            guard let hex = digest(item.file) else {
                unreadable.append(item.citation(file: file))
                continue
            }
            guard hex != item.recorded else { continue }
            let quoted = "\"\(hex)\""
            if let existing = item.shaNode {
                let range = editor.offset(of: existing.mark)..<editor.offset(of: existing.end)
                // An empty value (`sha256:` and nothing) needs a space after the colon.
                edits.append(.init(range: range, replacement: (range.isEmpty ? " " : "") + quoted))
            } else if item.isFlow {
                let end = editor.offset(of: item.fileNode.end)
                edits.append(.init(range: end..<end, replacement: ", sha256: \(quoted)"))
            } else {
                // A new line under `file:`, indented like it, after any comment on the file's line.
                let lineEnd = editor.endOfLine(containing: editor.offset(of: item.fileNode.end))
                let indent = String(repeating: " ", count: item.fileKey.mark.column - 1)
                let atEndOfFile = lineEnd == bytes.count && !editor.endsWithLineBreak
                let text =
                    (atEndOfFile ? editor.lineBreak : "") + "\(indent)sha256: \(quoted)"
                    + (atEndOfFile ? "" : editor.lineBreak)
                edits.append(.init(range: lineEnd..<lineEnd, replacement: text))
            }
            var citation = item.citation(file: file)
            citation.recorded = hex
            updated.append(citation)
        }
        let edited = editor.applying(edits)
        guard matches(edited, expected: expected(root, digests: updated), file: file) else {
            return Result(
                bytes: bytes, updated: [], unreadable: unreadable,
                diagnostics: [
                    .error(
                        "recording the digests would change more than the sha256 values; nothing was written",
                        at: SourceLocation(file: file, line: 1, column: 1))
                ])
        }
        return Result(bytes: edited, updated: updated, unreadable: unreadable, diagnostics: [])
    }

    /// Whether `edited` parses to the `expected` document.
    private static func matches(_ edited: [UInt8], expected: YAMLNode, file: String) -> Bool {
        let reparsed = YAMLParser().parse(edited, file: file)
        guard let root = reparsed.root, !reparsed.diagnostics.containsErrors else { return false }
        return root.hasSameContent(as: expected)
    }

    /// The document `root` with each updated citation's `sha256` set (added after `file` when the
    /// item had none), as the edit should leave it.
    private static func expected(_ root: YAMLNode, digests: [Citation]) -> YAMLNode {
        guard !digests.isEmpty else { return root }
        var result = root
        guard case .mapping(var top) = result.content,
            let responsesIndex = top.firstIndex(where: { $0.key.scalar?.value == "responses" }),
            case .mapping(var responses) = top[responsesIndex].value.content
        else { return root }
        for citation in digests {
            guard let responseIndex = responses.firstIndex(where: { $0.key.scalar?.value == citation.requirement }),
                case .mapping(var fields) = responses[responseIndex].value.content,
                let evidenceIndex = fields.firstIndex(where: { $0.key.scalar?.value == "evidence" }),
                case .sequence(var items) = fields[evidenceIndex].value.content,
                citation.index < items.count, case .mapping(var pairs) = items[citation.index].content,
                let hex = citation.recorded
            else { continue }
            let item = items[citation.index]
            let value = YAMLNode(.scalar(YAMLScalar(hex, style: .doubleQuoted)), at: item.mark)
            if let shaIndex = pairs.firstIndex(where: { $0.key.scalar?.value == "sha256" }) {
                pairs[shaIndex].value = value
            } else if let fileIndex = pairs.firstIndex(where: { $0.key.scalar?.value == "file" }) {
                let key = YAMLNode(.scalar(YAMLScalar("sha256")), at: item.mark)
                pairs.insert(.init(key: key, value: value), at: fileIndex + 1)
            }
            items[citation.index].content = .mapping(pairs)
            fields[evidenceIndex].value.content = .sequence(items)
            responses[responseIndex].value.content = .mapping(fields)
        }
        top[responsesIndex].value.content = .mapping(responses)
        result.content = .mapping(top)
        return result
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
        guard let responses = root["responses"]?.mapping else {
            return []
        }
        var result: [Item] = []
        for response in responses {
            guard let requirement = response.key.scalar?.value,
                let evidence = response.value["evidence"]?.sequence
            else { continue }
            for (index, item) in evidence.enumerated() {
                guard let filePair = item.pair(forKey: "file"),
                    let file = filePair.value.scalar?.value, !filePair.value.isNull
                else { continue }
                let shaNode = item["sha256"]
                result.append(
                    Item(
                        requirement: requirement, index: index, file: file,
                        recorded: shaNode.flatMap { $0.isNull ? nil : $0.scalar?.value }, itemNode: item,
                        fileKey: filePair.key, fileNode: filePair.value, shaNode: shaNode,
                        isFlow: item.isFlow))
            }
        }
        return result
    }
}
