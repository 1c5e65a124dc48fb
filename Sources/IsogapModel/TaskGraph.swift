public import IsogapDiagnostics

/// Checks on a set of tasks as a graph: references to roles, phases and other tasks, and cycles.
public enum TaskGraph {
    /// Findings for unknown roles, phases and `after` tasks, and for dependency cycles.
    public static func validate(
        _ tasks: [(task: PlanTask, path: DocumentPath)], roles: [String], phaseIDs: [String]?
    ) -> [Finding] {
        var findings: [Finding] = []
        let taskIDs = tasks.map(\.task.id)
        for (task, path) in tasks {
            if !task.role.isEmpty, !roles.contains(task.role) {
                findings.append(unknown("role", task.role, at: path["role"], candidates: roles))
            }
            if let phaseIDs, !task.phase.isEmpty, !phaseIDs.contains(task.phase) {
                findings.append(unknown("phase", task.phase, at: path["phase"], candidates: phaseIDs))
            }
            if task.effortDays <= 0 {
                findings.append(.error("effort_days must be greater than 0", at: path["effort_days"]))
            }
            for (index, predecessor) in task.after.enumerated() where !taskIDs.contains(predecessor) {
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

    /// The ids of one dependency cycle, in dependency order, or `nil` when the graph is acyclic.
    public static func firstCycle(_ tasks: [PlanTask]) -> [String]? {
        let successors = Dictionary(tasks.map { ($0.id, $0.after) }, uniquingKeysWith: { first, _ in first })
        enum Mark { case visiting, done }
        var marks: [String: Mark] = [:]
        var stack: [String] = []
        func visit(_ id: String) -> [String]? {
            switch marks[id] {
            case .done?: return nil
            case .visiting?:
                guard let start = stack.firstIndex(of: id) else { return nil }
                return Array(stack[start...])
            case nil: break
            }
            marks[id] = .visiting
            stack.append(id)
            for next in successors[id] ?? [] where successors[next] != nil {
                if let cycle = visit(next) { return cycle }
            }
            stack.removeLast()
            marks[id] = .done
            return nil
        }
        for task in tasks {
            if let cycle = visit(task.id) { return cycle.reversed().rotatedToMinimum() }
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
