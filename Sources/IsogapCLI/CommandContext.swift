import Foundation
public import IsogapModel

/// Where a command's text goes: a function that takes bytes.
public struct OutputSink: Sendable {
    private let sink: @Sendable ([UInt8]) -> Void

    public init(_ write: @escaping @Sendable ([UInt8]) -> Void) {
        sink = write
    }

    /// Writes `bytes` as they are.
    public func write(_ bytes: [UInt8]) {
        sink(bytes)
    }

    /// Writes `text` as UTF-8.
    public func write(_ text: String) {
        sink(Array(text.utf8))
    }

    /// The process's standard output.
    public static let standardOutput = OutputSink { FileHandle.standardOutput.write(Data($0)) }
    /// The process's standard error.
    public static let standardError = OutputSink { FileHandle.standardError.write(Data($0)) }
}

/// Bytes collected in memory, for running commands in-process (tests, embedding).
public final class OutputBuffer: @unchecked Sendable {
    // Guarded by `lock`.
    private let lock = NSLock()
    private var bytes: [UInt8] = []

    public init() {}

    /// A sink that appends to this buffer.
    public var sink: OutputSink {
        OutputSink { [self] new in
            lock.lock()
            bytes += new
            lock.unlock()
        }
    }

    /// Everything written so far, decoded as UTF-8.
    public var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Everything a command takes from the world it runs in: the folder that relative paths start
/// from, today's date, the environment, and where its output and errors go.
///
/// Commands never change the process's folder, read its clock or environment, or write to its
/// streams directly: several commands can run at once in one process, each with its own context.
public struct CommandContext: Sendable {
    /// The folder that relative paths are resolved against (an absolute path).
    public var workingDirectory: String
    /// The date used where a command defaults to "today".
    public var today: CalendarDate
    /// The environment variables (`NO_COLOR` is the one isogap reads).
    public var environment: [String: String]
    /// Results.
    public var stdout: OutputSink
    /// Diagnostics and progress.
    public var stderr: OutputSink
    /// Whether `stderr` is a terminal: source lines with a caret, colour and progress bars are
    /// shown only then.
    public var stderrIsTerminal: Bool

    public init(
        workingDirectory: String, today: CalendarDate, environment: [String: String] = [:],
        stdout: OutputSink, stderr: OutputSink, stderrIsTerminal: Bool = false
    ) {
        self.workingDirectory = workingDirectory
        self.today = today
        self.environment = environment
        self.stdout = stdout
        self.stderr = stderr
        self.stderrIsTerminal = stderrIsTerminal
    }

    /// The context of this process: its folder, the local date, its environment and its streams.
    public static func process() -> CommandContext {
        CommandContext(
            workingDirectory: FileManager.default.currentDirectoryPath, today: localToday(),
            environment: ProcessInfo.processInfo.environment, stdout: .standardOutput, stderr: .standardError,
            stderrIsTerminal: isatty(STDERR_FILENO) == 1)
    }

    /// Today's date in the local time zone.
    public static func localToday() -> CalendarDate {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
            ?? CalendarDate(dayNumber: 0)
    }

    /// `path` as the file system should see it: absolute paths stay, relative ones start at the
    /// working directory. Diagnostics keep showing the path as the user wrote it.
    public func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        let base = workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/"
        if path.isEmpty || path == "." { return workingDirectory }
        return base + (path.hasPrefix("./") ? String(path.dropFirst(2)) : path)
    }

    /// The console that prints to this context's streams.
    var console: Console { Console(self) }
}
