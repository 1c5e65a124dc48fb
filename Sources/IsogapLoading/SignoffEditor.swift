internal import IsogapDiagnostics
public import IsogapModel
internal import IsogapYAML

/// Appends a sign-off to `signoffs.yaml`, byte-exact: every byte before the new entry, comments
/// and blank lines included, stays as it was.
///
/// The edit is checked before it is returned: the new bytes must load as the old sign-offs followed
/// by the new one, or nothing is written.
public enum SignoffEditor {
    /// The bytes of `signoffs.yaml` with `signoff` added at the end of its `signoffs` list.
    public static func append(_ signoff: Signoff, to bytes: [UInt8]) throws(ActionRegisterEditor.Failure) -> [UInt8] {
        let before = SignoffsLoader.load(bytes, file: SignoffsLoader.file)
        guard let existing = before.value, before.succeeded else {
            let first = before.diagnostics.first { $0.severity == .error }.map { ": \($0.message)" } ?? ""
            throw .init(description: "the sign-off file does not load\(first); fix it before signing")
        }
        let editor = YAMLSourceEditor(bytes)
        let parsed = YAMLParser().parse(bytes, file: SignoffsLoader.file)
        guard let root = parsed.root, let pair = root.pair(forKey: "signoffs") else {
            throw .init(description: "the sign-off file has no 'signoffs' list")
        }
        let list = pair.value
        let lineBreak = editor.lineBreak
        let edited: [UInt8]
        if let items = list.sequence, !list.isFlow, let last = items.last {
            // Block list: the new entry after the last one, indented like it.
            let dash = String(repeating: " ", count: list.mark.column - 1)
            let keys = String(repeating: " ", count: last.mark.column - 1)
            let at = editor.endOfLine(containing: ActionRegisterEditor.contentEnd(last, editor) - 1)
            let needsBreak = at == bytes.count && !editor.endsWithLineBreak
            let text = (needsBreak ? lineBreak : "") + block(signoff, dash: dash, keys: keys, lineBreak: lineBreak)
            edited = editor.applying([.init(range: at..<at, replacement: text)])
        } else {
            // `signoffs: []`: rewritten as a block list under the key.
            let indent = String(repeating: " ", count: pair.key.mark.column + 1)
            let text = lineBreak + block(signoff, dash: indent, keys: indent + "  ", lineBreak: lineBreak)
            let start = editor.offset(of: pair.key.end) + 1
            var end = max(start, ActionRegisterEditor.contentEnd(list, editor))
            end += LineBreak.length(at: end, in: bytes)
            edited = editor.applying([.init(range: start..<end, replacement: text)])
        }
        let after = SignoffsLoader.load(edited, file: SignoffsLoader.file)
        guard let actual = after.value, after.succeeded, actual == existing + [signoff] else {
            throw .init(description: "the new sign-off would not read back as written; nothing was written")
        }
        return edited
    }

    /// The sign-off as a block mapping item.
    static func block(_ signoff: Signoff, dash: String, keys: String, lineBreak: String) -> String {
        var lines = ["\(dash)- by: \(YAMLText.quoted(signoff.by))"]
        lines.append("\(keys)role: \(YAMLText.quoted(signoff.role))")
        lines.append("\(keys)decision: \(signoff.decision.rawValue)")
        lines.append("\(keys)date: \(signoff.date)")
        if let note = signoff.note { lines.append("\(keys)note: \(YAMLText.quoted(note))") }
        lines.append("\(keys)digest: \(signoff.digest)")
        return lines.map { $0 + lineBreak }.joined()
    }
}
