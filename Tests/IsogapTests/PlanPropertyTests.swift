import IsogapModel
import Testing

/// Invariants of the planner on many generated plans (seeded, so every run checks the same ones).
@Suite("Plan properties")
struct PlanPropertyTests {
    typealias F = PlanFixture

    struct Network {
        var items: [PlanItem]
        var phases: [String]
        var settings: PlanSettings
        var start: CalendarDate
    }

    static let weekends: [[Weekday]] = [[.sat, .sun], [.fri, .sat], [.fri], [.sun], [], [.thu, .fri, .sat]]
    static let efforts = [0.25, 0.5, 1, 1.5, 2, 3, 5, 8]

    /// A random acyclic network of up to 60 tasks over up to four phases and five roles.
    static func randomNetwork(_ rng: inout SeededGenerator) -> Network {
        let phases = (1...Int.random(in: 1...4, using: &rng)).map { "p\($0)" }
        let roles = F.roles.map(\.id)
        let count = Int.random(in: 1...60, using: &rng)
        var items: [PlanItem] = []
        for index in 0..<count {
            var after: [String] = []
            if index > 0 {
                for _ in 0..<Int.random(in: 0...2, using: &rng) {
                    let key = "t\(Int.random(in: 0..<index, using: &rng))"
                    if !after.contains(key) { after.append(key) }
                }
            }
            items.append(
                F.task(
                    "t\(index)", role: roles.randomElement(using: &rng) ?? "lead",
                    effort: efforts.randomElement(using: &rng) ?? 1, phase: phases.randomElement(using: &rng) ?? "p1",
                    after: after, priority: Bool.random(using: &rng) ? Double(Int.random(in: 1...18, using: &rng)) : nil
                ))
        }
        let start = F.date("2027-01-01").adding(days: Int.random(in: 0..<30, using: &rng))
        let settings = PlanSettings(
            weekend: weekends.randomElement(using: &rng) ?? [],
            holidays: (0..<Int.random(in: 0...12, using: &rng)).map { _ in
                start.adding(days: Int.random(in: -5..<200, using: &rng))
            },
            capacity: roles.filter { _ in Bool.random(using: &rng) }.map { ($0, Int.random(in: 1...3, using: &rng)) },
            phaseGates: Bool.random(using: &rng))
        return Network(items: items, phases: phases, settings: settings, start: start)
    }

    static func schedule(_ network: Network) -> Planner.Outcome {
        Planner.schedule(
            network.items, phases: network.phases.map { F.phase($0) }, roles: F.roles, settings: network.settings,
            start: network.start)
    }

    static let seeds: [UInt64] = Array(1...40)

    @Test(arguments: seeds)
    func schedulesRespectCalendarCapacityDependenciesAndGates(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<10 {
            let network = Self.randomNetwork(&rng)
            let outcome = Self.schedule(network)
            #expect(!outcome.hasErrors, "\(outcome.problems)")
            let plan = try #require(outcome.plan)
            try Self.checkInvariants(plan, network)
        }
    }

