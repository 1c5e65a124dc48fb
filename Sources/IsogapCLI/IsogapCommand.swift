public import ArgumentParser
public import IsogapModel

/// The `isogap` command: gap assessment against ISO 10002 and ISO 10004.
public struct IsogapCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "isogap",
        abstract: "Gap assessment against ISO 10002:2018 and ISO 10004:2018 (or any checklist in the same format).",
        version: IsogapCommand.version,
        subcommands: [
            Init.self, Validate.self, Checklists.self, Show.self, Score.self, Report.self, Actions.self,
            PlanCommand.self, Evidence.self, SignoffCommand.self, Portfolio.self, Export.self, Import.self,
            Measure.self, Sample.self, Compare.self, History.self,
        ])

    /// The version `isogap --version` prints.
    public static let version = "1.0.0"

    public init() {}

    /// Parses `arguments` and runs the command they name in `context`, in this process; returns
    /// the exit status. Help, usage errors and `--version` print as they would from the shell.
    public static func run(_ arguments: [String], in context: CommandContext) -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            if let contextual = command as? any ContextualCommand {
                try contextual.run(in: context)
            } else {
                try command.run()
            }
            return ExitCode.success.rawValue
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                (code == .success ? context.stdout : context.stderr).write(message + "\n")
            }
            return code.rawValue
        }
    }
}

/// A command that takes everything from its ``CommandContext`` (never from the process).
protocol ContextualCommand: ParsableCommand {
    func run(in context: CommandContext) throws
}

extension ContextualCommand {
    /// Runs in the context of this process (ArgumentParser's own entry point).
    func run() throws {
        try run(in: .process())
    }
}

extension ReportLanguage: ExpressibleByArgument {}

extension ActionStatus: ExpressibleByArgument {}

/// A date option written `YYYY-MM-DD`.
extension CalendarDate: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(argument)
    }

    /// Parses a date option, or fails saying the expected form (ArgumentParser's own message does
    /// not): used as the options' `transform`.
    static func argument(_ text: String) throws -> CalendarDate {
        guard let date = CalendarDate(text) else {
            throw ValidationError("'\(text)' is not a date; write it as YYYY-MM-DD, for example 2026-12-01")
        }
        return date
    }
}
