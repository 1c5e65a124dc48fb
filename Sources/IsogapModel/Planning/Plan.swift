/// A scheduled implementation plan (SPEC §8): every task with its dates, the phases with their
/// milestones, and the work per role.
public struct Plan: Sendable, Hashable {
    /// A task with its place in the schedule.
    public struct Task: Sendable, Hashable {
        public var item: PlanItem
        /// The phase the task is planned in: its declared phase, unless with phase gates it comes
        /// after a task of a later phase (see ``Planner``).
        public var phase: String
        /// The role accountable for the task: its phase's accountable role.
        public var accountable: String
        public var start: CalendarDate
        /// The last working day of the task.
        public var finish: CalendarDate
        public var workingDays: Int
        /// With phase gates, the phase whose end the task waits for (the nearest earlier phase
        /// that has tasks); `nil` without gates or in the first phase with tasks.
        public var gate: String?
        /// Working days the task can slip without moving the plan's finish, counting dependencies,
        /// gates and the people of every role (SPEC §8 v2's backward list schedule).
        public var slack: Int
        /// The latest start that keeps the plan's finish (the start when the task is critical).
        public var lateStart: CalendarDate
        /// The last working day of the task when it starts on `lateStart`.
        public var lateFinish: CalendarDate

        public init(
            item: PlanItem, phase: String, accountable: String, start: CalendarDate, finish: CalendarDate,
            workingDays: Int, gate: String?, slack: Int, lateStart: CalendarDate? = nil,
            lateFinish: CalendarDate? = nil
        ) {
            self.item = item
            self.phase = phase
            self.accountable = accountable
            self.start = start
            self.finish = finish
            self.workingDays = workingDays
            self.gate = gate
            self.slack = slack
            self.lateStart = lateStart ?? start
            self.lateFinish = lateFinish ?? finish
        }

        public var key: String { item.key }
        /// The responsible role.
        public var role: String { item.role }
        /// On the critical chain: no slack, with capacity counted.
        public var critical: Bool { slack == 0 }

        /// The `after` tasks, then the gate written `phase:<id>` (the end of that phase).
        public var predecessors: [String] {
            item.after + (gate.map { ["phase:\($0)"] } ?? [])
        }
    }

    /// A phase with its dates; its finish is the phase's milestone.
    public struct Phase: Sendable, Hashable {
        public var id: String
        public var title: LocalizedText
        public var accountable: String
        /// First working day of the phase's tasks; `nil` when the phase has no task.
        public var start: CalendarDate?
        /// Last working day of the phase's tasks (the milestone); `nil` when it has no task.
        public var finish: CalendarDate?
        /// Working days from `start` through `finish`; 0 when the phase has no task.
        public var workingDays: Int
        public var personDays: Double
        public var taskCount: Int

        public init(
            id: String, title: LocalizedText, accountable: String, start: CalendarDate?, finish: CalendarDate?,
            workingDays: Int, personDays: Double, taskCount: Int
        ) {
            self.id = id
            self.title = title
            self.accountable = accountable
            self.start = start
            self.finish = finish
            self.workingDays = workingDays
            self.personDays = personDays
            self.taskCount = taskCount
        }
    }

    /// The work of one role.
    public struct RoleLoad: Sendable, Hashable {
        public var role: Role
        /// People available (the plan's capacity).
        public var people: Int
        /// Tasks the role is responsible for.
        public var taskCount: Int
        /// Sum of the effort of those tasks.
        public var personDays: Double
        /// Phase ids where the role is accountable.
        public var accountableFor: [String]
        /// `personDays / (people × plan working days)`; 0 for a plan without working days.
        public var utilisation: Double
        /// The plan's finish if the role had one more person; `nil` when it has no task.
        public var finishIfPlusOne: CalendarDate?

        public init(
            role: Role, people: Int, taskCount: Int, personDays: Double, accountableFor: [String],
            utilisation: Double = 0, finishIfPlusOne: CalendarDate? = nil
        ) {
            self.role = role
            self.people = people
            self.taskCount = taskCount
            self.personDays = personDays
            self.accountableFor = accountableFor
            self.utilisation = utilisation
            self.finishIfPlusOne = finishIfPlusOne
        }
    }

    /// A role whose one extra person would finish the plan earlier.
    public struct Bottleneck: Sendable, Hashable {
        /// The role id.
        public var role: String
        /// The plan's finish with one more person in the role.
        public var finishIfPlusOne: CalendarDate
        /// Working days between that finish and the plan's.
        public var workingDaysSaved: Int

        public init(role: String, finishIfPlusOne: CalendarDate, workingDaysSaved: Int) {
            self.role = role
            self.finishIfPlusOne = finishIfPlusOne
            self.workingDaysSaved = workingDaysSaved
        }
    }

    /// A holiday of the plan's calendar with its name, if the manifest gives one.
    public struct Holiday: Sendable, Hashable {
        /// The day nobody works.
        public var date: CalendarDate
        /// The holiday's name, when the manifest writes it `{date, name}`.
        public var name: LocalizedText?

        public init(date: CalendarDate, name: LocalizedText? = nil) {
            self.date = date
            self.name = name
        }
    }

    /// The first working day of the plan.
    public var start: CalendarDate
    /// The last working day of the last task (the start when there is no task).
    public var finish: CalendarDate
    /// Working days from `start` through `finish`; 0 when there is no task.
    public var workingDays: Int
    public var calendar: WorkingCalendar
    public var phaseGates: Bool
    /// Tasks by start date, then phase order, then key.
    public var tasks: [Task]
    /// Every phase of the template, in order.
    public var phases: [Phase]
    /// Roles that are responsible for a task or accountable for a phase with tasks, in the order
    /// the template and then the checklists define them.
    public var roles: [RoleLoad]
    /// Keys of the critical tasks (no slack), in task order (by start date).
    public var criticalChain: [String]
    /// Roles whose one extra person would move the finish earlier: most working days saved
    /// first, then by role id.
    public var bottlenecks: [Bottleneck]
    /// Every holiday of the calendar, by date, with its name where the manifest gives one.
    public var holidays: [Holiday]

    public init(
        start: CalendarDate, finish: CalendarDate, workingDays: Int, calendar: WorkingCalendar, phaseGates: Bool,
        tasks: [Task], phases: [Phase], roles: [RoleLoad], bottlenecks: [Bottleneck] = [], holidays: [Holiday]? = nil
    ) {
        self.start = start
        self.finish = finish
        self.workingDays = workingDays
        self.calendar = calendar
        self.phaseGates = phaseGates
        self.tasks = tasks
        self.phases = phases
        self.roles = roles
        self.criticalChain = tasks.filter(\.critical).map(\.key)
        self.bottlenecks = bottlenecks
        self.holidays = holidays ?? calendar.holidays.sorted().map { Holiday(date: $0) }
    }

    /// Sum of the effort of every task.
    public var personDays: Double { tasks.reduce(0) { $0 + $1.item.effortDays } }

    /// The task with this key.
    public func task(_ key: String) -> Task? {
        tasks.first { $0.key == key }
    }
}
