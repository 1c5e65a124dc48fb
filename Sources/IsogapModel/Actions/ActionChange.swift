internal import IsogapDiagnostics

/// A change of an action's planning fields as `isogap actions edit` makes it: only the fields that
/// are set change.
public struct ActionChange: Sendable, Hashable {
    public var title: String?
    public var due: CalendarDate?
    public var owner: String?
    public var ownerRole: String?
    public var raisesTo: Int?

    public init(
        title: String? = nil, due: CalendarDate? = nil, owner: String? = nil, ownerRole: String? = nil,
        raisesTo: Int? = nil
    ) {
        self.title = title
        self.due = due
        self.owner = owner
        self.ownerRole = ownerRole
        self.raisesTo = raisesTo
    }

    /// Whether the change sets nothing.
    public var isEmpty: Bool { self == ActionChange() }

    /// `action` with the change made.
    public func applied(to action: Action) -> Action {
        var result = action
        if let title { result.title = title }
        if let due { result.due = due }
        if let owner { result.owner = owner }
        if let ownerRole { result.ownerRole = ownerRole }
        if let raisesTo { result.raisesTo = raisesTo }
        return result
    }
}

extension ActionRegister {
    /// The id that continues the register's `CA-NNN` numbering (at least three digits).
    public var nextActionID: String {
        let highest = actions.compactMap { Self.number(ofActionID: $0.id) }.max() ?? 0
        return Self.actionID(highest < Int.max ? highest + 1 : highest)
    }

    /// `CA-` and the number, padded to three digits.
    public static func actionID(_ number: Int) -> String {
        let digits = String(number)
        return "CA-" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }

    /// The number of an id written `CA-NNN`.
    static func number(ofActionID id: String) -> Int? {
        guard id.hasPrefix("CA-"), id.utf8.count > 3, id.utf8.dropFirst(3).allSatisfy({ (0x30...0x39).contains($0) })
        else { return nil }
        return Int(id.dropFirst(3))
    }
}

extension ActionTransition {
    /// The history entry the transition appends.
    public var historyEntry: HistoryEntry {
        HistoryEntry(
            date: date, status: to, by: by ?? verification?.by, note: note, effective: verification?.effective)
    }

    /// `action` after the transition: the new status, the verification if one is recorded, and the
    /// history entry appended.
    public func applied(to action: Action) -> Action {
        var result = action
        result.status = to
        if let verification { result.verification = verification }
        result.history.append(historyEntry)
        return result
    }
}

extension Action {
    /// The action as it stood on `date` (SPEC §7 with `--as-of`): history entries dated after it
    /// are ignored, the status is that of the last entry on or before it (`open` when there is
    /// none), and a verification dated after it is not yet made. An action whose history holds
    /// nothing after `date` is unchanged.
    public func asOf(_ date: CalendarDate) -> Action {
        let laterHistory = history.contains { $0.date > date && !$0.isUnreadable }
        let laterVerification = verification.map { $0.date > date } ?? false
        guard laterHistory || laterVerification else { return self }
        var result = self
        result.history = history.filter { $0.date <= date || $0.isUnreadable }
        if laterVerification { result.verification = nil }
        if laterHistory { result.status = result.history.last { !$0.isUnreadable }?.status ?? .open }
        if result.status == .verified, result.verification == nil { result.status = .done }
        return result
    }
}

extension ActionRegister {
    /// The register as it stood on `date` (see ``Action/asOf(_:)``).
    public func asOf(_ date: CalendarDate) -> ActionRegister {
        ActionRegister(actions: actions.map { $0.asOf(date) })
    }

    /// Why `role` cannot own an action, with a suggestion and the roles that can; `nil` when it is
    /// one of `roles`.
    public static func unknownRoleMessage(_ role: String, roles: [String]) -> String? {
        guard !roles.contains(role) else { return nil }
        var seen: Set<String> = []
        let unique = roles.filter { seen.insert($0).inserted }
        let shown = unique.prefix(12).map { "'\($0)'" }.joined(separator: ", ")
        var message =
            unique.isEmpty
            ? "unknown role '\(role)' (the workspace defines no roles)"
            : "unknown role '\(role)' (roles: \(shown)\(unique.count > 12 ? ", …" : ""))"
        if let suggestion = Suggestion.didYouMean(role, in: unique) { message += "; \(suggestion)" }
        return message
    }
}

extension ActionRegister {
    /// The errors ``validate(checklists:roles:)`` finds in the action at `index` (for a command that
    /// adds or changes that one action).
    public func errors(inActionAt index: Int, checklists: [Checklist], roles: [String]) -> [String] {
        let prefix = DocumentPath.root["actions"][index].components
        return validate(checklists: checklists, roles: roles)
            .filter { $0.severity == .error && $0.path.components.starts(with: prefix) }
            .map(\.message)
    }
}
