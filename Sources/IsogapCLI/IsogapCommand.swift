public import ArgumentParser
public import IsogapModel

/// The `isogap` command: gap assessment against ISO 10002 and ISO 10004.
public struct IsogapCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "isogap",
        abstract: "Gap assessment against ISO 10002:2018 and ISO 10004:2018 (or any checklist in the same format).",
        subcommands: [
            Init.self, Validate.self, Checklists.self, Show.self, Score.self, Report.self, Actions.self,
            PlanCommand.self, Evidence.self, Portfolio.self,
        ])

    public init() {}
}

extension ReportLanguage: ExpressibleByArgument {}

extension ActionStatus: ExpressibleByArgument {}

/// A date option written `YYYY-MM-DD`.
extension CalendarDate: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(argument)
    }
}
