// `stat` and `timespec` fields: the clang module that owns them varies with the build (CoreFoundation or
// CDispatch), and member import visibility wants the owner imported, so both are.
import CDispatch
import CoreFoundation
import Foundation
import IsogapLoading
import IsogapModel
import Testing

@testable import IsogapCLI

/// Commands that change files, run as real processes: concurrent writers, file metadata, leftover
/// temporary files, and every editor on files with CR, CR LF and mixed line breaks.
@Suite("Writing files in place")
struct FileWriteTests {
    /// A copy of the sample workspace in a temporary folder, as `ws`.
    private func workspace() throws -> (folder: URL, ws: URL) {
        let folder = try Fixtures.temporaryFolder()
        let ws = folder.appendingPathComponent("ws")
        try FileManager.default.copyItem(at: Fixtures.url("sample"), to: ws)
        return (folder, ws)
    }

    /// A register of `count` open actions `CA-001`… on the sample checklist.
    private func register(count: Int) -> String {
        var text = "isogap: 1\nkind: actions\nactions:\n"
        for number in 1...count {
            text += """
                  - id: \(String(format: "CA-%03d", number))
                    title: Action \(number)
                    requirements: ["sample-complaints:1.1-a"]
                    type: corrective
                    owner_role: owner
                    opened: 2026-11-01
                    due: 2026-12-31
                    status: open
                    history:
                      - {date: 2026-11-01, status: open}

                """
        }
        return text
    }

    private func temporaryFiles(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
    }

    @Test func parallelWritersAllSurvive() throws {
        let (folder, ws) = try workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = ws.appendingPathComponent("actions.yaml")
        try Data(register(count: 20).utf8).write(to: url)
        let executable = try #require(Command.executable)
        var processes: [Process] = []
        for number in 1...20 {
            let process = Process()
            process.executableURL = executable
            process.arguments = [
                "actions", "set", String(format: "CA-%03d", number), "--status", "in-progress", "--date", "2026-11-26",
                "ws",
            ]
            process.currentDirectoryURL = folder
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            processes.append(process)
        }
        for process in processes { try process.run() }
        for process in processes { process.waitUntilExit() }
        #expect(processes.map(\.terminationStatus) == Array(repeating: 0, count: 20))
        let loaded = ActionRegisterLoader.load(Array(try Data(contentsOf: url)), file: "actions.yaml")
        let register = try #require(loaded.value)
        #expect(register.actions.map(\.status) == Array(repeating: .inProgress, count: 20))
        #expect(register.actions.allSatisfy { $0.history.count == 2 })
        #expect(try temporaryFiles(in: ws).isEmpty)
    }

