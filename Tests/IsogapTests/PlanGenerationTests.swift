import IsogapDiagnostics
import IsogapModel
import Testing

/// Which tasks a plan holds, from a hand-made template, two checklists and their assessments.
@Suite("Plan task generation")
struct PlanGenerationTests {
    typealias F = PlanFixture

    static let template = PhaseTemplate(
        roles: [Role(id: "lead", name: LocalizedText("Lead"))],
        phases: [
            PhaseTemplate.Phase(
                id: "start", title: LocalizedText("Start"), accountable: "lead",
                tasks: [
                    PlanTask(
                        id: "kickoff", title: LocalizedText("Kick-off"), role: "lead", effortDays: 1, phase: "start")
                ]),
            PhaseTemplate.Phase(id: "build", title: LocalizedText("Build"), accountable: "x", tasks: []),
        ])

    static func task(_ id: String, after: [String] = [], phase: String = "build") -> PlanTask {
        PlanTask(id: id, title: LocalizedText(id), role: "x", effortDays: 2, phase: phase, after: after)
    }

    /// Checklist `a`: a1 (gap, tasks shared-id and second after first), a2 (no gap, task
    /// prerequisite), a3 (gap, task after prerequisite), a4–a6 unassessed, a7 not applicable.
    /// Checklist `b`: b1 (gap, task with the same id as one of `a`), b2 (gap, no task).
    static func score() -> WorkspaceScore {
        let scale = (0...3).map {
            ScaleLevel(level: $0, label: LocalizedText("\($0)"), description: nil, minEvidence: 0, expectedType: false)
        }
        let roles = [Role(id: "x", name: LocalizedText("X"))]
        func requirement(_ id: String, weight: Double = 1, _ tasks: [PlanTask] = []) -> Requirement {
            Requirement(id: id, text: LocalizedText(id), weight: weight, tasks: tasks)
        }
        let a = Checklist(
            id: "a", standard: "A", title: LocalizedText("A"), version: "1", scale: scale, roles: roles,
            clauses: [
                Clause(
                    id: "1", title: LocalizedText("1"),
                    requirements: [
                        requirement("a1", [task("shared"), task("second", after: ["shared"])]),
                        requirement("a2", [task("prerequisite")]),
                        requirement("a3", weight: 2, [task("follow-up", after: ["prerequisite"])]),
                        requirement("a4"), requirement("a5"), requirement("a6"), requirement("a7"),
                    ])
            ])
        let b = Checklist(
            id: "b", standard: "B", title: LocalizedText("B"), version: "1", scale: scale, roles: roles,
            clauses: [
                Clause(
                    id: "1", title: LocalizedText("1"),
                    requirements: [requirement("b1", [task("shared")]), requirement("b2")])
            ])
        let assessments = [
            Assessment(
                checklist: "a",
                responses: [
                    Response(requirement: "a1", level: 1), Response(requirement: "a2", level: 3),
                    Response(requirement: "a3", level: 0),
                    Response(requirement: "a7", applicable: false, justification: "n/a"),
                ]),
            Assessment(
                checklist: "b",
                responses: [Response(requirement: "b1", level: 2), Response(requirement: "b2", level: 1)]
            ),
        ]
        return Scorer(assessmentDate: F.date("2026-11-20"), evidenceMaxAgeDays: nil, targetLevel: 3)
            .score(checklists: [a, b], assessments: assessments)
    }

    @Test func keysRequirementsAndDroppedDependencies() throws {
        let items = Planner.items(score: Self.score(), template: Self.template)
        #expect(
            items.map(\.key) == [
                "kickoff", "a:assess-first", "a:follow-up", "a:shared", "a:second", "b:shared", "b:define-gap-work",
            ])
        let byKey = Dictionary(uniqueKeysWithValues: items.map { ($0.key, $0) })
        // Same task id in two checklists: two tasks, each serving its own requirement.
        #expect(byKey["a:shared"]?.requirements == ["a:a1"])
        #expect(byKey["b:shared"]?.requirements == ["b:b1"])
        // `after` resolves within the checklist; a task of a requirement without a gap is not there.
        #expect(byKey["a:second"]?.after == ["a:shared"])
        #expect(byKey["a:follow-up"]?.after == [])
        // Priorities: a3 gap 3 × weight 2 × 2 = 12; a1 gap 2 × 1 × 2 = 4.
        #expect(byKey["a:follow-up"]?.priority == 12)
        #expect(byKey["a:shared"]?.priority == 4)
        #expect(byKey["kickoff"]?.priority == nil && byKey["kickoff"]?.origin == .programme)
    }

    /// a4–a6: three unassessed requirements → 0.75 person-days, rounded up to 1; in the first
    /// phase, for its accountable role. b2 has a gap but no task → "define the work" (0.5 day).
    @Test func assessFirstAndDefineTheWork() throws {
        let items = Planner.items(score: Self.score(), template: Self.template)
        let assess = try #require(items.first { $0.key == "a:assess-first" })
        #expect(assess.origin == .assessFirst(checklist: "a"))
        #expect(assess.requirements == ["a:a4", "a:a5", "a:a6"])
        #expect(assess.effortDays == 1 && assess.role == "lead" && assess.phase == "start")
        let define = try #require(items.first { $0.key == "b:define-gap-work" })
        #expect(define.requirements == ["b:b2"] && define.effortDays == 0.5 && define.priority == 4)
        #expect(
            [1, 2, 3, 4, 5, 6, 7].map(Planner.catchUpEffort(requirements:)) == [0.5, 0.5, 1, 1, 1.5, 1.5, 2])
    }

    @Test func plannedFromTheScore() throws {
        let outcome = Planner.plan(
            score: Self.score(), template: Self.template, settings: PlanSettings(start: F.date("2027-01-04")),
            assessmentDate: F.date("2026-11-20"))
        let plan = try #require(outcome.plan)
        #expect(outcome.problems.isEmpty)
        #expect(plan.start == F.date("2027-01-04"))
        // Role x has one person: four 2-day tasks in the build phase follow one another.
        let build = plan.tasks.filter { $0.phase == "build" }
        #expect(build.count == 4 && build.allSatisfy { $0.accountable == "x" })
        #expect(plan.phases.map(\.taskCount) == [3, 4])
        #expect(plan.roles.map(\.role.id) == ["lead", "x"])
    }

    @Test func assessmentDateIsTheDefaultStart() throws {
        let outcome = Planner.plan(
            score: Self.score(), template: Self.template, settings: PlanSettings(),
            assessmentDate: F.date("2026-11-21"))
        #expect(outcome.plan?.start == F.date("2026-11-23"), "Saturday 21 November moves to Monday")
        #expect(outcome.problems.first?.manifestPath?.description == "assessment_date")
    }
}
