public import IsogapDiagnostics

/// Checks on a set of tasks as a graph: references to roles, phases and other tasks, and cycles.
public enum TaskGraph {
    /// Findings for unknown roles, phases and `after` tasks, and for dependency cycles.
    ///
    /// - Parameter roles: the role ids tasks may name; `nil` skips the check (when the role list
    ///   itself could not be read).
    public static func validate(
        _ tasks: [(task: PlanTask, path: DocumentPath)], roles: [String]?, phaseIDs: [String]?
    ) -> [Finding] {
        var findings: [Finding] = []
        let taskIDs = tasks.map(\.task.id)
        let knownTasks = Set(taskIDs), knownRoles = roles.map(Set.init), knownPhases = phaseIDs.map(Set.init)
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
            for (index, predecessor) in task.after.enumerated() where !knownTasks.contains(predecessor) {
                findings.append(unknown("task", predecessor, at: path["after"][index], candidates: taskIDs))
            }
        }
        if let cycle = firstCycle(tasks.map(\.task)), let start = tasks.first(where: { $0.task.id == cycle[0] }) {
            findings.append(
                .error(
                    "tasks depend on each other in a cycle: \(cycle.joined(separator: " → ")) → \(cycle[0])",
                    at: start.path["after"]))
        }
        return findings
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
