public import IsogapModel

/// Everything a report is made from: the workspace's manifest, its scores, the date figures are
/// given as of, the language and the report's own labels.
public struct ReportInput: Sendable {
    public var manifest: WorkspaceManifest
    /// The scores, with every evidence item's status and every unsupported claim's reason.
    public var score: WorkspaceScore
    /// The date time-dependent figures are computed for (`--as-of`, default today).
    public var asOf: CalendarDate
    public var language: ReportLanguage
    public var labels: LabelCatalog
    /// The action register as of ``asOf``, when the workspace has one.
    public var actions: ActionTracker?
    /// The implementation plan, when it was made.
    public var plan: Plan?
    /// Every KPI reading per supported requirement (SPEC §12 `requirements[].measured`).
    public var measured: [MeasuredEvidence.Reading]
    /// KPIs that miss their target on a claim of level 3 or more: "data does not bear out the claim".
    public var notBorneOut: [MeasuredEvidence.Reading]
    /// The KPIs read against the latest period or wave ("measured indicators"), when measured.
    public var kpis: [KPIResult]
    /// The workspace folder as seen from the folder the HTML report is saved in, ending in `/`
    /// (`../site-a/`); empty when the report sits in the workspace itself. Evidence files are
    /// linked relative to it.
    public var evidenceLinkBase = ""
    /// The comparison with the baseline assessment the manifest names (`baseline:`), if any.
    public var baseline: Comparison? = nil
    /// The assessor's narrative (SPEC §11), when the workspace has one.
    public var narrative: Narrative?
    /// The sign-offs with whether each still matches the workspace (SPEC §15), in file order.
    public var signoffs: [SignoffStatus]

    public init(
        manifest: WorkspaceManifest, score: WorkspaceScore, asOf: CalendarDate,
        language: ReportLanguage, labels: LabelCatalog, actions: ActionTracker? = nil, plan: Plan? = nil,
        measured: [MeasuredEvidence.Reading] = [], notBorneOut: [MeasuredEvidence.Reading] = [],
        kpis: [KPIResult] = [], narrative: Narrative? = nil, signoffs: [SignoffStatus] = []
    ) {
        self.kpis = kpis
        self.narrative = narrative
        self.signoffs = signoffs
        self.measured = measured
        self.notBorneOut = notBorneOut
        self.manifest = manifest.localized(language)
        self.score = score
        self.asOf = asOf
        self.language = language
        self.labels = labels
        self.actions = actions
        self.plan = plan
    }

    /// The plan as plan documents see it.
    var planInput: PlanInput? {
        plan.map { PlanInput(manifest: manifest, plan: $0, asOf: asOf, language: language, labels: labels) }
    }

    /// A text of the checklists in the report language (English where a translation is missing).
    func text(_ text: LocalizedText) -> String {
        text.resolved(language.rawValue)
    }

    /// Why a requirement does not apply, in the report language when the manifest's
    /// `not_applicable:` gave it (English where a translation is missing).
    func justification(_ response: Response?) -> String? {
        response?.justificationText.map(text) ?? response?.justification
    }

    /// A label of the report in its language.
    func label(_ key: String) -> String {
        if isAllGuidance, Self.guidanceKeys.contains(key) { return labels.text("\(key)_guidance", language) }
        return labels.text(key, language)
    }

    func label(of grade: Grade) -> String {
        switch grade {
        case .major: label("grade_major")
        case .minor: label("grade_minor")
        case .observation: label("grade_observation")
        case .conforming: label("grade_conforming")
        case .goodPractice: label("grade_good_practice")
        }
    }

    /// A grade in the words of the checklist's nature: a guidance standard "meets target" where a
    /// requirements standard is "conforming" (SPEC §4 v2).
    func label(of grade: Grade, nature: ChecklistNature) -> String {
        nature == .guidance && grade == .conforming ? label("grade_conforming_guidance") : label(of: grade)
    }

    /// Whether every checklist of the report is guidance, so that headings say "criterion".
    var isAllGuidance: Bool {
        !score.checklists.isEmpty && score.checklists.allSatisfy { $0.checklist.nature == .guidance }
    }

    /// The report's labels in its language, in the words of guidance standards when every checklist
    /// is one.
    var resolvedLabels: [String: String] {
        var labels = labels.resolved(language)
        if isAllGuidance {
            for key in Self.guidanceKeys {
                if let guidance = labels["\(key)_guidance"] { labels[key] = guidance }
            }
        }
        return labels
    }

    /// Labels that have a `<key>_guidance` wording for guidance standards.
    static let guidanceKeys = [
        "requirement", "requirements", "grade_conforming", "not_applicable", "no_gaps", "gaps_intro", "not_assessed",
        "annex_intro",
    ]
}

/// How figures are written in reports: rounded as SPEC §6 says, a dash where nothing is assessed.
/// Percentages always show one decimal ("36.0%" beside "51.5%"), so figures line up and read alike.
enum Figures {
    static func percent(_ value: Double?) -> String {
        value.map { "\(oneDecimal(Rounding.percent($0)))%" } ?? "—"
    }

    /// A percentage figure without its sign, to one decimal (for cells whose heading says "%").
    static func percentFigure(_ value: Double?) -> String {
        value.map { oneDecimal(Rounding.percent($0)) } ?? "—"
    }

    /// A value already rounded to one decimal, written with exactly one decimal.
    static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((abs(value) * 10).rounded())
        return "\(value < 0 && tenths > 0 ? "-" : "")\(tenths / 10).\(tenths % 10)"
    }

    static func level(_ value: Double?) -> String {
        value.map { JSONValue.format(Rounding.level($0)) } ?? "—"
    }

    static func completeness(_ value: Double?) -> String {
        value.map { "\(oneDecimal(Rounding.percent(100 * $0)))%" } ?? "—"
    }

    static func priority(_ value: Double?) -> String {
        value.map { JSONValue.format(Rounding.priority($0)) } ?? "—"
    }

    static func number(_ value: Double) -> String {
        JSONValue.format(value)
    }

    /// A bar of ten cells for a percentage, for text charts.
    static func bar(_ percent: Double?) -> String {
        guard let percent else { return "" }
        let filled = Int(Rounding.halfAwayFromZero(percent / 10, places: 0))
        return String(repeating: "█", count: filled) + String(repeating: "░", count: 10 - filled)
    }
}

extension ReportLanguage {
    /// Whether the language is written right to left (reports mirror their layout and charts).
    var isRightToLeft: Bool { self == .ar }
}
