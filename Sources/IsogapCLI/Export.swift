import ArgumentParser
import Foundation
import IsogapDiagnostics
import IsogapLoading
import IsogapModel
import IsogapRendering

/// `isogap export ...`: the assessment or a checklist in another tool's format (SPEC §16).
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the assessment or a checklist in another tool's format (OSCAL, CISO Assistant).",
        subcommands: [
            ExportOSCAL.self, ExportPOAM.self, ExportOSCALCatalog.self, ExportCISOAssistant.self, ExportXLSX.self,
        ])
}

/// Options of every export: where the document goes and its language.
struct ExportOptions: ParsableArguments {
    @Option(name: .long, help: "Language of the texts: en or ar (default: the workspace's, or en).")
    var lang: ReportLanguage?

    @OptionGroup var output: OutputOption
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
            OSCALAssessmentResults.document(input).serialized(), to: options.output.out, context: context)
    }
}

/// `isogap export poam [DIR]`: OSCAL 1.1.2 plan of action and milestones.
struct ExportPOAM: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "poam",
        abstract:
            "Write the corrective actions and uncovered gaps as an OSCAL 1.1.2 plan of action and milestones (JSON).",
        discussion:
            "One item per action and per gap no action covers; due dates and the implementation plan's task dates as task timing. Exit status 1 when there is nothing to put in it."
    )

    @OptionGroup var workspace: WorkspaceArgument
    @OptionGroup var options: ExportOptions

    func run(in context: CommandContext) throws {
        let console = context.console
        let loaded = try WorkspaceContext.load(workspace.directory, context: context)
        let templates = try TemplateSet.load(overrides: nil, context: context)
        let plan = try loaded.plan(console: console)
        let manifest = loaded.workspace.manifest
        let input = loaded.reportInput(
            asOf: manifest.assessmentDate, language: options.lang, labels: templates.labels, plan: plan)
        guard let document = OSCALPOAM.document(input) else {
            throw console.fail(
                "the workspace has no actions and no gaps, so there is nothing to plan (an OSCAL POA&M needs at least one item)",
                ExitStatus.checkFailed)
        }
        try OutputTarget.write(document.serialized(), to: options.output.out, context: context)
    }
}

/// The checklist argument of `export oscal-catalog` and `export ciso-assistant`.
struct ChecklistExportArguments: ParsableArguments {
    @Argument(help: "A built-in checklist id or a checklist file.")
    var checklist: String

    @Option(name: .long, help: "Language of the texts: en or ar.")
    var lang: ReportLanguage = .en

    @OptionGroup var output: OutputOption

    @Option(name: .long, help: "Publication date written in the document, YYYY-MM-DD (default: today).")
    var date: CalendarDate?

    /// The checklist named, after printing its problems; throws 66 when it cannot be found and 65
    /// when it is invalid.
    func load(in context: CommandContext) throws -> Checklist {
        try ChecklistArgument.load(checklist, in: context)
    }
}

/// `isogap export oscal-catalog CHECKLIST`: a checklist as an OSCAL 1.1.2 catalog.
struct ExportOSCALCatalog: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "oscal-catalog",
        abstract: "Write a checklist as an OSCAL 1.1.2 catalog (JSON): groups for clauses, controls for requirements."
    )

    @OptionGroup var arguments: ChecklistExportArguments

    func run(in context: CommandContext) throws {
        let checklist = try arguments.load(in: context)
        let document = OSCALCatalog.document(
            checklist, language: arguments.lang, date: arguments.date ?? context.today)
        try OutputTarget.write(document.serialized(), to: arguments.output.out, context: context)
    }
}

/// `isogap export ciso-assistant CHECKLIST`: a checklist as a CISO Assistant framework library.
struct ExportCISOAssistant: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "ciso-assistant",
        abstract: "Write a checklist as a CISO Assistant framework library (YAML), Arabic as translations."
    )

    @OptionGroup var arguments: ChecklistExportArguments

    func run(in context: CommandContext) throws {
        let checklist = try arguments.load(in: context)
        let text = CISOAssistantLibrary.yaml(
            checklist, date: arguments.date ?? context.today, language: arguments.lang)
        try OutputTarget.write(text, to: arguments.output.out, context: context)
    }
}
