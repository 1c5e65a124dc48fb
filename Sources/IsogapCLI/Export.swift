import ArgumentParser
import Foundation
import IsogapDiagnostics
import IsogapLoading
import IsogapModel
import IsogapRendering

/// `isogap export ...`: the assessment or a checklist in another tool's format (SPEC §16).
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the assessment or a checklist in another tool's format (OSCAL, CISO Assistant).",
        subcommands: [ExportOSCAL.self])
}

/// Options of every export: where the document goes and its language.
struct ExportOptions: ParsableArguments {
    @Option(name: .long, help: "Language of the texts: en or ar (default: the workspace's, or en).")
    var lang: ReportLanguage?

    @Option(name: .long, help: "Write to this file instead of standard output.")
    var out: String?
}

/// `isogap export oscal [DIR]`: OSCAL 1.1.2 assessment results.
struct ExportOSCAL: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "oscal",
        abstract: "Write the assessment as OSCAL 1.1.2 assessment results (JSON).",
        discussion:
            "One result; one observation per evidence item; one finding per assessed requirement; one risk per gap. UUIDs are derived from the workspace, so the same workspace gives the same document."
    )

    @OptionGroup var workspace: WorkspaceArgument
    @OptionGroup var options: ExportOptions

    func run(in context: CommandContext) throws {
        let loaded = try WorkspaceContext.load(workspace.directory, context: context)
        let templates = try TemplateSet.load(overrides: nil, context: context)
        let manifest = loaded.workspace.manifest
        // Nothing in the document depends on today: the assessment date stands for "as of".
        let input = loaded.reportInput(asOf: manifest.assessmentDate, language: options.lang, labels: templates.labels)
        try OutputTarget.write(
            OSCALAssessmentResults.document(input).serialized(), to: options.out, context: context)
    }
}
