import ArgumentParser
import IsogapDiagnostics
import IsogapModel
import IsogapRendering

/// `isogap compare OLD NEW`: what changed between two assessments (SPEC §13).
struct Compare: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract:
            "Compare two assessments: score changes, requirements improved or regressed, gaps, completed actions.",
        discussion:
            "OLD and NEW are each a workspace folder or a JSON report saved with 'isogap report --format json'. Requirements match by checklist id and requirement id."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, md, html, json, csv
    }

    @Argument(help: "The earlier assessment: a workspace folder or a saved JSON report.")
    var old: String

    @Argument(help: "The later assessment: a workspace folder or a saved JSON report.")
    var new: String

    @Option(help: "Output format: text, md, html, json or csv.")
    var format: Format = .text

    @OptionGroup var output: OutputOption

    @Option(name: .long, help: "Language: en or ar (default: NEW's workspace language, else en).")
    var lang: ReportLanguage?

    func run(in context: CommandContext) throws {
        let before = try SnapshotSource.load(old, language: lang, context: context)
        let after = try SnapshotSource.load(new, language: lang, context: context)
        let comparison = Comparison(old: before.snapshot, new: after.snapshot)
        for warning in comparison.warnings { context.console.emit(.warning("\(warning)", at: nil)) }
        let templates = try TemplateSet.load(overrides: nil, context: context)
        let view = CompareView(
            comparison: comparison, language: lang ?? after.language ?? before.language ?? .en,
            labels: templates.labels)
        let text: String =
            switch format {
            case .text: view.text()
            case .md: view.markdown()
            case .html: view.html()
            case .json: CompareJSON.document(comparison).serialized()
            case .csv: view.csv()
            }
        try OutputTarget.write(text, to: output.out, context: context)
    }
}

/// `isogap history SNAPSHOT...`: scores over several assessments (SPEC §13).
struct History: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show combined, checklist and main-clause scores across assessments, oldest first.",
        discussion:
            "Each SNAPSHOT is a JSON report saved with 'isogap report --format json' or a workspace folder; they are ordered by assessment date."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case md, html, json, csv
    }

    @Argument(help: "Two or more saved JSON reports or workspace folders.")
    var snapshots: [String] = []

    @Option(help: "Output format: md, html, json or csv.")
    var format: Format = .md

    @OptionGroup var output: OutputOption

    @Option(name: .long, help: "Language: en or ar (default: the last workspace's language, else en).")
    var lang: ReportLanguage?

    func validate() throws {
        guard snapshots.count >= 2 else {
            throw ValidationError("history needs two or more snapshots (saved JSON reports or workspace folders)")
        }
    }

    func run(in context: CommandContext) throws {
        var loaded: [Snapshot] = []
        var language: ReportLanguage?
        for path in snapshots {
            let source = try SnapshotSource.load(path, language: lang, context: context)
            loaded.append(source.snapshot)
            language = source.language ?? language
        }
        let history = ScoreHistory(loaded)
        for warning in history.warnings { context.console.emit(.warning("\(warning)", at: nil)) }
        let templates = try TemplateSet.load(overrides: nil, context: context)
        let view = HistoryView(history: history, language: lang ?? language ?? .en, labels: templates.labels)
        let text: String =
            switch format {
            case .md: view.markdown()
            case .html: view.html()
            case .json: view.json().serialized()
            case .csv: view.csv()
            }
        try OutputTarget.write(text, to: output.out, context: context)
    }
}
