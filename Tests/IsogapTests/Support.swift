import Foundation
import IsogapCLI
import IsogapModel
import Testing

/// Paths of the package and its test fixtures.
enum Fixtures {
    /// The package root (the folder holding Package.swift).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let root = packageRoot.appendingPathComponent("Tests/Fixtures")

    static func url(_ relative: String) -> URL {
        root.appendingPathComponent(relative)
    }

    static func text(_ relative: String) throws -> String {
        try String(contentsOf: url(relative), encoding: .utf8)
    }

    static func bytes(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: url(relative)))
    }

    /// A new empty temporary folder, inside the run's ``temporaryRoot``.
    static func temporaryFolder() throws -> URL {
        let url = temporaryRoot.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The one folder that holds every temporary folder of this test run; removed, with whatever a
    /// test left in it, when the run ends.
    private static let temporaryRoot: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("isogap-tests-\(UUID().uuidString)")
        atexit { try? FileManager.default.removeItem(at: Fixtures.temporaryRoot) }
        return url
    }()
}

/// Golden-file comparison: a mismatch fails; `UPDATE_GOLDENS=1` rewrites the golden instead.
enum Golden {
    static var updating: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" }

    static func check(_ actual: String, against relative: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let url = Fixtures.url("golden/\(relative)")
        if updating {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        // Decoded by hand: Foundation would drop a leading byte order mark, which CSV goldens keep.
        let expected = (try? Data(contentsOf: url)).map { String(decoding: $0, as: UTF8.self) }
        #expect(
            expected != nil, "missing golden file \(relative); run with UPDATE_GOLDENS=1",
            sourceLocation: sourceLocation)
        guard let expected else { return }
        if actual != expected {
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let first =
                zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(actualLines.count, expectedLines.count)
            let got = first < actualLines.count ? String(actualLines[first]) : "<end>"
            let want = first < expectedLines.count ? String(expectedLines[first]) : "<end>"
            Issue.record(
                "\(relative) differs at line \(first + 1):\n  expected: \(want)\n  actual:   \(got)",
                sourceLocation: sourceLocation)
        }
    }
}

/// Runs `isogap` commands: in this process by default (an argument list, a context, the exit
/// status back), or as the built executable where the process itself matters (``process(_:in:environment:)``).
enum Command {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `arguments` in this process, in `folder` (default: the package root), with today's
    /// date, the test's environment plus `NO_COLOR=1` and `environment`, and captured output.
    static func run(
        _ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:],
        today: CalendarDate? = nil
    ) throws -> Output {
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        let stdout = OutputBuffer(), stderr = OutputBuffer()
        let context = CommandContext(
            workingDirectory: (folder ?? Fixtures.packageRoot).path,
            today: today ?? CommandContext.localToday(),
            environment: env, stdout: stdout.sink, stderr: stderr.sink, stderrIsTerminal: false)
        let status = IsogapCommand.run(arguments, in: context)
        return Output(status: status, stdout: stdout.text, stderr: stderr.text)
    }

    /// The `isogap` binary built next to the test bundle.
    static let executable: URL? = {
        var candidates: [URL] = []
        if let bundle = Bundle.allBundles.first(where: { $0.bundlePath.hasSuffix(".xctest") }) {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("isogap"))
        }
        candidates.append(
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("isogap"))
        candidates.append(Fixtures.packageRoot.appendingPathComponent(".build/debug/isogap"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// Runs the built executable, as a user would: only for what needs a real process
    /// (terminals, pipes, signals, resource budgets, and one smoke test per command).
    static func process(
        _ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:],
        executableOverride: URL? = nil
    ) throws -> Output {
        let executable = try #require(
            executableOverride ?? executable, "the isogap executable is not built; run 'swift build' first")
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        return try ChildProcess.run(executable, arguments, in: folder ?? Fixtures.packageRoot, environment: env)
    }
}

/// A child process, its output collected through files (so a large output on one stream cannot
/// block the other), with an optional time limit after which it is stopped and the test fails.
enum ChildProcess {
    /// Runs `executable` in `folder` (default: the current folder) with `environment` (default:
    /// this process's) and no standard input.
    static func run(
        _ executable: URL, _ arguments: [String], in folder: URL? = nil, environment: [String: String]? = nil,
        timeout: TimeInterval? = nil
    ) throws -> Command.Output {
        let outcome = try self.outcome(executable, arguments, in: folder, environment: environment, timeout: timeout)
        if outcome.timedOut { Issue.record("\(overrun(executable, arguments, timeout))") }
        return outcome.output
    }

    /// ``run(_:_:in:environment:timeout:)`` for async tests: the child is waited for on a thread
    /// of its own (``OffPool``), not on one the tests run on.
    static func run(
        _ executable: URL, _ arguments: [String], in folder: URL? = nil, environment: [String: String]? = nil,
        timeout: TimeInterval? = nil
    ) async throws -> Command.Output {
        let outcome = try await OffPool.run {
            try self.outcome(executable, arguments, in: folder, environment: environment, timeout: timeout)
        }
        if outcome.timedOut { Issue.record("\(overrun(executable, arguments, timeout))") }
        return outcome.output
    }

    /// ``run(_:_:in:environment:timeout:)`` for shared work (``SharedRun``): an overrun or an
    /// exit status other than 0 is thrown.
    static func checkedRun(
        _ executable: URL, _ arguments: [String], in folder: URL? = nil, timeout: TimeInterval? = nil
    ) throws -> Command.Output {
        let outcome = try self.outcome(executable, arguments, in: folder, environment: nil, timeout: timeout)
        if outcome.timedOut { throw CheckFailure(description: overrun(executable, arguments, timeout)) }
        guard outcome.output.status == 0 else {
            throw CheckFailure(
                description:
                    "\(executable.lastPathComponent) exited with \(outcome.output.status): \(outcome.output.stderr.suffix(2000))"
            )
        }
        return outcome.output
    }

    private static func overrun(_ executable: URL, _ arguments: [String], _ timeout: TimeInterval?) -> String {
        "\(executable.lastPathComponent) did not finish within \(Int(timeout ?? 0)) s: \(arguments)"
    }

    /// The child's output, and whether the time limit stopped it.
    private static func outcome(
        _ executable: URL, _ arguments: [String], in folder: URL?, environment: [String: String]?,
        timeout: TimeInterval?
    ) throws -> (output: Command.Output, timedOut: Bool) {
        let scratch = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        if let environment { process.environment = environment }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var timedOut = false
        if let timeout {
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning && Date() < deadline { usleep(50_000) }
            if process.isRunning {
                process.terminate()
                timedOut = true
            }
        }
        process.waitUntilExit()
        let output = Command.Output(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
        return (output, timedOut)
    }
}

extension Command {
    /// Starts the executable and kills it (SIGKILL) after the given delay, or lets it finish if it
    /// is quicker; for tests of interrupted writes.
    static func runAndKill(_ arguments: [String], in folder: URL, afterMicroseconds delay: UInt32) throws {
        let executable = try #require(executable, "the isogap executable is not built; run 'swift build' first")
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        usleep(delay)
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
