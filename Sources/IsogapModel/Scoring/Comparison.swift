/// What changed between two assessments (SPEC §13): figures with their deltas, every
/// requirement's change, the gaps closed, opened and persisting, and the actions completed in
/// between with the change they brought.
///
/// Requirements match by checklist id and requirement id, clauses by checklist id and clause id.
/// Lists follow NEW's order, then what only OLD has, in OLD's order.
public struct Comparison: Sendable, Hashable {
    /// How a requirement changed; the raw values are the JSON names of SPEC §13.
    public enum Change: String, Sendable, Hashable, CaseIterable {
        case improved
        case regressed
        case unchanged
        case newlyAssessed = "newly-assessed"
        case noLongerAssessed = "no-longer-assessed"
        case nowApplicable = "now-applicable"
        case nowNotApplicable = "now-not-applicable"
        case added
        case removed

        /// Rank for "the best change among an action's requirements": a level that rose is best,
        /// one that fell worst, and a change that says nothing about the level lies between.
        var rank: Int {
            switch self {
            case .improved: 0
            case .unchanged: 1
            case .newlyAssessed: 2
            case .nowApplicable: 3
            case .nowNotApplicable: 4
            case .noLongerAssessed: 5
            case .added: 6
            case .removed: 7
            case .regressed: 8
            }
        }
    }

    /// A percent figure in both assessments; `delta` = new − old, `nil` when either is.
    public struct Figure: Sendable, Hashable {
        public var old: Double?
        public var new: Double?

        public init(old: Double?, new: Double?) {
            self.old = old
            self.new = new
        }

        /// NEW minus OLD, to one decimal.
        public var delta: Double? {
            guard let old, let new else { return nil }
            return Rounding.percent(new - old)
        }
    }

    /// A clause's figures, with its sub-clauses.
    public struct ClauseDelta: Sendable, Hashable {
        public var id: String
        public var title: LocalizedText
        public var figure: Figure
        public var clauses: [ClauseDelta]
    }

    /// A checklist's figures and clauses.
    public struct ChecklistDelta: Sendable, Hashable {
        public var id: String
        public var title: LocalizedText
        /// The standard's short name, such as `ISO 10002:2018`.
        public var standard: String
        public var oldVersion: String?
        public var newVersion: String?
        public var figure: Figure
        public var clauses: [ClauseDelta]
    }

    /// One requirement in either assessment.
    public struct RequirementChange: Sendable, Hashable {
        public var checklist: String
        public var requirement: String
        public var clause: String?
        public var oldLevel: Int?
        public var newLevel: Int?
        public var oldGap: Int?
        public var newGap: Int?
        public var change: Change

        /// `checklist:requirement`.
        public var key: String { "\(checklist):\(requirement)" }
    }

    /// An action completed between the two assessments and the best change among the
    /// requirements it names (`nil` when none of them is compared).
    public struct ActionOutcome: Sendable, Hashable {
        public var id: String
        public var title: String
        public var status: ActionStatus
        public var requirements: [String]
        public var completed: CalendarDate?
        public var change: Change?
    }

    /// Something a reader should know before trusting the figures (different organisations,
    /// checklists with nothing in common); never a reason to stop.
    public struct Warning: Sendable, Hashable, CustomStringConvertible {
        /// What the warning is about, with what a message in any language needs.
        public enum Kind: Sendable, Hashable {
            /// The assessments name different organisations (the names as given, in order).
            case differentOrganizations([String])
            /// A checklist has no requirement in common between the two assessments.
            case nothingInCommon(checklist: String, oldVersion: String, newVersion: String)
        }

        public var kind: Kind

        public init(_ kind: Kind) {
            self.kind = kind
        }

        /// The warning in English, for standard error.
        public var description: String {
            switch kind {
            case .differentOrganizations(let names):
                "the assessments are of different organisations (\(names.map { "'\($0)'" }.joined(separator: ", "))); the comparison may mean little"
            case .nothingInCommon(let checklist, let old, let new):
                "checklist \(checklist) has no requirement in common between the two assessments (versions \(old) and \(new)); its requirements are all added or removed"
            }
        }
    }

    public var old: Snapshot
    public var new: Snapshot
    public var combined: Figure
    public var checklists: [ChecklistDelta]
    /// Every requirement assessed, or applicable, in at least one of the two (requirements not
    /// assessed in either and applicable in both, or not applicable in both, tell nothing and are
    /// left out).
    public var requirements: [RequirementChange]
    public var closedGaps: [String]
    public var openedGaps: [String]
    public var persistingGaps: [String]
    public var actions: [ActionOutcome]
    public var warnings: [Warning]

