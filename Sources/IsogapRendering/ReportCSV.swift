internal import IsogapModel

/// The CSV report: one row per requirement of every checklist, for spreadsheets.
public enum ReportCSV {
    public static let header = [
        "checklist", "clause", "requirement", "question", "applicable", "claimed", "effective", "evidence_ok", "target",
        "gap", "priority", "grade", "evidence_count", "valid_evidence", "notes",
    ]

    public static func text(_ input: ReportInput) -> String {
        var writer = CSVWriter(header: header)
        for score in input.score.requirements {
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
                String(score.response?.evidence.count ?? 0),
                String(score.validEvidence),
                score.response?.notes ?? "",
            ])
        }
        return writer.text
    }
}
