internal import IsogapDiagnostics
public import IsogapModel
internal import IsogapYAML

/// Byte-exact changes to `actions.yaml`: a new status with its history entry, or new actions
/// appended. Every other byte, comment and blank line of the file stays as it was.
public enum ActionRegisterEditor {
    /// Why an edit could not be made.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The register with `transition` applied to the action `id`: its `status` value replaced, a
    /// `verification` written when the transition carries one, and one entry appended to `history`.
    public static func apply(_ transition: ActionTransition, to id: String, in bytes: [UInt8]) throws(Failure)
        -> [UInt8]
    {
        let editor = YAMLSourceEditor(bytes)
        let action = try actionNode(id, in: bytes)
        guard let pairs = action.mapping, let status = pairs.first(where: { $0.key.scalar?.value == "status" }) else {
            throw Failure(description: "action '\(id)' has no status to change")
        }
        let flow = isFlow(action, editor)
        var edits: [YAMLSourceEditor.Edit] = [
            .init(
                range: editor.offset(of: status.value.mark)..<editor.offset(of: status.value.end),
                replacement: transition.to.rawValue)
        ]
        if let verification = transition.verification {
            let text = flowMapping(verificationFields(verification))
            if let existing = pairs.first(where: { $0.key.scalar?.value == "verification" }) {
                edits.append(
                    .init(
                        range: editor.offset(of: existing.value.mark)..<contentEnd(existing.value, editor),
                        replacement: text))
            } else {
                edits.append(
                    insertion(key: "verification", value: text, after: status, in: action, flow: flow, editor: editor))
            }
        }
        edits.append(historyEdit(entry(transition), action: action, pairs: pairs, flow: flow, editor: editor))
        return editor.applying(edits)
    }

    /// The register with `actions` added at the end of its `actions` list.
    public static func append(_ actions: [Action], to bytes: [UInt8]) throws(Failure) -> [UInt8] {
        guard !actions.isEmpty else { return bytes }
        let editor = YAMLSourceEditor(bytes)
        let parsed = YAMLParser().parse(bytes, file: "actions.yaml")
        guard let root = parsed.root, let pair = root.mapping?.first(where: { $0.key.scalar?.value == "actions" })
        else {
            throw Failure(description: "the register has no 'actions' list")
        }
        let list = pair.value
        let lineBreak = editor.lineBreak
        if let items = list.sequence, !isFlow(list, editor), let last = items.last {
            // Block list: new items after the last one, indented like it.
            let indent = String(repeating: " ", count: list.mark.column - 1)
            let itemIndent = String(repeating: " ", count: last.mark.column - 1)
            let text = actions.map { block($0, dash: indent, keys: itemIndent, lineBreak: lineBreak) }.joined()
            let at = editor.endOfLine(containing: contentEnd(last, editor) - 1)
            let needsBreak = at == bytes.count && bytes.last != UInt8(ascii: "\n")
            return editor.applying([.init(range: at..<at, replacement: (needsBreak ? lineBreak : "") + text)])
        }
        // An empty or flow list (`actions: []`): rewrite it as a block list under the key.
        let indent = String(repeating: " ", count: pair.key.mark.column + 1)
        let text =
            lineBreak + actions.map { block($0, dash: indent, keys: indent + "  ", lineBreak: lineBreak) }.joined()
        let start = editor.offset(of: pair.key.end) + 1
        var end = contentEnd(list, editor)
        // Drop the line break that ended the old value; the new text brings its own.
        if end < bytes.count, bytes[end] == UInt8(ascii: "\r") { end += 1 }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\n") { end += 1 }
        return editor.applying([.init(range: start..<end, replacement: text)])
    }

    // MARK: Finding nodes

    private static func actionNode(_ id: String, in bytes: [UInt8]) throws(Failure) -> YAMLNode {
        let parsed = YAMLParser().parse(bytes, file: "actions.yaml")
        guard let root = parsed.root,
            let list = root.mapping?.first(where: { $0.key.scalar?.value == "actions" })?.value.sequence
        else { throw Failure(description: "the register has no 'actions' list") }
        guard
            let action = list.first(where: { node in
                node.mapping?.first { $0.key.scalar?.value == "id" }?.value.scalar?.value == id
            })
        else { throw Failure(description: "no action '\(id)' in the register") }
        return action
    }

    /// Whether a collection is written in flow style (`{…}` or `[…]`).
    private static func isFlow(_ node: YAMLNode, _ editor: YAMLSourceEditor) -> Bool {
        let offset = editor.offset(of: node.mark)
        return offset < editor.bytes.count
            && (editor.bytes[offset] == UInt8(ascii: "{") || editor.bytes[offset] == UInt8(ascii: "["))
    }

    /// The offset just after the last character that belongs to `node`. For block collections,
    /// libyaml ends them where the next token starts (after blank lines and comments), so their end
    /// is taken from their last child instead.
    private static func contentEnd(_ node: YAMLNode, _ editor: YAMLSourceEditor) -> Int {
        if !isFlow(node, editor) {
            if let last = node.mapping?.last { return contentEnd(last.value, editor) }
            if let last = node.sequence?.last { return contentEnd(last, editor) }
        }
        return editor.offset(of: node.end)
    }

