// `stat` and `timespec` fields: the clang module that owns them varies with the build (CoreFoundation or
// CDispatch), and member import visibility wants the owner imported, so both are.
import CDispatch
import CoreFoundation
import Foundation
import Testing

/// Runs the `isogap` executable and measures its own resource use (not the test process's): CPU
/// time and peak resident memory from `wait4`, and wall time. A run that outlives `killAfter`
/// seconds is killed, so a hang fails the test instead of stalling the suite.
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

    static func run(_ arguments: [String], in folder: URL, killAfter: Double = 20) throws -> Output {
        let executable = try #require(Command.executable, "the isogap executable is not built; run 'swift build' first")
        let scratch = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outPath = scratch.appendingPathComponent("stdout").path
        let errPath = scratch.appendingPathComponent("stderr").path

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        // The shell changes folder and then becomes isogap (exec), so wait4 measures isogap itself.
        let command = ["/bin/sh", "-c", "cd \"$1\" && shift && exec \"$@\"", "sh", folder.path, executable.path]
        let argv = (command + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, envp)
        try #require(spawned == 0, "posix_spawn failed: \(spawned)")

        let start = Date()
        var status: Int32 = 0
        var usage = rusage()
        while true {
            let result = wait4(pid, &status, WNOHANG, &usage)
            if result == pid { break }
            if result < 0, errno != EINTR { break }
            if Date().timeIntervalSince(start) > killAfter { kill(pid, SIGKILL) }
            usleep(2_000)
        }
        let wall = Date().timeIntervalSince(start)
        let cpu =
            Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
            + Double(usage.ru_stime.tv_usec) / 1e6
        let exited = status & 0x7F == 0
        return Output(
            status: exited ? (status >> 8) & 0xFF : -(status & 0x7F), signalled: !exited,
            stdout: String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data(), as: UTF8.self),
            stderr: String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data(), as: UTF8.self),
            cpuSeconds: cpu, wallSeconds: wall, maxRSSKiB: Int(usage.ru_maxrss))
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
