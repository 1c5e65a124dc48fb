/// The corrective-action register (`actions.yaml`): findings, root causes, actions, owners, due
/// dates and verification of effectiveness, in the order the file lists them.
public struct ActionRegister: Sendable, Hashable {
    public var actions: [Action]

    public init(actions: [Action]) {
        self.actions = actions
    }

    /// The action with this id.
    public func action(_ id: String) -> Action? {
        actions.first { $0.id == id }
    }
}

/// One corrective, preventive or improvement action.
public struct Action: Sendable, Hashable {
    public var id: String
    public var title: String
    /// The requirements the action addresses, as `checklist:requirement` references.
    public var requirements: [CrossReference]
    public var type: ActionType
    public var rootCause: String?
    /// The role that owns the action (a role id of the checklists or the phase template).
    public var ownerRole: String
    public var owner: String?
    public var opened: CalendarDate
    public var due: CalendarDate
    public var status: ActionStatus
    /// The level the requirements should reach when the action is done; the target when absent.
    public var raisesTo: Int?
    public var effortDays: Double?
    public var verification: Verification?
    /// Append-only log, oldest first.
    public var history: [HistoryEntry]

    public init(
        id: String, title: String, requirements: [CrossReference], type: ActionType, rootCause: String? = nil,
        ownerRole: String, owner: String? = nil, opened: CalendarDate, due: CalendarDate, status: ActionStatus,
        raisesTo: Int? = nil, effortDays: Double? = nil, verification: Verification? = nil, history: [HistoryEntry] = []
    ) {
        self.id = id
        self.title = title
        self.requirements = requirements
        self.type = type
        self.rootCause = rootCause
        self.ownerRole = ownerRole
        self.owner = owner
        self.opened = opened
        self.due = due
        self.status = status
        self.raisesTo = raisesTo
        self.effortDays = effortDays
        self.verification = verification
        self.history = history
    }

    /// Whether the action is still to be done (`open` or `in-progress`).
    public var isPending: Bool { status == .open || status == .inProgress }

    /// Whether a verification ever found the action not effective.
    public var wasFoundNotEffective: Bool {
        verification?.effective == false || history.contains { $0.effective == false }
    }
}

/// The kind of action, as ISO 9001 10.2 and ISO 10002 distinguish them.
public enum ActionType: String, Sendable, Hashable, CaseIterable {
    case correction, corrective, preventive, improvement
}

/// Where an action stands.
public enum ActionStatus: String, Sendable, Hashable, CaseIterable {
    case open
    case inProgress = "in-progress"
    case done
    case verified
    case cancelled
}

/// The check that an action worked.
public struct Verification: Sendable, Hashable {
    public var date: CalendarDate
    public var by: String
    public var effective: Bool
    public var note: String?

    public init(date: CalendarDate, by: String, effective: Bool, note: String? = nil) {
        self.date = date
        self.by = by
        self.effective = effective
        self.note = note
    }
}

/// One line of an action's history.
public struct HistoryEntry: Sendable, Hashable {
    public var date: CalendarDate
    public var status: ActionStatus
    public var by: String?
    public var note: String?
    /// Set when this entry records a verification; `false` when it found the action not effective.
    public var effective: Bool?

    /// Stands in for an entry the loader could not read (already reported), so positions match.
    public static let unreadable = HistoryEntry(date: CalendarDate(dayNumber: 0), status: .open, note: "\u{0}")

    /// Whether this is the stand-in for an unreadable entry.
    public var isUnreadable: Bool { self == Self.unreadable }

    public init(
        date: CalendarDate, status: ActionStatus, by: String? = nil, note: String? = nil, effective: Bool? = nil
    ) {
        self.date = date
        self.status = status
        self.by = by
        self.note = note
        self.effective = effective
    }
}
