public import ArgumentParser
import IsogapDiagnostics
import IsogapLoading
public import IsogapModel
import IsogapRendering

/// `isogap measure [DIR]`: complaint-handling and satisfaction indicators from the workspace's
/// data files (SPEC §12).
struct Measure: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure",
        abstract:
            "Compute complaint-handling and satisfaction indicators from the files named under 'measures:' in isogap.yaml."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, md, html, json, csv
    }

    @OptionGroup var workspace: WorkspaceArgument

    @Option(help: "Output format: text, md, html, json or csv.")
    var format: Format = .text

    @Option(help: "Group complaints by month, quarter or year (default: the manifest's, else quarter).")
    var period: MeasurePeriod?

    @OptionGroup var output: OutputOption

    @Option(name: .long, help: "Language: en or ar (default: the workspace's).")
    var lang: ReportLanguage?

    func run(in context: CommandContext) throws {
        let loaded = try WorkspaceContext.load(workspace.directory, context: context)
        let data = try MeasureData.load(loaded, directory: workspace.directory, context: context, period: period)
        let report = data.report()
        for warning in report.warnings { context.console.emit(.warning("\(warning)", at: nil)) }
        let templates = try TemplateSet.load(overrides: nil, context: context)
        let view = MeasureView(
            report: report, language: lang ?? loaded.workspace.manifest.language, labels: templates.labels)
        let text: String =
            switch format {
            case .text: view.text()
            case .md: view.markdown()
            case .html: view.html()
            case .json: MeasureJSON.document(report).serialized()
            case .csv: view.csv()
            }
        try OutputTarget.write(text, to: output.out, context: context)
    }
}

extension MeasurePeriod: ExpressibleByArgument {}
