/// The action register read against the scores, as of a date (SPEC §7): what is overdue, which gaps
/// no action covers, and what the scores will be once the actions are done.
public struct ActionTracker: Sendable {
    /// An action that is late.
    public struct Overdue: Sendable, Hashable {
        public var action: Action
        /// Calendar days since the due date.
        public var daysOverdue: Int
    }

    public let register: ActionRegister
    public let score: WorkspaceScore
    public let asOf: CalendarDate
    /// The actions naming each requirement, keyed `checklist:requirement`.
    private let actionsByRequirement: [String: [Action]]

    /// - Parameter register: the register as the file has it; it is read as it stood on `asOf`
    ///   (history entries and verifications dated later are ignored, ``ActionRegister/asOf(_:)``).
    public init(register: ActionRegister, score: WorkspaceScore, asOf: CalendarDate) {
        let register = register.asOf(asOf)
        self.register = register
        self.score = score
        self.asOf = asOf
        var byRequirement: [String: [Action]] = [:]
        for action in register.actions {
            for reference in action.requirements { byRequirement[reference.description, default: []].append(action) }
        }
        actionsByRequirement = byRequirement
    }

    /// Open or in-progress actions past their due date, most overdue first, then by id.
    public var overdue: [Overdue] {
        register.actions.filter { Self.isOverdue($0, asOf: asOf) }
            .map { Overdue(action: $0, daysOverdue: $0.due.days(until: asOf)) }
            .sorted { ($0.daysOverdue, $1.action.id) > ($1.daysOverdue, $0.action.id) }
    }

    /// The number of actions of `register` that are overdue on `date` (``overdue``'s count),
    /// without a tracker: a portfolio needs only the count, not the actions by requirement.
    public static func overdueCount(in register: ActionRegister, asOf date: CalendarDate) -> Int {
        register.actions.count { isOverdue($0.asOf(date), asOf: date) }
    }

    /// Whether an action, as it stood on `date`, is open or in progress and past its due date.
    private static func isOverdue(_ action: Action, asOf date: CalendarDate) -> Bool {
        action.isPending && action.due < date
    }

    /// Open or in-progress actions due within the next `days` days (from the as-of date), by due date.
    public func dueSoon(within days: Int = 30) -> [Action] {
        let limit = asOf.adding(days: days)
        return register.actions.filter { $0.isPending && $0.due >= asOf && $0.due <= limit }
            .sorted { ($0.due, $0.id) < ($1.due, $1.id) }
    }

    /// Gap-list requirements that no action other than a cancelled one names, in gap-list order.
    public var uncoveredGaps: [RequirementScore] {
        let covered = Set(
            register.actions.filter { $0.status != .cancelled }.flatMap { $0.requirements.map(\.description) })
        return score.gaps.filter { !covered.contains($0.key) }
    }

    /// Number of actions per status, in the order of ``ActionStatus``.
    public var countsByStatus: [(status: ActionStatus, count: Int)] {
        ActionStatus.allCases.compactMap { status in
            let count = register.actions.filter { $0.status == status }.count
            return count > 0 ? (status, count) : nil
        }
    }

    /// Number of actions per owner role, in order of first appearance.
    public var countsByOwnerRole: [(role: String, count: Int)] {
        var result: [(role: String, count: Int)] = []
        for action in register.actions {
            if let index = result.firstIndex(where: { $0.role == action.ownerRole }) {
                result[index].count += 1
            } else {
                result.append((action.ownerRole, 1))
            }
        }
        return result
    }

    /// Number of actions per type, in the order of ``ActionType``.
    public var countsByType: [(type: ActionType, count: Int)] {
        ActionType.allCases.compactMap { type in
            let count = register.actions.filter { $0.type == type }.count
            return count > 0 ? (type, count) : nil
        }
    }

    /// Actions a verification found not effective at some point.
    public var foundNotEffective: [Action] {
        register.actions.filter(\.wasFoundNotEffective)
    }

    /// The level a requirement would reach once every non-cancelled action naming it is done.
    public func projectedLevel(_ requirement: RequirementScore) -> Int? {
        level(requirement) { $0 != .cancelled }
    }

    /// The level a requirement has reached through done and verified actions.
    public func achievedLevel(_ requirement: RequirementScore) -> Int? {
        level(requirement) { $0 == .done || $0 == .verified }
    }

    /// Scores (§6 formulas) with projected levels in place of effective ones.
    public var projected: Aggregate { Aggregate(score.requirements, levels: projectedLevel) }

    /// Scores (§6 formulas) with achieved levels in place of effective ones.
    public var achieved: Aggregate { Aggregate(score.requirements, levels: achievedLevel) }

    private func level(_ requirement: RequirementScore, counting statuses: (ActionStatus) -> Bool) -> Int? {
        guard let effective = requirement.effective else { return nil }
        let raised = actionsByRequirement[requirement.key, default: []].filter { statuses($0.status) }
            .map { min($0.raisesTo ?? requirement.target, requirement.maxLevel) }
        return max(effective, raised.max() ?? effective)
    }
}
