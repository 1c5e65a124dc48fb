import ArgumentParser
import Foundation
import IsogapCLI
import IsogapModel
import Testing

/// The in-process seam: commands take their folder, date, environment and streams from a
/// ``CommandContext``, so several can run at once in one process.
@Suite("In-process commands")
struct InProcessTests {
    /// Every command states its name: one left to ArgumentParser is derived from the type's name
    /// with `String(describing:)`, which scans every loaded library's conformance records each time
    /// the command tree is built (at every start).
    @Test func everyCommandNamesItself() {
        var unnamed: [String] = []
        func visit(_ command: any ParsableCommand.Type) {
            if command.configuration.commandName == nil { unnamed.append("\(command)") }
            command.configuration.subcommands.forEach(visit)
        }
        visit(IsogapCommand.self)
        #expect(unnamed.isEmpty, "\(unnamed)")
    }

    @Test func relativePathsStartAtTheContextsFolder() throws {
        let fixtures = try Command.run(["validate", "sample"], in: Fixtures.root)
        #expect(fixtures.status == 0)
        #expect(fixtures.stdout.hasPrefix("sample: ok: workspace of "))
        let elsewhere = try Command.run(["validate", "sample"], in: Fixtures.url("portfolio"))
        #expect(elsewhere.status == 66)
        #expect(elsewhere.stderr.contains("sample"))
    }

    @Test func todayComesFromTheContext() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let day = try #require(CalendarDate("2031-02-03"))
        let created = try Command.run(
            ["init", "ws", "--organization", "A", "--checklist", "iso-10004-2018"], in: folder, today: day)
        #expect(created.status == 0)
        let manifest = try String(contentsOf: folder.appendingPathComponent("ws/isogap.yaml"), encoding: .utf8)
        #expect(manifest.contains("assessment_date: 2031-02-03"))
    }

    @Test func commandsRunConcurrentlyWithTheirOwnFoldersAndStreams() async throws {
        let folders = [Fixtures.root, Fixtures.url("portfolio/north")]
        let results = try await withThrowingTaskGroup(of: (Int, Command.Output).self) { group in
            for index in 0..<16 {
                group.addTask {
                    (
                        index,
                        try Command.run(["validate", index % 2 == 0 ? "sample" : "branch-a"], in: folders[index % 2])
                    )
                }
            }
            return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        for (index, output) in results {
            #expect(output.status == 0, "\(index): \(output.stderr)")
            #expect(output.stdout.hasPrefix(index % 2 == 0 ? "sample: ok:" : "branch-a: ok:"), "\(index)")
        }
    }

    @Test func helpAndVersionGoToStandardOutputUsageErrorsToStandardError() throws {
        let version = try Command.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == IsogapCommand.version + "\n")
        let help = try Command.run(["score", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: isogap score"))
        let wrong = try Command.run(["score", "--format", "pdf"])
        #expect(wrong.status == 64)
        #expect(wrong.stdout.isEmpty)
        #expect(wrong.stderr.contains("--format"))
    }
}

/// The command line's plumbing: dates, argument order, `--out`, JSON headers, help texts.
@Suite("Command-line consistency")
struct CommandLineTests {
    @Test(arguments: [
        ["score", "--as-of"], ["report", "--as-of"], ["actions", "--as-of"], ["portfolio", ".", "--as-of"],
    ])
    func badDatesNameTheExpectedForm(arguments: [String]) throws {
        let output = try Command.run(arguments + ["2026/12/01"], in: Fixtures.root)
        #expect(output.status == 64)
        #expect(output.stderr.contains("'2026/12/01' is not a date; write it as YYYY-MM-DD"), "\(output.stderr)")
    }

    @Test func swappedActionsSetArgumentsSayTheIdComesFirst() throws {
        let output = try Command.run(["actions", "set", "sample", "--status", "done", "A-2"], in: Fixtures.root)
        #expect(output.status == 64)
        #expect(output.stderr.contains("the action id comes first and the workspace folder last"), "\(output.stderr)")
        #expect(output.stderr.contains("isogap actions set A-2 ... sample"), "\(output.stderr)")
    }

    @Test func jobsHelpStatesItsDefaultOnce() throws {
        let help = try Command.run(["portfolio", "--help"])
        let after = help.stdout.components(separatedBy: "--jobs <jobs>").last ?? ""
        let line = after.components(separatedBy: "\n  -").first ?? ""
        #expect(line.contains("processor cores"))
        #expect(line.components(separatedBy: "default").count - 1 == 1, "\(help.stdout)")
    }

    @Test(arguments: [
        ["score", "sample"], ["actions", "sample", "--as-of", "2026-11-26"], ["show", "iso-10004-2018"],
        ["portfolio", "portfolio/north", "--as-of", "2026-11-26"], ["score", "sample", "--format", "json"],
    ])
    func outWritesTheResultToAFile(arguments: [String]) throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let toFile = try Command.run(
            arguments + ["--out", folder.appendingPathComponent("out.txt").path], in: Fixtures.root)
        let toStdout = try Command.run(arguments, in: Fixtures.root)
        #expect(toFile.status == 0, "\(toFile.stderr)")
        #expect(toFile.stdout.isEmpty)
        let written = try String(contentsOf: folder.appendingPathComponent("out.txt"), encoding: .utf8)
        #expect(written == toStdout.stdout)
    }

    @Test func everyJSONOutputStartsWithTheHeader() throws {
        for arguments in [
            ["actions", "sample", "--format", "json", "--as-of", "2026-11-26"],
            ["score", "sample", "--format", "json", "--as-of", "2026-11-26"],
            ["report", "sample", "--format", "json", "--as-of", "2026-11-26"],
            ["plan", "sample", "--format", "json", "--as-of", "2026-11-26"],
            ["portfolio", "portfolio/north", "--format", "json", "--as-of", "2026-11-26"],
        ] {
            let output = try Command.run(arguments, in: Fixtures.root)
            #expect(output.status == 0, "\(arguments): \(output.stderr)")
            let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
            #expect(object?["isogap"] as? Int == 1, "\(arguments)")
        }
        let actions = try Command.run(["actions", "sample", "--format", "json"], in: Fixtures.root)
        #expect(actions.stdout.hasPrefix("{\n  \"isogap\": 1,\n  \"organization\": \"Sample & Sons"))
    }
}

