import ArgumentParser
import IsogapModel
import IsogapRendering

/// `isogap score [DIR]`: the scores of a workspace at a glance.
struct Score: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Summarise a workspace's scores: level, percent and completeness per checklist, grades, top ten gaps."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var workspace: WorkspaceArgument

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(name: .long, help: "Language of the labels: en or ar (default: the workspace's).")
    var lang: ReportLanguage?

    @OptionGroup var output: OutputOption

    @Option(
        name: .customLong("as-of"), help: "Date for time-dependent figures, YYYY-MM-DD (default: today).",
        transform: CalendarDate.argument)
    var asOf: CalendarDate?

    func run(in context: CommandContext) throws {
        let console = context.console
        let loaded = try WorkspaceContext.load(workspace.directory, context: context, measure: true)
        let templates = try TemplateSet.load(overrides: nil, context: context)
        // The JSON summary is the JSON report, plan included.
        let plan = format == .json ? try loaded.plan(console: console) : nil
        let input = loaded.reportInput(
            asOf: asOf ?? context.today, language: lang, labels: templates.labels, plan: plan)
        switch format {
        case .text: try OutputTarget.writeText(ScoreSummary.text(input), to: output.out, context: context)
        case .json: try OutputTarget.write(ReportJSON.document(input).serialized(), to: output.out, context: context)
        }
    }
}
