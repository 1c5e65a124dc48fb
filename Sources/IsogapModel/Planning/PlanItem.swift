/// A task of the implementation plan before it is scheduled: what is to be done, by which role,
/// in which phase, after which other tasks, and for which requirements.
///
/// Keys identify tasks across the whole plan. A programme task of the phase template keeps its
/// bare id (`prog-ceo-kickoff`); a checklist task is keyed `checklist:task` (`iso-10002-2018:
/// 7.4-ack-template`), because task ids are unique only within one checklist; the tasks the
/// planner makes itself are keyed `checklist:assess-first` and `checklist:define-gap-work`.
public struct PlanItem: Sendable, Hashable {
    /// Where a task comes from.
    public enum Origin: Sendable, Hashable {
        /// A programme task of the phase template, part of every plan.
        case programme
        /// A task of a gap requirement of this checklist.
        case checklist(String)
        /// Assessing the applicable requirements of this checklist that are not assessed yet.
        case assessFirst(checklist: String)
        /// Working out how to close gaps of this checklist whose requirements list no task.
        case defineGapWork(checklist: String)
    }

    /// The task's id in the plan (see the type's discussion for the forms it takes).
    public var key: String
    /// Where the task comes from.
    public var origin: Origin
    /// The task's title; `nil` for the tasks the planner makes itself (renderers word them).
    public var title: LocalizedText?
    /// The responsible role.
    public var role: String
    /// Person-days of work.
    public var effortDays: Double
    /// The phase the task is declared in.
    public var phase: String
    /// What must finish before this task starts: task keys, and before scheduling also the
    /// words `phase:ID` and `tag:NAME` (the planner resolves them to keys).
    public var after: [String]
    /// Words other tasks can depend on with `tag:NAME`.
    public var tags: [String]
    /// The `checklist:requirement` keys the task serves.
    public var requirements: [RequirementKey]
    /// The highest gap priority among the requirements served; `nil` when none has a gap.
    public var priority: Double?

    public init(
        key: String, origin: Origin, title: LocalizedText?, role: String, effortDays: Double, phase: String,
        after: [String] = [], requirements: [RequirementKey] = [], priority: Double? = nil, tags: [String] = []
    ) {
        self.tags = tags
        self.key = key
        self.origin = origin
        self.title = title
        self.role = role
        self.effortDays = effortDays
        self.phase = phase
        self.after = after
        self.requirements = requirements
        self.priority = priority
    }

    /// Working days the task takes: one person of its role for ⌈effort⌉ consecutive working days.
    public var workingDays: Int {
        max(1, Int(effortDays.rounded(.up)))
    }
}
