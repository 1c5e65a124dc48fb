import ArgumentParser
import Foundation
import IsogapDiagnostics
import IsogapLoading
import IsogapModel
import IsogapRendering

/// `isogap import ...`: checklists made from other tools' files (SPEC §16).
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make isogap files from other tools' files (CISO Assistant framework libraries).",
        subcommands: [ImportCISOAssistant.self])
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
        guard let bytes = DiskFiles.readFile(atPath: context.resolve(library), limit: limit) else {
            console.err("error: \(library): no such file, or it cannot be read")
            throw ExitStatus.noInput
        }
        let loaded = CISOAssistantImporter.load(bytes, file: library, id: id)
        if !loaded.diagnostics.isEmpty { console.report(loaded.diagnostics) }
        guard let checklist = loaded.value, !loaded.diagnostics.containsErrors else { throw ExitStatus.dataError }
        // The checklist must pass the same validation as any other.
        var builtIns = BuiltInResources.library
        let reloaded = ChecklistLoader.load(
            Array(ChecklistYAMLWriter.yaml(checklist).utf8), file: out ?? "<imported checklist>")
        if let entry = builtIns.add(reloaded, file: out ?? "<imported checklist>") {
            let problems = builtIns.validation(of: entry).filter { $0.severity == .error }
            if !problems.isEmpty {
                console.report(problems)
                throw ExitStatus.dataError
            }
        } else {
            console.report(builtIns.diagnostics)
            throw ExitStatus.dataError
        }
        let header = [
            "Checklist imported from the CISO Assistant library \(URL(fileURLWithPath: library).lastPathComponent) by 'isogap import ciso-assistant'.",
            "Review the scale's evidence rules (min_evidence, expected_type) and add evidence types, criticality and tasks as needed.",
        ]
        try OutputTarget.write(ChecklistYAMLWriter.yaml(checklist, header: header), to: out, context: context)
    }
}