    /// Compares `old` with `new`.
    public init(old: Snapshot, new: Snapshot) {
        self.old = old
        self.new = new
        combined = Figure(old: old.combined, new: new.combined)
        var warnings: [Warning] = []
        if Set(old.organizationNames).isDisjoint(with: new.organizationNames) {
            warnings.append(Warning(.differentOrganizations([old.organization, new.organization])))
        }
        let ids = Self.union(new.checklists.map(\.id), old.checklists.map(\.id))
        var checklists: [ChecklistDelta] = []
        var requirements: [RequirementChange] = []
        for id in ids {
            let before = old.checklist(id), after = new.checklist(id)
            checklists.append(
                ChecklistDelta(
                    id: id, title: (after ?? before)?.title ?? LocalizedText(id),
                    standard: (after ?? before)?.standard ?? id, oldVersion: before?.version,
                    newVersion: after?.version, figure: Figure(old: before?.percent, new: after?.percent),
                    clauses: Self.clauses(before?.clauses ?? [], after?.clauses ?? [])))
            if let before, let after {
                let common = Set(before.requirements.map(\.id)).intersection(after.requirements.map(\.id))
                if common.isEmpty {
                    warnings.append(
                        Warning(.nothingInCommon(checklist: id, oldVersion: before.version, newVersion: after.version)))
                }
            }
            requirements += Self.requirements(id, before?.requirements ?? [], after?.requirements ?? [])
        }
        self.checklists = checklists
        self.requirements = requirements
        self.warnings = warnings

        var closed: [String] = [], opened: [String] = [], persisting: [String] = []
        for id in ids {
            let before = Dictionary(
                (old.checklist(id)?.requirements ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let after = Dictionary(
                (new.checklist(id)?.requirements ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let order = Self.union(
                (new.checklist(id)?.requirements ?? []).map(\.id), (old.checklist(id)?.requirements ?? []).map(\.id))
            for requirement in order {
                let wasGap = before[requirement]?.hasGap ?? false
                let isGap = after[requirement]?.hasGap ?? false
                let key = "\(id):\(requirement)"
                if wasGap && isGap {
                    persisting.append(key)
                } else if isGap {
                    opened.append(key)
                } else if wasGap, after[requirement]?.isAssessed == true {
                    // Closed only when NEW assessed it without a gap: a gap that was simply not
                    // re-assessed is not closed.
                    closed.append(key)
                }
            }
        }
        closedGaps = closed
        openedGaps = opened
        persistingGaps = persisting

        let oldActions = Dictionary(old.actions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let changes = Dictionary(requirements.map { ($0.key, $0.change) }, uniquingKeysWith: { first, _ in first })
        actions = new.actions.filter { action in action.isComplete && oldActions[action.id]?.isComplete != true }
            .map { action in
                ActionOutcome(
                    id: action.id, title: action.title, status: action.status, requirements: action.requirements,
                    completed: action.completed,
                    change: action.requirements.compactMap { changes[$0] }.min { $0.rank < $1.rank })
            }
    }

    /// `first`, then the items of `second` that `first` lacks, each once.
    static func union(_ first: [String], _ second: [String]) -> [String] {
        var seen = Set<String>()
        return (first + second).filter { seen.insert($0).inserted }
    }

    static func clauses(_ old: [Snapshot.Clause], _ new: [Snapshot.Clause]) -> [ClauseDelta] {
        union(new.map(\.id), old.map(\.id)).map { id in
            let before = old.first { $0.id == id }, after = new.first { $0.id == id }
            return ClauseDelta(
                id: id, title: (after ?? before)?.title ?? LocalizedText(id),
                figure: Figure(old: before?.percent, new: after?.percent),
                clauses: clauses(before?.clauses ?? [], after?.clauses ?? []))
        }
    }

    static func requirements(_ checklist: String, _ old: [Snapshot.Requirement], _ new: [Snapshot.Requirement])
        -> [RequirementChange]
    {
        union(new.map(\.id), old.map(\.id)).compactMap { id in
            let before = old.first { $0.id == id }, after = new.first { $0.id == id }
            guard let change = change(before, after) else { return nil }
            return RequirementChange(
                checklist: checklist, requirement: id, clause: (after ?? before)?.clause,
                oldLevel: before?.isAssessed == true ? before?.effective : nil,
                newLevel: after?.isAssessed == true ? after?.effective : nil,
                oldGap: before?.isAssessed == true ? before?.gap : nil,
                newGap: after?.isAssessed == true ? after?.gap : nil, change: change)
        }
    }

    /// The change from `old` to `new` (SPEC §13), or `nil` when the pair tells nothing (not
    /// assessed in either while applicable in both, or not applicable in both).
    public static func change(_ old: Snapshot.Requirement?, _ new: Snapshot.Requirement?) -> Change? {
        guard let old else { return new == nil ? nil : .added }
        guard let new else { return .removed }
        switch (old.applicable, new.applicable) {
        case (true, false): return .nowNotApplicable
        case (false, true): return .nowApplicable
        case (false, false): return nil
        case (true, true): break
        }
        switch (old.isAssessed ? old.effective : nil, new.isAssessed ? new.effective : nil) {
        case (let before?, let after?): return after > before ? .improved : after < before ? .regressed : .unchanged
        case (nil, _?): return .newlyAssessed
        case (_?, nil): return .noLongerAssessed
        case (nil, nil): return nil
        }
    }
}
