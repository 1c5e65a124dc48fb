import ArgumentParser
import IsogapModel
import IsogapRendering

/// `isogap report [DIR]`: the assessment report.
struct Report: ContextualCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Write the assessment report: summary, clause scores, prioritised gaps, unsupported claims, evidence.",
        discussion:
            "Markdown, HTML and the per-requirement CSV follow the templates and labels in templates/; --templates DIR replaces any of them by name. HTML is one self-contained page (inline CSS and SVG, no scripts, nothing fetched) that prints on A4."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case md, html, json, csv
    }

    @OptionGroup var workspace: WorkspaceArgument

    @Option(help: "Output format: md, html, json or csv.")
    var format: Format = .md

    @OptionGroup var options: DocumentOptions

    func run(in context: CommandContext) throws {
        let console = context.console
        let loaded = try WorkspaceContext.load(workspace.directory, context: context, measure: true)
        let templateSet = try TemplateSet.load(overrides: options.templates, context: context)
        let plan = try loaded.plan(console: console)
        var input = loaded.reportInput(
            asOf: options.date(in: context), language: options.lang, labels: templateSet.labels, plan: plan)
        input.baseline = try loaded.baselineComparison(
            directory: workspace.directory, language: input.language, context: context)
        let text: String
        switch format {
        case .md, .html:
            do {
                text =
                    format == .md
                    ? try ReportRenderer.markdown(input, templates: templateSet.library)
                    : try ReportRenderer.html(input, templates: templateSet.library)
            } catch {
                throw console.fail(error.diagnostic, ExitStatus.dataError)
            }
        case .json: text = ReportJSON.document(input).serialized()
        case .csv: text = ReportCSV.text(input)
        }
        try OutputTarget.write(text, to: options.out, context: context)
    }
}
