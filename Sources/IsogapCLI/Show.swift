import ArgumentParser
import Foundation
import IsogapDiagnostics
import IsogapLoading
import IsogapModel
import IsogapRendering

/// `isogap show CHECKLIST`: a checklist as a readable outline.
struct Show: ContextualCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a checklist as a readable outline.",
        discussion: "CHECKLIST is a built-in id (see 'isogap checklists') or the path of a checklist file.")

    @Argument(help: "A built-in checklist id or a checklist file.")
    var checklist: String

    @Option(name: .long, help: "Language of the outline: en or ar.")
    var lang: ReportLanguage = .en

    @OptionGroup var output: OutputOption

    func run(in context: CommandContext) throws {
        let console = context.console
        var library = BuiltInResources.library
        if let builtIn = library.checklist(checklist) {
            try OutputTarget.writeText(
                ChecklistOutline(checklist: builtIn, language: lang).render(), to: output.out, context: context)
            return
        }
        guard checklist.hasSuffix(".yaml") || checklist.hasSuffix(".yml") || checklist.contains("/") else {
            var message = "no built-in checklist '\(checklist)'"
            if let close = Suggestion.didYouMean(checklist, in: library.ids) { message += "; \(close)" }
            throw console.fail(message + " (built-in: \(library.ids.joined(separator: ", ")))", ExitStatus.noInput)
        }
        let bytes: [UInt8]
        switch FileReader.read(context.resolve(checklist)) {
        case .success(let read): bytes = read
        case .failure(let failure): throw console.fail("\(checklist): \(failure.reason)", ExitStatus.noInput)
        }
        let loaded = ChecklistLoader.load(bytes, file: checklist)
        guard let entry = library.add(loaded, file: checklist) else {
            console.report(library.diagnostics)
            throw ExitStatus.dataError
        }
        let diagnostics = library.validation(of: entry)
        if diagnostics.containsErrors {
            console.report(diagnostics)
            throw ExitStatus.dataError
        }
        try OutputTarget.writeText(
            ChecklistOutline(checklist: entry.checklist, language: lang).render(), to: output.out, context: context)
    }
}
