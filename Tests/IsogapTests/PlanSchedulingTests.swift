import IsogapDiagnostics
import IsogapModel
import Testing

/// Schedules worked out by hand. Unless a test says otherwise the week is Saturday–Sunday, the plan
/// starts on Monday 2027-01-04, there are no gates, and each role has one person.
@Suite("Plan scheduling")
struct PlanSchedulingTests {
    typealias F = PlanFixture

    /// a (2 d) → b (3 d) → c (1 d): back to back, over the weekend of 9–10 January; all critical.
    @Test func chain() throws {
        let plan = try F.plan([
            F.task("a", effort: 2), F.task("b", effort: 2.5, after: ["a"]), F.task("c", effort: 0.5, after: ["b"]),
        ])
        #expect(
            plan.summary == [
                "a: 2027-01-04…2027-01-05 slack 0", "b: 2027-01-06…2027-01-08 slack 0",
                "c: 2027-01-11…2027-01-11 slack 0",
            ])
        #expect(plan.start == F.date("2027-01-04") && plan.finish == F.date("2027-01-11"))
        #expect(plan.workingDays == 6)
        #expect(plan.tasks.allSatisfy { $0.critical })
        #expect(plan.task("b")?.workingDays == 3 && plan.task("b")?.predecessors == ["a"])
        #expect(plan.personDays == 5)
    }

    /// a (1 d) → b (3 d, role x) and c (1 d, role y) → d (1 d). b is the long branch: d starts on
    /// day 4 (Friday); c could finish as late as day 3, so it has 2 days of slack.
    @Test func diamond() throws {
        let plan = try F.plan([
            F.task("a"), F.task("b", role: "x", effort: 3, after: ["a"]), F.task("c", role: "y", after: ["a"]),
            F.task("d", after: ["b", "c"]),
        ])
        #expect(
            plan.summary == [
                "a: 2027-01-04…2027-01-04 slack 0", "b: 2027-01-05…2027-01-07 slack 0",
                "c: 2027-01-05…2027-01-05 slack 2", "d: 2027-01-08…2027-01-08 slack 0",
            ])
        #expect(plan.tasks.filter(\.critical).map(\.key).sorted() == ["a", "b", "d"])
        #expect(plan.workingDays == 5)
    }

    /// Two 2-day tasks for one person, equal paths: the higher gap priority goes first. Slack
    /// counts capacity: q cannot slip without pushing p, so both are critical (precedence-only
    /// slack would give q 2 days).
    @Test func twoTasksCompeteForOnePerson() throws {
        let plan = try F.plan([
            F.task("p", role: "r", effort: 2, priority: 3), F.task("q", role: "r", effort: 2, priority: 6),
        ])
        #expect(
            plan.summary == ["p: 2027-01-06…2027-01-07 slack 0", "q: 2027-01-04…2027-01-05 slack 0"])
        #expect(plan.criticalChain == ["q", "p"])
        #expect(plan.tasks.map(\.key) == ["q", "p"], "tasks are listed by start date")
    }

    /// Equal path and priority: the smaller id goes first. A longer path beats a higher priority.
    @Test func tieBreaks() throws {
        let byID = try F.plan([F.task("b", role: "r"), F.task("a", role: "r")])
        #expect(byID.summary == ["a: 2027-01-04…2027-01-04 slack 0", "b: 2027-01-05…2027-01-05 slack 0"])
        let byPath = try F.plan([
            F.task("short", role: "r", priority: 100), F.task("long", role: "r"),
            F.task("next", role: "x", after: ["long"]),
        ])
        #expect(byPath.task("long")?.start == F.date("2027-01-04"))
        #expect(byPath.task("short")?.start == F.date("2027-01-05"))
    }

    /// Capacity 2: two of three 2-day tasks run together; the third waits for a free person.
    /// Backward, c takes days 3–4 (0-based 2–3); a and b tie on early dates, so a (smaller id)
    /// goes next and still finds a second person on days 2–3; b must then keep days 0–1.
    @Test func capacityTwo() throws {
        var settings = PlanSettings(phaseGates: false)
        settings.capacity = [(role: "r", people: 2)]
        let plan = try F.plan(
            [F.task("a", role: "r", effort: 2), F.task("b", role: "r", effort: 2), F.task("c", role: "r", effort: 2)],
            settings: settings)
        #expect(
            plan.summary == [
                "a: 2027-01-04…2027-01-05 slack 2", "b: 2027-01-04…2027-01-05 slack 0",
                "c: 2027-01-06…2027-01-07 slack 0",
            ])
        #expect(plan.roles.first { $0.role.id == "r" }?.people == 2)
    }

    /// Friday–Saturday weekend, a holiday on Tuesday 5 January, start Sunday 3 January:
    /// a (3 d) works Sun 3, Mon 4, Wed 6; b (2 d) works Thu 7 and Sun 10.
    @Test func fridaySaturdayWeekendWithAHoliday() throws {
        let settings = PlanSettings(weekend: [.fri, .sat], holidays: [F.date("2027-01-05")], phaseGates: false)
        let outcome = F.schedule(
            [F.task("a", effort: 3), F.task("b", effort: 2, after: ["a"])], settings: settings, start: "2027-01-03")
        #expect(outcome.problems.isEmpty)
        let plan = try #require(outcome.plan)
        #expect(plan.summary == ["a: 2027-01-03…2027-01-06 slack 0", "b: 2027-01-07…2027-01-10 slack 0"])
        #expect(plan.workingDays == 5)
        #expect(plan.calendar.workingDays(from: plan.start, through: plan.finish) == 5)
    }

    /// A start on a weekend day moves to the next working day, with a warning located at the
    /// manifest's `plan.start`.
    @Test func startOnANonWorkingDayMovesWithAWarning() throws {
        let settings = PlanSettings(weekend: [.fri, .sat], holidays: [F.date("2027-01-03")], phaseGates: false)
        let outcome = F.schedule([F.task("a")], settings: settings, start: "2027-01-01")
        let plan = try #require(outcome.plan)
        #expect(plan.start == F.date("2027-01-04"))
        #expect(outcome.problems.count == 1)
        let warning = try #require(outcome.problems.first)
        #expect(warning.severity == .warning)
        #expect(warning.manifestPath?.description == "plan.start")
        #expect(
            warning.message
                == "the plan start 2027-01-01 is not a working day (Friday); the plan starts on the next working day, 2027-01-04"
        )
    }

    /// Gates on: b (phase p2) waits for all of p1, though it depends on nothing; its predecessor is
    /// the end of p1. The slack of c (p1, 1 day) is bounded by the gate, not by the plan's end.
    @Test func phaseGatesOn() throws {
        let items = [
            F.task("a", role: "x", effort: 3), F.task("b", role: "z", phase: "p2"), F.task("c", role: "y"),
        ]
        let plan = try F.plan(items, phases: ["p1", "p2"], settings: PlanSettings(phaseGates: true))
        #expect(
            plan.summary == [
                "a: 2027-01-04…2027-01-06 slack 0", "b: 2027-01-07…2027-01-07 slack 0",
                "c: 2027-01-04…2027-01-04 slack 2",
            ])
        #expect(plan.task("b")?.predecessors == ["phase:p1"])
        #expect(plan.task("a")?.gate == nil)
        #expect(plan.phases.map(\.finish) == [F.date("2027-01-06"), F.date("2027-01-07")])
        #expect(plan.phases.map(\.workingDays) == [3, 1])
    }

    /// Gates off: the same tasks run side by side; b has 2 days of slack.
    @Test func phaseGatesOff() throws {
        let items = [
            F.task("a", role: "x", effort: 3), F.task("b", role: "z", phase: "p2"), F.task("c", role: "y"),
        ]
        let plan = try F.plan(items, phases: ["p1", "p2"], settings: PlanSettings(phaseGates: false))
        #expect(
            plan.summary == [
                "a: 2027-01-04…2027-01-06 slack 0", "b: 2027-01-04…2027-01-04 slack 2",
                "c: 2027-01-04…2027-01-04 slack 2",
            ])
        #expect(plan.task("b")?.predecessors == [])
        #expect(plan.phases.map(\.start) == [F.date("2027-01-04"), F.date("2027-01-04")])
    }

    /// The gate is the nearest earlier phase that has tasks; an empty phase has no dates.
    @Test func gateSkipsEmptyPhases() throws {
        let plan = try F.plan(
            [F.task("a"), F.task("b", phase: "p3")], phases: ["p1", "p2", "p3"], settings: PlanSettings())
        #expect(plan.task("b")?.predecessors == ["phase:p1"])
        #expect(plan.phases[1].start == nil && plan.phases[1].taskCount == 0)
    }

    /// With gates, a task that comes after a task of a later phase is planned in that phase.
    @Test func dependencyOnALaterPhaseMovesTheTask() throws {
        let outcome = F.schedule(
            [
                F.task("draft", effort: 2, phase: "p2"), F.task("approve", phase: "p1", after: ["draft"]),
                F.task("kick"),
            ],
            phases: ["p1", "p2"], settings: PlanSettings())
        let plan = try #require(outcome.plan)
        #expect(plan.task("approve")?.phase == "p2")
        #expect(plan.task("approve")?.item.phase == "p1")
        #expect(
            plan.summary == [
                "approve: 2027-01-07…2027-01-07 slack 0", "draft: 2027-01-05…2027-01-06 slack 0",
                "kick: 2027-01-04…2027-01-04 slack 0",
            ])
        #expect(outcome.problems.map(\.severity) == [Diagnostic.Severity.warning])
        #expect(outcome.problems.first?.message.contains("with phase gates it is planned in phase 'p2'") == true)
    }

    @Test func capacityZeroWithWorkIsAnError() {
        var settings = PlanSettings(phaseGates: false)
        settings.capacity = [(role: "x", people: 0)]
        let outcome = F.schedule([F.task("a", role: "x"), F.task("b", role: "x"), F.task("c")], settings: settings)
        #expect(outcome.plan == nil)
        #expect(outcome.problems.count == 1)
        #expect(
            outcome.problems.first?.message
                == "role 'x' has capacity 0 but is responsible for 2 tasks ('a', 'b'); give it at least one person")
        #expect(outcome.problems.first?.manifestPath?.description == "plan.capacity.x")
    }

    @Test func capacityZeroWithoutWorkIsFine() throws {
        var settings = PlanSettings(phaseGates: false)
        settings.capacity = [(role: "x", people: 0)]
        #expect(try F.plan([F.task("a")], settings: settings).tasks.count == 1)
    }

    @Test func cycleIsNamed() {
        let outcome = F.schedule([F.task("b", after: ["a"]), F.task("a", after: ["c"]), F.task("c", after: ["b"])])
        #expect(outcome.plan == nil)
        #expect(outcome.problems.map(\.message) == ["tasks depend on each other in a cycle: a → b → c → a"])
    }

    @Test func unknownRolePhaseAndTaskAreErrors() {
        let outcome = F.schedule([F.task("a", role: "ghost"), F.task("b", phase: "p9", after: ["zz"])])
        #expect(outcome.plan == nil)
        #expect(
            outcome.problems.map(\.message) == [
                "task 'a' names role 'ghost', which neither the phase template nor any checklist defines",
                "task 'b' names phase 'p9', which is not a phase of the plan template",
                "task 'b' comes after 'zz', which is not a task of the plan",
            ])
    }

    @Test func aWeekOfWeekendIsAnError() {
        let outcome = F.schedule([F.task("a")], settings: PlanSettings(weekend: Weekday.allCases))
        #expect(outcome.plan == nil)
        #expect(outcome.problems.first?.manifestPath?.description == "plan.weekend")
    }

    @Test func personDaysPerRoleAndPhase() throws {
        let plan = try F.plan(
            [F.task("a", role: "x", effort: 1.5), F.task("b", role: "x", effort: 0.5), F.task("c", phase: "p2")],
            phases: ["p1", "p2"], settings: PlanSettings())
        #expect(plan.roles.map(\.role.id) == ["lead", "x"])
        #expect(plan.roles.map(\.personDays) == [1, 2])
        #expect(plan.roles.map(\.taskCount) == [1, 2])
        #expect(plan.roles[0].accountableFor == ["p1", "p2"])
        #expect(plan.phases.map(\.personDays) == [2, 1])
        #expect(plan.task("a")?.accountable == "lead")
    }
}

