import ArgumentParser
import IsogapModel

/// Options shared by the commands that write a document (`report`, `plan`).
struct DocumentOptions: ParsableArguments {
    @Option(name: .long, help: "Language: en or ar (default: the workspace's).")
    var lang: ReportLanguage?

    @Option(name: .long, help: "Write to this file instead of standard output.")
    var out: String?

    @Option(
        name: .customLong("as-of"),
        help: "Date for time-dependent figures and calendar stamps, YYYY-MM-DD (default: today).",
        transform: CalendarDate.argument)
    var asOf: CalendarDate?

    @Option(
        name: .long, help: "A folder of templates (and labels.yaml) that replace the built-in ones of the same name.")
    var templates: String?

    /// The as-of date, today when none was given.
    func date(in context: CommandContext) -> CalendarDate { asOf ?? context.today }
}
