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
///
/// Slack counts capacity (SPEC §8 v2): after the forward schedule, a backward list schedule places
/// every task as late as possible before the plan's finish (see ``lateStarts(_:forward:capacity:)``).
/// The "one more person" figures re-run only the forward placement, with the graph work (order,
/// paths, ranks) done once, so a what-if per role costs one placement each.
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
        /// First working day (early start).
        public var start: Int
        /// Last working day (inclusive; early finish).
        public var finish: Int
        /// The latest first day that keeps the plan's finish, with capacity counted (the backward
        /// list schedule's start, never before `start`).
        public var lateStart: Int
        /// `lateStart` plus the job's working days, minus one.
        public var lateFinish: Int
        /// Working days from early start to late start: how far the job can slip.
        public var slack: Int
        /// Longest path from the job's start to the end of the network, in working days.
        public var pathToEnd: Int
    }

    /// A schedule and, per role, the plan's last day if that role had one more person.
    public struct Result: Sendable, Hashable {
        public var slots: [Slot]
        /// Indexed like the capacity list; `nil` for a role that has no job.
        public var finishIfPlusOne: [Int?]
    }

    /// The graph work that does not depend on capacity: successors, a topological order, the
    /// longest paths and the priority ranks.
    struct Network {
        var jobs: [Job]
        var successors: [[Int]]
        var order: [Int]
        var pathToEnd: [Int]
        var rank: [Int]
        var phaseGates: Bool
    }

    /// Input that cannot be scheduled: a cycle, a dependency against the phase gates, or a role
    /// with no people. The ``Planner`` checks for these first and words them for users; this is
    /// the scheduler's own guard.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    /// Schedules `jobs` with `capacity[role]` people per role.
    public static func schedule(_ jobs: [Job], capacity: [Int], phaseGates: Bool) throws(Failure) -> [Slot] {
        try analyse(jobs, capacity: capacity, phaseGates: phaseGates, whatIf: false).slots
    }

    /// Schedules `jobs` and, with `whatIf`, re-runs the forward placement once per role that has
    /// jobs with one more person in that role.
    public static func analyse(_ jobs: [Job], capacity: [Int], phaseGates: Bool, whatIf: Bool) throws(Failure)
        -> Result
    {
        guard !jobs.isEmpty else { return Result(slots: [], finishIfPlusOne: capacity.map { _ in nil }) }
        let network = try network(jobs, capacity: capacity, phaseGates: phaseGates)
        let starts = try place(network, capacity: capacity)
        let late = lateStarts(network, forward: starts, capacity: capacity)
        let slots = jobs.indices.map { index in
            let duration = jobs[index].duration
            let slack = max(0, late[index] - starts[index])
            return Slot(
                start: starts[index], finish: starts[index] + duration - 1, lateStart: starts[index] + slack,
                lateFinish: starts[index] + slack + duration - 1, slack: slack, pathToEnd: network.pathToEnd[index])
        }
        var finishIfPlusOne: [Int?] = capacity.map { _ in nil }
        if whatIf {
            let used = Set(jobs.map(\.role))
            for role in capacity.indices where used.contains(role) {
                var more = capacity
                more[role] += 1
                let moved = try place(network, capacity: more)
                finishIfPlusOne[role] = jobs.indices.map { moved[$0] + jobs[$0].duration - 1 }.max()
            }
        }
        return Result(slots: slots, finishIfPlusOne: finishIfPlusOne)
    }

    private static func network(_ jobs: [Job], capacity: [Int], phaseGates: Bool) throws(Failure) -> Network {
        let count = jobs.count
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
        return Network(
            jobs: jobs, successors: successors, order: order, pathToEnd: pathToEnd,
            rank: ranks(jobs, pathToEnd: pathToEnd), phaseGates: phaseGates)
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
    private static func place(_ network: Network, capacity: [Int]) throws(Failure) -> [Int] {
        let jobs = network.jobs, successors = network.successors, rank = network.rank
        let phaseGates = network.phaseGates
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

    /// A ready job of the backward pass: the latest early finish first, then the latest early
    /// start, then the smallest id.
    private struct BackwardKey: Comparable {
        var finish: Int
        var start: Int
        var id: String
        var job: Int

        static func < (lhs: BackwardKey, rhs: BackwardKey) -> Bool {
            if lhs.finish != rhs.finish { return lhs.finish > rhs.finish }
            if lhs.start != rhs.start { return lhs.start > rhs.start }
            if lhs.id != rhs.id { return lhs.id < rhs.id }
            return lhs.job < rhs.job
        }
    }

    /// The late start of every job (SPEC §8 v2): a backward list schedule from the plan's last day
    /// `F`. A job is ready once all its successors are placed (with gates, every job of a later
    /// phase is a successor); among ready jobs the latest early finish goes first, then the
    /// latest early start, then the smallest id. Each is placed in the latest window of its
    /// working days that ends no later than `F` and before the late start of every successor, in
    /// which its role has a free person on every day, given the jobs placed so far.
    ///
    /// Taking jobs by latest early finish, every job's own forward window is still free when its
    /// turn comes (the jobs placed before it finish no earlier and only moved later), so a late
    /// start is never before the early start: slack is never negative.
    static func lateStarts(_ network: Network, forward starts: [Int], capacity: [Int]) -> [Int] {
        let jobs = network.jobs, count = jobs.count
        let finishes = jobs.indices.map { starts[$0] + jobs[$0].duration - 1 }
        let deadline = finishes.max() ?? 0
        var unplacedSuccessors = network.successors.map(\.count)
        let phaseCount = (jobs.map(\.phase).max() ?? 0) + 1
        var unplacedInPhase = [Int](repeating: 0, count: phaseCount)
        for job in jobs { unplacedInPhase[job.phase] += 1 }
        // With gates, jobs of phases from `openPhase` up may be placed; later phases are all placed.
        var openPhase = network.phaseGates ? (unplacedInPhase.lastIndex { $0 > 0 } ?? 0) : 0
        var waitingForGate = [[Int]](repeating: [], count: phaseCount)
        // The earliest late start among the placed jobs of phases after each phase's gate.
        var laterPhasesStart = Int.max
        var ready = MinHeap<BackwardKey>()
        func release(_ job: Int) {
            if jobs[job].phase >= openPhase {
                ready.push(BackwardKey(finish: finishes[job], start: starts[job], id: jobs[job].id, job: job))
            } else {
                waitingForGate[jobs[job].phase].append(job)
            }
        }
        for job in 0..<count where unplacedSuccessors[job] == 0 { release(job) }
        var predecessors = [[Int]](repeating: [], count: count)
        for (job, list) in network.successors.enumerated() {
            for successor in list { predecessors[successor].append(job) }
        }
        // People busy per role per day, indexed by days before the deadline (`deadline - day`).
        var busy = capacity.map { _ in [Int](repeating: 0, count: deadline + 1) }
        var late = [Int](repeating: 0, count: count)
        var phaseMin = [Int](repeating: Int.max, count: phaseCount)
        while let next = ready.pop() {
            let job = next.job, role = jobs[job].role, duration = jobs[job].duration
            var latestFinish = deadline
            if network.phaseGates { latestFinish = min(latestFinish, laterPhasesStart - 1) }
            for successor in network.successors[job] { latestFinish = min(latestFinish, late[successor] - 1) }
            // The latest run of `duration` days with a free person, ending by `latestFinish`.
            var end = latestFinish, day = latestFinish, run = 0
            while run < duration {
                let offset = deadline - day
                if offset >= busy[role].count { busy[role].append(contentsOf: repeatElement(0, count: offset + 1)) }
                if busy[role][offset] < capacity[role] {
                    run += 1
                } else {
                    run = 0
                    end = day - 1
                }
                day -= 1
            }
            let start = end - duration + 1
            for day in start...end { busy[role][deadline - day] += 1 }
            late[job] = start
            phaseMin[jobs[job].phase] = min(phaseMin[jobs[job].phase], start)
            unplacedInPhase[jobs[job].phase] -= 1
            for predecessor in predecessors[job] {
                unplacedSuccessors[predecessor] -= 1
                if unplacedSuccessors[predecessor] == 0 { release(predecessor) }
            }
            if network.phaseGates {
                while openPhase > 0, unplacedInPhase[openPhase] == 0 {
                    laterPhasesStart = min(laterPhasesStart, phaseMin[openPhase])
                    openPhase -= 1
                    for job in waitingForGate[openPhase] { release(job) }
                    waitingForGate[openPhase] = []
                }
            }
        }
        return late
    }
}