/// The working calendar on its own.
@Suite("Working calendar")
struct WorkingCalendarTests {
    typealias F = PlanFixture

    @Test func nextAndAdding() throws {
        let calendar = try #require(WorkingCalendar(weekend: [.fri, .sat], holidays: [F.date("2027-01-05")]))
        #expect(calendar.nextWorkingDay(onOrAfter: F.date("2027-01-01")) == F.date("2027-01-03"))
        #expect(calendar.adding(workingDays: 2, to: F.date("2027-01-03")) == F.date("2027-01-06"))
        #expect(calendar.adding(workingDays: 3, to: F.date("2027-01-03")) == F.date("2027-01-07"))
        #expect(calendar.adding(workingDays: 4, to: F.date("2027-01-03")) == F.date("2027-01-10"))
        #expect(calendar.adding(workingDays: -1, to: F.date("2027-01-06")) == F.date("2027-01-04"))
        #expect(calendar.workingDays(from: F.date("2027-01-01"), through: F.date("2027-01-10")) == 5)
        #expect(calendar.workingDays(from: F.date("2027-01-10"), through: F.date("2027-01-01")) == 0)
        #expect(WorkingCalendar(weekend: Weekday.allCases, holidays: []) == nil)
    }

    /// Counting agrees with walking day by day, for many weekends, holidays and spans.
    @Test func countingMatchesWalking() throws {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<300 {
            let weekend = Weekday.allCases.filter { _ in Int.random(in: 0..<4, using: &rng) == 0 }
            guard weekend.count < 7 else { continue }
            let base = F.date("2027-01-01")
            let holidays = (0..<Int.random(in: 0...6, using: &rng)).map { _ in
                base.adding(days: Int.random(in: 0..<60, using: &rng))
            }
            let calendar = try #require(WorkingCalendar(weekend: weekend, holidays: holidays))
            let start = base.adding(days: Int.random(in: 0..<30, using: &rng))
            let end = start.adding(days: Int.random(in: -3..<40, using: &rng))
            var walked = 0
            var day = start
            while day <= end {
                if calendar.isWorkingDay(day) { walked += 1 }
                day = day.adding(days: 1)
            }
            #expect(calendar.workingDays(from: start, through: end) == walked)
            let count = Int.random(in: 0..<20, using: &rng)
            let later = calendar.adding(workingDays: count, to: start)
            #expect(calendar.isWorkingDay(later))
            #expect(calendar.workingDays(from: start, through: later) == count + 1)
        }
    }
}
