public import IsogapModel

/// The action register as of a date, for `isogap actions` and the actions part of the report.
public enum ActionReport {
    /// Actions in reading order: overdue first (most overdue first), then by due date and id.
    public static func ordered(_ tracker: ActionTracker) -> [Action] {
        let overdue = tracker.overdue.map(\.action)
        let rest = tracker.register.actions.filter { action in !overdue.contains { $0.id == action.id } }
            .sorted { ($0.due, $0.id) < ($1.due, $1.id) }
        return overdue + rest
    }

    /// Days overdue of an action, or `nil` when it is not overdue.
    static func daysOverdue(_ action: Action, _ tracker: ActionTracker) -> Int? {
        action.isPending && action.due < tracker.asOf ? action.due.days(until: tracker.asOf) : nil
    }

    /// The `actions` object of the JSON report (SPEC §9 names, and more).
    public static func json(_ tracker: ActionTracker) -> JSONValue {
        .object([
            ("total", .integer(tracker.register.actions.count)),
            ("as_of", .string(tracker.asOf.description)),
            ("by_status", .object(tracker.countsByStatus.map { ($0.status.rawValue, .integer($0.count)) })),
            ("by_owner_role", .object(tracker.countsByOwnerRole.map { ($0.role, .integer($0.count)) })),
            ("by_type", .object(tracker.countsByType.map { ($0.type.rawValue, .integer($0.count)) })),
            (
                "overdue",
                .array(
                    tracker.overdue.map {
                        .object([("id", .string($0.action.id)), ("days_overdue", .integer($0.daysOverdue))])
                    })
            ),
            (
                "due_soon",
                .array(
                    tracker.dueSoon().map { .object([("id", .string($0.id)), ("due", .string($0.due.description))]) })
            ),
            (
                "uncovered_gaps",
                .array(
                    tracker.uncoveredGaps.map {
                        .object([("checklist", .string($0.checklist)), ("requirement", .string($0.requirement.id))])
                    })
            ),
            ("not_effective", .array(tracker.foundNotEffective.map { .string($0.id) })),
            ("projected", aggregate(tracker.projected)),
            ("achieved", aggregate(tracker.achieved)),
            ("actions", .array(ordered(tracker).map { action($0, tracker) })),
        ])
    }

    private static func aggregate(_ aggregate: Aggregate) -> JSONValue {
        .object([("percent", .number(aggregate.percent.map(Rounding.percent)))])
    }