    static func checkInvariants(_ plan: Plan, _ network: Network) throws {
        let calendar = plan.calendar
        #expect(plan.tasks.count == network.items.count)
        #expect(calendar.isWorkingDay(plan.start))
        #expect(plan.start >= network.start)
        #expect(plan.start == calendar.nextWorkingDay(onOrAfter: network.start))
        /// The working-day number of a date in the plan (day 0 is the plan's start).
        func day(_ date: CalendarDate) -> Int { calendar.workingDays(from: plan.start, through: date) - 1 }
        let phaseIndex = Dictionary(uniqueKeysWithValues: network.phases.enumerated().map { ($1, $0) })
        let byKey = Dictionary(uniqueKeysWithValues: plan.tasks.map { ($0.key, $0) })
        var load: [String: [Int: Int]] = [:]
        for task in plan.tasks {
            // Only working days, exactly ⌈effort⌉ of them.
            #expect(calendar.isWorkingDay(task.start) && calendar.isWorkingDay(task.finish))
            #expect(task.workingDays == Int(task.item.effortDays.rounded(.up)))
            #expect(calendar.workingDays(from: task.start, through: task.finish) == task.workingDays)
            #expect(task.start >= plan.start && task.finish <= plan.finish)
            for offset in 0..<task.workingDays {
                load[task.role, default: [:]][day(task.start) + offset, default: 0] += 1
            }
            // Dependencies.
            for key in task.item.after {
                let predecessor = try #require(byKey[key])
                #expect(predecessor.finish < task.start, "\(key) must finish before \(task.key) starts")
            }
            // Phases only move later, and only with gates.
            let declared = phaseIndex[task.item.phase] ?? 0, planned = phaseIndex[task.phase] ?? 0
            #expect(network.settings.phaseGates ? planned >= declared : planned == declared)
            #expect(task.slack >= 0)
        }
        // Capacity, on every working day.
        for (role, days) in load {
            let people = network.settings.people(in: role)
            #expect(days.values.allSatisfy { $0 <= people }, "role \(role) over its \(people) people")
        }
        // Gates: every task of an earlier phase finishes first.
        if network.settings.phaseGates {
            let latestFinish = Dictionary(grouping: plan.tasks, by: \.phase).mapValues { $0.map(\.finish).max() }
            for task in plan.tasks {
                for phase in network.phases.prefix(phaseIndex[task.phase] ?? 0) {
                    if let finish = latestFinish[phase] ?? nil { #expect(finish < task.start) }
                }
            }
        }
        // Slack counts capacity (the backward list schedule): late dates lie between the early
        // dates and the plan's finish, and the late schedule itself keeps every dependency, gate
        // and capacity.
        let last = day(plan.finish)
        #expect(plan.tasks.contains { $0.critical && $0.finish == plan.finish })
        // A critical task starts on the plan's start unless the backward schedule needs fewer days
        // than the forward one (the forward list schedule left room: see
        // PlanCapacityTests.forwardScheduleLeftRoom); then every late start is after the start.
        let lateStartsOnDayZero = plan.tasks.contains { $0.lateStart == plan.start }
        #expect(plan.tasks.contains { $0.critical && $0.start == plan.start } == lateStartsOnDayZero)
        #expect(plan.criticalChain == plan.tasks.filter(\.critical).map(\.key))
        var lateLoad: [String: [Int: Int]] = [:]
        for task in plan.tasks {
            #expect(task.slack >= 0)
            #expect(day(task.lateStart) == day(task.start) + task.slack, "late start of \(task.key)")
            #expect(day(task.lateFinish) == day(task.finish) + task.slack, "late finish of \(task.key)")
            #expect(task.lateFinish <= plan.finish && calendar.isWorkingDay(task.lateStart))
            for offset in 0..<task.workingDays {
                lateLoad[task.role, default: [:]][day(task.lateStart) + offset, default: 0] += 1
            }
            for other in plan.tasks {
                let follows =
                    other.item.after.contains(task.key)
                    || (network.settings.phaseGates && (phaseIndex[other.phase] ?? 0) > (phaseIndex[task.phase] ?? 0))
                if follows { #expect(task.lateFinish < other.lateStart, "\(task.key) late before \(other.key)") }
            }
            #expect(day(task.lateFinish) <= last)
        }
        for (role, days) in lateLoad {
            let people = network.settings.people(in: role)
            #expect(days.values.allSatisfy { $0 <= people }, "late schedule: role \(role) over its \(people) people")
        }
        // The finish with one more person is a real re-run with one more person.
        for role in plan.roles where role.taskCount > 0 {
            var settings = network.settings
            settings.capacity.removeAll { $0.role == role.role.id }
            settings.capacity.append((role.role.id, role.people + 1))
            var rerun = network
            rerun.settings = settings
            let other = try #require(Self.schedule(rerun).plan)
            #expect(role.finishIfPlusOne == other.finish, "one more \(role.role.id)")
            let bottleneck = plan.bottlenecks.first { $0.role == role.role.id }
            #expect((bottleneck != nil) == (other.finish < plan.finish))
            if let bottleneck {
                #expect(bottleneck.workingDaysSaved == last - day(other.finish))
            }
        }
        #expect(
            plan.bottlenecks.map(\.workingDaysSaved) == plan.bottlenecks.map(\.workingDaysSaved).sorted(by: >))
    }

    /// The same tasks in another order give the same schedule.
    @Test(arguments: seeds.prefix(20))
    func sameInputSameSchedule(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed &+ 1000)
        let network = Self.randomNetwork(&rng)
        let first = try #require(Self.schedule(network).plan)
        var shuffled = network
        shuffled.items.shuffle(using: &rng)
        let second = try #require(Self.schedule(shuffled).plan)
        #expect(first.summary == second.summary)
        #expect(first.tasks.map(\.key) == second.tasks.map(\.key))
        #expect(first == (try #require(Self.schedule(network).plan)))
    }