    // MARK: Edits

    private static func historyEdit(
        _ entry: String, action: YAMLNode, pairs: [YAMLNode.Pair], flow: Bool, editor: YAMLSourceEditor
    ) -> YAMLSourceEditor.Edit {
        guard let history = pairs.first(where: { $0.key.scalar?.value == "history" }) else {
            return insertion(
                key: "history", value: "[\(entry)]", after: pairs[pairs.count - 1], in: action, flow: flow,
                editor: editor)
        }
        let list = history.value
        if list.isNull {
            let at = editor.offset(of: history.key.end) + 1
            return .init(range: at..<at, replacement: " [\(entry)]")
        }
        if isFlow(list, editor) {
            let closing = editor.offset(of: list.end) - 1
            return .init(range: closing..<closing, replacement: (list.sequence?.isEmpty ?? true) ? entry : ", \(entry)")
        }
        let at = editor.endOfLine(containing: contentEnd(list, editor) - 1)
        let dash = String(repeating: " ", count: list.mark.column - 1)
        let needsBreak = at == editor.bytes.count && editor.bytes.last != UInt8(ascii: "\n")
        let text = (needsBreak ? editor.lineBreak : "") + "\(dash)- \(entry)" + (needsBreak ? "" : editor.lineBreak)
        return .init(range: at..<at, replacement: text)
    }

    /// A new `key: value` in an action, after the entry `sibling` (block style) or before the
    /// closing brace (flow style).
    private static func insertion(
        key: String, value: String, after sibling: YAMLNode.Pair, in action: YAMLNode, flow: Bool,
        editor: YAMLSourceEditor
    ) -> YAMLSourceEditor.Edit {
        if flow {
            let closing = editor.offset(of: action.end) - 1
            return .init(range: closing..<closing, replacement: ", \(key): \(value)")
        }
        let at = editor.endOfLine(containing: contentEnd(sibling.value, editor) - 1)
        let indent = String(repeating: " ", count: sibling.key.mark.column - 1)
        let needsBreak = at == editor.bytes.count && editor.bytes.last != UInt8(ascii: "\n")
        let text =
            (needsBreak ? editor.lineBreak : "") + "\(indent)\(key): \(value)" + (needsBreak ? "" : editor.lineBreak)
        return .init(range: at..<at, replacement: text)
    }

    // MARK: Text

    private static func entry(_ transition: ActionTransition) -> String {
        var fields: [(String, String)] = [("date", transition.date.description), ("status", transition.to.rawValue)]
        if let by = transition.by ?? transition.verification?.by { fields.append(("by", YAMLText.quoted(by))) }
        if let note = transition.note { fields.append(("note", YAMLText.quoted(note))) }
        if let effective = transition.verification?.effective {
            fields.append(("effective", effective ? "true" : "false"))
        }
        return flowMapping(fields)
    }

    private static func verificationFields(_ verification: Verification) -> [(String, String)] {
        var fields = [
            ("date", verification.date.description), ("by", YAMLText.quoted(verification.by)),
            ("effective", verification.effective ? "true" : "false"),
        ]
        if let note = verification.note { fields.append(("note", YAMLText.quoted(note))) }
        return fields
    }

    private static func flowMapping(_ fields: [(String, String)]) -> String {
        "{" + fields.map { "\($0): \($1)" }.joined(separator: ", ") + "}"
    }

    /// An action written as a block list item.
    private static func block(_ action: Action, dash: String, keys: String, lineBreak: String) -> String {
        var lines = ["\(dash)- id: \(YAMLText.quoted(action.id))"]
        func add(_ key: String, _ value: String) { lines.append("\(keys)\(key): \(value)") }
        add("title", YAMLText.quoted(action.title))
        add(
            "requirements",
            "[" + action.requirements.map { YAMLText.quoted($0.description) }.joined(separator: ", ") + "]")
        add("type", action.type.rawValue)
        add("owner_role", action.ownerRole)
        if let owner = action.owner { add("owner", YAMLText.quoted(owner)) }
        add("opened", action.opened.description)
        add("due", action.due.description)
        add("status", action.status.rawValue)
        if let raisesTo = action.raisesTo { add("raises_to", String(raisesTo)) }
        if let effort = action.effortDays {
            add("effort_days", effort == effort.rounded() ? String(Int(effort)) : String(effort))
        }
        if !action.history.isEmpty {
            lines.append("\(keys)history:")
            for entry in action.history {
                var fields = [("date", entry.date.description), ("status", entry.status.rawValue)]
                if let by = entry.by { fields.append(("by", YAMLText.quoted(by))) }
                if let note = entry.note { fields.append(("note", YAMLText.quoted(note))) }
                lines.append("\(keys)  - \(flowMapping(fields))")
            }
        }
        return lines.map { $0 + lineBreak }.joined()
    }
}
