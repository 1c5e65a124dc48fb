internal import IsogapModel

/// The report as a template sees it: every value is text, already formatted and translated, never a
/// domain type. Escaping is the template's business (its content type), so values stay raw here.
struct ReportView {
    struct ChecklistRow {
        var id: String
        var title: String
        var standard: String
        var level: String
        var percent: String
        var completeness: String
        /// Completeness below 0.8: the figures are marked provisional.
        var provisional: Bool
        var assessed: Int
        var applicable: Int
        var total: Int
        var major: Int
        var minor: Int
        var observation: Int
        var conforming: Int
        var goodPractice: Int
        var clauses: [ClauseRow]
        /// CSS class of the checklist's score band.
        var band: String
        /// Bars of the top-level clauses (inline SVG, escaped when drawn).
        var chart: String
        /// One row per top-level clause, one cell per clause below it.
        var heatMap: [HeatRow]
        /// Whether any top-level clause has clauses below it (the heat map's cells).
        var hasSubclauses: Bool
        /// The number of cells in each heat-map row.
        var heatColumns: Int
        /// The change since the baseline, in points (`+3.5`), when the manifest names one.
        var change: String? = nil
    }

    /// A top-level clause in the heat map, with a cell for each clause directly below it; the rows
    /// of one checklist are padded to the same length by one blank cell spanning `padding`
    /// columns, so the table grows with the number of clauses, not rows × columns.
    struct HeatRow {
        var id: String
        var title: String
        var percent: String
        var band: String
        var cells: [HeatCell]
        var padding: Int
        var hasPadding: Bool
        /// The change since the baseline, in points, when the manifest names one.
        var change: String? = nil
    }

    struct HeatCell {
        var id: String
        var title: String
        /// The score without the percent sign (the table says it is in per cent).
        var figure: String
        var band: String
        var isBlank: Bool
    }

    struct ClauseRow {
        var id: String
        var title: String
        var depth: Int
        /// Non-breaking indentation showing the clause's depth.
        var indent: String
        var level: String
        var percent: String
        var bar: String
        var isTop: Bool
        /// The change since the baseline, in points, when the manifest names one.
        var change: String? = nil
    }

    struct GapRow {
        var rank: Int
        var checklist: String
        var requirement: String
        var clause: String
        var question: String
        var effective: String
        var target: String
        var gap: String
        var priority: String
        var grade: String
        var criticality: String
        var notes: String?
        /// The grade as a CSS class (`major`, `good-practice`…).
        var gradeClass: String
    }

    /// A checklist that is a guidance standard, named once near the top of the report.
    struct GuidanceNote {
        var standard: String
        var text: String
    }

    struct NotBorneOutRow {
        var checklist: String
        var requirement: String
        var claimed: String
        var kpi: String
        var period: String
        var value: String
        var target: String
    }

    struct UnsupportedRow {
        var checklist: String
        var requirement: String
        var question: String
        var claimed: String
        var effective: String
        var validEvidence: String
        var evidenceTotal: String
        /// Why the claim is not supported, in plain words.
        var reason: String
        var notes: String?
    }

    struct NotApplicableRow {
        var checklist: String
        var requirement: String
        var question: String
        var justification: String
    }

    struct EvidenceRow {
        var checklist: String
        var requirement: String
        var type: String
        var ref: String
        var date: String
        var file: String
        /// A relative link to the file from where the report is saved (percent-encoded); `nil`
        /// when the item names no file or the file is missing.
        var link: String?
        var status: String
        var isValid: Bool
    }

    struct ActionRow {
        var id: String
        var status: String
        var due: String
        var daysOverdue: String
        var isOverdue: Bool
        var owner: String
        var title: String
        var requirements: String
        /// The same keys one by one, for markup that wraps between them.
        var requirementList: [String]
        /// The status as a CSS class (`open`, `in-progress`…).
        var statusClass: String
    }

    /// Gaps without an action under one top-level clause: the requirement ids (without the
    /// checklist, which the group names) in document order.
    struct UncoveredGroup {
        var checklist: String
        var clause: String
        var title: String
        var count: Int
        var requirements: [String]
    }