    /// Every gap requirement and every unassessed applicable requirement is served by a task, and
    /// every task serves only requirements that need it.
    @Test(arguments: seeds.prefix(20))
    func everyGapIsServed(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed &+ 2000)
        for _ in 0..<5 {
            let (template, checklists, assessments) = Self.randomWorkspace(&rng)
            let scorer = Scorer(assessmentDate: F.date("2026-11-20"), evidenceMaxAgeDays: nil, targetLevel: 3)
            let score = scorer.score(checklists: checklists, assessments: assessments)
            let outcome = Planner.plan(
                score: score, template: template, settings: PlanSettings(phaseGates: Bool.random(using: &rng)),
                assessmentDate: F.date("2026-11-20"))
            #expect(!outcome.hasErrors, "\(outcome.problems)")
            let plan = try #require(outcome.plan)
            let served = Set(plan.tasks.flatMap(\.item.requirements))
            let needed = Set(score.gaps.map(\.requirementKey))
            let unassessed = Set(score.requirements.filter { $0.applicable && $0.claimed == nil }.map(\.requirementKey))
            #expect(needed.isSubset(of: served))
            #expect(unassessed.isSubset(of: served))
            #expect(served == needed.union(unassessed))
            #expect(plan.tasks.filter { $0.item.origin == .programme }.count == template.phases.flatMap(\.tasks).count)
            let keys = Set(plan.tasks.map(\.key))
            #expect(plan.tasks.allSatisfy { $0.item.after.allSatisfy(keys.contains) })
            for gap in score.gaps {
                let best = plan.tasks.filter { $0.item.requirements.contains(gap.requirementKey) }.compactMap(
                    \.item.priority
                )
                .max()
                #expect(best.map { $0 >= (gap.priority ?? 0) } ?? false)
            }
        }
    }

    /// A template of three phases and one or two random checklists with tasks (some requirements
    /// without), and random assessments.
    static func randomWorkspace(_ rng: inout SeededGenerator) -> (PhaseTemplate, [Checklist], [Assessment]) {
        let roles = F.roles
        let phaseIDs = ["start", "build", "check"]
        let template = PhaseTemplate(
            roles: Array(roles.prefix(2)),
            phases: phaseIDs.enumerated().map { index, id in
                PhaseTemplate.Phase(
                    id: id, title: LocalizedText(id), accountable: "lead",
                    tasks: [
                        PlanTask(
                            id: "prog-\(id)", title: LocalizedText("Programme \(id)"), role: "lead", effortDays: 1,
                            phase: id, after: index == 0 ? [] : ["prog-\(phaseIDs[index - 1])"])
                    ])
            })
        var checklists: [Checklist] = []
        var assessments: [Assessment] = []
        for number in 1...Int.random(in: 1...2, using: &rng) {
            var taskIDs: [String] = []
            let requirements = (0..<Int.random(in: 1...12, using: &rng)).map { index -> Requirement in
                let tasks = (0..<Int.random(in: 0...2, using: &rng)).map { _ -> PlanTask in
                    // The same task ids in both checklists: keys keep them apart.
                    let id = "task-\(taskIDs.count)"
                    let after = taskIDs.filter { _ in Int.random(in: 0..<6, using: &rng) == 0 }
                    taskIDs.append(id)
                    return PlanTask(
                        id: id, title: LocalizedText(id), role: roles.randomElement(using: &rng)?.id ?? "lead",
                        effortDays: efforts.randomElement(using: &rng) ?? 1,
                        phase: phaseIDs.randomElement(using: &rng) ?? "build", after: after)
                }
                return Requirement(
                    id: "r\(index)", text: LocalizedText("q"), weight: Double(Int.random(in: 1...3, using: &rng)),
                    criticality: Criticality.allCases.randomElement(using: &rng) ?? .medium, tasks: tasks)
            }
            let checklist = Checklist(
                id: "c\(number)", standard: "C\(number)", title: LocalizedText("C"), version: "1",
                scale: (0...4).map {
                    ScaleLevel(
                        level: $0, label: LocalizedText("\($0)"), description: nil, minEvidence: 0, expectedType: false)
                },
                roles: roles, clauses: [Clause(id: "1", title: LocalizedText("c"), requirements: requirements)])
            let responses = requirements.map { requirement -> Response in
                switch Int.random(in: 0..<6, using: &rng) {
                case 0: Response(requirement: requirement.id, applicable: false, justification: "n/a")
                case 1: Response(requirement: requirement.id)
                default: Response(requirement: requirement.id, level: Int.random(in: 0...4, using: &rng))
                }
            }
            checklists.append(checklist)
            assessments.append(Assessment(checklist: checklist.id, responses: responses))
        }
        return (template, checklists, assessments)
    }
}
