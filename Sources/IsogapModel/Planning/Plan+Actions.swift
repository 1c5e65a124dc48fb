extension Plan {
    /// One `open` action for every checklist task of the plan whose requirements no action (other
    /// than a cancelled one) names yet, due on the task's finish (`isogap plan --write-actions`).
    ///
    /// Programme and "assess first" tasks are not corrective work and get no action. Ids continue
    /// the register's `CA-NNN` numbering.
    public func actionsToRaise(for register: ActionRegister, opened: CalendarDate, language: ReportLanguage) -> [Action]
    {
        let covered = Set(
            register.actions.filter { $0.status != .cancelled }.flatMap { $0.requirements.map(\.description) })
        var next = (register.actions.compactMap { ActionRegister.number(ofActionID: $0.id) }.max() ?? 0)
        var result: [Action] = []
        for task in tasks {
            guard case .checklist = task.item.origin, let title = task.item.title, !task.item.requirements.isEmpty,
                task.item.requirements.allSatisfy({ !covered.contains($0.description) })
            else { continue }
            guard next < Int.max else { break }
            next += 1
            let id = ActionRegister.actionID(next)
            result.append(
                Action(
                    id: id, title: title.resolved(language.rawValue),
                    requirements: task.item.requirements.map(CrossReference.init), type: .corrective,
                    ownerRole: task.role, opened: opened, due: max(task.finish, opened), status: .open,
                    effortDays: task.item.effortDays,
                    history: [
                        HistoryEntry(date: opened, status: .open, by: "isogap plan", note: "from plan task \(task.key)")
                    ]))
        }
        return result
    }
}
