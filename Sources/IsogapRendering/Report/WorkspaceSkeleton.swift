public import IsogapModel
internal import IsogapYAML

/// The files `isogap init` writes: a manifest, one assessment file per checklist listing every
/// requirement with its question as a comment, and an empty action register.
public struct WorkspaceSkeleton: Sendable {
    public var organization: String
    public var scope: String
    public var language: ReportLanguage
    public var assessmentDate: CalendarDate
    public var checklists: [Checklist]
    /// The site assessed, if the workspace is one site of several.
    public var site: String?
    /// The target level chosen by the user; ``defaultTargetLevel`` when `nil`.
    public var chosenTargetLevel: Int?
    /// Day names nobody works (`sat`, `sun`, …) for the plan's calendar.
    public var weekend: [String]

    public init(
        organization: String, scope: String, language: ReportLanguage, assessmentDate: CalendarDate,
        checklists: [Checklist], site: String? = nil, targetLevel: Int? = nil, weekend: [String] = ["sat", "sun"]
    ) {
        self.site = site
        self.chosenTargetLevel = targetLevel
        self.weekend = weekend
        self.organization = organization
        self.scope = scope
        self.language = language
        self.assessmentDate = assessmentDate
        self.checklists = checklists
    }

    /// The target level the manifest gets: the chosen one, else ``defaultTargetLevel``.
    public var targetLevel: Int { chosenTargetLevel ?? defaultTargetLevel }

    /// The default target: level 3, or the top of the shortest scale when that is lower.
    public var defaultTargetLevel: Int {
        min(3, highestTargetLevel)
    }

    /// The highest target every chosen checklist's scale reaches (the top of the shortest scale).
    public var highestTargetLevel: Int {
        checklists.map(\.maxLevel).filter { $0 > 0 }.min() ?? 3
    }

    /// The files to write, as (path relative to the workspace, contents), in writing order.
    public func files(using templates: TemplateLibrary) throws(TemplateLibrary.Failure) -> [(
        path: String, contents: String
    )] {
        let manifest = ManifestView(
            organization: YAMLText.quoted(organization), hasSite: site != nil, site: YAMLText.quoted(site ?? ""),
            scope: YAMLText.quoted(scope), language: language.rawValue,
            assessmentDate: assessmentDate.description, targetLevel: targetLevel,
            checklists: checklists.map(\.id), planStart: assessmentDate.description,
            weekend: weekend.joined(separator: ", "))
        var files = [(path: "isogap.yaml", contents: try templates.render(manifest, template: "init/isogap.yaml"))]
        for checklist in checklists {
            files.append(
                (
                    "assessments/\(checklist.id).yaml",
                    try templates.render(assessmentView(checklist), template: "init/assessment.yaml")
                ))
        }
        files.append(("actions.yaml", try templates.render(ManifestView?.none as Any, template: "init/actions.yaml")))
        let first = checklists.first
        let title = language == .ar ? "تقرير تحليل الفجوات: \(organization)" : "Gap assessment: \(organization)"
        files.append(
            (
                "narrative.yaml",
                try templates.render(
                    NarrativeSkeletonView(
                        title: YAMLText.quoted(title), checklist: first?.id ?? "iso-10002-2018",
                        clause: first?.clausesInOrder.first { !$0.requirements.isEmpty }?.id ?? "4.1"),
                    template: "init/narrative.yaml")
            ))
        return files
    }

    private func assessmentView(_ checklist: Checklist) -> AssessmentView {
        let lang = language.rawValue
        let labels = checklist.scale.map { "\($0.level) \($0.label.resolved(lang))" }.joined(separator: ", ")
        var clauses: [AssessmentView.ClauseView] = []
        for clause in checklist.clausesInOrder where !clause.requirements.isEmpty {
            clauses.append(
                AssessmentView.ClauseView(
                    heading: YAMLText.commentLine("\(clause.id) \(clause.title.resolved(lang))"),
                    requirements: clause.requirements.map {
                        .init(
                            key: YAMLText.quoted($0.id),
                            question: YAMLText.commentLine("\($0.id): \($0.text.resolved(lang))"))
                    }))
        }
        return AssessmentView(
            checklistID: checklist.id,
            title: YAMLText.commentLine("\(checklist.standard): \(checklist.title.resolved(lang))"),
            scale: YAMLText.commentLine(labels), clauses: clauses)
    }
}

/// View model of `init/isogap.yaml.mustache`; text values are already YAML-quoted.
struct ManifestView {
    var organization: String
    var hasSite: Bool
    var site: String
    var scope: String
    var language: String
    var assessmentDate: String
    var targetLevel: Int
    var checklists: [String]
    var planStart: String
    var weekend: String
}

/// View model of `init/narrative.yaml.mustache`: a title already YAML-quoted, and a checklist and
/// clause of the workspace for the commented example.
struct NarrativeSkeletonView {
    var title: String
    var checklist: String
    var clause: String
}

/// View model of `init/assessment.yaml.mustache`; text values are single comment lines.
struct AssessmentView {
    struct RequirementView {
        /// The requirement id as a quoted YAML key.
        var key: String
        var question: String
    }

    struct ClauseView {
        var heading: String
        var requirements: [RequirementView]
    }

    var checklistID: String
    var title: String
    var scale: String
    var clauses: [ClauseView]
}
