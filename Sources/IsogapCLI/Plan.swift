import ArgumentParser
import Foundation
import IsogapDiagnostics
import IsogapLoading
import IsogapModel
import IsogapRendering

/// `isogap plan [DIR]`: the implementation plan.
struct PlanCommand: ContextualCommand {
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

    @OptionGroup var options: DocumentOptions

    @Flag(
        name: .customLong("write-actions"),
        help: "Append one open action per plan task whose requirements no action names yet, due on the task's finish.")
    var writeActions = false

    func run(in context: CommandContext) throws {
        let console = context.console
        let loaded = try WorkspaceContext.load(workspace.directory, context: context)
        let templateSet = try TemplateSet.load(overrides: options.templates, context: context)
        let plan = try loaded.plan(console: console)
        let manifest = loaded.workspace.manifest
        let input = PlanInput(
            manifest: manifest, plan: plan, asOf: options.date(in: context),
            language: options.lang ?? manifest.language,
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
                throw console.fail(error.diagnostic, ExitStatus.dataError)
            }
        case .csv: text = PlanCSV.text(input)
        case .ics: text = PlanICS.text(input)
        case .json: text = PlanJSON.document(input).serialized()
        }
        try OutputTarget.write(text, to: options.out, context: context)
        if writeActions { try raiseActions(for: plan, loaded: loaded, date: input.asOf, context: context) }
    }

    /// Appends the plan's new actions to `actions.yaml` (created when missing), changing nothing else.
    /// The actions are worked out from the register as it is under the lock.
    private func raiseActions(
        for plan: Plan, loaded: WorkspaceContext, date: CalendarDate, context: CommandContext
    ) throws {
        let console = context.console
        let files = DiskFiles(folder: workspace.directory, in: context)
        let path = files.displayPath(WorkspaceLoader.actionsFile)
        var actions: [Action] = []
        try ActionRegisterFile.update(
            in: files, console: console,
            missing: Array("isogap: 1\nkind: actions\nactions: []\n".utf8)
        ) { register, bytes in
            actions = plan.actionsToRaise(for: register, opened: date, language: loaded.workspace.manifest.language)
            return try ActionRegisterEditor.append(actions, to: bytes)
        }
        guard !actions.isEmpty else {
            console.status("every plan task is already covered by an action; \(path) is unchanged")
            return
        }
        let range = actions.count == 1 ? actions[0].id : "\(actions[0].id)–\(actions[actions.count - 1].id)"
        console.status("added \(actions.count) open action\(actions.count == 1 ? "" : "s") to \(path) (\(range))")
    }
}
