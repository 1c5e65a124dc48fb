/// Resource-constrained list scheduling (SPEC §8) over working-day numbers: day 0 is the plan's
/// first working day, day `n` its `n`-th working day after that. Dates play no part here; the
/// ``Planner`` maps day numbers to dates through a ``WorkingCalendar``.
///
/// The scheme is the parallel one of list scheduling: time moves from one working day to the
/// next day on which a task finishes; on each such day, the ready tasks (every predecessor
/// finished, and with phase gates every task of the earlier phases finished) start in priority
/// order while their role has a free person. Priority is the longest path to the end of the
/// network (own duration included, gates included), then the higher gap priority, then the
/// smaller id. Each role keeps its own heap of ready tasks, so a run costs O((n + e) log n).
public enum Scheduler {
    /// A task as the scheduler sees it.
    public struct Job: Sendable, Hashable {
        /// Index of the responsible role in the capacity list.
        public var role: Int
        /// Index of the task's phase (phases in order).
        public var phase: Int
        /// Working days, at least 1.
        public var duration: Int
        /// Indices of the jobs that must finish before this one starts.
        public var predecessors: [Int]
        /// Second tie-break: higher first.
        public var priority: Double
        /// Last tie-break: smaller first.
        public var id: String

        public init(role: Int, phase: Int, duration: Int, predecessors: [Int], priority: Double, id: String) {
            self.role = role
            self.phase = phase
            self.duration = duration
            self.predecessors = predecessors
            self.priority = priority
            self.id = id
        }
    }

    /// Where a job landed.
    public struct Slot: Sendable, Hashable {
        /// First working day.
        public var start: Int
        /// Last working day (inclusive).
        public var finish: Int
        /// Total float against the plan's finish over the precedence network (not capacity).
        public var slack: Int
        /// Longest path from the job's start to the end of the network, in working days.
        public var pathToEnd: Int
    }

    /// Input that cannot be scheduled: a cycle, a dependency against the phase gates, or a role
    /// with no people. The ``Planner`` checks for these first and words them for users; this is
    /// the scheduler's own guard.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    /// Schedules `jobs` with `capacity[role]` people per role.
    public static func schedule(_ jobs: [Job], capacity: [Int], phaseGates: Bool) throws(Failure) -> [Slot] {
        let count = jobs.count
        guard count > 0 else { return [] }
        var successors = [[Int]](repeating: [], count: count)
        for (index, job) in jobs.enumerated() {
            guard capacity.indices.contains(job.role), capacity[job.role] > 0 else {
                throw Failure(description: "job \(job.id) needs role #\(job.role), which has no people")
            }
            for predecessor in job.predecessors {
                guard jobs.indices.contains(predecessor) else {
                    throw Failure(description: "job \(job.id) names predecessor #\(predecessor), which does not exist")
                }
                if phaseGates, jobs[predecessor].phase > job.phase {
                    throw Failure(
                        description: "job \(job.id) comes after \(jobs[predecessor].id), which is in a later phase")
                }
                successors[predecessor].append(index)
            }
        }
        let order = try topologicalOrder(jobs, successors: successors, phaseGates: phaseGates)
        let pathToEnd = longestPaths(jobs, successors: successors, order: order, phaseGates: phaseGates)
        let rank = ranks(jobs, pathToEnd: pathToEnd)
        let starts = try place(jobs, successors: successors, rank: rank, capacity: capacity, phaseGates: phaseGates)
        var finish = [Int](repeating: 0, count: count)
        for index in 0..<count { finish[index] = starts[index] + jobs[index].duration - 1 }
        let latestStarts = latestStarts(
            jobs, successors: successors, order: order, deadline: finish.max() ?? 0, phaseGates: phaseGates)
        return (0..<count).map { index in
            Slot(
                start: starts[index], finish: finish[index], slack: latestStarts[index] - starts[index],
                pathToEnd: pathToEnd[index])
        }
    }

    /// An order in which every job comes after its predecessors and, with gates, after every job
    /// of an earlier phase (Kahn's algorithm, ties by index, then a stable sort by phase).
    private static func topologicalOrder(_ jobs: [Job], successors: [[Int]], phaseGates: Bool) throws(Failure)
        -> [Int]
    {
        var remaining = jobs.map(\.predecessors.count)
        var queue = (0..<jobs.count).filter { remaining[$0] == 0 }
        var head = 0
        while head < queue.count {
            let job = queue[head]
            head += 1
            for successor in successors[job] {
                remaining[successor] -= 1
                if remaining[successor] == 0 { queue.append(successor) }
            }
        }
        guard queue.count == jobs.count else {
            let stuck = (0..<jobs.count).filter { remaining[$0] > 0 }.map { jobs[$0].id }
            throw Failure(description: "jobs depend on each other in a cycle: \(stuck.joined(separator: ", "))")
        }
        guard phaseGates else { return queue }
        // Stable: within a phase the dependency order stays, and no dependency points backwards.
        let position = Dictionary(uniqueKeysWithValues: queue.enumerated().map { ($1, $0) })
        return queue.sorted { a, b in
            jobs[a].phase != jobs[b].phase ? jobs[a].phase < jobs[b].phase : (position[a] ?? 0) < (position[b] ?? 0)
        }
    }