    struct Band {
        var name: String
        var band: String
    }

    struct GradeTotals {
        var major: Int
        var minor: Int
        var observation: Int
        var conforming: Int
        var goodPractice: Int
        var hasMajor: Bool
    }

    struct ActionsView {
        var total: Int
        var statusCounts: String
        var overdueCount: Int
        var hasOverdue: Bool
        var dueSoonCount: Int
        var uncoveredCount: Int
        var notEffective: String
        var hasNotEffective: Bool
        var projected: String
        var achieved: String
        var rows: [ActionRow]
        var uncovered: [String]
        /// The same gaps grouped by checklist and top-level clause.
        var uncoveredGroups: [UncoveredGroup]
        var hasUncovered: Bool
        /// Bars of the score now, achieved and projected (inline SVG, escaped when drawn).
        var chart: String
    }

    var labels: [String: String]
    var language: String
    var direction: String
    var isRightToLeft: Bool
    var organization: String
    var site: String?
    var scope: String
    var assessmentDate: String
    var asOf: String
    var assessors: String
    var combinedPercent: String
    var combinedCompleteness: String
    /// Combined completeness below 0.8: the combined figure is marked provisional.
    var combinedProvisional: Bool
    /// Whether any figure of the report is provisional (the summary explains the mark once).
    var hasProvisional: Bool
    /// Guidance standards among the checklists (SPEC §4 v2), each stated once.
    var guidanceNotes: [GuidanceNote]
    var hasGuidance: Bool
    /// CSS class of the combined score's band.
    var combinedBand: String
    /// The score bands with their names, for the legend of charts and heat maps.
    var bands: [Band]
    var checklists: [ChecklistRow]
    var gaps: [GapRow]
    var gapCount: Int
    var hasGaps: Bool
    /// The first gaps of the list, for the executive summary.
    var topGaps: [GapRow]
    /// Grades over every checklist.
    var gradeTotals: GradeTotals
    var unsupported: [UnsupportedRow]
    var hasUnsupported: Bool
    /// KPIs that miss their target on a claim of level 3 or more (SPEC §12).
    var notBorneOut: [NotBorneOutRow]
    var hasNotBorneOut: Bool
    /// Every KPI read against the latest period or wave ("measured indicators", SPEC §12).
    var measuredIndicators: [MeasuredIndicators.Row]
    var hasMeasuredIndicators: Bool
    var notApplicable: [NotApplicableRow]
    var hasNotApplicable: Bool
    var notAssessedCount: Int
    var hasNotAssessed: Bool
    var evidence: [EvidenceRow]
    var hasEvidence: Bool
    /// The action register, when the workspace has one.
    var actions: ActionsView?
    /// The implementation plan, when it was made.
    var plan: PlanView?
    /// The combined score's change since the baseline, when the manifest names one.
    var combinedChange: String? = nil
    /// The "since the baseline" section, when the manifest names a baseline.
    var baseline: BaselineView? = nil
    /// The combined score with its provisional mark when it is provisional, for places that show
    /// the figure away from the summary.
    var combinedFigure: String
    /// The assessor's narrative and document control (SPEC §11), when the workspace has one.
    var narrative: NarrativeView?
    /// The findings annex (SPEC §9 v2): every requirement of every checklist by clause, with the
    /// clause commentary, already written and escaped (see ``AnnexWriter``).
    var annexHTML: String
    var annexMarkdown: String
    /// The annex's rows themselves, for the formats that lay them out without a template (Word).
    var annex: [AnnexChecklist]
    /// The approvals of the assessment, each current or outdated (SPEC §15).
    var signoffs: [SignoffRow]
    var hasSignoffs: Bool

