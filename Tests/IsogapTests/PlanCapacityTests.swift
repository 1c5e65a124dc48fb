import IsogapDiagnostics
import IsogapLoading
import IsogapModel
import Testing

/// SPEC §8 v2 worked by hand: slack that counts capacity (the backward list schedule), the
/// critical chain, bottlenecks, dependency words and calendar details. The week is
/// Saturday–Sunday and plans start on Monday 2027-01-04 (day 0) unless a test says otherwise.
@Suite("Plan capacity, chain and bottlenecks")
struct PlanCapacityTests {
    typealias F = PlanFixture

    private func task(
        _ key: String, role: String, effort: Double, phase: String = "p1", after: [String] = [], tags: [String] = []
    ) -> PlanItem {
        PlanItem(
            key: key, origin: .programme, title: LocalizedText(key), role: role, effortDays: effort, phase: phase,
            after: after, tags: tags)
    }

    /// x has one person and two 2-day tasks; c (y) follows a.
    /// Forward: a days 0–1 (longer path), b days 2–3, c day 2; the plan ends on day 3.
    /// Precedence only, a could slip a day (c could run on day 3). With capacity it cannot: b
    /// holds x on days 2–3, so a must keep days 0–1. Backward: b (early finish 3) → 2–3; c → 3;
    /// a → latest window ending before c's day 3 with x free: 0–1.
    @Test func capacityRemovesSlackThatPrecedenceAllows() throws {
        let plan = try F.plan([
            task("a", role: "x", effort: 2), task("b", role: "x", effort: 2),
            task("c", role: "y", effort: 1, after: ["a"]),
        ])
        #expect(
            plan.summary == [
                "a: 2027-01-04…2027-01-05 slack 0", "b: 2027-01-06…2027-01-07 slack 0",
                "c: 2027-01-06…2027-01-06 slack 1",
            ])
        let c = try #require(plan.task("c"))
        #expect(c.lateStart == F.date("2027-01-07") && c.lateFinish == F.date("2027-01-07"))
        #expect(plan.task("a")?.lateStart == F.date("2027-01-04"))
        #expect(plan.criticalChain == ["a", "b"])
        // x with a second person: a and b run together, c on day 2, the plan ends a day earlier.
        #expect(
            plan.bottlenecks == [Plan.Bottleneck(role: "x", finishIfPlusOne: F.date("2027-01-06"), workingDaysSaved: 1)]
        )
        let x = try #require(plan.roles.first { $0.role.id == "x" })
        let y = try #require(plan.roles.first { $0.role.id == "y" })
        #expect(x.utilisation == 1 && y.utilisation == 0.25)
        #expect(x.finishIfPlusOne == F.date("2027-01-06") && y.finishIfPlusOne == plan.finish)
    }

    /// Gates on. p1: a (x, 1 d), b (y, 3 d); p2: c (x, 2 d), d (x, 1 d).
    /// Forward: a day 0, b days 0–2; p2 opens on day 3: c 3–4 (longer path), d 5 (Monday 11th).
    /// Precedence only: c could slip a day, b's latest finish would be day 2 (slack 0), a 3 days.
    /// Backward: d → 5; c → 3–4 (x is busy on 5): slack 0; the gate bounds p1 by day 2: b → 0–2,
    /// a → 2: slack 2.
    @Test func gatesAndCapacityTogether() throws {
        let plan = try F.plan(
            [
                task("a", role: "x", effort: 1), task("b", role: "y", effort: 3),
                task("c", role: "x", effort: 2, phase: "p2"), task("d", role: "x", effort: 1, phase: "p2"),
            ],
            phases: ["p1", "p2"], settings: PlanSettings(phaseGates: true))
        #expect(
            plan.summary == [
                "a: 2027-01-04…2027-01-04 slack 2", "b: 2027-01-04…2027-01-06 slack 0",
                "c: 2027-01-07…2027-01-08 slack 0", "d: 2027-01-11…2027-01-11 slack 0",
            ])
        #expect(plan.task("a")?.lateStart == F.date("2027-01-06"))
        #expect(plan.criticalChain == ["b", "c", "d"])
        #expect(plan.bottlenecks.map(\.role) == ["x"])
        #expect(plan.bottlenecks.first?.workingDaysSaved == 1)
    }

    /// The forward list schedule can leave room that the backward one finds. a (r, 1 d) → b (z,
    /// 2 d) → c (x, 3 d), and `long` (z, 3 d). Forward: z is free on day 0 and b is not ready, so
    /// `long` takes z on days 0–2; b waits until day 3, c runs 5–7. Backward: c 5–7, b 3–4, `long`
    /// fits after b on 5–7 (slack 5), a on day 2 (slack 2). The chain b → c starts on day 3: no
    /// critical task starts on the plan's first day, because moving `long` later would let the
    /// plan finish sooner.
    @Test func forwardScheduleLeftRoom() throws {
        let plan = try F.plan([
            task("a", role: "r", effort: 1), task("b", role: "z", effort: 2, after: ["a"]),
            task("c", role: "x", effort: 3, after: ["b"]), task("long", role: "z", effort: 3),
        ])
        #expect(
            plan.summary == [
                "a: 2027-01-04…2027-01-04 slack 2", "b: 2027-01-07…2027-01-08 slack 0",
                "c: 2027-01-11…2027-01-13 slack 0", "long: 2027-01-04…2027-01-06 slack 5",
            ])
        #expect(plan.criticalChain == ["b", "c"])
        #expect(plan.task("long")?.lateFinish == plan.finish)
    }

    /// Bottlenecks are sorted by working days saved, then role id; roles whose extra person saves
    /// nothing are not bottlenecks.
    @Test func bottlenecksRanked() throws {
        let plan = try F.plan([
            task("x1", role: "x", effort: 1), task("x2", role: "x", effort: 1), task("x3", role: "x", effort: 1),
            task("z1", role: "z", effort: 2), task("z2", role: "z", effort: 2),
            task("y1", role: "y", effort: 1),
        ])
        // x: 3 days alone, 2 with two people; z: 4 days alone, 2 with two. Plan: 4 days.
        #expect(plan.workingDays == 4)
        #expect(plan.bottlenecks.map(\.role) == ["z"])
        #expect(plan.bottlenecks.first?.workingDaysSaved == 1, "x's three days now bound the plan")
        #expect(plan.roles.first { $0.role.id == "y" }?.finishIfPlusOne == plan.finish)
    }

    @Test func dependencyWordsResolve() throws {
        let plan = try F.plan(
            [
                task("draft", role: "x", effort: 1, tags: ["draft"]),
                task("draft-2", role: "y", effort: 2, tags: ["draft"]),
                task("approve", role: "z", effort: 1, phase: "p2", after: ["tag:draft", "draft", "tag:absent"]),
                task("self", role: "x", effort: 1, phase: "p2", after: ["tag:draft"], tags: ["draft"]),
                task("train", role: "x", effort: 1, phase: "p3", after: ["phase:p2"]),
            ],
            phases: ["p1", "p2", "p3"])
        #expect(plan.task("approve")?.predecessors == ["draft", "draft-2", "self"])
        #expect(plan.task("self")?.predecessors == ["draft", "draft-2"], "a task never waits for itself")
        #expect(plan.task("train")?.predecessors == ["approve", "self"])
        #expect(plan.task("self")?.start == F.date("2027-01-06"))
        #expect(plan.task("approve")?.start == F.date("2027-01-07"))
        #expect(plan.task("approve")?.item.tags == [])
        #expect(plan.task("self")?.item.tags == ["draft"])
    }

    @Test func cycleThroughTagsIsNamed() {
        let outcome = F.schedule([
            task("a", role: "x", effort: 1, after: ["tag:u"], tags: ["t"]),
            task("b", role: "x", effort: 1, after: ["tag:t"], tags: ["u"]),
        ])
        #expect(outcome.plan == nil)
        #expect(outcome.problems.map(\.message) == ["tasks depend on each other in a cycle: a → b → a"])
    }

    @Test func unknownPhaseWordIsAnError() {
        let outcome = F.schedule([task("a", role: "x", effort: 1, after: ["phase:p7"])])
        #expect(outcome.plan == nil)
        #expect(
            outcome.problems.map(\.message) == [
                "task 'a' comes after 'phase:p7', which is not a phase of the plan template"
            ])
    }

    @Test func holidayNamesTravelWithThePlan() throws {
        var settings = PlanSettings(holidays: [F.date("2027-01-05"), F.date("2027-01-06")], phaseGates: false)
        settings.holidayNames = [(F.date("2027-01-06"), LocalizedText("Epiphany"))]
        let plan = try F.plan([task("a", role: "x", effort: 2)], settings: settings)
        #expect(
            plan.holidays == [
                Plan.Holiday(date: F.date("2027-01-05")),
                Plan.Holiday(date: F.date("2027-01-06"), name: LocalizedText("Epiphany")),
            ])
        #expect(plan.finish == F.date("2027-01-07"))
    }

    @Test func datesPastTheYear9999AreAnError() {
        let outcome = F.schedule(
            [task("a", role: "x", effort: 200), task("b", role: "x", effort: 200)], start: "9999-06-01")
        #expect(outcome.plan == nil)
        #expect(outcome.problems.map(\.severity) == [.error])
        #expect(outcome.problems.first?.message.hasPrefix("the plan would run past 9999-12-31") == true)
    }
}

