import Foundation
import Testing

/// Waiting moved off the threads the tests run on. Swift Testing runs test bodies on the
/// cooperative thread pool, one thread per core: a test blocked in `waitUntilExit` (or on a shared
/// `static let` another test is still making) holds one of them, and on two cores two such tests
/// stop every other test while the machine idles.
enum OffPool {
    /// Runs `work` on a thread of its own and suspends the caller until it is done.
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }
}

/// Work shared by the tests of a process (a LibreOffice or Chromium run), done once on a thread of
/// its own from the first ``start()``, ``value()`` or ``get()``. It runs outside any test, so it
/// checks by throwing (an `#expect` there would have no test to fail); what it throws is thrown to
/// every test that asks.
final class SharedRun<Value: Sendable>: @unchecked Sendable {
    private let work: @Sendable () throws -> Value
    private let condition = NSCondition()
    private var started = false
    private var result: Result<Value, any Error>?
    private var waiting: [CheckedContinuation<Value, any Error>] = []

    init(_ work: @escaping @Sendable () throws -> Value) {
        self.work = work
    }

    /// Starts the work unless it has started.
    func start() {
        condition.lock()
        defer { condition.unlock() }
        guard !started else { return }
        started = true
        Thread { [self] in
            let result = Result { try work() }
            condition.lock()
            self.result = result
            let waiting = self.waiting
            self.waiting = []
            condition.broadcast()
            condition.unlock()
            for continuation in waiting { continuation.resume(with: result) }
        }.start()
    }

    /// The result, for a test: it suspends, holding no thread, until the work is done.
    func value() async throws -> Value {
        start()
        return try await withCheckedThrowingContinuation { continuation in
            condition.lock()
            if let result {
                condition.unlock()
                continuation.resume(with: result)
            } else {
                waiting.append(continuation)
                condition.unlock()
            }
        }
    }

    /// The result, for other shared work (which has a thread of its own to block).
    func get() throws -> Value {
        start()
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let result { return try result.get() }
            condition.wait()
        }
    }
}

/// Starts shared runs when a suite starts, so that they overlap the tests scheduled before the
/// first that waits for them (Swift Testing starts every suite at the beginning of a run).
struct StartSharedRuns: SuiteTrait, TestScoping {
    var start: @Sendable () -> Void

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        start()
        try await function()
    }
}

extension Trait where Self == StartSharedRuns {
    /// Starts the shared runs `start` names when the suite starts.
    static func startingSharedRuns(_ start: @escaping @Sendable () -> Void) -> Self {
        StartSharedRuns(start: start)
    }
}

/// A failed check outside a test: a step of shared work (``SharedRun``), a missing tool.
struct CheckFailure: Error, CustomStringConvertible {
    var description: String
}
