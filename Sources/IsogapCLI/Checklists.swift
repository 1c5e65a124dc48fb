import ArgumentParser
import IsogapLoading
import IsogapModel

/// `isogap checklists`: the built-in checklists.
struct Checklists: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "checklists", abstract: "List the built-in checklists.")

    func run(in context: CommandContext) throws {
        let console = context.console
        let entries = BuiltInResources.library.entries
        let width = entries.map(\.checklist.id.count).max() ?? 0
        for entry in entries {
            let checklist = entry.checklist
            let count = checklist.requirementsInOrder.count
            let what =
                count == 0 ? "reference catalogue, \(checklist.clausesInOrder.count) clauses" : "\(count) requirements"
            let padding = String(repeating: " ", count: width - checklist.id.count)
            console.out("\(checklist.id)\(padding)  \(checklist.standard) (\(what), version \(checklist.version))")
        }
    }
}