    private static func action(_ action: Action, _ tracker: ActionTracker) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(action.id)),
            ("title", .string(action.title)),
            ("requirements", .array(action.requirements.map { .string($0.description) })),
            ("type", .string(action.type.rawValue)),
            ("owner_role", .string(action.ownerRole)),
            ("owner", .string(action.owner)),
            ("opened", .string(action.opened.description)),
            ("due", .string(action.due.description)),
            ("status", .string(action.status.rawValue)),
            // When it became done or verified: what `isogap compare` reads from a saved report.
            ("completed", .string(Snapshot.action(action).completed?.description)),
            ("days_overdue", .integer(daysOverdue(action, tracker))),
            ("raises_to", .integer(action.raisesTo)),
        ]
        if let verification = action.verification {
            members.append(
                (
                    "verification",
                    .object([
                        ("date", .string(verification.date.description)), ("by", .string(verification.by)),
                        ("effective", .bool(verification.effective)),
                    ])
                ))
        }
        return .object(members)
    }

    /// The document `isogap actions --format json` writes: the `isogap` header (version,
    /// organisation, site, as-of date) and the register's members as in the report.
    public static func document(_ tracker: ActionTracker, manifest: WorkspaceManifest) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("isogap", .number(1)), ("organization", .string(manifest.organization)),
        ]
        if let site = manifest.site { members.append(("site", .string(site))) }
        if case .object(let body) = json(tracker) { members += body }
        return .object(members)
    }

    /// One all-day event per open or in-progress action, on its due date; UIDs
    /// `action-<id>@<workspace>.isogap` stay the same from run to run. Owners are shown by their
    /// role's name from `roles`, the id where no role has it. The words are those of `words`;
    /// `manifest` should be the one localized to the same language.
    public static func ics(_ tracker: ActionTracker, manifest: WorkspaceManifest, roles: [Role], words: LabelWords)
        -> String
    {
        let workspace = ICalendarWriter.workspaceID(of: manifest)
        var writer = ICalendarWriter(
            productID: "-//isogap//Corrective actions//EN",
            name: words("actions_calendar_name", [("organization", manifest.organization)]),
            stamp: tracker.asOf)
        for action in ordered(tracker) where action.isPending {
            let owner = "\(action.owner.map { "\($0), " } ?? "")\(roleName(action.ownerRole, roles, words.language))"
            let requirements = action.requirements.map(\.description).joined(separator: " ")
            let type = words("action_type_\(action.type.rawValue)")
            var details = [
                "\(action.id) (\(type), \(words(stateKey(action.status))))",
                words("actions_calendar_owner", [("owner", owner)]),
                words("actions_calendar_requirements", [("requirements", requirements)]),
            ]
            if let late = daysOverdue(action, tracker) {
                details.append(
                    words(
                        "actions_calendar_overdue", [("days", String(late)), ("date", tracker.asOf.description)]))
            }
            writer.append(
                .init(
                    uid: "action-\(action.id)@\(workspace).isogap", start: action.due, finish: action.due,
                    summary: words("actions_calendar_summary", [("id", action.id), ("title", action.title)]),
                    description: details.joined(separator: "\n"),
                    categories: [words("actions_calendar_category")]))
        }
        return writer.text
    }

    /// The label key of a status's word in the terminal table and calendar.
    static func stateKey(_ status: ActionStatus) -> String {
        "action_state_\(status.rawValue.replacingAll("-", with: "_"))"
    }

    /// The name of role `id` in `language`, or the id when no role has it.
    static func roleName(_ id: String, _ roles: [Role], _ language: ReportLanguage) -> String {
        roles.first { $0.id == id }.map { $0.name.resolved(language.rawValue) } ?? id
    }

    /// One row per action, overdue first.
    public static func csv(_ tracker: ActionTracker) -> String {
        var writer = CSVWriter(header: [
            "id", "title", "type", "status", "owner_role", "owner", "opened", "due", "days_overdue", "requirements",
            "raises_to", "verified_on", "effective",
        ])
        for action in ordered(tracker) {
            writer.append([
                action.id, action.title, action.type.rawValue, action.status.rawValue, action.ownerRole,
                action.owner ?? "",
                action.opened.description, action.due.description, daysOverdue(action, tracker).map(String.init) ?? "",
                action.requirements.map(\.description).joined(separator: " "), action.raisesTo.map(String.init) ?? "",
                action.verification?.date.description ?? "",
                action.verification.map { $0.effective ? "true" : "false" } ?? "",
            ])
        }
        return writer.text
    }

    /// The terminal table: a summary line, then one line per action, in the words of `words`.
    public static func text(_ tracker: ActionTracker, onlyOverdue: Bool, words: LabelWords) -> String {
        var lines: [String] = []
        let counts = tracker.countsByStatus.map { "\($0.count) \(words(stateKey($0.status)))" }
            .joined(separator: words.listSeparator)
        lines.append(
            words(
                "actions_text_heading",
                [
                    ("count", String(tracker.register.actions.count)), ("date", tracker.asOf.description),
                    ("counts", counts),
                ]))
        lines.append(
            words(
                "actions_text_figures",
                [
                    ("overdue", String(tracker.overdue.count)), ("due_soon", String(tracker.dueSoon().count)),
                    ("uncovered", String(tracker.uncoveredGaps.count)),
                    ("not_effective", String(tracker.foundNotEffective.count)),
                ]))
        lines.append(
            words(
                "actions_text_scores",
                [
                    ("now", Figures.percent(tracker.score.combined.percent)),
                    ("achieved", Figures.percent(tracker.achieved.percent)),
                    ("projected", Figures.percent(tracker.projected.percent)),
                ]))
        let shown = onlyOverdue ? tracker.overdue.map(\.action) : ordered(tracker)
        guard !shown.isEmpty else {
            return (lines + ["", words(onlyOverdue ? "actions_text_none_overdue" : "actions_text_empty")]).joined(
                separator: "\n") + "\n"
        }
        lines.append("")
        var rows = [["id", "status", "due", "late", "owner", "title"].map { words("actions_column_\($0)") }]
        for action in shown {
            let late = daysOverdue(action, tracker).map { words("actions_days_late", [("days", String($0))]) } ?? ""
            let owner = action.owner.map { "\($0) (\(action.ownerRole))" } ?? action.ownerRole
            rows.append([
                action.id, words(stateKey(action.status)), action.due.description, late, owner,
                ScoreSummary.truncated(action.title, 60),
            ])
        }
        lines += ScoreSummary.columns(rows, rightAligned: [3])
        return lines.joined(separator: "\n") + "\n"
    }
}