    init(_ input: ReportInput) {
        let score = input.score
        labels = input.resolvedLabels
        language = input.language.rawValue
        direction = input.language.isRightToLeft ? "rtl" : "ltr"
        isRightToLeft = input.language.isRightToLeft
        organization = input.manifest.organization
        site = input.manifest.site
        scope = input.manifest.scope
        assessmentDate = input.manifest.assessmentDate.description
        asOf = input.asOf.description
        assessors = input.manifest.assessors.map { assessor in
            // A Latin name before an Arabic role in brackets is isolated, or the bidi algorithm
            // pairs the brackets across the two runs and prints them at the wrong ends.
            let name = input.language.isRightToLeft ? MarkdownText.isolated(assessor.name) : assessor.name
            return assessor.role.map { "\(name) (\($0))" } ?? name
        }
        .joined(separator: input.language == .ar ? "، " : ", ")
        combinedPercent = Figures.percent(score.combined.percent)
        combinedCompleteness = Figures.completeness(score.combined.completeness)
        combinedProvisional = score.combined.isProvisional
        hasProvisional = score.combined.isProvisional || score.checklists.contains { $0.aggregate.isProvisional }
        // Said once per report, however many checklists are guidance standards.
        guidanceNotes =
            Self.guidanceSentence(input).map { sentence in
                [
                    GuidanceNote(
                        standard: score.checklists.filter { $0.checklist.nature == .guidance }.map(\.checklist.standard)
                            .joined(separator: ", "), text: sentence)
                ]
            } ?? []
        hasGuidance = !guidanceNotes.isEmpty
        combinedBand = ScoreBand(percent: score.combined.percent).className
        bands = ScoreBand.allCases.reversed().map { Band(name: input.label($0.labelKey), band: $0.className) }
        checklists = score.checklists.map { Self.checklistRow($0, input) }
        gradeTotals = GradeTotals(
            major: checklists.map(\.major).reduce(0, +), minor: checklists.map(\.minor).reduce(0, +),
            observation: checklists.map(\.observation).reduce(0, +),
            conforming: checklists.map(\.conforming).reduce(0, +),
            goodPractice: checklists.map(\.goodPractice).reduce(0, +), hasMajor: checklists.contains { $0.major > 0 })
        gaps = Self.gapRows(score, input)
        gapCount = gaps.count
        hasGaps = !gaps.isEmpty
        topGaps = Array(gaps.prefix(Self.topGapCount))
        unsupported = Self.unsupportedRows(score, input)
        hasUnsupported = !unsupported.isEmpty
        notBorneOut = Self.notBorneOutRows(score, input)
        hasNotBorneOut = !notBorneOut.isEmpty
        measuredIndicators = MeasuredIndicators.rows(input)
        hasMeasuredIndicators = !measuredIndicators.isEmpty
        notApplicable = score.requirements.filter { !$0.applicable }.map { requirement in
            NotApplicableRow(
                checklist: requirement.checklist, requirement: requirement.requirement.id,
                question: input.text(requirement.requirement.text),
                justification: input.justification(requirement.response) ?? "")
        }
        hasNotApplicable = !notApplicable.isEmpty
        notAssessedCount = score.requirements.filter { $0.applicable && $0.claimed == nil }.count
        hasNotAssessed = notAssessedCount > 0
        evidence = Self.evidenceRows(score, input)
        hasEvidence = !evidence.isEmpty
        actions = input.actions.map { Self.actionsView($0, input) }
        plan = input.planInput.map(PlanView.init)
        combinedFigure =
            score.combined.isProvisional
            ? "\(combinedPercent) \(input.label("provisional_mark"))" : combinedPercent
        narrative = Self.narrativeView(input.narrative, input)
        annex = Self.annex(input, labels: labels)
        let writer = AnnexWriter(checklists: annex, labels: labels)
        annexHTML = writer.html
        annexMarkdown = writer.markdown
        signoffs = Self.signoffRows(input)
        hasSignoffs = !signoffs.isEmpty
        applyBaseline(input)
    }

