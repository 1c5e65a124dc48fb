import Foundation
import Testing

/// The hostile-input corpus in `Tests/Fixtures/hostile` (written by its `make-corpus.py`):
///
/// - `files/NAME.yaml`: one file of any kind, run as `isogap validate files/NAME.yaml`;
/// - `workspaces/NAME/`: a workspace, run as `isogap report workspaces/NAME --format json`;
/// - `templates/NAME/`: a templates folder, run as `isogap report ../sample --templates templates/NAME`.
///
/// Every case must end with exit 65 or 66 and a located message (`file:line:column: error:` or an
/// error naming the file), print exactly `NAME.expected` on standard error, and stay within 2 s of
/// CPU time and 256 MB of memory: never a crash, a hang or a stack trace. Every case runs in this
/// process (on a thread with a process's stack, its CPU time measured); the heaviest cases of each
/// kind also run as real processes, whose memory is measured too. Cases that git cannot hold (a
/// named pipe, a file over the size limit) are made at run time below, as real processes.
@Suite("Hostile inputs")
struct HostileInputTests {
    static let folder = Fixtures.url("hostile")
    static let cpuLimit = 2.0
    static let memoryLimitKiB = 256 * 1024

    struct Case: CustomTestStringConvertible, Sendable {
        var kind: String
        var name: String
        var testDescription: String { "\(kind)/\(name)" }

        var arguments: [String] {
            switch kind {
            case "files": ["validate", "files/\(name)"]
            case "workspaces": ["report", "workspaces/\(name)", "--format", "json", "--as-of", "2026-11-26"]
            default: ["report", "../sample", "--templates", "templates/\(name)", "--as-of", "2026-11-26"]
            }
        }

        var expected: URL {
            let base = name.hasSuffix(".yaml") ? String(name.dropLast(5)) : name
            return HostileInputTests.folder.appendingPathComponent("\(kind)/\(base).expected")
        }
    }

