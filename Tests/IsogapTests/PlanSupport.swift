import IsogapModel
import Testing

/// Small builders for planner tests.
enum PlanFixture {
    /// A date the test writes by hand; `1970-01-01` if it is not a real day (the test then fails).
    static func date(_ text: String) -> CalendarDate {
        CalendarDate(text) ?? CalendarDate(dayNumber: 0)
    }

    static func phase(_ id: String, accountable: String = "lead") -> PhaseTemplate.Phase {
        PhaseTemplate.Phase(id: id, title: LocalizedText("Phase \(id)"), accountable: accountable, tasks: [])
    }

    static func task(
        _ key: String, role: String = "lead", effort: Double = 1, phase: String = "p1", after: [String] = [],
        priority: Double? = nil
    ) -> PlanItem {
        PlanItem(
            key: key, origin: .programme, title: LocalizedText("Task \(key)"), role: role, effortDays: effort,
            phase: phase, after: after, priority: priority)
    }

    static let roles = ["lead", "x", "y", "z", "r"].map { Role(id: $0, name: LocalizedText($0)) }

    /// Schedules tasks with the given settings, from Monday 2027-01-04 unless told otherwise.
    static func schedule(
        _ items: [PlanItem], phases: [String] = ["p1"], settings: PlanSettings = PlanSettings(phaseGates: false),
        start: String = "2027-01-04"
    ) -> Planner.Outcome {
        Planner.schedule(
            items, phases: phases.map { phase($0) }, roles: roles, settings: settings, start: date(start))
    }

    /// The plan of a schedule that must succeed.
    static func plan(
        _ items: [PlanItem], phases: [String] = ["p1"], settings: PlanSettings = PlanSettings(phaseGates: false),
        start: String = "2027-01-04", sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Plan {
        let outcome = schedule(items, phases: phases, settings: settings, start: start)
        #expect(!outcome.hasErrors, "\(outcome.problems)", sourceLocation: sourceLocation)
        return try #require(outcome.plan, sourceLocation: sourceLocation)
    }
}

extension Plan {
    /// `key: start…finish slack` for every task, by key: a compact picture of a schedule.
    var summary: [String] {
        tasks.sorted { $0.key < $1.key }.map { "\($0.key): \($0.start)…\($0.finish) slack \($0.slack)" }
    }
}
