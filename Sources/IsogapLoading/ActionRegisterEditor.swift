internal import IsogapDiagnostics
public import IsogapModel
internal import IsogapYAML

/// Byte-exact changes to `actions.yaml`: a new status with its history entry, changed planning
/// fields, or new actions appended. Every other byte, comment and blank line of the file stays as it
/// was.
///
/// Every edit is checked before it is returned: the edited bytes are loaded again and must give
/// exactly the register the change intends (the old register with that one change made). Anything
/// else (a file the edit would break, or a value the edit would touch by mistake) refuses the edit.
public enum ActionRegisterEditor {
    /// Why an edit could not be made.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String

        public init(description: String) {
            self.description = description
        }
    }

    /// The name used for the register in messages about the bytes themselves.
    static let file = "actions.yaml"

    /// The register with `transition` applied to the action `id`: its `status` value replaced, a
    /// `verification` written when the transition carries one, and one entry appended to `history`.
    public static func apply(_ transition: ActionTransition, to id: String, in bytes: [UInt8]) throws(Failure)
        -> [UInt8]
    {
        let editor = YAMLSourceEditor(bytes)
        let action = try actionNode(id, in: bytes)
        guard let pairs = action.mapping, let status = action.pair(forKey: "status") else {
            throw Failure(description: "action '\(id)' has no status to change")
        }
        var edits = [replacing(status.value, with: transition.to.rawValue, editor: editor)]
        if let verification = transition.verification {
            let text = flowMapping(verificationFields(verification))
            if let existing = action.pair(forKey: "verification") {
                edits.append(replacing(existing.value, with: text, editor: editor))
            } else {
                edits.append(insertion(key: "verification", value: text, after: status, in: action, editor: editor))
            }
        }
        edits += historyEdits(transition.historyEntry, action: action, pairs: pairs, editor: editor)
        return try checked(editor.applying(edits), original: bytes) { register in
            guard let index = register.actions.firstIndex(where: { $0.id == id }) else { return }
            register.actions[index] = transition.applied(to: register.actions[index])
        }
    }

    /// The register with `change` made to the action `id`: each field the change sets is replaced
    /// in place, or added after the action's last entry when the action has none.
    public static func update(_ id: String, with change: ActionChange, in bytes: [UInt8]) throws(Failure) -> [UInt8] {
        let editor = YAMLSourceEditor(bytes)
        let action = try actionNode(id, in: bytes)
        guard let pairs = action.mapping, let last = pairs.last else {
            throw Failure(description: "action '\(id)' is not a mapping of keys and values")
        }
        var values: [(key: String, text: String)] = []
        if let title = change.title { values.append(("title", YAMLText.quoted(title))) }
        if let ownerRole = change.ownerRole { values.append(("owner_role", identifier(ownerRole))) }
        if let owner = change.owner { values.append(("owner", YAMLText.quoted(owner))) }
        if let due = change.due { values.append(("due", due.description)) }
        if let raisesTo = change.raisesTo { values.append(("raises_to", String(raisesTo))) }
        var edits: [YAMLSourceEditor.Edit] = []
        var added: [(String, String)] = []
        for (key, text) in values {
            if let existing = action.pair(forKey: key) {
                edits.append(replacing(existing.value, with: text, editor: editor))
            } else {
                added.append((key, text))
            }
        }
        if !added.isEmpty {
            edits.append(insertion(entries: added, after: last, in: action, editor: editor))
        }
        return try checked(editor.applying(edits), original: bytes) { register in
            guard let index = register.actions.firstIndex(where: { $0.id == id }) else { return }
            register.actions[index] = change.applied(to: register.actions[index])
        }
    }

    /// The register with `actions` added at the end of its `actions` list.
    public static func append(_ actions: [Action], to bytes: [UInt8]) throws(Failure) -> [UInt8] {
        guard !actions.isEmpty else { return bytes }
        let editor = YAMLSourceEditor(bytes)
        let parsed = YAMLParser().parse(bytes, file: file)
        guard let root = parsed.root, let pair = root.pair(forKey: "actions") else {
            throw Failure(description: "the register has no 'actions' list")
        }
        let list = pair.value
        let lineBreak = editor.lineBreak
        let edited: [UInt8]
        if let items = list.sequence, !list.isFlow, let last = items.last {
            // Block list: new items after the last one, indented like it.
            let indent = String(repeating: " ", count: list.mark.column - 1)
            let itemIndent = String(repeating: " ", count: last.mark.column - 1)
            let text = actions.map { block($0, dash: indent, keys: itemIndent, lineBreak: lineBreak) }.joined()
            let at = editor.endOfLine(containing: contentEnd(last, editor) - 1)
            let needsBreak = at == bytes.count && !editor.endsWithLineBreak
            edited = editor.applying([.init(range: at..<at, replacement: (needsBreak ? lineBreak : "") + text)])
        } else {
            // An empty or flow list (`actions: []`, `actions: ~`): rewritten as a block list under the key.
            let indent = String(repeating: " ", count: pair.key.mark.column + 1)
            let text =
                lineBreak + actions.map { block($0, dash: indent, keys: indent + "  ", lineBreak: lineBreak) }.joined()
            let start = editor.offset(of: pair.key.end) + 1
            var end = max(start, contentEnd(list, editor))
            // Drop the line break that ended the old value; the new text brings its own.
            end += LineBreak.length(at: end, in: bytes)
            edited = editor.applying([.init(range: start..<end, replacement: text)])
        }
        return try checked(edited, original: bytes) { $0.actions += actions }
    }

    // MARK: The check

    /// `edited` when it loads as exactly the register `original` loads as, with `change` made.
    static func checked(
        _ edited: [UInt8], original: [UInt8], change: (inout ActionRegister) -> Void
    ) throws(Failure) -> [UInt8] {
        let before = ActionRegisterLoader.load(original, file: file)
        guard var expected = before.value, before.succeeded else {
            let first = before.diagnostics.first { $0.severity == .error }.map { ": \($0.message)" } ?? ""
            throw Failure(description: "the register does not load\(first); fix it before changing it")
        }
        change(&expected)
        let after = ActionRegisterLoader.load(edited, file: file)
        guard let actual = after.value, after.succeeded else {
            let first = after.diagnostics.first { $0.severity == .error }
            let detail = first.map { " (\($0.location.map { "line \($0.line): " } ?? "")\($0.message))" } ?? ""
            throw Failure(
                description: "the change would leave the register unreadable\(detail); nothing was written")
        }
        guard actual == expected else {
            let changed = zip(actual.actions, expected.actions).first { $0 != $1 }?.0.id
            throw Failure(
                description:
                    "the edited register would differ from the intended change\(changed.map { " (in action '\($0)')" } ?? ""); nothing was written"
            )
        }
        return edited
    }

    // MARK: Finding nodes

    private static func actionNode(_ id: String, in bytes: [UInt8]) throws(Failure) -> YAMLNode {
        let parsed = YAMLParser().parse(bytes, file: file)
        guard let root = parsed.root, let list = root["actions"]?.sequence else {
            throw Failure(description: "the register has no 'actions' list")
        }
        guard let action = list.first(where: { $0["id"]?.scalar?.value == id }) else {
            throw Failure(description: "no action '\(id)' in the register")
        }
        return action
    }

    /// The offset just after the last character that belongs to `node`. For block collections,
    /// libyaml ends them where the next token starts (after blank lines and comments), so their end
    /// is taken from their last child instead; a block scalar (`|`, `>`) ends before the line
    /// breaks that close it.
    static func contentEnd(_ node: YAMLNode, _ editor: YAMLSourceEditor) -> Int {
        if !node.isFlow {
            if let last = node.mapping?.last { return contentEnd(last.value, editor) }
            if let last = node.sequence?.last { return contentEnd(last, editor) }
        }
        let start = editor.offset(of: node.mark)
        var end = max(start, editor.offset(of: node.end))
        if let style = node.scalar?.style, style == .literal || style == .folded || style == .plain {
            while end > start,
                [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")]
                    .contains(editor.bytes[end - 1])
            {
                end -= 1
            }
        }
        return end
    }

    // MARK: Edits

    /// An edit that replaces a value with `text`; an empty value (`key:` with nothing after it)
    /// gets a space before the new text.
    private static func replacing(_ node: YAMLNode, with text: String, editor: YAMLSourceEditor)
        -> YAMLSourceEditor.Edit
    {
        let start = editor.offset(of: node.mark)
        let end = contentEnd(node, editor)
        let empty = start == end
        return .init(range: start..<end, replacement: (empty ? " " : "") + text)
    }

    private static func historyEdits(
        _ entry: HistoryEntry, action: YAMLNode, pairs: YAMLNode.Pairs, editor: YAMLSourceEditor
    ) -> [YAMLSourceEditor.Edit] {
        let flowEntry = flowMapping(entryFields(entry))
        guard let history = action.pair(forKey: "history") else {
            if action.isFlow {
                return [
                    insertion(
                        key: "history", value: "[\(flowEntry)]", after: pairs[pairs.count - 1], in: action,
                        editor: editor)
                ]
            }
            // A new block list under a new `history:` key after the action's last entry.
            let keyIndent = String(repeating: " ", count: pairs[pairs.count - 1].key.mark.column - 1)
            let text =
                "\(keyIndent)history:" + editor.lineBreak
                + blockEntry(entry, dash: keyIndent + "  ", keys: keyIndent + "    ", lineBreak: editor.lineBreak)
            return [lineInsertion(text, after: contentEnd(pairs[pairs.count - 1].value, editor), editor: editor)]
        }
        let list = history.value
        if list.isNull {
            if action.isFlow { return [replacing(list, with: "[\(flowEntry)]", editor: editor)] }
            // `history: ~` or `history:` in a block action: the null goes, a block list follows the key.
            let keyIndent = String(repeating: " ", count: history.key.mark.column - 1)
            let start = editor.offset(of: list.mark)
            let end = contentEnd(list, editor)
            let text = blockEntry(entry, dash: keyIndent + "  ", keys: keyIndent + "    ", lineBreak: editor.lineBreak)
            var edits = [lineInsertion(text, after: max(end, editor.offset(of: history.key.end)), editor: editor)]
            if start < end { edits.append(.init(range: start..<end, replacement: "")) }
            return edits
        }
        if list.isFlow {
            let closing = editor.offset(of: list.end) - 1
            return [
                .init(
                    range: closing..<closing,
                    replacement: (list.sequence?.isEmpty ?? true) ? flowEntry : ", \(flowEntry)")
            ]
        }
        let dash = String(repeating: " ", count: list.mark.column - 1)
        let text: String
        if let last = list.sequence?.last, last.mapping != nil, !last.isFlow {
            // Entries written as block mappings: the new one too, its keys aligned with the last one's.
            let keys = String(repeating: " ", count: last.mark.column - 1)
            text = blockEntry(entry, dash: dash, keys: keys, lineBreak: editor.lineBreak)
        } else {
            text = "\(dash)- \(flowEntry)" + editor.lineBreak
        }
        return [lineInsertion(text, after: contentEnd(list, editor), editor: editor)]
    }

    /// Inserts whole lines (`text` ends with a line break) after the line that holds the byte
    /// before `offset`.
    private static func lineInsertion(_ text: String, after offset: Int, editor: YAMLSourceEditor)
        -> YAMLSourceEditor.Edit
    {
        let at = editor.endOfLine(containing: offset - 1)
        guard at == editor.bytes.count, !editor.endsWithLineBreak else {
            return .init(range: at..<at, replacement: text)
        }
        // The last line has no line break: one goes before the new lines, none after them.
        let body = text.hasSuffix(editor.lineBreak) ? String(text.dropLast(editor.lineBreak.count)) : text
        return .init(range: at..<at, replacement: editor.lineBreak + body)
    }

    /// A new `key: value` in an action, after the entry `sibling` (block style) or before the
    /// closing brace (flow style).
    private static func insertion(
        key: String, value: String, after sibling: YAMLNode.Pair, in action: YAMLNode, editor: YAMLSourceEditor
    ) -> YAMLSourceEditor.Edit {
        insertion(entries: [(key, value)], after: sibling, in: action, editor: editor)
    }

    private static func insertion(
        entries: [(String, String)], after sibling: YAMLNode.Pair, in action: YAMLNode, editor: YAMLSourceEditor
    ) -> YAMLSourceEditor.Edit {
        if action.isFlow {
            let closing = editor.offset(of: action.end) - 1
            return .init(range: closing..<closing, replacement: entries.map { ", \($0): \($1)" }.joined())
        }
        let indent = String(repeating: " ", count: sibling.key.mark.column - 1)
        let text = entries.map { "\(indent)\($0): \($1)" + editor.lineBreak }.joined()
        return lineInsertion(text, after: contentEnd(sibling.value, editor), editor: editor)
    }

    // MARK: Text

    private static func entryFields(_ entry: HistoryEntry) -> [(String, String)] {
        var fields: [(String, String)] = [("date", entry.date.description), ("status", entry.status.rawValue)]
        if let by = entry.by { fields.append(("by", YAMLText.quoted(by))) }
        if let note = entry.note { fields.append(("note", YAMLText.quoted(note))) }
        if let effective = entry.effective { fields.append(("effective", effective ? "true" : "false")) }
        return fields
    }

    /// A history entry as a block list item: `- date: …` then one line per further key.
    private static func blockEntry(_ entry: HistoryEntry, dash: String, keys: String, lineBreak: String) -> String {
        let fields = entryFields(entry)
        var lines = ["\(dash)- \(fields[0].0): \(fields[0].1)"]
        for (key, value) in fields.dropFirst() { lines.append("\(keys)\(key): \(value)") }
        return lines.map { $0 + lineBreak }.joined()
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

    /// An id such as a role, plain when it reads back as the same text (`top-management`), else quoted.
    private static func identifier(_ id: String) -> String {
        let plain =
            id.utf8.first.map { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0 | 0x20) } == true
            && id.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
            }
            && !["true", "false", "yes", "no", "on", "off", "null", "y", "n"].contains(id.lowercased())
        return plain ? id : YAMLText.quoted(id)
    }

    /// A number as YAML writes it back unchanged: whole numbers without a decimal point.
    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
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
        if let rootCause = action.rootCause { add("root_cause", YAMLText.quoted(rootCause)) }
        add("owner_role", identifier(action.ownerRole))
        if let owner = action.owner { add("owner", YAMLText.quoted(owner)) }
        add("opened", action.opened.description)
        add("due", action.due.description)
        add("status", action.status.rawValue)
        if let raisesTo = action.raisesTo { add("raises_to", String(raisesTo)) }
        if let effort = action.effortDays { add("effort_days", number(effort)) }
        if let verification = action.verification { add("verification", flowMapping(verificationFields(verification))) }
        if !action.history.isEmpty {
            lines.append("\(keys)history:")
            let text = action.history.map {
                blockEntry($0, dash: keys + "  ", keys: keys + "    ", lineBreak: lineBreak)
            }.joined()
            return lines.map { $0 + lineBreak }.joined() + text
        }
        return lines.map { $0 + lineBreak }.joined()
    }
}
