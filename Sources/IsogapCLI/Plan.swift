import ArgumentParser
import IsogapDiagnostics
import IsogapLoading
import IsogapModel
import IsogapRendering

/// `isogap plan [DIR]`: the implementation plan.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Write the implementation plan: phases and milestones, tasks with roles and dates, critical path.",
        discussion: """
            Tasks are the programme tasks of the phase template, the tasks of every gap requirement and an \
            'assess first' task per checklist with requirements not assessed yet, scheduled on the workspace's \
            working calendar with the role capacities and phase gates of its plan settings (docs/planning.md).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case md, html, csv, ics, json
    }

    @OptionGroup var workspace: WorkspaceArgument

    @Option(
        help:
            "Output format: md (with a Mermaid Gantt chart), html (one self-contained page with SVG charts), csv, ics (iCalendar) or json."
    )
    var format: Format = .md

    @Option(name: .long, help: "Write the plan to this file instead of standard output.")
    var out: String?

    @Option(name: .long, help: "Plan language: en or ar (default: the workspace's).")
    var lang: ReportLanguage?

    @Option(name: .customLong("as-of"), help: "Date of the run, YYYY-MM-DD (default: today); stamps calendar events.")
    var asOf: CalendarDate?

    @Option(
        name: .long, help: "A folder of templates (and labels.yaml) that replace the built-in ones of the same name.")
    var templates: String?

    func run() throws {
        let console = Console()
        let context = try WorkspaceContext.load(workspace.directory, console: console)
        let templateSet = try TemplateSet.load(overrides: templates, console: console)
        guard let template = context.workspace.phaseTemplate else {
            console.err(
                "error: the built-in plan phase template did not load; run 'isogap validate templates/plan-phases.yaml'"
            )
            throw ExitStatus.dataError
        }
        let manifest = context.workspace.manifest
        let outcome = Planner.plan(
            score: context.score, template: template, settings: manifest.plan, assessmentDate: manifest.assessmentDate)
        if !outcome.problems.isEmpty { console.report(outcome.problems.map { diagnostic($0, context) }) }
        guard let plan = outcome.plan, !outcome.hasErrors else { throw ExitStatus.dataError }
        let input = PlanInput(
            manifest: manifest, plan: plan, asOf: asOf ?? Init.today(), language: lang ?? manifest.language,
            labels: templateSet.labels)
        let text: String
        switch format {
        case .md, .html:
            do {
                text =
                    format == .md
                    ? try PlanRenderer.markdown(input, templates: templateSet.library)
                    : try PlanRenderer.html(input, templates: templateSet.library)
            } catch {
                console.err(error.description)
                throw ExitStatus.dataError
            }
        case .csv: text = PlanCSV.text(input)
        case .ics: text = PlanICS.text(input)
        case .json: text = PlanJSON.document(input).serialized()
        }
        try OutputTarget.write(text, to: out, console: console)
    }

    /// A planning problem as a diagnostic, located in the manifest when it lies there.
    private func diagnostic(_ problem: PlanProblem, _ context: WorkspaceContext) -> Diagnostic {
        if let path = problem.manifestPath, let map = context.manifestMap,
            let located = map.diagnostics(for: [Finding(problem.severity, problem.message, at: path)]).first
        {
            return located
        }
        return Diagnostic(problem.severity, problem.message, at: nil)
    }
}