    @Test func staleTemporaryFilesOfDeadWritersAreRemoved() throws {
        let (folder, ws) = try workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A process id that has surely ended: a process that ran and was waited for.
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/sh")
        finished.arguments = ["-c", "exit 0"]
        try finished.run()
        finished.waitUntilExit()
        let stale = ws.appendingPathComponent(".actions.yaml.\(finished.processIdentifier).tmp")
        try Data("half-written".utf8).write(to: stale)
        let staleNew = ws.appendingPathComponent(".actions.yaml.\(finished.processIdentifier).x1f2e3d.tmp")
        try Data("half-written too".utf8).write(to: staleNew)
        let unrelated = ws.appendingPathComponent(".other.yaml.\(finished.processIdentifier).tmp")
        try Data("not ours".utf8).write(to: unrelated)
        let result = try Command.run(
            ["actions", "set", "A-2", "--status", "done", "--date", "2026-11-26", "ws"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        #expect(!FileManager.default.fileExists(atPath: staleNew.path))
        #expect(FileManager.default.fileExists(atPath: unrelated.path))
    }

    /// Writers in one process (threads of one run, in-process commands) each get a temporary file
    /// of their own: with a temporary name per process, one writer removed or renamed the other's.
    @Test func writersInOneProcessDoNotShareATemporaryFile() async throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("shared.txt")
        let contents = (0..<2).map { writer in String(repeating: "writer \(writer)\n", count: 20_000) }
        let failures = await withTaskGroup(of: Int.self) { group in
            for writer in 0..<2 {
                group.addTask {
                    var failed = 0
                    for _ in 0..<40 {
                        do { try AtomicFile.write(Data(contents[writer].utf8), to: url) } catch { failed += 1 }
                    }
                    return failed
                }
            }
            return await group.reduce(0, +)
        }
        #expect(failures == 0)
        #expect(contents.contains(try String(contentsOf: url, encoding: .utf8)))
        #expect(try temporaryFiles(in: folder).isEmpty)
    }

    @Test func temporaryNamesAreUniqueAndTellTheirProcess() {
        let url = URL(fileURLWithPath: "/tmp/x/actions.yaml")
        let names = Set((0..<1000).map { _ in AtomicFile.temporaryName(of: url, process: 4242) })
        #expect(names.count == 1000)
        for name in names.prefix(5) {
            #expect(AtomicFile.writer(ofTemporary: name, prefix: ".actions.yaml.") == 4242)
        }
        // The earlier form (process id only) is still recognised, so its leftovers are cleaned.
        #expect(AtomicFile.writer(ofTemporary: ".actions.yaml.4242.tmp", prefix: ".actions.yaml.") == 4242)
        // Temporary files of other files, or names that only look alike, are not.
        #expect(AtomicFile.writer(ofTemporary: ".actions.yaml.bak.tmp", prefix: ".actions.yaml.") == nil)
        #expect(AtomicFile.writer(ofTemporary: ".actions.yaml.1.2.3.tmp", prefix: ".actions.yaml.") == nil)
        #expect(AtomicFile.writer(ofTemporary: ".actions.yaml.12.x.tmp", prefix: ".actions.yaml.") == nil)
    }

    @Test func rewritesKeepModeAndOwner() throws {
        let (folder, ws) = try workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = ws.appendingPathComponent("actions.yaml").path
        #expect(chmod(path, 0o600) == 0)
        let isRoot = getuid() == 0
        if isRoot { #expect(chown(path, 1234, 1235) == 0) }
        let result = try Command.run(
            ["actions", "set", "A-2", "--status", "done", "--date", "2026-11-26", "ws"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        var info = stat()
        #expect(stat(path, &info) == 0)
        #expect(info.st_mode & 0o7777 == 0o600)
        #expect(info.st_uid == (isRoot ? 1234 : getuid()))
        #expect(info.st_gid == (isRoot ? 1235 : getgid()))
        // The assessment file rewritten by `evidence lock` keeps its mode too.
        let assessment = ws.appendingPathComponent("assessments/sample-complaints.yaml").path
        #expect(chmod(assessment, 0o640) == 0)
        _ = try Command.run(["evidence", "lock", "ws"], in: folder)
        #expect(stat(assessment, &info) == 0)
        #expect(info.st_mode & 0o7777 == 0o640)
        #expect(try String(contentsOfFile: assessment, encoding: .utf8).contains("sha256"))
    }

    @Test func readOnlyTargetsAreRefused() throws {
        let (folder, ws) = try workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = ws.appendingPathComponent("actions.yaml").path
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(chmod(path, 0o444) == 0)
        let result = try Command.run(
            ["actions", "set", "A-2", "--status", "done", "--date", "2026-11-26", "ws"], in: folder)
        #expect(result.status == 73)
        #expect(result.stderr == "error: cannot write ws/actions.yaml: it is read-only; nothing was written\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == original)
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o7777 == 0o444)
        #expect(try temporaryFiles(in: ws).isEmpty)
    }

    /// The sample workspace's YAML files rewritten with `breaks` in place of every LF.
    private func convert(_ ws: URL, to breaks: LineBreakEditTests.Breaks) throws {
        for relative in ["actions.yaml", "assessments/sample-complaints.yaml", "isogap.yaml"] {
            let url = ws.appendingPathComponent(relative)
            let text = try String(contentsOf: url, encoding: .utf8)
            var lines = text.components(separatedBy: "\n")
            if lines.last == "" { lines.removeLast() }
            try Data(breaks.text(lines).utf8).write(to: url)
        }
    }

    @Test(arguments: [LineBreakEditTests.Breaks.cr, .crlf, .mixed])
    func everyEditorKeepsEveryLineBreakStyle(_ breaks: LineBreakEditTests.Breaks) throws {
        let (folder, ws) = try workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        try convert(ws, to: breaks)
        #expect(try Command.run(["validate", "ws"], in: folder).status == 0)
        let runs: [[String]] = [
            ["actions", "set", "A-4", "--status", "done", "--date", "2026-11-26", "ws"],
            ["actions", "set", "A-2", "--status", "in-progress", "--date", "2026-11-26", "ws"],
            ["actions", "edit", "A-3", "--due", "2027-01-31", "--owner", "Ann", "ws"],
            [
                "actions", "add", "--title", "New", "--requirement", "sample-complaints:1.1-b", "--owner-role", "owner",
                "--due", "2027-02-01", "--opened", "2026-11-20", "ws",
            ],
            ["plan", "ws", "--write-actions", "--out", "plan.md"],
            ["evidence", "lock", "ws"],
        ]
        for arguments in runs {
            let result = try Command.run(arguments, in: folder)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let validated = try Command.run(["validate", "ws"], in: folder)
        #expect(validated.status == 0, "\(validated.stderr)")
        let actions = try Data(contentsOf: ws.appendingPathComponent("actions.yaml"))
        let register = try #require(ActionRegisterLoader.load(Array(actions), file: "actions.yaml").value)
        #expect(register.action("A-4")?.status == .done)
        #expect(register.action("A-2")?.status == .inProgress)
        #expect(register.action("A-3")?.owner == "Ann")
        #expect(register.action("CA-001")?.title == "New")
        let assessment = try Data(contentsOf: ws.appendingPathComponent("assessments/sample-complaints.yaml"))
        let evidence = try #require(AssessmentLoader.load(Array(assessment), file: "a.yaml").value)
        #expect(evidence.responses.flatMap(\.evidence).contains { $0.sha256 != nil })
        // A file of one style stays of that style: no other kind of line break was added.
        if breaks == .cr {
            #expect(!actions.contains(UInt8(ascii: "\n")) && !assessment.contains(UInt8(ascii: "\n")))
        }
        if breaks == .crlf {
            let text = String(decoding: actions, as: UTF8.self)
            #expect(text.replacingOccurrences(of: "\r\n", with: "").filter { $0 == "\n" || $0 == "\r" }.isEmpty)
        }
    }

    @Test func addAndEditFromTheCommandLine() throws {
        let (folder, ws) = try workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = ws.appendingPathComponent("actions.yaml")
        let original = try String(contentsOf: url, encoding: .utf8)
        let added = try Command.run(
            [
                "actions", "add", "--title", "Train the front desk", "--requirement", "sample-complaints:1.1-a",
                "--type", "preventive", "--owner-role", "analyst", "--owner", "Ann", "--due", "2027-01-15",
                "--opened", "2026-11-20", "--raises-to", "3", "--effort-days", "2.5", "ws",
            ], in: folder)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout == "CA-001: added, due 2027-01-15\n")
        let afterAdd = try String(contentsOf: url, encoding: .utf8)
        #expect(afterAdd.hasPrefix(original))
        #expect(
            afterAdd.dropFirst(original.count)
                == """

                  - id: "CA-001"
                    title: "Train the front desk"
                    requirements: ["sample-complaints:1.1-a"]
                    type: preventive
                    owner_role: analyst
                    owner: "Ann"
                    opened: 2026-11-20
                    due: 2027-01-15
                    status: open
                    raises_to: 3
                    effort_days: 2.5
                    history:
                      - date: 2026-11-20
                        status: open

                """.dropFirst())
        let second = try Command.run(
            [
                "actions", "add", "--title", "Second", "--requirement", "sample-complaints:2-a", "--owner-role",
                "owner",
                "--due", "2027-01-15", "--opened", "2026-11-20", "ws",
            ], in: folder)
        #expect(second.stdout == "CA-002: added, due 2027-01-15\n")
        let afterSecond = try String(contentsOf: url, encoding: .utf8)

        let edited = try Command.run(
            [
                "actions", "edit", "CA-001", "--due", "2027-02-01", "--title", "Train everyone", "--owner-role",
                "owner", "ws",
            ],
            in: folder)
        #expect(edited.status == 0, "\(edited.stderr)")
        let afterEdit = try String(contentsOf: url, encoding: .utf8)
        #expect(
            afterEdit
                == afterSecond.replacingOccurrences(
                    of: "due: 2027-01-15\n    status: open\n    raises_to",
                    with: "due: 2027-02-01\n    status: open\n    raises_to"
                )
                .replacingOccurrences(of: "\"Train the front desk\"", with: "\"Train everyone\"")
                .replacingOccurrences(
                    of: "owner_role: analyst\n    owner: \"Ann\"", with: "owner_role: owner\n    owner: \"Ann\""))
        #expect(try Command.run(["validate", "ws"], in: folder).status == 0)

        // Rules of the model: a due date before the opening date is refused, nothing written.
        let early = try Command.run(["actions", "edit", "CA-001", "--due", "2026-01-01", "ws"], in: folder)
        #expect(early.status == 65)
        #expect(early.stderr == "error: due date 2026-01-01 is before the date the action was opened (2026-11-20)\n")
        let unknown = try Command.run(["actions", "edit", "CA-001", "--owner-role", "analist", "ws"], in: folder)
        #expect(unknown.status == 65)
        #expect(unknown.stderr.hasPrefix("error: unknown role 'analist' (roles: 'owner', 'analyst', "))
        #expect(unknown.stderr.hasSuffix("); did you mean 'analyst'?\n"))
        let requirement = try Command.run(
            [
                "actions", "add", "--title", "X", "--requirement", "sample-complaints:9-z", "--owner-role", "owner",
                "--due", "2027-01-15", "ws",
            ], in: folder)
        #expect(requirement.status == 65)
        #expect(requirement.stderr.contains("'9-z' is not a requirement of checklist 'sample-complaints'"))
        #expect(try String(contentsOf: url, encoding: .utf8) == afterEdit)
    }

    @Test func messagesNameTheRealProblem() throws {
        let (folder, ws) = try workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = ws.appendingPathComponent("actions.yaml")
        let original = try Data(contentsOf: url)
        // Arguments swapped: the folder first.
        let swapped = try Command.run(["actions", "set", "ws", "A-2", "--status", "done"], in: folder)
        #expect(swapped.status == 64)
        #expect(
            swapped.stderr
                == "error: 'ws' is a folder and 'A-2' is not: the action id comes first and the workspace folder last (for example: isogap actions set A-2 ... ws)\n"
        )
        // Reopening a verified action without --date: the life cycle is blamed, not the date.
        let verified = try Command.run(["actions", "set", "A-5", "--status", "in-progress", "ws"], in: folder)
        #expect(
            verified.stderr == "error: A-5 is verified and closed; raise a new action if the problem has come back\n")
        // --verified-by without --effective names --verified-by.
        let verifiedBy = try Command.run(
            ["actions", "set", "A-2", "--status", "done", "--verified-by", "QA", "--date", "2026-11-26", "ws"],
            in: folder)
        #expect(verifiedBy.status == 65)
        #expect(verifiedBy.stderr.hasPrefix("error: --verified-by records a verification"))
        #expect(!verifiedBy.stderr.contains("--effective true"))
        // A change dated in the future is refused.
        let future = try Command.run(
            ["actions", "set", "A-2", "--status", "done", "--date", "2999-01-01", "ws"], in: folder)
        #expect(future.status == 65)
        #expect(future.stderr.hasPrefix("error: the date 2999-01-01 is in the future (today is "))
        #expect(try Data(contentsOf: url) == original)
    }

    @Test func statusesFollowTheAsOfDate() throws {
        // A-1 was done on 2026-10-10: on 2026-10-01 it was still open.
        let before = try Command.run(["actions", "Tests/Fixtures/sample", "--as-of", "2026-10-01", "--format", "csv"])
        #expect(before.status == 0, "\(before.stderr)")
        let row = try #require(before.stdout.split(whereSeparator: \.isNewline).first { $0.hasPrefix("A-1,") })
        #expect(row.contains(",open,"))
        let after = try Command.run(["actions", "Tests/Fixtures/sample", "--as-of", "2026-10-20", "--format", "csv"])
        let laterRow = try #require(after.stdout.split(whereSeparator: \.isNewline).first { $0.hasPrefix("A-1,") })
        #expect(laterRow.contains(",done,"))
        // A-5 was verified on 2026-08-01: before that it was done, with no verification yet.
        let register = try #require(
            ActionRegisterLoader.load(try Fixtures.bytes("sample/actions.yaml"), file: "actions.yaml").value)
        let july = try #require(CalendarDate("2026-07-01"))
        let early = try #require(register.action("A-5")?.asOf(july))
        #expect(early.status == .done && early.verification == nil && early.history.count == 2)
    }

    @Test func outputsThatAreNotRegularFilesAreRefusedNotReplaced() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sample = Fixtures.url("sample").path
        let fifo = folder.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let toPipe = try Command.run(["report", sample, "--out", "pipe"], in: folder)
        #expect(toPipe.status == 73)
        #expect(toPipe.stderr.contains("it is a named pipe that no program is reading"), "\(toPipe.stderr)")
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("out"), withIntermediateDirectories: true)
        let toFolder = try Command.run(["report", sample, "--out", "out"], in: folder)
        #expect(toFolder.status == 73)
        #expect(toFolder.stderr.contains("it is a folder; name a file to write"), "\(toFolder.stderr)")
        #expect(!toFolder.stderr.contains("NSCocoaErrorDomain"))
        let missingParent = try Command.run(["report", sample, "--out", "nowhere/report.md"], in: folder)
        #expect(missingParent.status == 73)
        #expect(missingParent.stderr.contains("the folder nowhere does not exist"), "\(missingParent.stderr)")
        #expect(try temporaryFiles(in: folder).isEmpty)
    }
}
