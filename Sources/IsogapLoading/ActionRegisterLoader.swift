internal import IsogapDiagnostics
public import IsogapModel
internal import IsogapYAML

/// Reads the corrective-action register (`actions.yaml`, `kind: actions`).
///
/// Rules that need the workspace (requirements and roles that exist) are checked by
/// ``IsogapModel/ActionRegister/validate(checklists:roles:)``.
public enum ActionRegisterLoader {
    static let actionKeys = YAMLKeyNames(
        [
            "id", "title", "requirements", "type", "root_cause", "owner_role", "owner", "opened", "due", "status",
            "raises_to", "effort_days", "verification", "history",
        ],
        required: ["id", "title", "requirements", "type", "owner_role", "opened", "due", "status"])
    static let verificationKeys = YAMLKeyNames(
        ["date", "by", "effective", "note"], required: ["date", "by", "effective"])
    static let historyKeys = YAMLKeyNames(["date", "status", "by", "note", "effective"], required: ["date", "status"])

    private static let statuses = CaseNames<ActionStatus>()
    private static let types = CaseNames<ActionType>()

    /// The keys of an action, its verification and its history entries, found by position.
    private enum ActionKey {
        static let id = actionKeys.name("id")
        static let title = actionKeys.name("title")
        static let requirements = actionKeys.name("requirements")
        static let type = actionKeys.name("type")
        static let rootCause = actionKeys.name("root_cause")
        static let ownerRole = actionKeys.name("owner_role")
        static let owner = actionKeys.name("owner")
        static let opened = actionKeys.name("opened")
        static let due = actionKeys.name("due")
        static let status = actionKeys.name("status")
        static let raisesTo = actionKeys.name("raises_to")
        static let effortDays = actionKeys.name("effort_days")
        static let verification = actionKeys.name("verification")
        static let history = actionKeys.name("history")
    }

    private enum VerificationKey {
        static let date = verificationKeys.name("date")
        static let by = verificationKeys.name("by")
        static let effective = verificationKeys.name("effective")
        static let note = verificationKeys.name("note")
    }

    private enum HistoryKey {
        static let date = historyKeys.name("date")
        static let status = historyKeys.name("status")
        static let by = historyKeys.name("by")
        static let note = historyKeys.name("note")
        static let effective = historyKeys.name("effective")
    }

    /// The keys of the document itself.
    static let documentKeys = YAMLKeyNames(["isogap", "kind", "actions"], required: ["isogap", "kind", "actions"])

    /// Loads the register in `bytes`. A file without a problem (the usual case) is read straight
    /// from libyaml's events; any other is parsed into a tree and read by the checking decoder,
    /// which reports its problems. Either way the value is the same.
    public static func load(_ bytes: some Collection<UInt8>, file: String) -> Loaded<ActionRegister> {
        DocumentLoading.load(bytes, file: file, readClean: readClean, checked: load)
    }

    /// The register in `source` when the whole file holds no problem (what the checking decoder
    /// reads without a word); `nil`, with nothing reported, otherwise.
    static func readClean(_ source: [UInt8]) -> ActionRegister? {
        var register = ActionRegister(actions: [])
        // The one key besides the header is `actions`, which must be a list (`actions: ~` is not).
        let clean = DocumentLoading.readClean(source, kind: .actions, keys: documentKeys) { _, value in
            value.allItems { item in cleanAction(&item).append(to: &register.actions) }
        }
        return clean ? register : nil
    }

    /// Loads a document already parsed, without parsing it again.
    public static func load(_ document: ParsedDocument) -> Loaded<ActionRegister> {
        load(document, readingCleanEntriesAtOnce: true)
    }

    /// Loads a document already parsed. An action that holds no problem at all (the usual case) is
    /// read in one pass over its entries; any other by the checking decoder, which reports its
    /// problems. With `readingCleanEntriesAtOnce` off, every action takes the checking decoder: the
    /// tests compare both ways.
    static func load(_ document: ParsedDocument, readingCleanEntriesAtOnce: Bool) -> Loaded<ActionRegister> {
        DocumentLoading.load(document, kind: .actions) { decoder, root -> ActionRegister in
            guard
                let fields = decoder.fields(
                    root, allowed: ["isogap", "kind", "actions"], required: ["actions"], what: "the action register")
            else { return ActionRegister(actions: []) }
            // `actions: ~` is not an empty register: it is a list left out by mistake.
            if let node = fields["actions"], node.isNull {
                decoder.error(
                    "'actions' must be a list of actions; write 'actions: []' for an empty register", at: node)
            }
            let actions = decoder.items(fields, "actions") { decoder, node in
                var value = node
                return (readingCleanEntriesAtOnce ? cleanAction(&value) : nil) ?? decodeAction(node, &decoder)
            }
            return ActionRegister(actions: actions.map { $0 ?? placeholder })
        }
    }

