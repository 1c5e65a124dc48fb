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
        /// The phase's number in the milestones table (the column's heading).
        var number: Int
        var title: String
    }

    struct RACIRow {
        struct Cell {
            var mark: String
            /// `accountable`, `responsible`, both or empty, for styling.
            var className: String
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
        /// The same ids one by one, for markup that wraps between them.
        var predecessorList: [String]
        var slack: Int
        var lateStart: String
        var lateFinish: String
        var tags: String
        var critical: String
        var requirements: String
        var requirementList: [String]
        /// The requirements grouped by checklist: the checklist named once, then its ids.
        var requirementGroups: [RequirementGroup]
        /// The id cut after the checklist's `:`, so that a long id can break there and nowhere else.
        var idParts: [String]
        /// The tasks it waits for, by their numbers in the table (a `phase:` or `tag:` word as it
        /// is, cut after its `:`).
        var predecessorNumbers: [IDParts]
        var isCritical: Bool
    }

    /// An id in parts that may go on separate lines (never a break inside a part).
    struct IDParts {
        var parts: [String]
    }

    struct RequirementGroup {
        var checklist: String
        var ids: [String]
    }

    /// A role whose one extra person would bring the finish forward.
    struct BottleneckRow {
        var rank: Int
        var name: String
        var id: String
        var people: Int
        var personDays: String
        var utilisation: String
        var finishIfPlusOne: String
        var workingDaysSaved: Int
    }

    /// A holiday with its name, when the manifest gives one.
    struct HolidayItem {
        var date: String
        var name: String
        var hasName: Bool
    }

    struct RoleRow {
        var name: String
        var id: String
        var people: Int
        var tasks: Int
        var personDays: String
        var utilisation: String
        var finishIfPlusOne: String
        var accountableFor: String
    }

    struct GanttLine {
        var line: String
    }

    /// One SVG Gantt chart with its heading.
    struct GanttChart {
        var title: String
        var svg: String
    }

    var labels: [String: String]
    var language: String
    var direction: String
    var isRightToLeft: Bool
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
    /// The holidays one by one, with their names (the HTML keeps each date whole).
    var holidayDates: [HolidayItem]
    var hasHolidays: Bool
    var milestones: [MilestoneRow]
    var raciPhases: [PhaseColumn]
    var raciRows: [RACIRow]
    var tasks: [TaskRow]
    var roles: [RoleRow]
    /// "What drives the finish date": the critical chain in one sentence, then the main
    /// bottleneck (or why there is none).
    var driversChain: String
    var driversRoles: String
    /// Keys of the critical tasks, by start date.
    var criticalChain: String
    var bottlenecks: [BottleneckRow]
    var hasBottlenecks: Bool
    var gantt: [GanttLine]
    /// Phases as bars with their milestones and today's line (inline SVG, escaped when drawn).
    var overview: String
    /// Tasks phase by phase, in charts short enough for a printed page (inline SVG).
    var schedule: [GanttChart]
    /// Person-days per role as bars (inline SVG).
    var roleChart: String
    /// The date of today's line.
    var today: String

    init(_ input: PlanInput) {
        let plan = input.plan
        labels = input.labels.resolved(input.language)
        language = input.language.rawValue
        direction = input.language.isRightToLeft ? "rtl" : "ltr"
        isRightToLeft = input.language.isRightToLeft
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
        holidayDates = plan.holidays.map { holiday in
            HolidayItem(
                date: holiday.date.description, name: holiday.name.map(input.text) ?? "", hasName: holiday.name != nil)
        }
        hasHolidays = !plan.holidays.isEmpty
        holidays =
            plan.holidays.isEmpty
            ? input.label("none")
            : plan.holidays.map { holiday in
                holiday.name.map { "\(holiday.date) (\(input.text($0)))" } ?? holiday.date.description
            }.joined(separator: separator)

        let withTasks = plan.phases.filter { $0.taskCount > 0 }
        milestones = withTasks.enumerated().map { index, phase in
            MilestoneRow(
                number: index + 1, id: phase.id, title: input.text(phase.title),
                accountable: input.roleName(phase.accountable), start: phase.start?.description ?? "—",
                finish: phase.finish?.description ?? "—", workingDays: phase.workingDays, tasks: phase.taskCount,
                personDays: Self.figure(phase.personDays))
        }
        raciPhases = withTasks.enumerated().map {
            PhaseColumn(number: $0.offset + 1, title: input.text($0.element.title))
        }
        raciRows = Self.raciRows(plan, phases: withTasks, input)
        tasks = Self.taskRows(plan, input)
        let numbers = Dictionary(tasks.map { ($0.id, $0.number) }, uniquingKeysWith: { first, _ in first })
        roles = plan.roles.map { load in
            RoleRow(
                name: input.text(load.role.name), id: load.role.id, people: load.people, tasks: load.taskCount,
                personDays: Self.figure(load.personDays), utilisation: Self.percent(load.utilisation),
                finishIfPlusOne: load.finishIfPlusOne?.description ?? "—",
                accountableFor: load.accountableFor.map(input.phaseTitle).joined(separator: separator))
        }
        criticalChain = plan.criticalChain.joined(separator: " ")
        let chain = plan.tasks.filter(\.critical)
        driversChain =
            chain.isEmpty
            ? ""
            : input.label(
                "drivers_chain",
                [
                    ("count", String(chain.count)), ("start", chain[0].start.description),
                    ("finish", plan.finish.description),
                ])
        bottlenecks = Self.bottleneckRows(plan, input)
        hasBottlenecks = !bottlenecks.isEmpty
        driversRoles = Self.driversRoles(bottlenecks.first, hasTasks: !plan.tasks.isEmpty, input)
        gantt = MermaidGantt.lines(input, numbers: numbers).map(GanttLine.init)
        today = input.asOf.description
        overview = Self.overview(input, phases: withTasks)
        schedule = Self.schedule(input, phases: withTasks, numbers: numbers)
        roleChart = Self.roleChart(plan, input)
    }

    /// The RACI matrix: per role, per phase with tasks, whether it is accountable and responsible.
    private static func raciRows(_ plan: Plan, phases withTasks: [Plan.Phase], _ input: PlanInput) -> [RACIRow] {
        let responsible = input.label("raci_r"), accountable = input.label("raci_a")
        return plan.roles.map { load in
            RACIRow(
                role: input.text(load.role.name),
                cells: withTasks.map { phase in
                    let isResponsible = plan.tasks.contains { $0.phase == phase.id && $0.role == load.role.id }
                    let isAccountable = phase.accountable == load.role.id
                    let marks = (isAccountable ? [accountable] : []) + (isResponsible ? [responsible] : [])
                    let classes = (isAccountable ? ["accountable"] : []) + (isResponsible ? ["responsible"] : [])
                    return .init(mark: marks.joined(separator: "/"), className: classes.joined(separator: " "))
                }, personDays: Self.figure(load.personDays))
        }
    }

    /// Every task as a numbered row, in plan order.
    private static func taskRows(_ plan: Plan, _ input: PlanInput) -> [TaskRow] {
        let numbers = Dictionary(
            plan.tasks.enumerated().map { ($1.key, $0 + 1) }, uniquingKeysWith: { first, _ in first })
        return plan.tasks.enumerated().map { index, task in
            let requirements = task.item.requirements.map(\.description)
            return TaskRow(
                number: index + 1, id: task.key, title: input.title(of: task), phase: input.phaseTitle(task.phase),
                responsible: input.roleName(task.role), accountable: input.roleName(task.accountable),
                start: task.start.description, finish: task.finish.description, workingDays: task.workingDays,
                predecessors: task.predecessors.joined(separator: " "), predecessorList: task.predecessors,
                slack: task.slack,
                lateStart: task.lateStart.description, lateFinish: task.lateFinish.description,
                tags: task.item.tags.joined(separator: " "),
                critical: task.critical ? input.label("critical_mark") : "",
                requirements: requirements.joined(separator: " "),
                requirementList: requirements,
                requirementGroups: Self.grouped(requirements), idParts: Self.parts(task.key),
                predecessorNumbers: task.predecessors.map {
                    IDParts(parts: numbers[$0].map { [String($0)] } ?? Self.parts($0))
                },
                isCritical: task.critical)
        }
    }

    /// The bottleneck roles, ranked.
    private static func bottleneckRows(_ plan: Plan, _ input: PlanInput) -> [BottleneckRow] {
        plan.bottlenecks.enumerated().map { index, bottleneck in
            let load = plan.roles.first { $0.role.id == bottleneck.role }
            return BottleneckRow(
                rank: index + 1, name: input.roleName(bottleneck.role), id: bottleneck.role, people: load?.people ?? 1,
                personDays: figure(load?.personDays ?? 0), utilisation: percent(load?.utilisation ?? 0),
                finishIfPlusOne: bottleneck.finishIfPlusOne.description,
                workingDaysSaved: bottleneck.workingDaysSaved)
        }
    }

    /// The sentence on the main bottleneck, or on why there is none.
    private static func driversRoles(_ top: BottleneckRow?, hasTasks: Bool, _ input: PlanInput) -> String {
        guard let top else { return hasTasks ? input.label("drivers_none") : "" }
        return input.label(
            "drivers_bottleneck",
            [
                ("role", top.name), ("days", top.personDays), ("utilisation", top.utilisation),
                ("date", top.finishIfPlusOne), ("saved", String(top.workingDaysSaved)),
            ])
    }

    /// Person-days per role as bars.
    private static func roleChart(_ plan: Plan, _ input: PlanInput) -> String {
        let most = plan.roles.map(\.personDays).max() ?? 0
        return SVGBarChart(
            bars: plan.roles.map { load in
                .init(
                    key: "", label: input.text(load.role.name),
                    percent: most > 0 ? 100 * load.personDays / most : 0,
                    figure: figure(load.personDays), className: "effort")
            }, title: input.label("roles_load"), rightToLeft: input.language.isRightToLeft, showsScale: false
        ).svg
    }

    /// Tasks per chart of the detailed schedule, so that each chart fits on an A4 page.
    static let rowsPerChart = 45

    private static func dates(_ start: CalendarDate, _ finish: CalendarDate) -> String {
        "\(start) – \(finish)"
    }

    private static func gantt(
        _ input: PlanInput, rows: [SVGGantt.Row], range: ClosedRange<CalendarDate>, title: String, rowHeight: Double,
        trailingRoom: Double = 0
    ) -> String {
        SVGGantt(
            rows: rows, range: range, today: input.asOf, todayLabel: input.label("today"),
            monthNames: (1...12).map { input.label("month_\($0)") }, holidays: input.plan.holidays.map(\.date),
            title: title, rightToLeft: input.language.isRightToLeft, rowHeight: rowHeight, trailingRoom: trailingRoom
        ).svg
    }

    /// One bar per phase with its milestone; the time axis takes in today when it lies within
    /// one plan length of the plan, so the line shows how far off the start or the end is.
    private static func overview(_ input: PlanInput, phases: [Plan.Phase]) -> String {
        let plan = input.plan
        let span = max(30, plan.start.days(until: plan.finish))
        var lower = plan.start, upper = plan.finish
        if input.asOf < lower && input.asOf.days(until: lower) <= span { lower = input.asOf }
        if input.asOf > upper && upper.days(until: input.asOf) <= span { upper = input.asOf }
        let rows = phases.enumerated().compactMap { index, phase -> SVGGantt.Row? in
            guard let start = phase.start, let finish = phase.finish else { return nil }
            let title = input.text(phase.title)
            return .init(
                key: String(index + 1), label: title, start: start, finish: finish, style: .phase, milestone: finish,
                tooltip: "\(title): \(dates(start, finish))")
        }
        return gantt(
            input, rows: rows, range: lower...upper, title: input.label("gantt"), rowHeight: 22, trailingRoom: 68)
    }

    /// The tasks of each phase over the phase's own dates, split into charts of at most
    /// ``rowsPerChart`` rows.
    private static func schedule(_ input: PlanInput, phases: [Plan.Phase], numbers: [String: Int]) -> [GanttChart] {
        phases.enumerated().flatMap { index, phase -> [GanttChart] in
            guard let start = phase.start, let finish = phase.finish else { return [] }
            let tasks = input.plan.tasks.filter { $0.phase == phase.id }
            let chunks = stride(from: 0, to: tasks.count, by: rowsPerChart).map {
                Array(tasks[$0..<min(tasks.count, $0 + rowsPerChart)])
            }
            return chunks.enumerated().map { part, chunk in
                let title =
                    "\(index + 1). \(input.text(phase.title))"
                    + (chunks.count > 1 ? " (\(part + 1)/\(chunks.count))" : "")
                let rows = chunk.map { task in
                    let name = input.title(of: task)
                    return SVGGantt.Row(
                        key: numbers[task.key].map(String.init) ?? "", label: name, start: task.start,
                        finish: task.finish, style: task.critical ? .critical : .task, milestone: nil,
                        tooltip: "\(name) (\(input.roleName(task.role))): \(dates(task.start, task.finish))")
                }
                return GanttChart(
                    title: title, svg: gantt(input, rows: rows, range: start...finish, title: title, rowHeight: 14))
            }
        }
    }

    /// `checklist:requirement` keys grouped by checklist, in order of first appearance.
    static func grouped(_ keys: [String]) -> [RequirementGroup] {
        var groups: [RequirementGroup] = []
        for key in keys {
            let (checklist, id) =
                key.firstIndex(of: ":").map { (String(key[..<$0]), String(key[key.index(after: $0)...])) } ?? ("", key)
            if let last = groups.indices.last, groups[last].checklist == checklist {
                groups[last].ids.append(id)
            } else {
                groups.append(RequirementGroup(checklist: checklist, ids: [id]))
            }
        }
        return groups
    }

    /// A task id cut after its first `:` (`iso-10002-2018:` and `4.3-a-review`); one part when it has none.
    static func parts(_ key: String) -> [String] {
        guard let colon = key.firstIndex(of: ":"), key.index(after: colon) < key.endIndex else { return [key] }
        return [String(key[...colon]), String(key[key.index(after: colon)...])]
    }

    /// A share as a percentage to one decimal, such as `87.5%` (the report's one precision).
    static func percent(_ value: Double) -> String {
        Figures.percent(100 * value)
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
        try MarkdownText.rendering(rightToLeft: input.language.isRightToLeft) { () throws(TemplateLibrary.Failure) in
            try templates.render(PlanView(input), template: "plan/plan.md")
        }
    }

    /// The HTML plan (template `plan/plan.html`): one self-contained page.
    public static func html(_ input: PlanInput, templates: TemplateLibrary) throws(TemplateLibrary.Failure)
        -> String
    {
        try templates.render(PlanView(input), template: "plan/plan.html")
    }
}
