import Foundation
import Testing

/// Evidence files, `--templates` and `--out` never read or write outside what the user named.
@Suite("Safe paths")
struct SafePathTests {
    /// A scratch folder holding a copy of the sample workspace (`ws`) and a secret file beside it.
    private func scratch() throws -> (folder: URL, workspace: URL, secret: URL) {
        let folder = try Fixtures.temporaryFolder()
        let workspace = folder.appendingPathComponent("ws")
        try FileManager.default.copyItem(at: Fixtures.url("sample"), to: workspace)
        let secret = folder.appendingPathComponent("secret.txt")
        try Data("TOP-SECRET-MARKER".utf8).write(to: secret)
        return (folder, workspace, secret)
    }

    private func cite(_ files: [String], in workspace: URL) throws {
        let url = workspace.appendingPathComponent("assessments/sample-complaints.yaml")
        var text = try String(contentsOf: url, encoding: .utf8)
        let items = files.map { "      - {type: document, ref: \"\($0)\", file: \($0)}\n" }.joined()
        text = text.replacingOccurrences(
            of: "  \"2-a\":\n    level: 1\n", with: "  \"2-a\":\n    level: 1\n    evidence:\n" + items)
        try Data(text.utf8).write(to: url)
    }

    @Test func evidenceLinksLeavingTheWorkspaceAndSpecialFilesAreRefused() throws {
        let (folder, workspace, secret) = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let evidence = workspace.appendingPathComponent("evidence")
        // A folder link that leads out, a link to a device, a named pipe, and a link that stays inside.
        try FileManager.default.createSymbolicLink(
            at: evidence.appendingPathComponent("out"), withDestinationURL: folder)
        try FileManager.default.createSymbolicLink(
            at: evidence.appendingPathComponent("zero"), withDestinationURL: URL(fileURLWithPath: "/dev/zero"))
        #expect(mkfifo(evidence.appendingPathComponent("pipe").path, 0o644) == 0)
        try FileManager.default.createSymbolicLink(
            atPath: evidence.appendingPathComponent("inside.csv").path, withDestinationPath: "register.csv")
        try cite(["evidence/out/secret.txt", "evidence/zero", "evidence/pipe", "evidence/inside.csv"], in: workspace)

        let locked = try MeasuredCommand.run(["evidence", "lock", "ws"], in: folder, killAfter: 10)
        #expect(!locked.signalled, "a pipe or device must not be read")
        #expect(locked.status == 1)
        #expect(
            locked.stderr.contains(
                "cannot lock 'evidence/out/secret.txt': it is a symbolic link to a file outside the workspace"))
        #expect(locked.stderr.contains("cannot lock 'evidence/zero': is a device, not a regular file"))
        #expect(locked.stderr.contains("cannot lock 'evidence/pipe': is a named pipe, not a regular file"))
        #expect(locked.stdout.contains("locked  evidence/inside.csv"))
        #expect(locked.cpuSeconds < 2)
        #expect(try String(contentsOf: secret, encoding: .utf8) == "TOP-SECRET-MARKER")

        let verified = try MeasuredCommand.run(["evidence", "verify", "ws"], in: folder, killAfter: 10)
        #expect(!verified.signalled)
        #expect(verified.stdout.contains("missing  evidence/out/secret.txt"))
        #expect(verified.stdout.contains("missing  evidence/pipe"))
    }

    @Test func evidencePathsWithDotDotAreErrors() throws {
        let (folder, workspace, _) = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try cite(["evidence/../../secret.txt"], in: workspace)
        let validated = try Command.run(["validate", "ws"], in: folder)
        #expect(validated.status == 65)
        #expect(
            validated.stderr.contains(
                "evidence file 'evidence/../../secret.txt' must stay inside the workspace (no '..')"))
        let locked = try Command.run(["evidence", "lock", "ws"], in: folder)
        #expect(locked.status == 65)
        #expect(!locked.stdout.contains("secret"))
    }

    @Test func templatesAreReadOnlyFromTheFolderNamed() throws {
        let (folder, _, secret) = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let templates = folder.appendingPathComponent("templates/report")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: templates.appendingPathComponent("report.md.mustache"), withDestinationURL: secret)
        let linked = try Command.run(["report", "ws", "--templates", "templates"], in: folder)
        #expect(linked.status == 65)
        #expect(
            linked.stderr
                == "error: templates/report/report.md.mustache: a symbolic link to something outside the templates folder; it is not read\n"
        )
        #expect(!linked.stdout.contains("TOP-SECRET-MARKER"))

        // A link that stays inside the folder is followed.
        try FileManager.default.removeItem(at: templates.appendingPathComponent("report.md.mustache"))
        try Data("Inside: {{organization}}\n".utf8).write(to: templates.appendingPathComponent("real.mustache"))
        try FileManager.default.createSymbolicLink(
            atPath: templates.appendingPathComponent("report.md.mustache").path, withDestinationPath: "real.mustache")
        let inside = try Command.run(["report", "ws", "--templates", "templates"], in: folder)
        #expect(inside.status == 0, "\(inside.stderr)")
        #expect(inside.stdout.hasPrefix("Inside: "))
    }

    @Test func outWritesOnlyTheNamedFile() throws {
        let (folder, _, secret) = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outputs = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)

        let written = try Command.run(["report", "ws", "--out", "out/report.md"], in: folder)
        #expect(written.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: outputs.path) == ["report.md"])

        // A link named as the output is replaced, never written through.
        let link = outputs.appendingPathComponent("link.md")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: secret)
        let overLink = try Command.run(["report", "ws", "--out", "out/link.md"], in: folder)
        #expect(overLink.status == 0)
        #expect(try String(contentsOf: secret, encoding: .utf8) == "TOP-SECRET-MARKER")
        let attributes = try FileManager.default.attributesOfItem(atPath: link.path)
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)

        // A folder named as the output is left alone.
        let intoFolder = try Command.run(["report", "ws", "--out", "out"], in: folder)
        #expect(intoFolder.status == 73)
        #expect(try FileManager.default.contentsOfDirectory(atPath: outputs.path).sorted() == ["link.md", "report.md"])
    }
}