    private static let epoch = CalendarDate(dayNumber: 0)
    private static let placeholder = Action(
        id: "", title: "", requirements: [], type: .corrective, ownerRole: "", opened: epoch, due: epoch, status: .open)

    private static func decodeAction(_ node: YAMLNode, _ decoder: inout NodeDecoder) -> Action? {
        guard
            let fields = decoder.fields(node, allowed: actionKeys, what: "an action")
        else { return nil }
        // A broken reference keeps its slot (and is not checked again) so indices match the file.
        let requirements = decoder.items(
            fields, ActionKey.requirements, placeholder: CrossReference(checklist: "", target: "")
        ) { decoder, node -> CrossReference? in
            guard let text = decoder.nonEmptyString(node, "requirements") else { return nil }
            guard let reference = CrossReference(text) else {
                decoder.error("a requirement is written 'checklist-id:requirement-id', found '\(text)'", at: node)
                return nil
            }
            return reference
        }
        let opened = decoder.required(fields, ActionKey.opened) { $0.date($1, $2) } ?? epoch
        return Action(
            id: decoder.required(fields, ActionKey.id) { $0.nonEmptyString($1, $2) } ?? "",
            title: decoder.required(fields, ActionKey.title) { $0.nonEmptyString($1, $2) } ?? "",
            requirements: requirements,
            type: decoder.required(fields, ActionKey.type) { $0.choice($1, $2, in: types) } ?? .corrective,
            rootCause: decoder.optional(fields, ActionKey.rootCause) { $0.string($1, $2) },
            ownerRole: decoder.required(fields, ActionKey.ownerRole) { $0.nonEmptyString($1, $2) } ?? "",
            owner: decoder.optional(fields, ActionKey.owner) { $0.string($1, $2) },
            opened: opened,
            due: decoder.required(fields, ActionKey.due) { $0.date($1, $2) } ?? opened,
            status: decoder.required(fields, ActionKey.status) { $0.choice($1, $2, in: statuses) } ?? .open,
            raisesTo: decoder.optional(fields, ActionKey.raisesTo) { $0.integer($1, $2) },
            effortDays: decoder.optional(fields, ActionKey.effortDays) { $0.number($1, $2) },
            verification: decoder.optional(fields, ActionKey.verification) { decoder, node, _ in
                decodeVerification(node, &decoder)
            },
            history: decoder.items(fields, ActionKey.history, placeholder: .unreadable) { decodeHistory($1, &$0) })
    }

    private static func decodeVerification(_ node: YAMLNode, _ decoder: inout NodeDecoder) -> Verification? {
        guard
            let fields = decoder.fields(node, allowed: verificationKeys, what: "the verification")
        else { return nil }
        guard let date = decoder.required(fields, VerificationKey.date, { $0.date($1, $2) }),
            let by = decoder.required(fields, VerificationKey.by, { $0.nonEmptyString($1, $2) }),
            let effective = decoder.required(fields, VerificationKey.effective, { $0.bool($1, $2) })
        else { return nil }
        return Verification(
            date: date, by: by, effective: effective,
            note: decoder.optional(fields, VerificationKey.note) { $0.string($1, $2) })
    }

    private static func decodeHistory(_ node: YAMLNode, _ decoder: inout NodeDecoder) -> HistoryEntry? {
        guard
            let fields = decoder.fields(node, allowed: historyKeys, what: "a history entry")
        else { return nil }
        guard let date = decoder.required(fields, HistoryKey.date, { $0.date($1, $2) }),
            let status = decoder.required(fields, HistoryKey.status, { $0.choice($1, $2, in: statuses) })
        else { return nil }
        return HistoryEntry(
            date: date, status: status, by: decoder.optional(fields, HistoryKey.by) { $0.string($1, $2) },
            note: decoder.optional(fields, HistoryKey.note) { $0.string($1, $2) },
            effective: decoder.optional(fields, HistoryKey.effective) { $0.bool($1, $2) })
    }

