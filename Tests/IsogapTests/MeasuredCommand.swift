// `stat` and `timespec` fields: the clang module that owns them varies with the build (CoreFoundation or
// CDispatch), and member import visibility wants the owner imported, so both are.
import CDispatch
import CoreFoundation
import Foundation
import Testing

/// Runs the `isogap` executable and measures its own resource use (not the test process's): CPU
/// time and peak resident memory from `wait4`, and wall time. A run that outlives `killAfter`
/// seconds is killed, so a hang fails the test instead of stalling the suite.
///
/// The executable is started by a small Python process that forks it and reports its usage. Linux
/// counts, in a process's peak memory, the peak of the memory it replaced when it started a
/// program; a process spawned straight from the test runner shares the runner's memory until then
/// (glibc's `posix_spawn` does not copy it), so its peak would be at least the runner's. Forked
/// from Python, the executable starts from Python's few megabytes.
enum MeasuredCommand {
    struct Output {
        var status: Int32
        /// Whether the process ended on a signal (a crash, or the hang watchdog).
        var signalled: Bool
        var stdout: String
        var stderr: String
        /// User plus system CPU time, in seconds.
        var cpuSeconds: Double
        var wallSeconds: Double
        /// Peak resident set size, in KiB.
        var maxRSSKiB: Int
    }

    /// Forks the command in the given folder, kills it after the given seconds, and writes its raw
    /// wait status, CPU seconds and peak memory (KiB) to the report file.
    private static let launcher = """
        import os, signal, sys, time
        folder, limit, report = sys.argv[1], float(sys.argv[2]), sys.argv[3]
        command = sys.argv[4:]
        pid = os.fork()
        if pid == 0:
            try:
                os.chdir(folder)
                os.execv(command[0], command)
            finally:
                os._exit(127)
        start = time.monotonic()
        while True:
            done, status, usage = os.wait4(pid, os.WNOHANG)
            if done == pid:
                break
            if time.monotonic() - start > limit:
                os.kill(pid, signal.SIGKILL)
            time.sleep(0.002)
        with open(report, "w") as file:
            file.write(f"{status} {usage.ru_utime + usage.ru_stime} {usage.ru_maxrss}")
        """

    static func run(_ arguments: [String], in folder: URL, killAfter: Double = 20) throws -> Output {
        let executable = try #require(Command.executable, "the isogap executable is not built; run 'swift build' first")
        let scratch = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outPath = scratch.appendingPathComponent("stdout").path
        let errPath = scratch.appendingPathComponent("stderr").path
        let reportPath = scratch.appendingPathComponent("usage").path

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        let command =
            ["/usr/bin/env", "python3", "-c", launcher, folder.path, String(killAfter), reportPath, executable.path]
            + arguments
        let argv = command.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv, envp)
        try #require(spawned == 0, "posix_spawn failed: \(spawned)")

        // The launcher kills the command after `killAfter`; this watchdog only stops a launcher
        // that itself hangs.
        let start = Date()
        var launcherStatus: Int32 = 0
        while true {
            let result = waitpid(pid, &launcherStatus, WNOHANG)
            if result == pid { break }
            if result < 0, errno != EINTR { break }
            if Date().timeIntervalSince(start) > killAfter + 10 { kill(pid, SIGKILL) }
            usleep(2_000)
        }
        let wall = Date().timeIntervalSince(start)
        let report = try String(contentsOfFile: reportPath, encoding: .utf8).split(separator: " ")
        try #require(report.count == 3, "the launcher reported \(report)")
        let status = try #require(Int32(report[0]))
        let exited = status & 0x7F == 0
        return Output(
            status: exited ? (status >> 8) & 0xFF : -(status & 0x7F), signalled: !exited,
            stdout: String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data(), as: UTF8.self),
            stderr: String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data(), as: UTF8.self),
            cpuSeconds: try #require(Double(report[1])), wallSeconds: wall, maxRSSKiB: try #require(Int(report[2])))
    }
}

/// Runs `isogap` in this process on a thread of its own, with the 8 MiB stack a process's main
/// thread has, and measures that thread's CPU time: the budget of a run where the process itself
/// does not matter. Memory is a property of the whole process and is checked by real processes.
enum InProcessBudget {
    struct Output {
        var command: Command.Output
        /// CPU time of the thread that ran the command, in seconds.
        var cpuSeconds: Double
    }

    static func run(_ arguments: [String], in folder: URL) throws -> Output {
        final class Box: @unchecked Sendable {
            var result: Result<Command.Output, any Error>?
            var cpuSeconds = 0.0
        }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            let start = threadCPUTime()
            box.result = Result { try Command.run(arguments, in: folder) }
            box.cpuSeconds = threadCPUTime() - start
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        done.wait()
        return Output(command: try #require(box.result).get(), cpuSeconds: box.cpuSeconds)
    }

    /// CPU time of the calling thread, in seconds.
    static func threadCPUTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
