public import IsogapDiagnostics

/// Makes the implementation plan of SPEC §8 from the gap list, the checklists' tasks, the phase
/// template and the workspace's plan settings.
///
/// Rules beyond the spec's letter (docs/planning.md explains them for users):
/// - Every programme task of the template is in every plan, keyed by its bare id.
/// - Each task of a gap requirement is keyed `checklist:task`; an `after` id names a task of the
///   same checklist and is dropped when that task is not in the plan (its requirement has no gap).
/// - `after` words: a task id names a task of the same file (dropped when not in the plan);
///   `phase:ID` every task declared in that phase; `tag:NAME` every task carrying the tag except
///   the task itself (nothing when no task of the plan carries it).
/// - Applicable requirements not assessed yet become one "assess first" task per checklist
///   (`checklist:assess-first`) in the first phase, for the template's `assessor` role (the first
///   phase's accountable role only when the template has no `assessor`), at 0.25 person-days per
///   requirement rounded up to the next half day.
/// - Gap requirements whose checklist lists no task for them get one "define the work" task per
///   checklist (`checklist:define-gap-work`) on the same terms, so that no gap goes unplanned.
/// - With phase gates, a task that comes after a task of a later phase cannot keep its own phase
///   (the gates would make the two wait for each other); it is planned in the later phase, with a
///   warning.
public enum Planner {
    /// What planning produced: a plan unless an error stopped it, and every problem found.
    public struct Outcome: Sendable, Hashable {
        /// The plan; `nil` when an error stopped it.
        public var plan: Plan?
        /// Errors and warnings, in the order they were found.
        public var problems: [PlanProblem]

        /// Whether any problem is an error.
        public var hasErrors: Bool { problems.contains { $0.severity == .error } }
    }

    /// Person-days of an "assess first" or "define the work" task for `requirements` requirements:
    /// 0.25 each, rounded up to the next half day.
    public static func catchUpEffort(requirements: Int) -> Double {
        Double((max(1, requirements) + 1) / 2) * 0.5
    }

    /// The role that assesses what is not assessed yet: the template's `assessor`.
    public static let assessorRole = "assessor"

    /// Plans a scored workspace. The plan starts on `settings.start`, else on the assessment date.
    /// Tasks that scale with a size driver take their effort for `size` (``OrganisationSize/effort(of:)``).
    public static func plan(
        score: WorkspaceScore, template: PhaseTemplate, settings: PlanSettings, assessmentDate: CalendarDate,
        size: OrganisationSize = OrganisationSize()
    ) -> Outcome {
        var roles: [Role] = []
        for role in template.roles + score.checklists.flatMap(\.checklist.roles)
        where !roles.contains(where: { $0.id == role.id }) {
            roles.append(role)
        }
        var outcome = schedule(
            items(score: score, template: template, size: size), phases: template.phases, roles: roles,
            settings: settings,
            start: settings.start ?? assessmentDate,
            startPath: settings.start != nil ? DocumentPath.root["plan"]["start"] : DocumentPath.root["assessment_date"]
        )
        if let start = settings.start, start < assessmentDate {
            outcome.problems.insert(
                .warning(
                    "the plan starts on \(start), before the assessment date \(assessmentDate); the plan would act on findings not made yet",
                    manifestPath: DocumentPath.root["plan"]["start"]), at: 0)
        }
        return outcome
    }