    // MARK: Actions without problems, read in one pass

    /// The action in `value` when it holds no problem at all, its verification and history
    /// included: every key known, the required ones present, every value of its form (what
    /// ``decodeAction(_:_:)`` accepts without a word). `nil` (with nothing reported) sends the
    /// action to the checking decoder.
    private static func cleanAction(_ value: inout some YAMLValueReading) -> Action? {
        var action = placeholder
        var due: CalendarDate?
        var present: UInt32 = 0
        let clean = value.allValues(in: actionKeys) { name, value in
            guard let name else { return false }
            present |= 1 << name
            switch name {
            case ActionKey.id.index: return value.nonBlankText.store(in: &action.id)
            case ActionKey.title.index: return value.nonBlankText.store(in: &action.title)
            case ActionKey.ownerRole.index: return value.nonBlankText.store(in: &action.ownerRole)
            case ActionKey.type.index: return value.choice(in: types).store(in: &action.type)
            case ActionKey.status.index: return value.choice(in: statuses).store(in: &action.status)
            case ActionKey.opened.index: return value.calendarDate.store(in: &action.opened)
            case ActionKey.due.index: return value.calendarDate.store(in: &due)
            case ActionKey.requirements.index:
                // Null is an empty list, as for the checking decoder (the rules report it).
                if value.isNull { return true }
                return value.allItems { item in
                    item.nonBlankText.flatMap(CrossReference.init).append(to: &action.requirements)
                }
            default:
                // The keys left are optional: null stands for an absent key.
                if value.isNull { return true }
                switch name {
                case ActionKey.rootCause.index: return value.text.store(in: &action.rootCause)
                case ActionKey.owner.index: return value.text.store(in: &action.owner)
                case ActionKey.raisesTo.index: return value.integer.store(in: &action.raisesTo)
                case ActionKey.effortDays.index: return value.decimal.store(in: &action.effortDays)
                case ActionKey.verification.index:
                    return cleanVerification(&value).store(in: &action.verification)
                case ActionKey.history.index:
                    return value.allItems { item in cleanHistory(&item).append(to: &action.history) }
                default: return false
                }
            }
        }
        guard clean, let due, actionKeys.required.allSatisfy({ present & (1 << $0) != 0 }) else { return nil }
        action.due = due
        return action
    }

    /// The verification in `value` when it holds no problem (see ``cleanAction(_:)``).
    private static func cleanVerification(_ value: inout some YAMLValueReading) -> Verification? {
        var date: CalendarDate?
        var by: String?
        var effective: Bool?
        var note: String?
        let clean = value.allValues(in: verificationKeys) { name, value in
            switch name {
            case VerificationKey.date.index: return value.calendarDate.store(in: &date)
            case VerificationKey.by.index: return value.nonBlankText.store(in: &by)
            case VerificationKey.effective.index: return value.bool.store(in: &effective)
            case VerificationKey.note.index: return value.isNull || value.text.store(in: &note)
            default: return false
            }
        }
        guard clean, let date, let by, let effective else { return nil }
        return Verification(date: date, by: by, effective: effective, note: note)
    }

    /// The history entry in `value` when it holds no problem (see ``cleanAction(_:)``).
    private static func cleanHistory(_ value: inout some YAMLValueReading) -> HistoryEntry? {
        var date: CalendarDate?
        var status: ActionStatus?
        var by: String?
        var note: String?
        var effective: Bool?
        let clean = value.allValues(in: historyKeys) { name, value in
            switch name {
            case HistoryKey.date.index: return value.calendarDate.store(in: &date)
            case HistoryKey.status.index: return value.choice(in: statuses).store(in: &status)
            case HistoryKey.by.index: return value.isNull || value.text.store(in: &by)
            case HistoryKey.note.index: return value.isNull || value.text.store(in: &note)
            case HistoryKey.effective.index: return value.isNull || value.bool.store(in: &effective)
            default: return false
            }
        }
        guard clean, let date, let status else { return nil }
        return HistoryEntry(date: date, status: status, by: by, note: note, effective: effective)
    }
}
