import Foundation
import Testing

/// `isogap actions` outputs and `isogap plan --write-actions` on the sample workspace.
@Suite("Action register outputs")
struct ActionOutputTests {
    static let outputCases: [(arguments: [String], golden: String)] = [
        ([], "actions/sample.txt"), (["--overdue"], "actions/sample-overdue.txt"),
        (["--format", "json"], "actions/sample.json"),
        (["--format", "csv"], "actions/sample.csv"), (["--format", "ics"], "actions/sample.ics"),
        (["--lang", "ar"], "actions/sample-ar.txt"), (["--lang", "ar", "--format", "ics"], "actions/sample-ar.ics"),
    ]

    @Test(arguments: outputCases)
    func goldens(arguments: [String], golden: String) throws {
        let output = try Command.run(["actions", "Tests/Fixtures/sample", "--as-of", "2026-11-26"] + arguments)
        #expect(output.status == 0)
        #expect(output.stderr.isEmpty)
        try Golden.check(output.stdout, against: golden)
    }

    @Test(.enabled(if: Python.isAvailable, "python3 is not installed"))
    func icsReadsBackWithAnIndependentParser() throws {
        let ics = try Command.run(["actions", "Tests/Fixtures/sample", "--as-of", "2026-11-26", "--format", "ics"])
            .stdout
        let events = try JSONDecoder().decode(
            [PlanInteropTests.Event].self, from: Data(Python.run(PlanInteropTests.icsReader, on: ics).utf8))
        #expect(events.map { String($0.uid.prefix(11)) } == ["action-A-2@", "action-A-4@"])
        #expect(events.map(\.start) == ["2026-11-10", "2026-12-10"])
        #expect(events.map(\.end) == ["2026-11-11", "2026-12-11"])
        #expect(events[1].summary == "A-4 due: شهرياً: مراجعة اتجاهات الشكاوى")
    }

    @Test func writeActionsAppendsWithoutTouchingTheRest() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: Fixtures.url("sample"), to: folder.appendingPathComponent("ws"))
        let url = folder.appendingPathComponent("ws/actions.yaml")
        let original = try String(contentsOf: url, encoding: .utf8)
        let first = try Command.run(
            ["plan", "ws", "--write-actions", "--as-of", "2026-11-26", "--format", "json"], in: folder)
        #expect(first.status == 0)
        // Only 1.1-b's task is uncovered (2-a has actions; 1.1-a has no gap).
        #expect(first.stderr.contains("added 1 open action to ws/actions.yaml (CA-001)"))
        let updated = try String(contentsOf: url, encoding: .utf8)
        #expect(updated.hasPrefix(original), "every existing byte stays, the new actions come after")
        let added = String(updated.dropFirst(original.count))
        #expect(
            added.contains(
                "- id: \"CA-001\"\n    title: \"Write an acknowledgement template\"\n    requirements: [\"sample-complaints:1.1-b\"]"
            ))
        #expect(added.contains("    due: 2026-12-07\n"))
        #expect(added.contains("status: open") && added.contains("by: \"isogap plan\""))
        #expect(try Command.run(["validate", "ws"], in: folder).status == 0)
        // Every task is now covered: a second run changes nothing.
        let second = try Command.run(
            ["plan", "ws", "--write-actions", "--as-of", "2026-11-26", "--format", "json"], in: folder)
        #expect(second.status == 0)
        #expect(try String(contentsOf: url, encoding: .utf8) == updated)
    }

    @Test func writeActionsCreatesAMissingRegister() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: Fixtures.url("sample"), to: folder.appendingPathComponent("ws"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("ws/actions.yaml"))
        #expect(
            try Command.run(["plan", "ws", "--write-actions", "--as-of", "2026-11-26", "--format", "csv"], in: folder)
                .status == 0)
        let created = try String(contentsOf: folder.appendingPathComponent("ws/actions.yaml"), encoding: .utf8)
        #expect(created.hasPrefix("isogap: 1\nkind: actions\nactions:\n  - id: \"CA-001\"\n"))
        #expect(try Command.run(["validate", "ws"], in: folder).status == 0)
    }
}
