public import IsogapDiagnostics

/// Checks on a set of tasks as a graph: references to roles, phases and other tasks, and cycles.
public enum TaskGraph {
    /// Findings for unknown roles, phases, `after` tasks, phases and tags, `phase:` words that do
    /// not name an earlier phase, and dependency cycles among the tasks of one file (with `phase:`
    /// and `tag:` words resolved within the file; the planner checks the whole plan again).
    ///
    /// - Parameters:
    ///   - roles: the role ids tasks may name; `nil` skips the check (when the role list itself
    ///     could not be read).
    ///   - phaseIDs: the phase ids of the template, in order; `nil` skips the phase checks.
    ///   - knownTags: every tag a task of the loaded checklists or the template carries; `nil`
    ///     skips the tag check.
    public static func validate(
        _ tasks: [(task: PlanTask, path: DocumentPath)], roles: [String]?, phaseIDs: [String]?,
        knownTags: Set<String>? = nil
    ) -> [Finding] {
        var findings: [Finding] = []
        let taskIDs = tasks.map(\.task.id)
        let knownTasks = Set(taskIDs), knownRoles = roles.map(Set.init), knownPhases = phaseIDs.map(Set.init)
        let phaseOrder = Dictionary(
            (phaseIDs ?? []).enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let sortedTags = knownTags.map { $0.sorted() } ?? []
        for (task, path) in tasks {
            if let roles, let knownRoles, !task.role.isEmpty, !knownRoles.contains(task.role) {
                findings.append(unknown("role", task.role, at: path["role"], candidates: roles))
            }
            if let phaseIDs, let knownPhases, !task.phase.isEmpty, !knownPhases.contains(task.phase) {
                findings.append(unknown("phase", task.phase, at: path["phase"], candidates: phaseIDs))
            }
            if task.effortDays <= 0 {
                findings.append(.error("effort_days must be greater than 0", at: path["effort_days"]))
            }
            for (index, text) in task.after.enumerated() where !text.isEmpty {
                let at = path["after"][index]
                switch DependencyWord(text) {
                case .task(let predecessor):
                    if !knownTasks.contains(predecessor) {
                        findings.append(unknown("task", predecessor, at: at, candidates: taskIDs))
                    }
                case .phase(let phase):
                    guard let phaseIDs else { break }
                    guard let position = phaseOrder[phase] else {
                        findings.append(unknown("phase", phase, at: at, candidates: phaseIDs))
                        break
                    }
                    if let own = phaseOrder[task.phase], position >= own {
                        findings.append(
                            .error(
                                "'phase:\(phase)' must name a phase before the task's own phase '\(task.phase)'",
                                at: at))
                    }
                case .tag(let tag):
                    if let knownTags, !knownTags.contains(tag) {
                        var message =
                            "unknown tag '\(tag)': no task of the loaded checklists or phase template carries it"
                        if let suggestion = Suggestion.didYouMean(tag, in: sortedTags) { message += "; \(suggestion)" }
                        findings.append(.error(message, at: at))
                    }
                }
            }
        }
        let resolved = resolvedWithin(tasks.map(\.task))
        if let cycle = firstCycle(resolved), let start = tasks.first(where: { $0.task.id == cycle[0] }) {
            findings.append(
                .error(
                    "tasks depend on each other in a cycle: \(cycle.joined(separator: " → ")) → \(cycle[0])",
                    at: start.path["after"]))
        }
        return findings
    }

    /// The tasks with every `after` word replaced by the ids it names among these tasks: `phase:`
    /// by the tasks of that phase, `tag:` by the tasks carrying the tag (never the task itself).
    public static func resolvedWithin(_ tasks: [PlanTask]) -> [PlanTask] {
        guard tasks.contains(where: { $0.after.contains { $0.hasPrefix("phase:") || $0.hasPrefix("tag:") } }) else {
            return tasks
        }
        var byPhase: [String: [String]] = [:], byTag: [String: [String]] = [:]
        for task in tasks {
            byPhase[task.phase, default: []].append(task.id)
            for tag in task.tags { byTag[tag, default: []].append(task.id) }
        }
        return tasks.map { task in
            var copy = task
            copy.after = task.after.flatMap { text -> [String] in
                switch DependencyWord(text) {
                case .task(let id): [id]
                case .phase(let phase): (byPhase[phase] ?? []).filter { $0 != task.id }
                case .tag(let tag): (byTag[tag] ?? []).filter { $0 != task.id }
                }
            }
            return copy
        }
    }

    /// An "unknown X" error with a "did you mean" note when a known id is close.
    public static func unknown(_ kind: String, _ id: String, at path: DocumentPath, candidates: [String]) -> Finding {
        var message = "unknown \(kind) '\(id)'"
        if let suggestion = Suggestion.didYouMean(id, in: candidates) { message += "; \(suggestion)" }
        return .error(message, at: path)
    }

    /// The ids of one dependency cycle, in the order the tasks must run (each before the next), or
    /// `nil` when the graph is acyclic.
    ///
    /// The search is iterative, so a chain of thousands of tasks cannot overflow the stack.
    public static func firstCycle(_ tasks: [PlanTask]) -> [String]? {
        let predecessors = Dictionary(tasks.map { ($0.id, $0.after) }, uniquingKeysWith: { first, _ in first })
        enum Mark { case visiting, done }
        var marks: [String: Mark] = [:]
        for task in tasks where marks[task.id] == nil {
            // Each frame: a task on the current path and the index of its next predecessor to follow.
            var path: [(id: String, next: Int)] = [(task.id, 0)]
            marks[task.id] = .visiting
            while let top = path.last {
                let edges = predecessors[top.id] ?? []
                guard top.next < edges.count else {
                    marks[top.id] = .done
                    path.removeLast()
                    continue
                }
                path[path.count - 1].next += 1
                let next = edges[top.next]
                guard predecessors[next] != nil else { continue }
                switch marks[next] {
                case .visiting?:
                    let ids = path.map(\.id)
                    guard let start = ids.firstIndex(of: next) else { continue }
                    return Array(ids[start...]).reversed().rotatedToMinimum()
                case .done?:
                    continue
                case nil:
                    marks[next] = .visiting
                    path.append((next, 0))
                }
            }
        }
        return nil
    }
}

extension Array where Element == String {
    /// The same cycle starting from its smallest id, so messages are stable.
    fileprivate func rotatedToMinimum() -> [String] {
        guard let smallest = indices.min(by: { self[$0] < self[$1] }) else { return self }
        return Array(self[smallest...] + self[..<smallest])
    }
}