    /// For each job, its duration plus the longest path after it (through successors and gates).
    private static func longestPaths(_ jobs: [Job], successors: [[Int]], order: [Int], phaseGates: Bool) -> [Int] {
        var path = [Int](repeating: 0, count: jobs.count)
        // With gates, every job of a later phase follows every job of this one.
        var laterPhases = 0, currentPhase = Int.max, currentPhaseMax = 0
        for job in order.reversed() {
            if phaseGates, jobs[job].phase != currentPhase {
                laterPhases = max(laterPhases, currentPhaseMax)
                currentPhaseMax = 0
                currentPhase = jobs[job].phase
            }
            var after = phaseGates ? laterPhases : 0
            for successor in successors[job] { after = max(after, path[successor]) }
            path[job] = jobs[job].duration + after
            currentPhaseMax = max(currentPhaseMax, path[job])
        }
        return path
    }

    /// The rank of every job in priority order (0 is scheduled first among ready jobs).
    private static func ranks(_ jobs: [Job], pathToEnd: [Int]) -> [Int] {
        let sorted = (0..<jobs.count).sorted { a, b in
            if pathToEnd[a] != pathToEnd[b] { return pathToEnd[a] > pathToEnd[b] }
            if jobs[a].priority != jobs[b].priority { return jobs[a].priority > jobs[b].priority }
            if jobs[a].id != jobs[b].id { return jobs[a].id < jobs[b].id }
            return a < b
        }
        var rank = [Int](repeating: 0, count: jobs.count)
        for (position, job) in sorted.enumerated() { rank[job] = position }
        return rank
    }

    /// A job that is running, ordered by the day it finishes.
    private struct Running: Comparable {
        var finish: Int
        var job: Int

        static func < (lhs: Running, rhs: Running) -> Bool {
            (lhs.finish, lhs.job) < (rhs.finish, rhs.job)
        }
    }

    /// The start day of every job (parallel list scheduling).
    private static func place(
        _ jobs: [Job], successors: [[Int]], rank: [Int], capacity: [Int], phaseGates: Bool
    ) throws(Failure) -> [Int] {
        let count = jobs.count
        var byRank = [Int](repeating: 0, count: count)
        for job in 0..<count { byRank[rank[job]] = job }
        let phaseCount = (jobs.map(\.phase).max() ?? 0) + 1
        var unfinishedInPhase = [Int](repeating: 0, count: phaseCount)
        for job in jobs { unfinishedInPhase[job.phase] += 1 }
        // With gates, jobs of phases up to `openPhase` may start; earlier phases are all done.
        var openPhase = phaseGates ? (unfinishedInPhase.firstIndex { $0 > 0 } ?? 0) : Int.max
        var waitingForGate = [[Int]](repeating: [], count: phaseCount)
        var ready = [MinHeap<Int>](repeating: MinHeap(), count: capacity.count)
        var free = capacity
        var touched: [Int] = []
        var isTouched = [Bool](repeating: false, count: capacity.count)
        func touch(_ role: Int) {
            if !isTouched[role] {
                isTouched[role] = true
                touched.append(role)
            }
        }
        func release(_ job: Int) {
            if jobs[job].phase <= openPhase {
                ready[jobs[job].role].push(rank[job])
                touch(jobs[job].role)
            } else {
                waitingForGate[jobs[job].phase].append(job)
            }
        }
        var remaining = jobs.map(\.predecessors.count)
        for job in 0..<count where remaining[job] == 0 { release(job) }

        var start = [Int](repeating: -1, count: count)
        var running = MinHeap<Running>()
        var finished = 0
        var day = 0
        while finished < count {
            for role in touched {
                isTouched[role] = false
                while free[role] > 0, let next = ready[role].pop() {
                    let job = byRank[next]
                    start[job] = day
                    free[role] -= 1
                    running.push(Running(finish: day + jobs[job].duration - 1, job: job))
                }
            }
            touched.removeAll(keepingCapacity: true)
            guard let first = running.min else {
                let stuck = (0..<count).filter { start[$0] < 0 }.prefix(10).map { jobs[$0].id }
                throw Failure(description: "nothing can start; waiting: \(stuck.joined(separator: ", "))")
            }
            day = first.finish + 1
            while let next = running.min, next.finish == first.finish {
                _ = running.pop()
                let job = next.job
                finished += 1
                free[jobs[job].role] += 1
                touch(jobs[job].role)
                unfinishedInPhase[jobs[job].phase] -= 1
                for successor in successors[job] {
                    remaining[successor] -= 1
                    if remaining[successor] == 0 { release(successor) }
                }
            }
            if phaseGates {
                while openPhase < phaseCount, unfinishedInPhase[openPhase] == 0 {
                    openPhase += 1
                    if openPhase < phaseCount {
                        for job in waitingForGate[openPhase] { release(job) }
                        waitingForGate[openPhase] = []
                    }
                }
            }
        }
        return start
    }

    /// The latest start of every job that keeps `deadline`, over dependencies and gates only.
    private static func latestStarts(
        _ jobs: [Job], successors: [[Int]], order: [Int], deadline: Int, phaseGates: Bool
    ) -> [Int] {
        var latest = [Int](repeating: 0, count: jobs.count)
        var laterPhases = Int.max, currentPhase = Int.max, currentPhaseMin = Int.max
        for job in order.reversed() {
            if phaseGates, jobs[job].phase != currentPhase {
                laterPhases = min(laterPhases, currentPhaseMin)
                currentPhaseMin = Int.max
                currentPhase = jobs[job].phase
            }
            var latestFinish = deadline
            if phaseGates, laterPhases != Int.max { latestFinish = min(latestFinish, laterPhases - 1) }
            for successor in successors[job] { latestFinish = min(latestFinish, latest[successor] - 1) }
            latest[job] = latestFinish - jobs[job].duration + 1
            currentPhaseMin = min(currentPhaseMin, latest[job])
        }
        return latest
    }
}
