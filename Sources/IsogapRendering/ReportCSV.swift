internal import IsogapModel

/// The CSV report: one row per requirement of every checklist, for spreadsheets.
public enum ReportCSV {
    public static let header = [
        "checklist", "clause", "requirement", "question", "applicable", "claimed", "effective", "evidence_ok", "target",
        "gap", "priority", "grade", "evidence_count", "valid_evidence", "notes", "justification", "evidence_missing",
        "evidence_changed", "evidence_expired", "evidence_future", "evidence_stale", "unsupported_reason",
        "checklist_provisional", "measured",
    ]

    public static func text(_ input: ReportInput) -> String {
        var writer = CSVWriter(header: header)
        let provisional = Dictionary(
            input.score.checklists.map { ($0.checklist.id, $0.aggregate.isProvisional) },
            uniquingKeysWith: { first, _ in first })
        for score in input.score.requirements {
            func count(_ status: EvidenceStatus) -> String {
                String(score.evidence.filter { $0.status == status }.count)
            }
            func optional(_ value: Int?) -> String { value.map(String.init) ?? "" }
            writer.append([
                score.checklist,
                score.clausePath.last ?? "",
                score.requirement.id,
                input.text(score.requirement.text),
                score.applicable ? "true" : "false",
                optional(score.claimed),
                optional(score.effective),
                score.evidenceOK.map { $0 ? "true" : "false" } ?? "",
                String(score.target),
                optional(score.gap),
                score.priority.map(Figures.priority) ?? "",
                score.grade?.rawValue ?? "",
                String(score.evidence.count),
                String(score.validEvidence),
                score.response?.notes ?? "",
                input.justification(score.response) ?? "",
                count(.missing), count(.changed), count(.expired), count(.future), count(.stale),
                FindingWords.unsupported(score, input.language) ?? "",
                (provisional[score.checklist] ?? false) ? "true" : "false",
                MeasuredIndicators.csvCell(checklist: score.checklist, requirement: score.requirement.id, input),
            ])
        }
        return writer.text
    }
}
