import ArgumentParser
import Foundation
import IsogapDiagnostics
import IsogapLoading
import IsogapModel
import IsogapRendering

/// `isogap show CHECKLIST`: a checklist as a readable outline.
struct Show: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a checklist as a readable outline.",
        discussion: "CHECKLIST is a built-in id (see 'isogap checklists') or the path of a checklist file.")

    @Argument(help: "A built-in checklist id or a checklist file.")
    var checklist: String

    @Option(name: .long, help: "Language of the outline: en or ar.")
    var lang: ReportLanguage = .en

    @OptionGroup var output: OutputOption

    func run(in context: CommandContext) throws {
        let loaded = try ChecklistArgument.load(checklist, in: context)
        try OutputTarget.writeText(
            ChecklistOutline(
                checklist: loaded, language: lang, phases: BuiltInResources.library.phaseTemplate.value?.phases ?? []
            ).render(), to: output.out, context: context)
    }
}

/// A command-line operand naming a checklist: a built-in id, or the path of a checklist file.
enum ChecklistArgument {
    /// The checklist `name` names, after printing its problems; throws 66 when it cannot be found
    /// and 65 when it is invalid.
    static func load(_ name: String, in context: CommandContext) throws -> Checklist {
        let console = context.console
        var library = BuiltInResources.library
        if let builtIn = library.checklist(name) { return builtIn }
        guard name.hasSuffix(".yaml") || name.hasSuffix(".yml") || name.contains("/") else {
            var message = "no built-in checklist '\(name)'"
            if let close = Suggestion.didYouMean(name, in: library.ids) { message += "; \(close)" }
            throw console.fail(message + " (built-in: \(library.ids.joined(separator: ", ")))", ExitStatus.noInput)
        }
        let bytes: [UInt8]
        switch FileReader.read(context.resolve(name)) {
        case .success(let read): bytes = read
        case .failure(let failure): throw console.fail("\(name): \(failure.reason)", ExitStatus.noInput)
        }
        guard let entry = library.add(ChecklistLoader.load(bytes, file: name), file: name) else {
            console.report(library.diagnostics)
            throw ExitStatus.dataError
        }
        let diagnostics = library.validation(of: entry)
        if diagnostics.containsErrors {
            console.report(diagnostics)
            throw ExitStatus.dataError
        }
        return entry.checklist
    }
}
