import Foundation
import Testing

/// `isogap actions set` changes only the bytes it must, and writes atomically.
@Suite("Editing the action register")
struct ActionEditTests {
    /// A copy of the sample workspace in a temporary folder.
    private func workspace() throws -> (folder: URL, actions: URL) {
        let folder = try Fixtures.temporaryFolder()
        try FileManager.default.copyItem(at: Fixtures.url("sample"), to: folder.appendingPathComponent("ws"))
        return (folder, folder.appendingPathComponent("ws/actions.yaml"))
    }

    private func set(_ arguments: [String], in folder: URL) throws -> Command.Output {
        try Command.run(["actions", "set"] + arguments + ["--date", "2026-11-26", "ws"], in: folder)
    }

    @Test func onlyTheStatusAndOneHistoryEntryChange() throws {
        let (folder, url) = try workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try String(contentsOf: url, encoding: .utf8)
        var expected = original

        // A flow-style action: the status inside the braces, the entry at the end of its flow history.
        #expect(
            try set(["A-2", "--status", "in-progress", "--by", "سامي", "--note", "started: see \"plan\""], in: folder)
                .status == 0)
        expected = expected.replacingOccurrences(
            of: "due: 2026-11-10, status: open, history: [{date: 2026-10-01, status: open}]}",
            with:
                "due: 2026-11-10, status: in-progress, history: [{date: 2026-10-01, status: open}, {date: 2026-11-26, status: in-progress, by: \"سامي\", note: \"started: see \\\"plan\\\"\"}]}"
        )
        #expect(try String(contentsOf: url, encoding: .utf8) == expected)

        // An empty flow history.
        #expect(try set(["A-3", "--status", "open"], in: folder).status == 0)
        expected = expected.replacingOccurrences(
            of: "    status: cancelled\n    raises_to: 3\n    history: []",
            with: "    status: open\n    raises_to: 3\n    history: [{date: 2026-11-26, status: open}]")
        #expect(try String(contentsOf: url, encoding: .utf8) == expected)

        // No history yet: a block list added after the action's last key.
        #expect(try set(["A-4", "--status", "done"], in: folder).status == 0)
        expected = expected.replacingOccurrences(
            of: "    status: in-progress\n    raises_to: 3\n",
            with: "    status: done\n    raises_to: 3\n    history:\n      - date: 2026-11-26\n        status: done\n")
        #expect(try String(contentsOf: url, encoding: .utf8) == expected)

        // A block action whose last history entry is a block mapping: the comment after the status
        // stays; the verification is added and the entry is appended as a block mapping too.
        #expect(try set(["A-1", "--status", "verified", "--verified-by", "Internal audit"], in: folder).status == 0)
        expected = expected.replacingOccurrences(
            of: "    status: done        # finished before the assessment\n",
            with:
                "    status: verified        # finished before the assessment\n    verification: {date: 2026-11-26, by: \"Internal audit\", effective: true}\n"
        )
        expected = expected.replacingOccurrences(
            of: "        status: done\n        by: Lina Haddad\n",
            with:
                "        status: done\n        by: Lina Haddad\n      - date: 2026-11-26\n        status: verified\n        by: \"Internal audit\"\n        effective: true\n"
        )
        #expect(try String(contentsOf: url, encoding: .utf8) == expected)
        #expect(try Command.run(["validate", "ws"], in: folder).status == 0)
    }

    @Test func refusedChangesLeaveTheFileAlone() throws {
        let (folder, url) = try workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try Data(contentsOf: url)
        let refused = try set(["A-5", "--status", "open"], in: folder)
        #expect(refused.status == 65)
        #expect(
            refused.stderr == "error: A-5 is verified and closed; raise a new action if the problem has come back\n")
        let unknown = try set(["A-9", "--status", "done"], in: folder)
        #expect(unknown.status == 65)
        #expect(unknown.stderr == "error: no action 'A-9' in ws/actions.yaml; did you mean 'A-1'?\n")
        #expect(try set(["A-1", "--status", "verified", "--effective", "true"], in: folder).status == 64)
        #expect(try Data(contentsOf: url) == original)
    }

    /// Kills `actions set` at random moments on a large register: the file must always be the old
    /// version or the new one, never a mix, and no temporary file outlives the next run.
    @Test func interruptedWritesLeaveTheOldOrTheNewFile() throws {
        let (folder, url) = try workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        var register = "isogap: 1\nkind: actions\n# A large register.\nactions:\n"
        for index in 0..<2000 {
            register += """
                  - id: CA-\(index)
                    title: "Action \(index): شكاوى, \\"quoted\\" and | pipes"
                    requirements: ["sample-complaints:2-a"]
                    type: corrective
                    owner_role: analyst
                    opened: 2026-01-01
                    due: 2026-06-30
                    status: open
                    history:
                      - {date: 2026-01-01, status: open, by: QA}

                """
        }
        try Data(register.utf8).write(to: url)
        var rng = SeededGenerator(seed: 7)
        var current = try Data(contentsOf: url)
        let scratch = folder.appendingPathComponent("scratch")
        for round in 0..<12 {
            let arguments = [
                "actions", "set", "CA-\(round * 150)", "--status", "in-progress", "--date", "2026-11-26", "ws",
            ]
            let before = folder.appendingPathComponent("before")
            try? FileManager.default.removeItem(at: before)
            try FileManager.default.copyItem(at: folder.appendingPathComponent("ws"), to: before)
            try Command.runAndKill(
                arguments, in: folder, afterMicroseconds: UInt32.random(in: 0...400_000, using: &rng))
            let after = try Data(contentsOf: url)
            if after == current { continue }
            // The register changed: it must be the new version, from an uninterrupted run on a copy
            // of the folder as it was before (made only when needed: it costs a full run).
            try? FileManager.default.removeItem(at: scratch)
            try FileManager.default.moveItem(at: before, to: scratch)
            #expect(try Command.run(Array(arguments.dropLast()) + ["scratch"], in: folder).status == 0)
            let next = try Data(contentsOf: scratch.appendingPathComponent("actions.yaml"))
            #expect(after == next, "round \(round): the register is neither the old nor the new version")
            current = next
        }
        // Temporary files the killed runs left are removed by the next run that writes the register.
        let cleanup = try Command.run(
            ["actions", "set", "CA-1999", "--status", "done", "--date", "2026-11-26", "ws"], in: folder)
        #expect(cleanup.status == 0, "\(cleanup.stderr)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
            .filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }
}