    /// One checklist's row: its figures, grade counts, clause table, bar chart and heat map.
    private static func checklistRow(_ checklist: ChecklistScore, _ input: ReportInput) -> ChecklistRow {
        let counts = checklist.gradeCounts
        let heatMap = Self.heatMap(checklist.clauses, input)
        return ChecklistRow(
            id: checklist.checklist.id, title: input.text(checklist.checklist.title),
            standard: checklist.checklist.standard,
            level: Figures.level(checklist.aggregate.level), percent: Figures.percent(checklist.aggregate.percent),
            completeness: Figures.completeness(checklist.aggregate.completeness),
            provisional: checklist.aggregate.isProvisional, assessed: checklist.aggregate.assessed,
            applicable: checklist.aggregate.applicable,
            total: checklist.aggregate.total,
            major: counts[.major] ?? 0, minor: counts[.minor] ?? 0, observation: counts[.observation] ?? 0,
            conforming: counts[.conforming] ?? 0, goodPractice: counts[.goodPractice] ?? 0,
            clauses: Self.rows(checklist.clauses, depth: 0, input),
            band: ScoreBand(percent: checklist.aggregate.percent).className,
            chart: SVGBarChart(
                bars: checklist.clauses.map {
                    .init(
                        key: $0.clause.id, label: input.text($0.clause.title), percent: $0.aggregate.percent,
                        figure: Figures.percent($0.aggregate.percent))
                },
                title: "\(checklist.checklist.standard): \(input.label("clause_scores"))",
                rightToLeft: input.language.isRightToLeft
            ).svg,
            heatMap: heatMap, hasSubclauses: heatMap.contains { $0.cells.contains { !$0.isBlank } },
            heatColumns: heatMap.first?.cells.count ?? 0)
    }

    /// The gap list, ranked.
    private static func gapRows(_ score: WorkspaceScore, _ input: ReportInput) -> [GapRow] {
        let natures = Dictionary(
            score.checklists.map { ($0.checklist.id, $0.checklist.nature) }, uniquingKeysWith: { first, _ in first })
        func nature(_ score: RequirementScore) -> ChecklistNature { natures[score.checklist] ?? .requirements }
        return score.gaps.enumerated().map { index, gap in
            GapRow(
                rank: index + 1, checklist: gap.checklist, requirement: gap.requirement.id,
                clause: gap.clausePath.last ?? "",
                question: input.text(gap.requirement.text), effective: gap.effective.map(String.init) ?? "—",
                target: String(gap.target), gap: gap.gap.map(String.init) ?? "—",
                priority: Figures.priority(gap.priority),
                grade: gap.grade.map { input.label(of: $0, nature: nature(gap)) } ?? "—",
                criticality: input.label("criticality_\(gap.requirement.criticality.rawValue)"),
                notes: gap.response?.notes.flatMap { $0.isEmpty ? nil : $0 },
                gradeClass: gap.grade?.rawValue ?? "")
        }
    }

    /// Claims the evidence does not support.
    private static func unsupportedRows(_ score: WorkspaceScore, _ input: ReportInput) -> [UnsupportedRow] {
        score.requirements.filter { $0.evidenceOK == false }.map { requirement in
            UnsupportedRow(
                checklist: requirement.checklist, requirement: requirement.requirement.id,
                question: input.text(requirement.requirement.text),
                claimed: requirement.claimed.map(String.init) ?? "—",
                effective: requirement.effective.map(String.init) ?? "—",
                validEvidence: String(requirement.validEvidence),
                evidenceTotal: String(requirement.evidence.count),
                reason: FindingWords.unsupported(requirement, input.language) ?? "",
                notes: requirement.response?.notes.flatMap { $0.isEmpty ? nil : $0 })
        }
    }

    /// KPIs that miss their target on a claim of level 3 or more.
    private static func notBorneOutRows(_ score: WorkspaceScore, _ input: ReportInput) -> [NotBorneOutRow] {
        input.notBorneOut.map { reading in
            let claimed = score.requirements.first {
                $0.checklist == reading.checklist && $0.requirement.id == reading.requirement
            }?.claimed
            return NotBorneOutRow(
                checklist: reading.checklist, requirement: reading.requirement,
                claimed: claimed.map(String.init) ?? "—", kpi: reading.result.kpi.id,
                period: reading.result.period ?? "—",
                value: reading.result.value.map(MeasureRounding.text) ?? "—",
                target: MeasureRounding.text(reading.result.kpi.target))
        }
    }

