internal import IsogapModel

/// The plan as a template sees it: text only, already formatted and translated. Escaping is the
/// template's business; the Mermaid lines are sanitised here and written raw (`{{{line}}}`).
struct PlanView {
    struct MilestoneRow {
        var number: Int
        var id: String
        var title: String
        var accountable: String
        var start: String
        var finish: String
        var workingDays: Int
        var tasks: Int
        var personDays: String
    }

    struct PhaseColumn {
        var title: String
    }

    struct RACIRow {
        struct Cell {
            var mark: String
        }

        var role: String
        var cells: [Cell]
        var personDays: String
    }

    struct TaskRow {
        var number: Int
        var id: String
        var title: String
        var phase: String
        var responsible: String
        var accountable: String
        var start: String
        var finish: String
        var workingDays: Int
        var predecessors: String
        var slack: Int
        var critical: String
        var requirements: String
    }

    struct RoleRow {
        var name: String
        var id: String
        var people: Int
        var tasks: Int
        var personDays: String
        var accountableFor: String
    }

    struct GanttLine {
        var line: String
    }

    var labels: [String: String]
    var language: String
    var organization: String
    var site: String?
    var scope: String
    var assessmentDate: String
    var asOf: String
    var start: String
    var finish: String
    var workingDays: Int
    var personDays: String
    var taskCount: Int
    var criticalCount: Int
    var phaseGates: String
    var weekend: String
    var holidays: String
    var milestones: [MilestoneRow]
    var raciPhases: [PhaseColumn]
    var raciRows: [RACIRow]
    var tasks: [TaskRow]
    var roles: [RoleRow]
    var gantt: [GanttLine]

    init(_ input: PlanInput) {
        let plan = input.plan
        labels = input.labels.resolved(input.language)
        language = input.language.rawValue
        organization = input.manifest.organization
        site = input.manifest.site
        scope = input.manifest.scope
        assessmentDate = input.manifest.assessmentDate.description
        asOf = input.asOf.description
        start = plan.start.description
        finish = plan.finish.description
        workingDays = plan.workingDays
        personDays = Self.figure(plan.personDays)
        taskCount = plan.tasks.count
        criticalCount = plan.tasks.filter(\.critical).count
        phaseGates = input.label(plan.phaseGates ? "phase_gates_on" : "phase_gates_off")
        let separator = input.language == .ar ? "، " : ", "
        weekend = Weekday.allCases.filter(plan.calendar.weekend.contains).map { input.label("day_\($0.rawValue)") }
            .joined(separator: separator)
        let holidayList = plan.calendar.holidays.sorted()
        holidays =
            holidayList.isEmpty ? input.label("none") : holidayList.map(\.description).joined(separator: separator)

        let withTasks = plan.phases.filter { $0.taskCount > 0 }
        milestones = withTasks.enumerated().map { index, phase in
            MilestoneRow(
                number: index + 1, id: phase.id, title: input.text(phase.title),
                accountable: input.roleName(phase.accountable), start: phase.start?.description ?? "—",
                finish: phase.finish?.description ?? "—", workingDays: phase.workingDays, tasks: phase.taskCount,
                personDays: Self.figure(phase.personDays))
        }
        raciPhases = withTasks.map { PhaseColumn(title: input.text($0.title)) }
        let responsible = input.label("raci_r"), accountable = input.label("raci_a")
        raciRows = plan.roles.map { load in
            RACIRow(
                role: input.text(load.role.name),
                cells: withTasks.map { phase in
                    let isResponsible = plan.tasks.contains { $0.phase == phase.id && $0.role == load.role.id }
                    let isAccountable = phase.accountable == load.role.id
                    let marks = (isAccountable ? [accountable] : []) + (isResponsible ? [responsible] : [])
                    return .init(mark: marks.joined(separator: "/"))
                }, personDays: Self.figure(load.personDays))
        }
        var numbers: [String: Int] = [:]
        tasks = plan.tasks.enumerated().map { index, task in
            numbers[task.key] = index + 1
            return TaskRow(
                number: index + 1, id: task.key, title: input.title(of: task), phase: input.phaseTitle(task.phase),
                responsible: input.roleName(task.role), accountable: input.roleName(task.accountable),
                start: task.start.description, finish: task.finish.description, workingDays: task.workingDays,
                predecessors: task.predecessors.joined(separator: " "), slack: task.slack,
                critical: task.critical ? input.label("critical_mark") : "",
                requirements: task.item.requirements.joined(separator: " "))
        }
        roles = plan.roles.map { load in
            RoleRow(
                name: input.text(load.role.name), id: load.role.id, people: load.people, tasks: load.taskCount,
                personDays: Self.figure(load.personDays),
                accountableFor: load.accountableFor.map(input.phaseTitle).joined(separator: separator))
        }
        gantt = MermaidGantt.lines(input, numbers: numbers).map(GanttLine.init)
    }

    static func figure(_ value: Double) -> String {
        JSONValue.format(PlanInput.personDays(value))
    }
}

/// Renders plan documents through the templates.
public enum PlanRenderer {
    /// The Markdown plan (template `plan/plan.md`).
    public static func markdown(_ input: PlanInput, templates: TemplateLibrary) throws(TemplateLibrary.Failure)
        -> String
    {
        try templates.render(PlanView(input), template: "plan/plan.md")
    }
}
