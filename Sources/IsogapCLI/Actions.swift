import ArgumentParser
import Foundation
import IsogapDiagnostics
import IsogapLoading
import IsogapModel
import IsogapRendering

/// `isogap actions`: the corrective-action register.
struct Actions: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actions",
        abstract: "Show the corrective-action register, add an action, or change one.",
        subcommands: [List.self, Set.self, Add.self, Edit.self], defaultSubcommand: List.self)

    /// `isogap actions [DIR]`: the register as of a date.
    struct List: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Show the register: overdue first, counts, uncovered gaps, achieved and projected scores.")

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json, csv, ics
        }

        @OptionGroup var workspace: WorkspaceArgument

        @Flag(help: "Show only overdue actions.")
        var overdue = false

        @Option(
            name: .customLong("as-of"), help: "The date to judge due dates against, YYYY-MM-DD (default: today).",
            transform: CalendarDate.argument)
        var asOf: CalendarDate?

        @Option(help: "Output format: text, json, csv or ics (one calendar event per open action, on its due date).")
        var format: Format = .text

        @Option(name: .long, help: "Language of the output: en or ar (default: the workspace's).")
        var lang: ReportLanguage?

        @OptionGroup var output: OutputOption

        func run(in context: CommandContext) throws {
            let loaded = try WorkspaceContext.load(workspace.directory, context: context)
            let tracker = loaded.actionTracker(asOf: asOf ?? context.today)
            let language = lang ?? loaded.workspace.manifest.language
            let manifest = loaded.workspace.manifest.localized(language)
            let words = LabelWords(try TemplateSet.load(overrides: nil, context: context).labels, language)
            switch format {
            case .text:
                try OutputTarget.writeText(
                    ActionReport.text(tracker, onlyOverdue: overdue, words: words), to: output.out, context: context)
            case .json:
                try OutputTarget.write(
                    ActionReport.document(tracker, manifest: manifest).serialized(), to: output.out,
                    context: context)
            case .csv: try OutputTarget.write(ActionReport.csv(tracker), to: output.out, context: context)
            case .ics:
                try OutputTarget.write(
                    ActionReport.ics(tracker, manifest: manifest, roles: loaded.workspace.roles, words: words),
                    to: output.out, context: context)
            }
        }
    }

    /// `isogap actions set ID --status S [DIR]`: one step of an action's life cycle.
    struct Set: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Change an action's status, appending one history entry; nothing else in actions.yaml changes.",
            discussion: """
                Allowed: open → in-progress, done or cancelled; in-progress → open, done or cancelled; \
                done → verified (with --verified-by) or back to in-progress (with --effective false when a \
                verification found it not effective); cancelled → open. Verified actions are closed.
                """)

        @Argument(help: "The action id, such as CA-004.")
        var id: String

        @Option(help: "The new status: open, in-progress, done, verified or cancelled.")
        var status: ActionStatus

        @Option(help: "A note for the history entry.")
        var note: String?

        @Option(help: "Who made the change (for the history entry).")
        var by: String?

        @Option(help: "The date of the change, YYYY-MM-DD (default: today).", transform: CalendarDate.argument)
        var date: CalendarDate?

        @Option(name: .customLong("verified-by"), help: "Who verified the action's effectiveness.")
        var verifiedBy: String?

        @Option(help: "Whether the verification found the action effective: true or false.")
        var effective: Bool?

        @OptionGroup var workspace: WorkspaceArgument

        func validate() throws {
            if effective != nil, verifiedBy == nil {
                throw ValidationError("--effective records a verification: give --verified-by NAME as well")
            }
        }

        func run(in context: CommandContext) throws {
            let console = context.console
            try ActionArguments.checkOrder(
                id: id, directory: workspace.directory, command: "set", context: context)
            _ = try WorkspaceContext.load(workspace.directory, context: context)
            let files = DiskFiles(folder: workspace.directory, in: context)
            let path = files.displayPath(WorkspaceLoader.actionsFile)
            let day = date ?? context.today
            let verification = verifiedBy.map {
                Verification(date: day, by: $0, effective: effective ?? true, note: note)
            }
            let transition = ActionTransition(to: status, date: day, by: by, note: note, verification: verification)
            var before = status
            // The action is looked up and checked in the register as it is under the lock, so a
            // change made by another run in the meantime is seen.
            try ActionRegisterFile.update(in: files, console: console) {
                register, bytes in
                let action = try ActionArguments.action(id, in: register, path: path, console: console)
                if let refusal = transition.refusal(for: action, today: context.today) {
                    throw console.fail("\(refusal)", ExitStatus.dataError)
                }
                before = action.status
                return try ActionRegisterEditor.apply(transition, to: id, in: bytes)
            }
            console.out("\(id): \(before.rawValue) → \(status.rawValue) on \(day)")
        }
    }
}

/// Checks shared by the commands that change one action.
enum ActionArguments {
    /// Refuses `actions set WS CA-001`: the id comes first, then the workspace folder.
    static func checkOrder(id: String, directory: String, command: String, context: CommandContext) throws {
        try WorkspaceArgument.checkOrder(
            operand: id, what: "action id", command: "actions \(command)", workspace: directory, context: context)
    }

    /// The action `id` of the register, or a message with the closest id.
    static func action(_ id: String, in register: ActionRegister, path: String, console: Console) throws -> Action {
        guard let action = register.action(id) else {
            var message = "no action '\(id)' in \(path)"
            if let close = Suggestion.didYouMean(id, in: register.actions.map(\.id)) { message += "; \(close)" }
            throw console.fail(message, ExitStatus.dataError)
        }
        return action
    }
}