    static let cases: [Case] = ["files", "workspaces", "templates"].flatMap { kind in
        let names =
            (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(kind).path)) ?? []
        return names.filter { !$0.hasSuffix(".expected") && !$0.hasPrefix(".") }.sorted().map {
            Case(kind: kind, name: $0)
        }
    }

    @Test func corpusCoversEveryKindOfFile() {
        #expect(Self.cases.count >= 60)
        let files = Self.cases.filter { $0.kind == "files" }.map(\.name)
        for prefix in ["manifest-", "assessment-", "actions-", "checklist-", "labels-", "plan-phases-"] {
            #expect(files.contains { $0.hasPrefix(prefix) }, "no \(prefix) case")
        }
        #expect(Self.cases.contains { $0.kind == "workspaces" })
        #expect(Self.cases.contains { $0.kind == "templates" })
    }

    @Test(arguments: cases)
    func failsCleanly(_ hostile: Case) throws {
        let result = try InProcessBudget.run(hostile.arguments, in: Self.folder)
        let name = hostile.testDescription
        Self.checkLocated(status: result.command.status, stderr: result.command.stderr, name)
        #expect(result.cpuSeconds <= Self.cpuLimit, "\(name): \(result.cpuSeconds) s of CPU")
        if Golden.updating {
            try Data(result.command.stderr.utf8).write(to: hostile.expected)
            return
        }
        let expected = try String(contentsOf: hostile.expected, encoding: .utf8)
        #expect(result.command.stderr == expected, "\(name)")
    }

    /// The cases that cost the most time, memory or stack (expansion, nesting, many errors), as
    /// real processes: CPU, memory, exit status and standard error as a user would meet them.
    static let processCases: [Case] = [
        Case(kind: "files", name: "manifest-billion-laughs.yaml"),
        Case(kind: "files", name: "manifest-deep-flow.yaml"),
        Case(kind: "files", name: "checklist-deep-clauses.yaml"),
        Case(kind: "files", name: "actions-many-errors.yaml"),
        Case(kind: "workspaces", name: "everything-broken"),
        Case(kind: "workspaces", name: "plan-past-9999"),
        Case(kind: "templates", name: "bomb-doubling-partials"),
        Case(kind: "templates", name: "deep-sections"),
    ]

    @Test(arguments: processCases)
    func failsCleanlyAsAProcess(_ hostile: Case) throws {
        #expect(Self.cases.contains { $0.kind == hostile.kind && $0.name == hostile.name })
        let result = try MeasuredCommand.run(hostile.arguments, in: Self.folder)
        Self.checkClean(result, hostile.testDescription)
        #expect(result.stderr == (try String(contentsOf: hostile.expected, encoding: .utf8)))
    }

    /// Exit 65 or 66, a located error, no crash or trace, within the CPU and memory limits.
    static func checkClean(_ result: MeasuredCommand.Output, _ name: String) {
        #expect(!result.signalled, "\(name): killed by a signal\n\(result.stderr)")
        checkLocated(status: result.status, stderr: result.stderr, name)
        #expect(result.cpuSeconds <= cpuLimit, "\(name): \(result.cpuSeconds) s of CPU")
        #expect(result.maxRSSKiB <= memoryLimitKiB, "\(name): \(result.maxRSSKiB) KiB")
    }

    /// Exit 65 or 66 with a located error, and no crash report or trace.
    static func checkLocated(status: Int32, stderr: String, _ name: String) {
        #expect([65, 66].contains(status), "\(name): exit \(status)\n\(stderr)")
        for marker in ["Fatal error", "Stack dump", "Backtrace", "Current stack trace", "Illegal instruction"] {
            #expect(!stderr.contains(marker), "\(name): \(marker)")
        }
        let located = stderr.split(separator: "\n").contains { line in
            line.contains(#/\S:\d+:\d+: error: /#) || line.contains(#/^\S+: error: /#)
                || line.contains(#/^error: \S+: /#)
        }
        #expect(located, "\(name): no located error in\n\(stderr)")
    }

    // MARK: Cases made at run time

    @Test func fileOverTheSizeLimitIsNotReadWhole() throws {
        let scratch = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let big = scratch.appendingPathComponent("big.yaml")
        var text = "isogap: 1\nkind: workspace\n"
        text += String(repeating: "# padding padding padding padding padding padding padding padding\n", count: 300_000)
        try Data(text.utf8).write(to: big)
        let result = try MeasuredCommand.run(["validate", "big.yaml"], in: scratch)
        Self.checkClean(result, "big.yaml")
        #expect(result.stderr.hasPrefix("big.yaml:1:1: error: the file is larger than the limit of 4194304 bytes"))
    }

    @Test func manyNodesHitTheNodeLimitQuickly() throws {
        let scratch = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let text = "isogap: 1\nkind: labels\nlabels: [" + String(repeating: "1,", count: 600_000) + "1]\n"
        try Data(text.utf8).write(to: scratch.appendingPathComponent("nodes.yaml"))
        let result = try MeasuredCommand.run(["validate", "nodes.yaml"], in: scratch)
        Self.checkClean(result, "nodes.yaml")
        #expect(result.stderr.contains("the document has more than 500000 values, the limit"))
    }

    @Test func namedPipesAreNeverOpenedForReading() throws {
        let scratch = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        // A workspace whose manifest is a named pipe: reading it would block for ever.
        let workspace = scratch.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        #expect(mkfifo(workspace.appendingPathComponent("isogap.yaml").path, 0o644) == 0)
        let report = try MeasuredCommand.run(["report", "site"], in: scratch, killAfter: 10)
        Self.checkClean(report, "report of a pipe")
        #expect(
            report.stderr == "error: site/isogap.yaml: is a named pipe, not a regular file; it is not read\n"
        )
        let portfolio = try MeasuredCommand.run(["portfolio", "."], in: scratch, killAfter: 10)
        Self.checkClean(portfolio, "portfolio with a pipe")
        #expect(portfolio.stdout.contains("./site"))
        let validate = try MeasuredCommand.run(["validate", "site/isogap.yaml"], in: scratch, killAfter: 10)
        Self.checkClean(validate, "validate a pipe")

        // A templates folder holding a pipe.
        let templates = scratch.appendingPathComponent("templates/report")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        #expect(mkfifo(templates.appendingPathComponent("report.md.mustache").path, 0o644) == 0)
        let withTemplates = try MeasuredCommand.run(
            ["report", Fixtures.url("sample").path, "--templates", "templates"], in: scratch, killAfter: 10)
        Self.checkClean(withTemplates, "templates with a pipe")
        #expect(withTemplates.stderr.contains("error: templates/report/report.md.mustache: not a regular file"))
    }
}
