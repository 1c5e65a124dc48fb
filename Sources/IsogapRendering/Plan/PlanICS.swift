internal import IsogapModel

/// The plan as an iCalendar file: one all-day event per task, from its first to its last working
/// day (weekends and holidays in between included, as one event), and one per phase milestone.
///
/// UIDs are `task-<key>@<workspace>.isogap` and `milestone-<phase>@<workspace>.isogap`, where
/// `<workspace>` is the first 12 hex digits of the SHA-256 of the organisation and site: the same
/// task of the same workspace keeps its UID from one run to the next, so a calendar program
/// updates it on a new import, and two workspaces never share one.
public enum PlanICS {
    /// The iCalendar document: tasks in plan order, then milestones in phase order.
    public static func text(_ input: PlanInput) -> String {
        let plan = input.plan
        let workspace = ICalendarWriter.workspaceID(of: input.manifest)
        var writer = ICalendarWriter(
            productID: "-//isogap//Implementation plan//EN",
            name: input.label("plan_calendar_name", [("organization", input.manifest.organization)]),
            stamp: input.asOf)
        for task in plan.tasks {
            var details: [String] = [
                "\(input.label("phase")): \(input.phaseTitle(task.phase))",
                "\(input.label("responsible")): \(input.roleName(task.role))",
                "\(input.label("accountable")): \(input.roleName(task.accountable))",
                "\(input.label("working_days")): \(task.workingDays)",
                "\(input.label("slack")): \(task.slack)\(task.critical ? " (\(input.label("critical_chain")))" : "")",
                "\(input.label("late_finish")): \(task.lateFinish)",
            ]
            if !task.predecessors.isEmpty {
                details.append("\(input.label("predecessors")): \(task.predecessors.joined(separator: " "))")
            }
            if !task.item.requirements.isEmpty {
                details.append(
                    "\(input.label("requirements")): \(task.item.requirements.map(\.description).joined(separator: " "))"
                )
            }
            details.append("\(input.label("task")): \(task.key)")
            writer.append(
                .init(
                    uid: "task-\(task.key)@\(workspace).isogap", start: task.start, finish: task.finish,
                    summary: input.title(of: task), description: details.joined(separator: "\n"),
                    categories: [input.phaseTitle(task.phase)]))
        }
        for phase in plan.phases {
            guard let finish = phase.finish else { continue }
            let title = input.text(phase.title)
            writer.append(
                .init(
                    uid: "milestone-\(phase.id)@\(workspace).isogap", start: finish, finish: finish,
                    summary: "\(input.label("milestone")): \(input.label("milestone_end_of", [("phase", title)]))",
                    description: "\(input.label("accountable")): \(input.roleName(phase.accountable))",
                    categories: [title, input.label("milestone")]))
        }
        return writer.text
    }
}