    /// The tasks of a plan, unscheduled: programme tasks, "assess first" tasks, the tasks of every
    /// gap requirement (in gap-list order) and "define the work" tasks.
    public static func items(
        score: WorkspaceScore, template: PhaseTemplate, size: OrganisationSize = OrganisationSize()
    ) -> [PlanItem] {
        var items: [PlanItem] = []
        for phase in template.phases {
            for task in phase.tasks {
                items.append(
                    PlanItem(
                        key: task.id, origin: .programme, title: task.title, role: task.role,
                        effortDays: size.effort(of: task), phase: task.phase.isEmpty ? phase.id : task.phase,
                        after: task.after, tags: task.tags))
            }
        }
        guard let first = template.phases.first else { return items }
        let catchUpRole =
            template.roles.contains { $0.id == assessorRole } ? assessorRole : first.accountable
        for checklist in score.checklists {
            let unassessed = checklist.requirements.filter { $0.applicable && $0.claimed == nil }.map(\.requirementKey)
            guard !unassessed.isEmpty else { continue }
            items.append(
                PlanItem(
                    key: "\(checklist.checklist.id):assess-first",
                    origin: .assessFirst(checklist: checklist.checklist.id),
                    title: nil, role: catchUpRole, effortDays: catchUpEffort(requirements: unassessed.count),
                    phase: first.id, requirements: unassessed))
        }
        var index: [String: Int] = [:]
        var untasked: [(checklist: String, requirements: [RequirementKey], priority: Double?)] = []
        for gap in score.gaps {
            if gap.requirement.tasks.isEmpty {
                if let at = untasked.firstIndex(where: { $0.checklist == gap.checklist }) {
                    untasked[at].requirements.append(gap.requirementKey)
                    untasked[at].priority = higher(untasked[at].priority, gap.priority)
                } else {
                    untasked.append((gap.checklist, [gap.requirementKey], gap.priority))
                }
            }
            for task in gap.requirement.tasks {
                let key = "\(gap.checklist):\(task.id)"
                if let existing = index[key] {
                    if !items[existing].requirements.contains(gap.requirementKey) {
                        items[existing].requirements.append(gap.requirementKey)
                    }
                    items[existing].priority = higher(items[existing].priority, gap.priority)
                    continue
                }
                index[key] = items.count
                items.append(
                    PlanItem(
                        key: key, origin: .checklist(gap.checklist), title: task.title, role: task.role,
                        effortDays: size.effort(of: task), phase: task.phase,
                        after: task.after.map { text in
                            if case .task(let id) = DependencyWord(text) { return "\(gap.checklist):\(id)" }
                            return text
                        },
                        requirements: [gap.requirementKey], priority: gap.priority, tags: task.tags))
            }
        }
        for entry in untasked {
            items.append(
                PlanItem(
                    key: "\(entry.checklist):define-gap-work", origin: .defineGapWork(checklist: entry.checklist),
                    title: nil, role: catchUpRole,
                    effortDays: catchUpEffort(requirements: entry.requirements.count),
                    phase: first.id, requirements: entry.requirements, priority: entry.priority))
        }
        // An `after` task whose requirement has no gap is not in the plan: the dependency goes.
        for position in items.indices where items[position].origin.isChecklist {
            items[position].after.removeAll { text in
                guard case .task = DependencyWord(text) else { return false }
                return index[text] == nil
            }
        }
        return items
    }

    /// The error for a plan that would end after the last date isogap writes.
    private static func pastTheLastDay(_ startPath: DocumentPath) -> PlanProblem {
        .error(
            "the plan would run past 9999-12-31 (a plan must end by \(PlanLimits.lastDay), so that calendar files can end its last task the next day); reduce the work or add people",
            manifestPath: startPath)
    }

    private static func higher(_ a: Double?, _ b: Double?) -> Double? {
        guard let a else { return b }
        guard let b else { return a }
        return max(a, b)
    }

