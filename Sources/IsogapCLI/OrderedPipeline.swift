import Foundation

/// Runs work items on several threads and hands their results to the caller in item order.
///
/// Workers never run more than a small window ahead of the consumer, so at most that many results
/// (and the inputs being worked on) are alive at once, however many items there are.
final class OrderedPipeline<Output: Sendable>: @unchecked Sendable {
    // Every stored property below is guarded by `condition`.
    private let condition = NSCondition()
    private var results: [Int: Output] = [:]
    private var nextToStart = 0
    private var nextToConsume = 0
    private let count: Int
    private let window: Int

    private init(count: Int, window: Int) {
        self.count = count
        self.window = window
    }

    /// Calls `work` for every index in `0..<count` on `jobs` threads, and `consume` on the calling
    /// thread for each result, in index order.
    static func run(
        count: Int, jobs: Int, work: @escaping @Sendable (Int) -> Output, consume: (Int, Output) -> Void
    ) {
        let pipeline = OrderedPipeline(count: count, window: max(2, jobs * 2))
        for _ in 0..<max(1, min(jobs, count)) {
            let thread = Thread {
                while let index = pipeline.claim() { pipeline.deliver(index, work(index)) }
            }
            // Room for deep (but capped) nesting in recursive walks of a document.
            thread.stackSize = 8 << 20
            thread.start()
        }
        for index in 0..<count { consume(index, pipeline.take(index)) }
    }

    /// The next index to work on, waiting while the window is full; `nil` when all are claimed.
    private func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while nextToStart < count, nextToStart >= nextToConsume + window { condition.wait() }
        guard nextToStart < count else { return nil }
        defer { nextToStart += 1 }
        return nextToStart
    }

    private func deliver(_ index: Int, _ output: Output) {
        condition.lock()
        results[index] = output
        condition.broadcast()
        condition.unlock()
    }

    /// The result of `index`, waiting for it.
    private func take(_ index: Int) -> Output {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let output = results.removeValue(forKey: index) {
                nextToConsume = index + 1
                condition.broadcast()
                return output
            }
            condition.wait()
        }
    }
}