    /// Every evidence item with its status.
    private static func evidenceRows(_ score: WorkspaceScore, _ input: ReportInput) -> [EvidenceRow] {
        score.requirements.flatMap { requirement in
            requirement.evidence.map { scored in
                let (item, status) = (scored.item, scored.status)
                return EvidenceRow(
                    checklist: requirement.checklist, requirement: requirement.requirement.id,
                    type: input.label("type_\(item.type.rawValue)"),
                    ref: item.measured ? "\(item.ref) \(input.label("evidence_measured"))" : item.ref,
                    date: item.date?.description ?? "—",
                    file: item.file ?? "",
                    link: item.file.flatMap {
                        status == .missing || $0.isEmpty ? nil : Self.percentEncoded(input.evidenceLinkBase + $0)
                    },
                    status: input.label("status_\(status.rawValue)"), isValid: status == .valid)
            }
        }
    }

    private static func actionsView(_ tracker: ActionTracker, _ input: ReportInput) -> ActionsView {
        let separator = input.language == .ar ? "، " : ", "
        let roles = input.score.checklists.flatMap(\.checklist.roles)
        func roleName(_ id: String) -> String { roles.first { $0.id == id }.map { input.text($0.name) } ?? id }
        func status(_ status: ActionStatus) -> String {
            input.label("status_\(status.rawValue.replacingAll("-", with: "_"))")
        }
        let rows = ActionReport.ordered(tracker).map { action in
            let late = ActionReport.daysOverdue(action, tracker)
            return ActionRow(
                id: action.id, status: status(action.status), due: action.due.description,
                daysOverdue: late.map(String.init) ?? "",
                isOverdue: late != nil,
                owner: action.owner.map { "\($0) (\(roleName(action.ownerRole)))" } ?? roleName(action.ownerRole),
                title: action.title, requirements: action.requirements.map(\.description).joined(separator: " "),
                requirementList: action.requirements.map(\.description),
                statusClass: action.status.rawValue)
        }
        let uncovered = tracker.uncoveredGaps.map(\.key)
        // Achieved and projected rest on the same assessed requirements as the combined score.
        func marked(_ figure: String) -> String {
            tracker.score.combined.isProvisional ? "\(figure) \(input.label("provisional_mark"))" : figure
        }
        return ActionsView(
            total: tracker.register.actions.count,
            statusCounts: tracker.countsByStatus.map { "\(status($0.status)): \($0.count)" }.joined(
                separator: separator),
            overdueCount: tracker.overdue.count, hasOverdue: !tracker.overdue.isEmpty,
            dueSoonCount: tracker.dueSoon().count, uncoveredCount: uncovered.count,
            notEffective: tracker.foundNotEffective.map(\.id).joined(separator: separator),
            hasNotEffective: !tracker.foundNotEffective.isEmpty,
            projected: marked(Figures.percent(tracker.projected.percent)),
            achieved: marked(Figures.percent(tracker.achieved.percent)),
            rows: rows, uncovered: uncovered, uncoveredGroups: uncoveredGroups(tracker.uncoveredGaps, input),
            hasUncovered: !uncovered.isEmpty,
            chart: SVGBarChart(
                bars: [
                    (
                        tracker.score.combined.isProvisional
                            ? "\(input.label("score_now")) \(input.label("provisional_mark"))"
                            : input.label("score_now"),
                        tracker.score.combined.percent
                    ),
                    (input.label("actions_achieved"), tracker.achieved.percent),
                    (input.label("actions_projected"), tracker.projected.percent),
                ].map { .init(key: "", label: $0.0, percent: $0.1, figure: Figures.percent($0.1)) },
                title: input.label("actions"), rightToLeft: input.language.isRightToLeft
            ).svg)
    }

