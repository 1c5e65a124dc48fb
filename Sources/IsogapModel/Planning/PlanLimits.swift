public import IsogapDiagnostics

/// Bounds that keep a plan a plan (SPEC §4 and §8): no task longer than a working year, and no date
/// after 9999-12-31 anywhere in a plan or the files made from it.
public enum PlanLimits {
    /// The most person-days one task or action may take.
    public static let maxEffortDays = 250.0

    /// The last day a plan may use: calendars and Gantt charts end a task on the day after its last
    /// day, which must still be a four-digit year.
    public static let lastDay = CalendarDate(dayNumber: CalendarDate.lastSupportedDayNumber - 1)

    /// An error for every task whose `effort_days` is above ``maxEffortDays``.
    public static func effortFindings(_ tasks: [(task: PlanTask, path: DocumentPath)]) -> [Finding] {
        tasks.compactMap { task, path in
            task.effortDays > maxEffortDays ? effortError(task.effortDays, at: path["effort_days"]) : nil
        }
    }

    /// The error for an effort above ``maxEffortDays``, or `nil` when it is within it (`path` is
    /// made only for the error).
    public static func effortError(_ effort: Double, at path: @autoclosure () -> DocumentPath) -> Finding? {
        guard effort > maxEffortDays else { return nil }
        return .error(
            "effort_days is above the limit of 250 person-days (a task longer than a working year is not a plan)",
            at: path())
    }
}

extension CalendarDate {
    /// The day number of 9999-12-31, the last date isogap reads or writes.
    static let lastSupportedDayNumber = 2_932_896
}
