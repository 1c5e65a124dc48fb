public import IsogapModel

/// A workspace's corrective actions and uncovered gaps as an OSCAL 1.1.2 plan of action and
/// milestones (SPEC §16).
///
/// One POA&M item per action and one per gap that no action covers. OSCAL has no dates on an item,
/// so each item links to a risk of the POA&M whose `deadline` is the due date and whose
/// remediation lists tasks with `within-date-range` timing: for an action, from the day it was
/// opened to its due date; for an uncovered gap, the implementation plan's tasks that serve the
/// requirement, from their start to their finish. An action's history (and verification) becomes
/// the risk's log.
public enum OSCALPOAM {
    /// The document, or `nil` when there is nothing to put in it (no action and no uncovered gap:
    /// OSCAL requires at least one item).
    public static func document(_ input: ReportInput) -> JSONValue? {
        let manifest = input.manifest
        let base = OSCALAssessmentResults.subjectKey(manifest)
        let actions = input.actions?.register.actions ?? []
        let uncovered =
            input.actions?.uncoveredGaps
            ?? input.score.gaps
        var risks: [JSONValue] = []
        var items: [JSONValue] = []
        for action in actions {
            let riskUUID = NameBasedUUID("\(base)|poam-risk|action|\(action.id)").description
            risks.append(risk(for: action, uuid: riskUUID, base: base, input: input))
            items.append(
                .object([
                    ("uuid", .string(NameBasedUUID("\(base)|poam-item|action|\(action.id)").description)),
                    ("title", .string(action.title)),
                    ("description", .string(actionDescription(action))),
                    ("props", .array(actionProps(action))),
                    ("related-risks", .array([.object([("risk-uuid", .string(riskUUID))])])),
                ]))
        }
        for gap in uncovered {
            let riskUUID = NameBasedUUID("\(base)|poam-risk|gap|\(gap.key)").description
            risks.append(risk(for: gap, uuid: riskUUID, base: base, input: input))
            items.append(
                .object([
                    ("uuid", .string(NameBasedUUID("\(base)|poam-item|gap|\(gap.key)").description)),
                    ("title", .string("Close the gap on \(gap.key)")),
                    ("description", .string(input.text(gap.requirement.text))),
                    ("props", .array([OSCAL.prop("requirement", gap.key), OSCAL.prop("covered-by-action", "false")])),
                    ("related-risks", .array([.object([("risk-uuid", .string(riskUUID))])])),
                ]))
        }
        guard !items.isEmpty else { return nil }
        var title = "Plan of action and milestones of \(manifest.organization)"
        if let site = manifest.site, !site.isEmpty { title += " (\(site))" }
        let metadata = OSCAL.metadata(
            title: title, date: lastModified(manifest: manifest, actions: actions),
            version: manifest.assessmentDate.description, props: [OSCAL.prop("generator", "isogap")])
        return OSCAL.document(
            root: "plan-of-action-and-milestones",
            body: [("metadata", metadata), ("risks", .array(risks)), ("poam-items", .array(items))])
    }

    /// The latest date the document speaks of: the assessment date or a later action date.
    static func lastModified(manifest: WorkspaceManifest, actions: [Action]) -> CalendarDate {
        var latest = manifest.assessmentDate
        for action in actions {
            var dates = [action.opened] + action.history.filter { !$0.isUnreadable }.map(\.date)
            if let verification = action.verification { dates.append(verification.date) }
            for date in dates where date > latest { latest = date }
        }
        return latest
    }

    /// OSCAL's risk status for an action's status: a done or verified action closes the risk; a
    /// cancelled one leaves it open.
    public static func riskStatus(_ status: ActionStatus) -> String {
        switch status {
        case .open, .cancelled: "open"
        case .inProgress: "remediating"
        case .done, .verified: "closed"
        }
    }

    static func actionDescription(_ action: Action) -> String {
        let type = action.type.rawValue
        var text = type.prefix(1).uppercased() + type.dropFirst() + " action \(action.id) for "
        text += action.requirements.map(\.description).joined(separator: ", ")
        if let cause = action.rootCause, !cause.isEmpty { text += ". Root cause: \(cause)" }
        return text + "."
    }

    static func actionProps(_ action: Action) -> [JSONValue] {
        var props = [
            OSCAL.prop("action-id", action.id), OSCAL.prop("action-type", action.type.rawValue),
            OSCAL.prop("action-status", action.status.rawValue), OSCAL.prop("owner-role", action.ownerRole),
        ]
        if let owner = action.owner, !owner.isEmpty { props.append(OSCAL.prop("owner", owner)) }
        props += action.requirements.map { OSCAL.prop("requirement", $0.description) }
        return props
    }