    /// Schedules tasks. `startPath` locates the start date in the manifest, for the warning when
    /// it is not a working day. `after` lists may hold the words `phase:ID` and `tag:NAME`; they
    /// are resolved to task keys first.
    public static func schedule(
        _ items: [PlanItem], phases: [PhaseTemplate.Phase], roles: [Role], settings: PlanSettings,
        start requestedStart: CalendarDate, startPath: DocumentPath = DocumentPath.root["plan"]["start"]
    ) -> Outcome {
        var problems: [PlanProblem] = []
        guard let (calendar, start) = firstDay(requestedStart, settings: settings, startPath: startPath, &problems)
        else { return Outcome(plan: nil, problems: problems) }
        let (items, wordProblems) = resolvingWords(items, phases: phases)
        problems += wordProblems
        problems += check(items, phases: phases, roles: roles, settings: settings)
        guard !problems.contains(where: { $0.severity == .error }) else {
            return Outcome(plan: nil, problems: problems)
        }

        let phaseIndex = Dictionary(phases.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let itemIndex = Dictionary(items.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
        let predecessors = items.map { $0.after.compactMap { itemIndex[$0] } }
        var phaseOf = items.map { phaseIndex[$0.phase] ?? 0 }
        if settings.phaseGates {
            let moved = movedForward(items, predecessors: predecessors, phaseOf: &phaseOf)
            for (task, after) in moved {
                problems.append(
                    .warning(
                        "task '\(items[task].key)' is declared in phase '\(items[task].phase)' but comes after '\(items[after].key)' of phase '\(phases[phaseOf[after]].id)'; with phase gates it is planned in phase '\(phases[phaseOf[task]].id)'",
                        manifestPath: DocumentPath.root["plan"]["phase_gates"]))
            }
        }

        let roleIndex = roleIndices(items)
        let jobs = items.enumerated().map { index, item in
            Scheduler.Job(
                role: roleIndex[item.role] ?? 0, phase: phaseOf[index], duration: item.workingDays,
                predecessors: predecessors[index], priority: item.priority ?? 0, id: item.key)
        }
        let result: Scheduler.Result
        do {
            let capacity = roleIndex.sorted { $0.value < $1.value }.map { settings.people(in: $0.key) }
            result = try Scheduler.analyse(jobs, capacity: capacity, phaseGates: settings.phaseGates, whatIf: true)
        } catch {
            return Outcome(plan: nil, problems: problems + [.error("the plan cannot be scheduled: \(error)")])
        }
        let slots = result.slots

        let lastDay = slots.map(\.finish).max() ?? 0
        guard lastDay < calendar.workingDays(from: start, through: PlanLimits.lastDay) else {
            return Outcome(plan: nil, problems: problems + [Self.pastTheLastDay(startPath)])
        }
        // One more person can, rarely, make a list schedule longer (a scheduling anomaly): the
        // what-if finishes may lie after the plan's.
        let lastWhatIf = result.finishIfPlusOne.compactMap { $0 }.max() ?? 0
        var dates: [CalendarDate] = [start]
        while dates.count <= max(lastDay, lastWhatIf) {
            dates.append(calendar.nextWorkingDay(onOrAfter: dates[dates.count - 1].adding(days: 1)))
        }
        let layout = Layout(
            items: items, phases: phases, phaseOf: phaseOf, slots: slots, dates: dates, phaseGates: settings.phaseGates)
        let planPhases = layout.planPhases()
        let workingDays = items.isEmpty ? 0 : lastDay + 1
        let plan = Plan(
            start: start, finish: items.isEmpty ? start : dates[lastDay], workingDays: workingDays,
            calendar: calendar, phaseGates: settings.phaseGates, tasks: layout.planTasks(), phases: planPhases,
            roles: roleLoads(
                roles, items: items, phases: planPhases, settings: settings, workingDays: workingDays,
                finishIfPlusOne: { role in roleIndex[role].flatMap { result.finishIfPlusOne[$0] }.map { dates[$0] } }),
            bottlenecks: bottlenecks(roleIndex: roleIndex, result: result, lastDay: lastDay, dates: dates),
            holidays: holidays(calendar, settings: settings))
        return Outcome(plan: plan, problems: problems)
    }

    /// The working calendar and the first working day on or after `requested`; `nil` (with the
    /// error among `problems`) when nobody ever works or the start lies past the last day.
    private static func firstDay(
        _ requested: CalendarDate, settings: PlanSettings, startPath: DocumentPath, _ problems: inout [PlanProblem]
    ) -> (WorkingCalendar, CalendarDate)? {
        guard let calendar = WorkingCalendar(settings) else {
            problems.append(
                .error(
                    "the weekend covers all seven days; nobody ever works",
                    manifestPath: DocumentPath.root["plan"]["weekend"]))
            return nil
        }
        let start = calendar.nextWorkingDay(onOrAfter: requested)
        // No date past 9999-12-31 is ever written (SPEC §8).
        guard start <= PlanLimits.lastDay else {
            problems.append(Self.pastTheLastDay(startPath))
            return nil
        }
        if start != requested {
            problems.append(
                .warning(
                    "the plan start \(requested) is not a working day (\(dayName(requested))); the plan starts on the next working day, \(start)",
                    manifestPath: startPath))
        }
        return (calendar, start)
    }

    /// Each role that has tasks, numbered in the order of its first task.
    private static func roleIndices(_ items: [PlanItem]) -> [String: Int] {
        var roleIndex: [String: Int] = [:]
        for item in items where roleIndex[item.role] == nil { roleIndex[item.role] = roleIndex.count }
        return roleIndex
    }

    /// The scheduled tasks and phases, on calendar dates.
    private struct Layout {
        let items: [PlanItem]
        let phases: [PhaseTemplate.Phase]
        let phaseOf: [Int]
        let slots: [Scheduler.Slot]
        /// The date of each working day of the plan.
        let dates: [CalendarDate]
        let phaseGates: Bool

        /// Every task with its dates, by start, then phase, then key.
        func planTasks() -> [Plan.Task] {
            let phasesWithTasks = Set(phaseOf)
            let tasks = items.enumerated().map { index, item in
                let phase = phaseOf[index]
                let gate = phaseGates ? (0..<phase).last { phasesWithTasks.contains($0) }.map { phases[$0].id } : nil
                let slot = slots[index]
                return Plan.Task(
                    item: item, phase: phases[phase].id, accountable: phases[phase].accountable,
                    start: dates[slot.start], finish: dates[slot.finish], workingDays: item.workingDays,
                    gate: gate, slack: slot.slack, lateStart: dates[slot.lateStart], lateFinish: dates[slot.lateFinish])
            }
            let order = tasks.indices.sorted { a, b in
                if tasks[a].start != tasks[b].start { return tasks[a].start < tasks[b].start }
                if phaseOf[a] != phaseOf[b] { return phaseOf[a] < phaseOf[b] }
                return tasks[a].key < tasks[b].key
            }
            return order.map { tasks[$0] }
        }

        /// Every phase of the template, with the span and work of its tasks.
        func planPhases() -> [Plan.Phase] {
            phases.enumerated().map { position, phase in
                let own = slots.indices.filter { phaseOf[$0] == position }
                let first = own.map { slots[$0].start }.min(), last = own.map { slots[$0].finish }.max()
                return Plan.Phase(
                    id: phase.id, title: phase.title, accountable: phase.accountable, start: first.map { dates[$0] },
                    finish: last.map { dates[$0] }, workingDays: first.flatMap { f in last.map { $0 - f + 1 } } ?? 0,
                    personDays: own.reduce(0) { $0 + items[$1].effortDays }, taskCount: own.count)
            }
        }
    }

    /// The load of every role with tasks or accountable for a phase with tasks.
    private static func roleLoads(
        _ roles: [Role], items: [PlanItem], phases: [Plan.Phase], settings: PlanSettings, workingDays: Int,
        finishIfPlusOne: (String) -> CalendarDate?
    ) -> [Plan.RoleLoad] {
        roles.compactMap { role in
            let own = items.filter { $0.role == role.id }
            let accountable = phases.filter { $0.accountable == role.id && $0.taskCount > 0 }.map(\.id)
            guard !own.isEmpty || !accountable.isEmpty else { return nil }
            let people = settings.people(in: role.id)
            let personDays = own.reduce(0) { $0 + $1.effortDays }
            return Plan.RoleLoad(
                role: role, people: people, taskCount: own.count, personDays: personDays, accountableFor: accountable,
                utilisation: people > 0 && workingDays > 0 ? personDays / Double(people * workingDays) : 0,
                finishIfPlusOne: finishIfPlusOne(role.id))
        }
    }

    /// The roles whose one more person would finish the plan earlier, the largest saving first.
    private static func bottlenecks(
        roleIndex: [String: Int], result: Scheduler.Result, lastDay: Int, dates: [CalendarDate]
    ) -> [Plan.Bottleneck] {
        var bottlenecks: [Plan.Bottleneck] = []
        for (role, index) in roleIndex {
            guard let day = result.finishIfPlusOne[index], day < lastDay else { continue }
            bottlenecks.append(
                Plan.Bottleneck(role: role, finishIfPlusOne: dates[day], workingDaysSaved: lastDay - day))
        }
        return bottlenecks.sorted {
            $0.workingDaysSaved != $1.workingDaysSaved ? $0.workingDaysSaved > $1.workingDaysSaved : $0.role < $1.role
        }
    }

    /// The calendar's holidays in date order, with their names.
    private static func holidays(_ calendar: WorkingCalendar, settings: PlanSettings) -> [Plan.Holiday] {
        calendar.holidays.sorted().map { date in
            var holiday = Plan.Holiday(date: date)
            holiday.name = settings.holidayNames.first { $0.date == date }?.name
            return holiday
        }
    }

    /// Replaces the words `phase:ID` and `tag:NAME` in every `after` list by the keys they name:
    /// the tasks declared in that phase, the tasks carrying that tag (never the task itself).
    /// Keys come once each, in the order first named. An unknown phase is an error; a tag no task
    /// of the plan carries names nothing (the checklist checks catch misspellings).
    static func resolvingWords(_ items: [PlanItem], phases: [PhaseTemplate.Phase]) -> ([PlanItem], [PlanProblem]) {
        let hasWords = items.contains { item in
            item.after.contains { $0.hasPrefix("phase:") || $0.hasPrefix("tag:") }
        }
        guard hasWords else { return (items, []) }
        var byPhase: [String: [String]] = [:], byTag: [String: [String]] = [:]
        for item in items {
            byPhase[item.phase, default: []].append(item.key)
            for tag in item.tags { byTag[tag, default: []].append(item.key) }
        }
        let phaseIDs = Set(phases.map(\.id))
        var problems: [PlanProblem] = []
        var resolved = items
        for position in resolved.indices {
            let item = resolved[position]
            guard item.after.contains(where: { $0.hasPrefix("phase:") || $0.hasPrefix("tag:") }) else { continue }
            var keys: [String] = [], seen: Set<String> = []
            for text in item.after {
                let named: [String]
                switch DependencyWord(text) {
                case .task: named = [text]
                case .phase(let phase):
                    if !phaseIDs.contains(phase) {
                        problems.append(
                            .error(
                                "task '\(item.key)' comes after 'phase:\(phase)', which is not a phase of the plan template"
                            ))
                    }
                    named = byPhase[phase] ?? []
                case .tag(let tag): named = byTag[tag] ?? []
                }
                for key in named where key != item.key && seen.insert(key).inserted { keys.append(key) }
            }
            resolved[position].after = keys
        }
        return (resolved, problems)
    }

    /// Errors that stop scheduling: duplicate keys, unknown roles, phases and tasks, cycles, and
    /// roles with no people that have work.
    static func check(
        _ items: [PlanItem], phases: [PhaseTemplate.Phase], roles: [Role], settings: PlanSettings
    ) -> [PlanProblem] {
        var problems: [PlanProblem] = []
        let roleIDs = Set(roles.map(\.id)), phaseIDs = Set(phases.map(\.id))
        var keys: Set<String> = []
        for item in items where !keys.insert(item.key).inserted {
            problems.append(.error("two tasks of the plan have the key '\(item.key)'"))
        }
        for phase in phases where !roleIDs.contains(phase.accountable) {
            problems.append(
                .error(
                    "phase '\(phase.id)' names accountable role '\(phase.accountable)', which neither the phase template nor any checklist defines"
                ))
        }
        for item in items {
            if !roleIDs.contains(item.role) {
                problems.append(
                    .error(
                        "task '\(item.key)' names role '\(item.role)', which neither the phase template nor any checklist defines"
                    ))
            }
            if !phaseIDs.contains(item.phase) {
                problems.append(
                    .error("task '\(item.key)' names phase '\(item.phase)', which is not a phase of the plan template"))
            }
            for after in item.after where !keys.contains(after) {
                problems.append(.error("task '\(item.key)' comes after '\(after)', which is not a task of the plan"))
            }
            if !(item.effortDays > 0) {
                problems.append(.error("task '\(item.key)' has effort \(item.effortDays); it must be greater than 0"))
            }
        }
        let graph = items.map {
            PlanTask(id: $0.key, title: LocalizedText(""), role: "", effortDays: 1, phase: "", after: $0.after)
        }
        if let cycle = TaskGraph.firstCycle(graph) {
            problems.append(
                .error("tasks depend on each other in a cycle: \(cycle.joined(separator: " → ")) → \(cycle[0])"))
        }
        var idle: [(role: String, tasks: [String])] = []
        for item in items where settings.people(in: item.role) <= 0 {
            if let at = idle.firstIndex(where: { $0.role == item.role }) {
                idle[at].tasks.append(item.key)
            } else {
                idle.append((item.role, [item.key]))
            }
        }
        for (role, tasks) in idle {
            let listed = tasks.prefix(5).map { "'\($0)'" }.joined(separator: ", ")
            let more = tasks.count > 5 ? " and \(tasks.count - 5) more" : ""
            problems.append(
                .error(
                    "role '\(role)' has capacity 0 but is responsible for \(tasks.count) task\(tasks.count == 1 ? "" : "s") (\(listed)\(more)); give it at least one person",
                    manifestPath: DocumentPath.root["plan"]["capacity"][role]))
        }
        return problems
    }

    /// With gates, moves each task to the latest phase among its own and its predecessors'
    /// (transitively); returns each moved task with the predecessor that moved it.
    private static func movedForward(_ items: [PlanItem], predecessors: [[Int]], phaseOf: inout [Int])
        -> [(task: Int, after: Int)]
    {
        var successors = [[Int]](repeating: [], count: items.count)
        var remaining = predecessors.map(\.count)
        for (task, list) in predecessors.enumerated() {
            for predecessor in list { successors[predecessor].append(task) }
        }
        var queue = items.indices.filter { remaining[$0] == 0 }
        var head = 0
        var moved: [(task: Int, after: Int)] = []
        while head < queue.count {
            let task = queue[head]
            head += 1
            if let latest = predecessors[task].max(by: { phaseOf[$0] < phaseOf[$1] }), phaseOf[latest] > phaseOf[task] {
                phaseOf[task] = phaseOf[latest]
                moved.append((task, latest))
            }
            for successor in successors[task] {
                remaining[successor] -= 1
                if remaining[successor] == 0 { queue.append(successor) }
            }
        }
        return moved
    }

    private static func dayName(_ date: CalendarDate) -> String {
        switch date.weekday {
        case .mon: "Monday"
        case .tue: "Tuesday"
        case .wed: "Wednesday"
        case .thu: "Thursday"
        case .fri: "Friday"
        case .sat: "Saturday"
        case .sun: "Sunday"
        }
    }
}

extension PlanItem.Origin {
    /// Whether the task comes from a checklist requirement.
    var isChecklist: Bool {
        if case .checklist = self { return true }
        return false
    }
}
