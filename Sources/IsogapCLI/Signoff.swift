public import ArgumentParser
import Foundation
import IsogapLoading
public import IsogapModel

extension SignoffDecision: ExpressibleByArgument {}

/// `isogap signoff [DIR] --by NAME --role TEXT` and `isogap signoff verify [DIR]`: tamper-evident
/// approvals of an assessment (SPEC §15).
struct SignoffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signoff",
        abstract: "Record an approval of the assessment, or check that earlier approvals still match.",
        discussion: """
            Each approval records a digest of the workspace files (isogap.yaml, narrative.yaml, \
            actions.yaml, the assessments, workspace checklists and cited evidence files); \
            'signoff verify' and every report show it as outdated once any of them changes.
            """,
        subcommands: [Sign.self, Verify.self], defaultSubcommand: Sign.self)

    /// `isogap signoff [DIR] --by NAME --role TEXT`: one approval appended to `signoffs.yaml`.
    struct Sign: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Append an approval with the workspace digest to signoffs.yaml; nothing else in it changes.")

        @OptionGroup var workspace: WorkspaceArgument

        @Option(help: "Who signs.")
        var by: String

        @Option(help: "The signer's role, such as 'Quality director'.")
        var role: String

        @Option(help: "approved, changes-requested or rejected.")
        var decision: SignoffDecision = .approved

        @Option(help: "A note that goes with the decision.")
        var note: String?

        @Option(help: "The date of the decision, YYYY-MM-DD (default: today).", transform: CalendarDate.argument)
        var date: CalendarDate?

        func validate() throws {
            if by.allSatisfy(\.isWhitespace) { throw ValidationError("--by must name who signs") }
            if role.allSatisfy(\.isWhitespace) { throw ValidationError("--role must not be empty") }
        }

        func run(in context: CommandContext) throws {
            let console = context.console
            let files = DiskFiles(folder: workspace.directory, in: context)
            let path = files.displayPath(SignoffsLoader.file)
            let location = files.filePath(SignoffsLoader.file)
            // Under the folder's lock from loading to writing: a change made by 'actions set' or
            // another sign-off in the meantime is either in the digest or waits for this one.
            let lock: FileLock?
            do {
                lock = try FileLock.forFolder(of: location)
            } catch {
                throw console.fail(error.description, ExitStatus.cannotCreate)
            }
            defer { withExtendedLifetime(lock) {} }
            let loaded = try WorkspaceContext.load(workspace.directory, context: context)
            let digest = WorkspaceDigest.digest(of: loaded.workspace, from: files)
            let bytes: [UInt8]
            switch files.readResult(SignoffsLoader.file) {
            case .success(let read): bytes = read
            case .failure(let failure) where failure.kind == .missing: bytes = Array(SignoffsLoader.emptyFile.utf8)
            case .failure(let failure): throw console.fail("\(path): \(failure.reason)", ExitStatus.noInput)
            }
            let signoff = Signoff(
                by: by, role: role, decision: decision, date: date ?? context.today, note: note, digest: digest)
            let updated: [UInt8]
            do {
                updated = try SignoffEditor.append(signoff, to: bytes)
            } catch {
                throw console.fail("\(path): \(error.description)", ExitStatus.dataError)
            }
            do {
                try AtomicFile.write(Data(updated), to: URL(fileURLWithPath: location))
            } catch {
                throw console.fail("cannot write \(path): \(error.localizedDescription)", ExitStatus.cannotCreate)
            }
            console.out("\(decision.rawValue) by \(by) (\(role)) on \(signoff.date); digest \(digest)")
        }
    }

    /// `isogap signoff verify [DIR]`: every approval checked against the workspace as it is.
    struct Verify: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check every approval against the workspace files as they are now.",
            discussion: "Exit status 1 when any approval no longer matches (a covered file changed since).")

        @OptionGroup var workspace: WorkspaceArgument

        func run(in context: CommandContext) throws {
            let console = context.console
            let loaded = try WorkspaceContext.load(workspace.directory, context: context)
            let files = DiskFiles(folder: workspace.directory, in: context)
            let digest = WorkspaceDigest.digest(of: loaded.workspace, from: files)
            let statuses = SignoffStatus.statuses(loaded.workspace.signoffs, current: digest)
            for status in statuses {
                let signoff = status.signoff
                console.out(
                    "\(status.isCurrent ? "current " : "outdated") \(signoff.date) \(signoff.decision.rawValue) by \(signoff.by) (\(signoff.role))"
                )
            }
            let outdated = statuses.filter { !$0.isCurrent }.count
            console.status(
                statuses.isEmpty
                    ? "no sign-offs in \(files.displayPath(SignoffsLoader.file)); digest now \(digest)"
                    : "\(statuses.count - outdated) current, \(outdated) outdated; digest now \(digest)")
            if outdated > 0 { throw ExitStatus.checkFailed }
        }
    }
}
