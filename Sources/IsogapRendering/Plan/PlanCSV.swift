internal import IsogapModel

/// The plan as CSV: one row per task, for spreadsheets and project tools.
///
/// Roles are written as ids (as in `actions.yaml`); predecessors and requirements are separated by
/// spaces; a phase gate is written `phase:<id>` (the end of that phase). Slack and the late dates
/// count capacity (SPEC §8 v2).
public enum PlanCSV {
    /// The column names, in order.
    public static let header = [
        "id", "title", "phase", "responsible_role", "accountable_role", "start", "finish", "working_days",
        "predecessors", "critical", "requirements", "slack", "late_start", "late_finish", "tags",
    ]

    /// The CSV document (RFC 4180, CRLF line ends, UTF-8 with a byte order mark).
    public static func text(_ input: PlanInput) -> String {
        var writer = CSVWriter(header: header)
        for task in input.plan.tasks {
            writer.append([
                task.key,
                input.title(of: task),
                task.phase,
                task.role,
                task.accountable,
                task.start.description,
                task.finish.description,
                String(task.workingDays),
                task.predecessors.joined(separator: " "),
                task.critical ? "true" : "false",
                task.item.requirements.map(\.description).joined(separator: " "),
                String(task.slack),
                task.lateStart.description,
                task.lateFinish.description,
                task.item.tags.joined(separator: " "),
            ])
        }
        return writer.text
    }
}