    static func risk(for action: Action, uuid: String, base: String, input: ReportInput) -> JSONValue {
        var props = [OSCAL.prop("action-status", action.status.rawValue)]
        if let raises = action.raisesTo { props.append(OSCAL.prop("raises-to", String(raises))) }
        let gaps = action.requirements.compactMap { reference in
            input.score.requirements.first { $0.key == reference.description }
        }
        for gap in gaps where (gap.gap ?? 0) > 0 {
            if let grade = gap.grade { props.append(OSCAL.prop("grade", grade.rawValue)) }
            if let priority = gap.priority {
                props.append(OSCAL.prop("priority", JSONValue.format(Rounding.priority(priority))))
            }
        }
        let statement = action.rootCause.flatMap { $0.isEmpty ? nil : $0 } ?? actionDescription(action)
        let task: JSONValue = .object([
            ("uuid", .string(NameBasedUUID("\(base)|poam-task|action|\(action.id)").description)),
            ("type", .string("action")),
            ("title", .string(action.title)),
            (
                "timing",
                .object([
                    (
                        "within-date-range",
                        .object([("start", OSCAL.timestamp(action.opened)), ("end", OSCAL.endOfDay(action.due))])
                    )
                ])
            ),
        ])
        let remediation: JSONValue = .object([
            ("uuid", .string(NameBasedUUID("\(base)|poam-remediation|action|\(action.id)").description)),
            ("lifecycle", .string(action.status == .done || action.status == .verified ? "completed" : "planned")),
            ("title", .string(action.title)),
            ("description", .string(actionDescription(action))),
            ("tasks", .array([task])),
        ])
        let questions = gaps.map { input.text($0.requirement.text) }.joined(separator: "\n\n")
        var members: [(String, JSONValue)] = [
            ("uuid", .string(uuid)),
            ("title", .string(action.title)),
            ("description", .string(questions.isEmpty ? action.title : questions)),
            ("statement", .string(statement)),
            ("props", .array(props)),
            ("status", .string(riskStatus(action.status))),
            ("deadline", OSCAL.endOfDay(action.due)),
            ("remediations", .array([remediation])),
        ]
        let entries = tracking(action, base: base)
        if !entries.isEmpty {
            members.append(("risk-log", .object([("entries", .array(entries))])))
        }
        return .object(members)
    }

    /// One risk-log entry per history entry of the action, then one for its verification.
    static func tracking(_ action: Action, base: String) -> [JSONValue] {
        var entries: [JSONValue] = []
        for (index, entry) in action.history.enumerated() where !entry.isUnreadable {
            var title = "Status \(entry.status.rawValue)"
            if let by = entry.by, !by.isEmpty { title += " (\(by))" }
            var members: [(String, JSONValue)] = [
                ("uuid", .string(NameBasedUUID("\(base)|poam-tracking|\(action.id)|\(index)").description)),
                ("title", .string(title)),
                ("start", OSCAL.timestamp(entry.date)),
                ("status-change", .string(riskStatus(entry.status))),
            ]
            if let note = entry.note, !note.isEmpty { members.append(("description", .string(note))) }
            entries.append(.object(members))
        }
        if let verification = action.verification {
            var members: [(String, JSONValue)] = [
                ("uuid", .string(NameBasedUUID("\(base)|poam-tracking|\(action.id)|verification").description)),
                ("start", OSCAL.timestamp(verification.date)),
                (
                    "title",
                    .string(
                        "Verification by \(verification.by): \(verification.effective ? "effective" : "not effective")")
                ),
            ]
            if let note = verification.note, !note.isEmpty { members.append(("description", .string(note))) }
            entries.append(.object(members))
        }
        return entries
    }

    static func risk(for gap: RequirementScore, uuid: String, base: String, input: ReportInput) -> JSONValue {
        var props = [OSCAL.prop("gap", String(gap.gap ?? 0))]
        if let priority = gap.priority {
            props.append(OSCAL.prop("priority", JSONValue.format(Rounding.priority(priority))))
        }
        if let grade = gap.grade { props.append(OSCAL.prop("grade", grade.rawValue)) }
        let planned = input.plan?.tasks.filter { $0.item.requirements.contains(gap.requirementKey) } ?? []
        let tasks: [JSONValue] = planned.map { task in
            .object([
                ("uuid", .string(NameBasedUUID("\(base)|poam-task|gap|\(gap.key)|\(task.key)").description)),
                ("type", .string("action")),
                ("title", .string(title(of: task, input: input))),
                ("props", .array([OSCAL.prop("plan-task", task.key), OSCAL.prop("role", task.role)])),
                (
                    "timing",
                    .object([
                        (
                            "within-date-range",
                            .object([("start", OSCAL.timestamp(task.start)), ("end", OSCAL.endOfDay(task.finish))])
                        )
                    ])
                ),
            ])
        }
        var remediation: [(String, JSONValue)] = [
            ("uuid", .string(NameBasedUUID("\(base)|poam-remediation|gap|\(gap.key)").description)),
            ("lifecycle", .string("planned")),
            ("title", .string("Close the gap on \(gap.key)")),
            ("description", .string(input.text(gap.requirement.guidance ?? gap.requirement.text))),
        ]
        if !tasks.isEmpty { remediation.append(("tasks", .array(tasks))) }
        var members: [(String, JSONValue)] = [
            ("uuid", .string(uuid)),
            ("title", .string("Gap on \(gap.key)")),
            ("description", .string(input.text(gap.requirement.text))),
            (
                "statement",
                .string(
                    "Supported level \(gap.effective ?? 0) of \(gap.maxLevel) against a target of \(gap.target); no corrective action covers it."
                )
            ),
            ("props", .array(props)),
            ("status", .string("open")),
        ]
        if let last = planned.map(\.finish).max() { members.append(("deadline", OSCAL.endOfDay(last))) }
        members.append(("remediations", .array([.object(remediation)])))
        return .object(members)
    }

    /// A plan task's title; the tasks the planner makes itself are worded here.
    static func title(of task: Plan.Task, input: ReportInput) -> String {
        if let title = task.item.title { return input.text(title) }
        switch task.item.origin {
        case .assessFirst(let checklist): return "Assess the remaining requirements of \(checklist)"
        case .defineGapWork(let checklist): return "Work out how to close the gaps of \(checklist)"
        case .programme, .checklist: return task.key
        }
    }
}
