import ArgumentParser
import Foundation
import IsogapDiagnostics
import IsogapLoading
import IsogapModel
import IsogapRendering

/// `isogap init DIR`: a new workspace ready for an assessor to fill in.
struct Init: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a workspace: manifest, one assessment file per checklist, and an empty action register.",
        discussion: "Refuses to write into a folder that already holds a workspace.")

    @Argument(help: "Folder to create the workspace in (created if missing).")
    var directory: String

    @Option(name: .long, help: "The organisation assessed.")
    var organization: String

    @Option(
        name: .long,
        help: "A built-in checklist id (repeat for several). Default: every built-in checklist with requirements.")
    var checklist: [String] = []

    @Option(name: .long, help: "Report language: en or ar.")
    var lang: ReportLanguage = .en

    @Option(name: .long, help: "Assessment date, YYYY-MM-DD. Default: today.")
    var date: String?

    @Option(name: .long, help: "Scope of the assessment.")
    var scope: String?

    @Option(name: .long, help: "The site assessed, when the organisation has several.")
    var site: String?

    @Option(
        name: .customLong("target-level"),
        help: "The level every requirement should reach (default: 3, or the top of the shortest scale).")
    var targetLevel: Int?

    @Option(
        name: .long,
        help: "Days nobody works, comma-separated from mon tue wed thu fri sat sun, or 'none' (default: sat,sun).")
    var weekend: String?

    /// The weekend days `--weekend` names, in week order.
    static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    func validate() throws {
        if organization.allSatisfy(\.isWhitespace) {
            throw ValidationError("--organization must not be empty")
        }
        if let date, CalendarDate(date) == nil {
            throw ValidationError("--date '\(date)' is not a real date written YYYY-MM-DD")
        }
        var seen: Swift.Set<String> = []
        for id in checklist where !seen.insert(id).inserted {
            throw ValidationError("--checklist '\(id)' is given twice; name each checklist once")
        }
        if let site, site.allSatisfy(\.isWhitespace) { throw ValidationError("--site must not be empty") }
        if let targetLevel, targetLevel < 0 { throw ValidationError("--target-level must be 0 or more") }
        _ = try weekendDays()
    }

    /// The days of `--weekend`, checked: known names, none twice, not the whole week.
    func weekendDays() throws -> [String] {
        guard let weekend else { return ["sat", "sun"] }
        let trimmed = weekend.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed == "none" || trimmed.isEmpty { return [] }
        let days = trimmed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        var seen: Swift.Set<String> = []
        for day in days {
            guard Self.dayNames.contains(day) else {
                var message = "--weekend: '\(day)' is not a day; use mon, tue, wed, thu, fri, sat or sun"
                if let close = Suggestion.closest(to: day, in: Self.dayNames) {
                    message += " (did you mean '\(close)'?)"
                }
                throw ValidationError(message)
            }
            guard seen.insert(day).inserted else { throw ValidationError("--weekend names '\(day)' twice") }
        }
        if days.count == Self.dayNames.count {
            throw ValidationError("--weekend cannot cover all seven days: nobody would ever work")
        }
        return Self.dayNames.filter(seen.contains)
    }

    func run(in context: CommandContext) throws {
        let console = context.console
        let library = BuiltInResources.library
        let chosen: [Checklist]
        if checklist.isEmpty {
            chosen = library.entries.map(\.checklist).filter { !$0.requirementsInOrder.isEmpty }
        } else {
            chosen = try checklist.map { id in
                guard let found = library.checklist(id) else {
                    var message = "unknown built-in checklist '\(id)'"
                    if let close = Suggestion.didYouMean(id, in: library.ids) { message += "; \(close)" }
                    throw ValidationError(message)
                }
                return found
            }
        }
        let assessmentDate = date.flatMap { CalendarDate($0) } ?? context.today
        let defaultScope =
            lang == .ar
            ? "معالجة الشكاوى ورصد رضا العملاء وقياسه"
            : "Complaints handling and the monitoring and measuring of customer satisfaction"
        let skeleton = WorkspaceSkeleton(
            organization: organization, scope: scope ?? defaultScope, language: lang,
            assessmentDate: assessmentDate, checklists: chosen, site: site, targetLevel: targetLevel,
            weekend: try weekendDays())
        if let targetLevel, targetLevel > skeleton.highestTargetLevel {
            throw console.fail(
                "--target-level \(targetLevel) is above the top level \(skeleton.highestTargetLevel) of the chosen checklists' scales",
                ExitStatus.usage)
        }
        let files = try skeleton.files(using: BuiltInResources.templates())

        let folder = URL(fileURLWithPath: context.resolve(directory))
        for file in files where FileManager.default.fileExists(atPath: folder.appendingPathComponent(file.path).path) {
            throw console.fail(
                "\(directory)/\(file.path) already exists; isogap init does not overwrite a workspace",
                ExitStatus.cannotCreate)
        }
        do {
            try FileManager.default.createDirectory(
                at: folder.appendingPathComponent("assessments"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(
                at: folder.appendingPathComponent("evidence"), withIntermediateDirectories: true)
            for file in files {
                try AtomicFile.write(Data(file.contents.utf8), to: folder.appendingPathComponent(file.path))
            }
        } catch {
            throw console.fail(
                "cannot write the workspace in \(directory): \(error.localizedDescription)", ExitStatus.cannotCreate)
        }
        let count = chosen.map { $0.requirementsInOrder.count }.reduce(0, +)
        console.out(
            "Created workspace \(directory) for \(organization): \(chosen.map(\.id).joined(separator: ", ")) (\(count) requirements to assess)."
        )
        console.out("Next: fill in \(directory)/assessments/*.yaml, then run 'isogap validate \(directory)'.")
    }

}