/// One run of the real executable per command: the process entry point, its streams and exit
/// status. Everything else about the commands is tested in-process.
@Suite("Smoke: the executable")
struct SmokeTests {
    @Test func everyCommandRunsAsAProcess() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: Fixtures.url("sample"), to: folder.appendingPathComponent("ws"))
        let cases: [([String], Int32, String)] = [
            (["--version"], 0, IsogapCommand.version),
            (["init", "new", "--organization", "A", "--date", "2026-11-20"], 0, "Created workspace new"),
            (["validate", "ws"], 0, "ws: ok"),
            (["checklists"], 0, "iso-10002-2018"),
            (["show", "iso-10004-2018"], 0, "10004"),
            (["score", "ws"], 0, "%"),
            (["report", "ws", "--format", "json", "--as-of", "2026-11-26"], 0, "\"isogap\""),
            (["actions", "ws", "--as-of", "2026-11-26"], 0, "A-2"),
            (["actions", "set", "A-2", "--status", "in-progress", "--date", "2026-11-26", "ws"], 0, "A-2"),
            (["plan", "ws", "--format", "csv", "--as-of", "2026-11-26"], 0, ","),
            (["evidence", "verify", "ws"], 0, "unlocked"),
            (["evidence", "lock", "ws"], 0, "locked"),
            (["portfolio", ".", "--as-of", "2026-11-26"], 0, "ws"),
            (["score", "missing"], 66, "\n"),
        ]
        for (arguments, status, expected) in cases {
            let output = try Command.process(arguments, in: folder)
            #expect(output.status == status, "\(arguments): \(output.stderr)")
            if status == 0 { #expect(output.stdout.contains(expected), "\(arguments): \(output.stdout)") }
            if status != 0 { #expect(output.stderr.contains("missing"), "\(arguments): \(output.stderr)") }
        }
    }
}
