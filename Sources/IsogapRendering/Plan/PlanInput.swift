public import IsogapModel

/// Everything a plan document is made from: the workspace's manifest, the scheduled plan, the
/// date of the run, the language and the labels.
public struct PlanInput: Sendable {
    /// The workspace manifest: organisation, site and scope for headings and calendar UIDs.
    public var manifest: WorkspaceManifest
    /// The scheduled plan.
    public var plan: Plan
    /// The date of the run (`--as-of`, default today): the calendar's time stamp.
    public var asOf: CalendarDate
    /// The language of titles and labels.
    public var language: ReportLanguage
    /// The plan's own words (`templates/labels.yaml`, or a `--templates` replacement).
    public var labels: LabelCatalog

    public init(
        manifest: WorkspaceManifest, plan: Plan, asOf: CalendarDate, language: ReportLanguage, labels: LabelCatalog
    ) {
        self.manifest = manifest.localized(language)
        self.plan = plan
        self.asOf = asOf
        self.language = language
        self.labels = labels
    }

    func text(_ text: LocalizedText) -> String {
        text.resolved(language.rawValue)
    }

    func label(_ key: String) -> String {
        labels.text(key, language)
    }

    /// A label with `{name}` placeholders filled in.
    func label(_ key: String, _ values: [(name: String, value: String)]) -> String {
        var text = label(key)
        for (name, value) in values { text = text.replacingAll("{\(name)}", with: value) }
        return text
    }

    /// A task's title in the plan's language; the planner's own tasks are worded by labels.
    func title(of task: Plan.Task) -> String {
        if let title = task.item.title { return text(title) }
        let count = String(task.item.requirements.count)
        switch task.item.origin {
        case .assessFirst(let checklist):
            return label("plan_assess_first_title", [("count", count), ("checklist", checklist)])
        case .defineGapWork(let checklist):
            return label("plan_define_gap_work_title", [("count", count), ("checklist", checklist)])
        case .programme, .checklist:
            return task.key
        }
    }

    /// The name of a role in the plan's language (its id when the plan does not know it).
    func roleName(_ id: String) -> String {
        plan.roles.first { $0.role.id == id }.map { text($0.role.name) } ?? id
    }

    /// The title of a phase in the plan's language (its id when the plan does not know it).
    func phaseTitle(_ id: String) -> String {
        plan.phases.first { $0.id == id }.map { text($0.title) } ?? id
    }

    /// What kind of task this is, as JSON and CSV spell it.
    static func kind(of task: Plan.Task) -> String {
        switch task.item.origin {
        case .programme: "programme"
        case .checklist: "gap"
        case .assessFirst: "assess-first"
        case .defineGapWork: "define-gap-work"
        }
    }

    /// Person-days for output: two decimals at most.
    static func personDays(_ value: Double) -> Double {
        Rounding.halfAwayFromZero(value, places: 2)
    }
}

extension String {
    /// Every occurrence of `target` replaced (no Foundation needed).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
