/// What one assessment found, as much as a comparison or a history needs (SPEC §13): the figures
/// per checklist and clause, every requirement's levels and gap, and the action register's
/// statuses.
///
/// A snapshot is made from a workspace's scores or read back from a saved JSON report. Figures
/// are kept rounded as the JSON report writes them (percent to one decimal), so a workspace and
/// its own saved report make equal snapshots and compare with zero deltas.
public struct Snapshot: Sendable, Hashable {
    /// One requirement's state in the assessment.
    public struct Requirement: Sendable, Hashable {
        public var id: String
        /// The clause the requirement sits under (its innermost clause id).
        public var clause: String?
        public var applicable: Bool
        public var claimed: Int?
        /// The supported level (SPEC §6 `e`); `nil` when not assessed.
        public var effective: Int?
        public var target: Int?
        /// The gap (`nil` when not assessed).
        public var gap: Int?

        public init(
            id: String, clause: String? = nil, applicable: Bool = true, claimed: Int? = nil, effective: Int? = nil,
            target: Int? = nil, gap: Int? = nil
        ) {
            self.id = id
            self.clause = clause
            self.applicable = applicable
            self.claimed = claimed
            self.effective = effective
            self.target = target
            self.gap = gap
        }

        /// Applicable and claimed (SPEC §6).
        public var isAssessed: Bool { applicable && effective != nil }
        /// Assessed with a gap above zero.
        public var hasGap: Bool { isAssessed && (gap ?? 0) > 0 }
    }

    /// A clause's score, with its sub-clauses.
    public struct Clause: Sendable, Hashable {
        public var id: String
        public var title: LocalizedText
        /// Percent to one decimal; `nil` when nothing below is assessed.
        public var percent: Double?
        public var clauses: [Clause]

        public init(id: String, title: LocalizedText, percent: Double?, clauses: [Clause] = []) {
            self.id = id
            self.title = title
            self.percent = percent
            self.clauses = clauses
        }
    }

    /// A checklist's score, clauses and requirements.
    public struct Checklist: Sendable, Hashable {
        public var id: String
        public var version: String
        public var title: LocalizedText
        /// The standard's short name, such as `ISO 10002:2018` (the id when a report gave none).
        public var standard: String
        public var percent: Double?
        public var clauses: [Clause]
        public var requirements: [Requirement]

        public init(
            id: String, version: String, title: LocalizedText, percent: Double?, clauses: [Clause],
            requirements: [Requirement], standard: String? = nil
        ) {
            self.id = id
            self.standard = standard ?? id
            self.version = version
            self.title = title
            self.percent = percent
            self.clauses = clauses
            self.requirements = requirements
        }
    }

    /// An action of the register, as far as its outcome goes.
    public struct Action: Sendable, Hashable {
        public var id: String
        public var title: String
        public var status: ActionStatus
        /// The `checklist:requirement` keys it names.
        public var requirements: [String]
        /// When it became done (or verified): the last history entry with that status.
        public var completed: CalendarDate?

        public init(
            id: String, title: String, status: ActionStatus, requirements: [String], completed: CalendarDate? = nil
        ) {
            self.id = id
            self.title = title
            self.status = status
            self.requirements = requirements
            self.completed = completed
        }

        /// Done or verified.
        public var isComplete: Bool { status == .done || status == .verified }
    }

    /// The organisation's name in the language the snapshot was made for.
    public var organization: String
    /// Every form of the name the snapshot knows (a workspace gives each language's), so two
    /// snapshots of one organisation in different languages are still recognised as one.
    public var organizationNames: [String]
    public var assessmentDate: CalendarDate
    /// Combined percent to one decimal; `nil` when nothing is assessed.
    public var combined: Double?
    public var checklists: [Checklist]
    public var actions: [Action]

    public init(
        organization: String, assessmentDate: CalendarDate, combined: Double?, checklists: [Checklist],
        actions: [Action] = [], organizationNames: [String]? = nil
    ) {
        self.organization = organization
        self.organizationNames = organizationNames ?? [organization]
        self.assessmentDate = assessmentDate
        self.combined = combined
        self.checklists = checklists
        self.actions = actions
    }

    /// The snapshot of a scored workspace and its action register.
    public init(
        organization: String, assessmentDate: CalendarDate, score: WorkspaceScore, actions: ActionRegister?,
        organizationNames: [String]? = nil
    ) {
        self.organization = organization
        self.organizationNames = organizationNames ?? [organization]
        self.assessmentDate = assessmentDate
        combined = score.combined.percent.map(Rounding.percent)
        checklists = score.checklists.map { checklist in
            Checklist(
                id: checklist.checklist.id, version: checklist.checklist.version, title: checklist.checklist.title,
                percent: checklist.aggregate.percent.map(Rounding.percent),
                clauses: checklist.clauses.map(Self.clause),
                requirements: checklist.requirements.map { requirement in
                    Requirement(
                        id: requirement.requirement.id, clause: requirement.clausePath.last,
                        applicable: requirement.applicable, claimed: requirement.claimed,
                        effective: requirement.effective, target: requirement.target, gap: requirement.gap)
                }, standard: checklist.checklist.standard)
        }
        self.actions = (actions?.actions ?? []).map(Self.action)
    }

    private static func clause(_ score: ClauseScore) -> Clause {
        Clause(
            id: score.clause.id, title: score.clause.title, percent: score.aggregate.percent.map(Rounding.percent),
            clauses: score.children.map(clause))
    }

    /// An action with the date its history last records it done or verified.
    public static func action(_ action: IsogapModel.Action) -> Action {
        let completed =
            action.status == .done || action.status == .verified
            ? action.history.last { $0.status == .done || $0.status == .verified }?.date
                ?? action.verification?.date : nil
        return Action(
            id: action.id, title: action.title, status: action.status,
            requirements: action.requirements.map(\.description), completed: completed)
    }

    /// The checklist with `id`, when the snapshot has one.
    public func checklist(_ id: String) -> Checklist? {
        checklists.first { $0.id == id }
    }
}
