public import IsogapModel

/// A checklist as a readable plain-text outline (`isogap show`): the scale, then every clause with
/// its requirements, guidance, expected evidence, weight, criticality, mappings and tasks.
public struct ChecklistOutline: Sendable {
    public var checklist: Checklist
    public var language: ReportLanguage
    /// Lines are wrapped to this many characters.
    public var width: Int
    /// Phase titles by phase id (from the phase template); a task's phase is shown by its title,
    /// or by its id when the template has no such phase.
    public var phaseTitles: [String: LocalizedText]

    public init(
        checklist: Checklist, language: ReportLanguage, width: Int = 100, phases: [PhaseTemplate.Phase] = []
    ) {
        self.checklist = checklist
        self.language = language
        self.width = width
        self.phaseTitles = Dictionary(phases.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
    }

    public func render() -> String {
        let lang = language.rawValue
        let labels = OutlineLabels(language)
        let requirementCount = checklist.requirementsInOrder.count
        var lines: [String] = []
        lines.append("\(checklist.standard) — \(checklist.title.resolved(lang))")
        lines.append(
            "\(checklist.id) · \(labels.version) \(checklist.version) · \(labels.requirementCount(requirementCount))")
        if !checklist.scale.isEmpty {
            lines.append("")
            lines.append(labels.scale)
            for level in checklist.scale {
                var text = level.label.resolved(lang)
                if let description = level.description { text += ": \(description.resolved(lang))" }
                lines += wrap(text, indent: 2, hanging: 5, lead: "\(level.level)  ")
            }
        }
        for clause in checklist.clauses { lines += outline(clause, depth: 0, labels: labels) }
        return lines.joined(separator: "\n") + "\n"
    }

    private func outline(_ clause: Clause, depth: Int, labels: OutlineLabels) -> [String] {
        let lang = language.rawValue
        let indent = depth * 2
        var lines = [""]
        lines += wrap("\(clause.id) \(clause.title.resolved(lang))", indent: indent, hanging: indent + 2)
        for requirement in clause.requirements {
            let body = indent + 4
            lines += wrap(
                requirement.text.resolved(lang), indent: indent + 2, hanging: body, lead: "\(requirement.id)  ")
            if let guidance = requirement.guidance {
                lines += wrap("\(labels.guidance): \(guidance.resolved(lang))", indent: body, hanging: body + 2)
            }
            var facts: [String] = []
            if !requirement.evidence.isEmpty {
                facts.append(
                    "\(labels.evidence): " + requirement.evidence.map(labels.name(of:)).joined(separator: labels.comma))
            }
            facts.append("\(labels.weight) \(Self.number(requirement.weight))")
            facts.append("\(labels.criticality): \(labels.name(of: requirement.criticality))")
            lines += wrap(facts.joined(separator: " · "), indent: body, hanging: body + 2)
            if !requirement.maps.isEmpty {
                let maps = requirement.maps.map(\.description).joined(separator: labels.comma)
                lines += wrap("\(labels.maps): \(maps)", indent: body, hanging: body + 2)
            }
            for task in requirement.tasks {
                let role = checklist.roles.first { $0.id == task.role }?.name.resolved(lang) ?? task.role
                let phase = phaseTitles[task.phase]?.resolved(lang) ?? task.phase
                let details = [role, FindingWords.personDays(task.effortDays, language), "\(labels.phase): \(phase)"]
                let text =
                    "\(labels.task) \(task.id): \(task.title.resolved(lang)) (\(details.joined(separator: labels.comma)))"
                lines += wrap(text, indent: body, hanging: body + 2)
            }
        }
        for child in clause.clauses { lines += outline(child, depth: depth + 1, labels: labels) }
        return lines
    }

    /// `2` rather than `2.0`, and `0.5` as written.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// Word-wraps `text` to ``width``: the first line indented by `indent` and starting with
    /// `lead`, the rest indented by `hanging`.
    func wrap(_ text: String, indent: Int, hanging: Int, lead: String = "") -> [String] {
        var lines: [String] = []
        var current = String(repeating: " ", count: indent) + lead
        var currentIsEmpty = true
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if !currentIsEmpty, current.count + 1 + word.count > width {
                lines.append(current)
                current = String(repeating: " ", count: hanging)
                currentIsEmpty = true
            }
            current += (currentIsEmpty ? "" : " ") + word
            currentIsEmpty = false
        }
        lines.append(current)
        return lines
    }
}

/// The outline's own words in each report language.
struct OutlineLabels {
    let language: ReportLanguage

    init(_ language: ReportLanguage) {
        self.language = language
    }

    private func pick(_ en: String, _ ar: String) -> String { language == .ar ? ar : en }

    var version: String { pick("version", "الإصدار") }
    var comma: String { pick(", ", "، ") }
    var phase: String { pick("phase", "المرحلة") }

    func requirementCount(_ count: Int) -> String {
        language == .ar ? "عدد المتطلبات: \(count)" : "\(count) requirement\(count == 1 ? "" : "s")"
    }
    var scale: String { pick("Maturity scale", "سُلّم مستوى النضج") }
    var guidance: String { pick("Guidance", "الإرشاد") }
    var evidence: String { pick("Evidence", "الأدلة") }
    var weight: String { pick("weight", "الوزن") }
    var criticality: String { pick("criticality", "درجة الأهمية") }
    var maps: String { pick("Maps to", "يرتبط بـ") }
    var task: String { pick("Task", "مهمة") }

    func name(of type: EvidenceType) -> String {
        switch type {
        case .document: pick("document", "وثيقة")
        case .record: pick("record", "سجل")
        case .interview: pick("interview", "مقابلة")
        case .observation: pick("observation", "ملاحظة ميدانية")
        }
    }

    func name(of criticality: Criticality) -> String {
        switch criticality {
        case .high: pick("high", "عالية")
        case .medium: pick("medium", "متوسطة")
        case .low: pick("low", "منخفضة")
        }
    }
}