    /// Gaps grouped by checklist and top-level clause, groups in the order their first gap comes in
    /// the checklists.
    private static func uncoveredGroups(_ gaps: [RequirementScore], _ input: ReportInput) -> [UncoveredGroup] {
        var groups: [UncoveredGroup] = []
        var index: [String: Int] = [:]
        let order = Dictionary(
            input.score.checklists.enumerated().map { ($1.checklist.id, $0) }, uniquingKeysWith: { first, _ in first })
        let sorted = gaps.sorted {
            (order[$0.checklist] ?? 0, $0.position) < (order[$1.checklist] ?? 0, $1.position)
        }
        for gap in sorted {
            let clause = gap.clausePath.first ?? ""
            let key = "\(gap.checklist)\u{0}\(clause)"
            if let at = index[key] {
                groups[at].count += 1
                groups[at].requirements.append(gap.requirement.id)
                continue
            }
            let title =
                input.score.checklists.first { $0.checklist.id == gap.checklist }?.clauses.first {
                    $0.clause.id == clause
                }.map { input.text($0.clause.title) } ?? ""
            index[key] = groups.count
            groups.append(
                UncoveredGroup(
                    checklist: gap.checklist, clause: clause, title: title, count: 1,
                    requirements: [gap.requirement.id]))
        }
        return groups
    }

    /// A workspace-relative file path as a relative URL: every byte but unreserved characters and
    /// `/` percent-encoded, so a name with `:`, `#`, `?` or a space stays a path in the workspace
    /// (a first segment such as `javascript:` is never read as a scheme).
    static func percentEncoded(_ path: String) -> String {
        var result = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                result += "%"
                result.unicodeScalars.append(hex[Int(byte >> 4)])
                result.unicodeScalars.append(hex[Int(byte & 0x0F)])
            }
        }
        return result
    }

    /// How many gaps the executive summary lists.
    static let topGapCount = 5

    private static func heatMap(_ clauses: [ClauseScore], _ input: ReportInput) -> [HeatRow] {
        let width = clauses.map(\.children.count).max() ?? 0
        return clauses.map { clause in
            let cells = clause.children.map { child in
                HeatCell(
                    id: child.clause.id, title: input.text(child.clause.title),
                    figure: Figures.percentFigure(child.aggregate.percent),
                    band: ScoreBand(percent: child.aggregate.percent).className, isBlank: false)
            }
            return HeatRow(
                id: clause.clause.id, title: input.text(clause.clause.title),
                percent: Figures.percent(clause.aggregate.percent),
                band: ScoreBand(percent: clause.aggregate.percent).className,
                cells: cells, padding: width - cells.count, hasPadding: width > cells.count)
        }
    }

    private static func rows(_ clauses: [ClauseScore], depth: Int, _ input: ReportInput) -> [ClauseRow] {
        clauses.flatMap { clause in
            [
                ClauseRow(
                    id: clause.clause.id, title: input.text(clause.clause.title), depth: depth,
                    indent: String(repeating: "\u{00A0}\u{00A0}", count: depth),
                    level: Figures.level(clause.aggregate.level),
                    percent: Figures.percent(clause.aggregate.percent), bar: Figures.bar(clause.aggregate.percent),
                    isTop: depth == 0)
            ] + rows(clause.children, depth: depth + 1, input)
        }
    }
}

/// Renders reports through the templates.
public enum ReportRenderer {
    /// The Markdown report (template `report/report.md`).
    public static func markdown(_ input: ReportInput, templates: TemplateLibrary) throws(TemplateLibrary.Failure)
        -> String
    {
        try MarkdownText.rendering(rightToLeft: input.language.isRightToLeft) { () throws(TemplateLibrary.Failure) in
            try templates.render(ReportView(input), template: "report/report.md")
        }
    }

    /// The HTML report (template `report/report.html`): one self-contained page.
    public static func html(_ input: ReportInput, templates: TemplateLibrary) throws(TemplateLibrary.Failure)
        -> String
    {
        try templates.render(ReportView(input), template: "report/report.html")
    }
}