/// `phase:` and `tag:` words in checklist files: located errors.
@Suite("Dependency words in checklists")
struct DependencyWordValidationTests {
    private func check(_ tasks: String, knownTags: Set<String>? = ["approved"]) -> [String] {
        let text = """
            isogap: 1
            kind: checklist
            id: t
            standard: T
            title: T
            version: 1.0.0
            scale:
              - {level: 0, label: None, min_evidence: 0}
              - {level: 1, label: Some, min_evidence: 1}
            roles:
              - {id: owner, name: Owner}
            clauses:
              - id: "1"
                title: One
                requirements:
                  - id: "1-a"
                    text: Q
                    tasks:
            \(tasks)
            """
        let loaded = ChecklistLoader.load(Array(text.utf8), file: "c.yaml")
        var diagnostics = loaded.diagnostics
        if let checklist = loaded.value, let map = loaded.sourceMap {
            let context = ChecklistContext(phaseIDs: ["draft", "build", "train"], knownTags: knownTags) { _, _ in nil }
            diagnostics += map.diagnostics(for: checklist.validate(in: context))
        }
        return diagnostics.sortedByLocation().map(\.headline)
    }

    @Test func wordsThatResolveAreFine() {
        #expect(
            check(
                """
                          - {id: a, title: A, role: owner, effort_days: 1, phase: draft, tags: [policy]}
                          - {id: b, title: B, role: owner, effort_days: 1, phase: build, after: ["tag:policy", "phase:draft", "tag:approved"]}
                """
            ) == [])
    }

    @Test func unknownPhaseLaterPhaseAndUnknownTag() {
        #expect(
            check(
                """
                          - {id: a, title: A, role: owner, effort_days: 1, phase: build, tags: [policy]}
                          - {id: b, title: B, role: owner, effort_days: 1, phase: build, after: ["phase:desing", "phase:build", "phase:train", "tag:polcy"]}
                """
            ) == [
                "c.yaml:20:82: error: unknown phase 'desing'",
                "c.yaml:20:98: error: 'phase:build' must name a phase before the task's own phase 'build'",
                "c.yaml:20:113: error: 'phase:train' must name a phase before the task's own phase 'build'",
                "c.yaml:20:128: error: unknown tag 'polcy': no task of the loaded checklists or phase template carries it; did you mean 'policy'?",
            ])
    }

    @Test func cycleThroughWordsIsNamedAndLocated() {
        #expect(
            check(
                """
                          - {id: a, title: A, role: owner, effort_days: 1, phase: build, tags: [x], after: ["tag:y"]}
                          - {id: b, title: B, role: owner, effort_days: 1, phase: build, tags: [y], after: [a]}
                """
            ) == ["c.yaml:19:92: error: tasks depend on each other in a cycle: a → b → a"])
    }
}
