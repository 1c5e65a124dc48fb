import ArgumentParser
import Foundation
import IsogapDiagnostics
import IsogapLoading
import IsogapModel
import IsogapRendering

/// `isogap import ...`: checklists made from other tools' files (SPEC §16).
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Make isogap files from other tools' files (CISO Assistant framework libraries).",
        subcommands: [ImportCISOAssistant.self, ImportXLSX.self])
}

/// `isogap import ciso-assistant LIBRARY.yaml`: a checklist from a CISO Assistant framework.
struct ImportCISOAssistant: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "ciso-assistant",
        abstract: "Make an isogap checklist from a CISO Assistant framework library (YAML).",
        discussion:
            "Non-assessable nodes become clauses, assessable nodes requirements; typical_evidence becomes guidance and the score range the scale. Ids that had to change are reported as warnings. The library is untrusted input: it is read with isogap's YAML layer and capped at 32 MiB."
    )

    @Argument(help: "The CISO Assistant library file (YAML).")
    var library: String

    @Option(name: .long, help: "The checklist id (default: made from the framework's ref_id).")
    var id: String?

    @Option(name: .long, help: "Write the checklist to this file instead of standard output.")
    var out: String?

    func validate() throws {
        if let id, !Checklist.isValidID(id) {
            throw ValidationError("--id '\(id)' may use only a-z, 0-9 and '-'")
        }
    }

    func run(in context: CommandContext) throws {
        let console = context.console
        let limit = CISOAssistantImporter.maxFileSize + 1
        let bytes: [UInt8]
        switch FileReader.read(context.resolve(library), limit: limit) {
        case .success(let read): bytes = read
        case .failure(let failure): throw console.fail("\(library): \(failure.reason)", ExitStatus.noInput)
        }
        let loaded = CISOAssistantImporter.load(bytes, file: library, id: id)
        if !loaded.diagnostics.isEmpty { console.report(loaded.diagnostics) }
        guard let checklist = loaded.value, !loaded.diagnostics.containsErrors else { throw ExitStatus.dataError }
        // The checklist must pass the same validation as any other (a finding here is a fault of
        // the import, so it is reported against the checklist's own document paths).
        let problems = checklist.validate(in: BuiltInResources.library.validationContext).filter {
            $0.severity == .error
        }
        if !problems.isEmpty {
            for problem in problems {
                console.emit(.error("imported checklist, \(problem.path): \(problem.message)", at: nil))
            }
            throw ExitStatus.dataError
        }
        let header = [
            "Checklist imported from the CISO Assistant library \(URL(fileURLWithPath: library).lastPathComponent) by 'isogap import ciso-assistant'.",
            "Review the scale's evidence rules (min_evidence, expected_type) and add evidence types, criticality and tasks as needed.",
        ]
        let text = ChecklistYAMLWriter.yaml(checklist, header: header)
        if text.utf8.count > DocumentLimits.maxFileSize {
            console.emit(
                .warning(
                    "the checklist is \(text.utf8.count) bytes, above the \(DocumentLimits.maxFileSize) bytes isogap reads from one checklist file; split the framework to assess it",
                    at: nil))
        }
        try OutputTarget.write(text, to: out, context: context)
    }
}
