import Foundation
import IsogapLoading
import IsogapModel
import Testing

/// `isogap signoff` and `isogap signoff verify` (SPEC §15): the digest checked against `sha256sum`,
/// byte-exact appends, and exit codes.
@Suite("Sign-off")
struct SignoffTests {
    /// A copy of the deliverable workspace (a workspace checklist file, a narrative, a changed and a
    /// missing evidence file, no action register) in a new folder; returns (folder, workspace).
    private func workspace() throws -> (URL, URL) {
        let folder = try Fixtures.temporaryFolder()
        let workspace = folder.appendingPathComponent("ws")
        try FileManager.default.copyItem(at: Fixtures.url("deliverable"), to: workspace)
        return (folder, workspace)
    }

    /// Runs `sha256sum` (GNU coreutils) in `folder` and returns its output.
    private func sha256sum(_ arguments: [String], in folder: URL, input: Data? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum"] + arguments
        process.currentDirectoryURL = folder
        let output = Pipe()
        process.standardOutput = output
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(input) }
        try stdin.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }

    private func recordedDigests(_ workspace: URL) throws -> [String] {
        let text = try String(contentsOf: workspace.appendingPathComponent("signoffs.yaml"), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.hasPrefix("digest: ") ? String(trimmed.dropFirst("digest: ".count)) : nil
        }
    }

    @Test func digestEqualsAnIndependentComputationWithSha256sum() throws {
        let (folder, workspace) = try workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let signed = try Command.run(
            ["signoff", "ws", "--by", "Sara Odeh", "--role", "Lead assessor", "--date", "2026-12-01"], in: folder)
        #expect(signed.status == 0, "\(signed.stderr)")
        let recorded = try #require(try recordedDigests(workspace).last)

        // SPEC §15, by hand: the files that exist, hashed by sha256sum, whose lines are already
        // `<hash>  <path>`; the missing ones (no actions.yaml; the cited evidence/gone.pdf) as `missing`.
        let present = [
            "isogap.yaml", "narrative.yaml", "assessments/v2-guidance.yaml", "v2-checklist.yaml",
            "evidence/register.csv", "evidence/walk.txt",
        ]
        var lines = try sha256sum(present, in: workspace).split(separator: "\n").map(String.init)
        lines += ["missing  actions.yaml", "missing  evidence/gone.pdf"]
        lines.sort {
            Array($0.split(separator: " ").last!.utf8).lexicographicallyPrecedes(
                Array($1.split(separator: " ").last!.utf8))
        }
        let text = lines.map { $0 + "\n" }.joined()
        let expected = try sha256sum([], in: workspace, input: Data(text.utf8)).prefix(64)
        #expect(recorded == String(expected))
        #expect(signed.stdout.contains(recorded))
        // The library's own text is the same lines.
        let lineOrder = text.split(separator: "\n").map { $0.split(separator: " ").last.map(String.init) ?? "" }
        #expect(
            lineOrder == [
                "actions.yaml", "assessments/v2-guidance.yaml", "evidence/gone.pdf", "evidence/register.csv",
                "evidence/walk.txt", "isogap.yaml", "narrative.yaml", "v2-checklist.yaml",
            ])
    }

    @Test func digestTextIsSortedByBytesAndCountsEachPathOnce() {
        let text = WorkspaceDigest.text(of: [
            ("b.yaml", "22"), ("B.yaml", "11"), ("a/é.txt", nil), ("a/z.txt", "33"), ("b.yaml", "22"),
        ])
        #expect(text == "11  B.yaml\n33  a/z.txt\nmissing  a/é.txt\n22  b.yaml\n")
        #expect(WorkspaceDigest.digest(of: []) == SHA256.hex(of: []))
    }

    @Test func appendKeepsEveryByteAndVerifyFollowsTheFiles() throws {
        let (folder, workspace) = try workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = workspace.appendingPathComponent("signoffs.yaml")
        let before = try Data(contentsOf: file)
        #expect(try Command.run(["signoff", "verify", "ws"], in: folder).status == 1)

        let signed = try Command.run(
            [
                "signoff", "ws", "--by", "Sara Odeh", "--role", "Lead | assessor", "--decision", "changes-requested",
                "--note", "Fix \"2-b\" first: #1", "--date", "2026-12-01",
            ], in: folder)
        #expect(signed.status == 0, "\(signed.stderr)")
        let after = try Data(contentsOf: file)
        // Every byte of the old file stays, comment included; the new entry follows it.
        #expect(after.starts(with: before))
        let added = String(decoding: after.dropFirst(before.count), as: UTF8.self)
        #expect(
            added.hasPrefix("  - by: \"Sara Odeh\"\n    role: \"Lead | assessor\"\n    decision: changes-requested\n"))
        let loaded = SignoffsLoader.load(Array(after), file: "signoffs.yaml")
        #expect(loaded.succeeded)
        #expect(loaded.value?.last?.note == "Fix \"2-b\" first: #1")

        // One outdated (the fixture's), one current: still exit 1; the report shows both.
        let verify = try Command.run(["signoff", "verify", "ws"], in: folder)
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("outdated 2026-11-25") && verify.stdout.contains("current  2026-12-01"))
        let json = try Command.run(["report", "ws", "--format", "json", "--as-of", "2026-12-02"], in: folder).stdout
        let signoffs = try #require(
            (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["signoffs"] as? [[String: Any]]
        )
        #expect(signoffs.map { $0["current"] as? Bool } == [false, true])

        // Only current approvals: exit 0. Then a covered file changes: exit 1, and the report says outdated.
        try Data("isogap: 1\nkind: signoffs\nsignoffs: []\n".utf8).write(to: file)
        #expect(try Command.run(["signoff", "ws", "--by", "A", "--role", "B"], in: folder).status == 0)
        #expect(try Command.run(["signoff", "verify", "ws"], in: folder).status == 0)
        let narrative = workspace.appendingPathComponent("narrative.yaml")
        try (try Data(contentsOf: narrative) + Data("# changed\n".utf8)).write(to: narrative)
        let changed = try Command.run(["signoff", "verify", "ws"], in: folder)
        #expect(changed.status == 1)
        #expect(changed.stdout.hasPrefix("outdated "))
        let markdown = try Command.run(["report", "ws", "--as-of", "2026-12-02"], in: folder).stdout
        #expect(markdown.contains("**outdated: files changed since**"))
        // A change to signoffs.yaml itself outdates nothing.
        try (try Data(contentsOf: narrative).dropLast("# changed\n".utf8.count)).write(to: narrative)
        try (try Data(contentsOf: file) + Data("# a comment\n".utf8)).write(to: file)
        #expect(try Command.run(["signoff", "verify", "ws"], in: folder).status == 0)
    }

    @Test func evidenceFileChangeOutdatesAnApproval() throws {
        let (folder, workspace) = try workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.removeItem(at: workspace.appendingPathComponent("signoffs.yaml"))
        #expect(try Command.run(["signoff", "verify", "ws"], in: folder).status == 0)
        #expect(try Command.run(["signoff", "ws", "--by", "A", "--role", "B"], in: folder).status == 0)
        // Created with its header when there was none.
        let created = try String(contentsOf: workspace.appendingPathComponent("signoffs.yaml"), encoding: .utf8)
        #expect(created.hasPrefix("isogap: 1\nkind: signoffs\nsignoffs:\n  - by: \"A\"\n"))
        #expect(try Command.run(["signoff", "verify", "ws"], in: folder).status == 0)
        // The missing evidence file appears: its line changes from `missing` to its hash.
        try Data("trend\n".utf8).write(to: workspace.appendingPathComponent("evidence/gone.pdf"))
        #expect(try Command.run(["signoff", "verify", "ws"], in: folder).status == 1)
    }

    @Test func appendToABlockListWithCRLFAndTrailingComment() throws {
        let original = Array(
            "isogap: 1\r\nkind: signoffs\r\nsignoffs:\r\n- by: A\r\n  role: B\r\n  decision: approved\r\n  date: 2026-11-01\r\n  digest: \(String(repeating: "a", count: 64))\r\n# the end\r\n"
                .utf8)
        let signoff = Signoff(
            by: "C", role: "D", decision: .rejected, date: CalendarDate(year: 2026, month: 12, day: 1)!,
            digest: String(repeating: "b", count: 64))
        let edited = try SignoffEditor.append(signoff, to: original)
        let text = String(decoding: edited, as: UTF8.self)
        #expect(
            text
                == "isogap: 1\r\nkind: signoffs\r\nsignoffs:\r\n- by: A\r\n  role: B\r\n  decision: approved\r\n  date: 2026-11-01\r\n  digest: \(String(repeating: "a", count: 64))\r\n- by: \"C\"\r\n  role: \"D\"\r\n  decision: rejected\r\n  date: 2026-12-01\r\n  digest: \(String(repeating: "b", count: 64))\r\n# the end\r\n"
        )
    }

    @Test func refusalsAndUsage() throws {
        let (folder, workspace) = try workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try Command.run(["signoff", "ws", "--by", " ", "--role", "B"], in: folder).status == 64)
        #expect(try Command.run(["signoff", "ws", "--role", "B"], in: folder).status == 64)
        #expect(
            try Command.run(["signoff", "ws", "--by", "A", "--role", "B", "--decision", "maybe"], in: folder).status
                == 64)
        #expect(try Command.run(["signoff", "nowhere", "--by", "A", "--role", "B"], in: folder).status == 66)
        // A broken sign-off file is reported where it is broken, and nothing is written.
        let file = workspace.appendingPathComponent("signoffs.yaml")
        let broken = Data(
            "isogap: 1\nkind: signoffs\nsignoffs:\n  - {by: A, role: B, decision: ok, date: 2026-11-01, digest: x}\n"
                .utf8)
        try broken.write(to: file)
        let result = try Command.run(["signoff", "ws", "--by", "A", "--role", "B"], in: folder)
        #expect(result.status == 65)
        #expect(result.stderr.contains("ws/signoffs.yaml:4:32: error: 'ok' is not a valid decision"))
        #expect(result.stderr.contains("ws/signoffs.yaml:4:62: error: 'digest' must be a SHA-256"))
        #expect(try Data(contentsOf: file) == broken)
    }
}
