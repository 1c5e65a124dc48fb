internal import IsogapModel

/// The CSV report: one row per requirement of every checklist, for spreadsheets, then one row per
/// sign-off (column `record` tells them apart: `requirement` or `signoff`).
public enum ReportCSV {
    public static let header = [
        "checklist", "clause", "requirement", "question", "applicable", "claimed", "effective", "evidence_ok", "target",
        "gap", "priority", "grade", "evidence_count", "valid_evidence", "notes", "justification", "evidence_missing",
        "evidence_changed", "evidence_expired", "evidence_future", "evidence_stale", "unsupported_reason",
        "checklist_provisional", "measured", "evidence", "clause_commentary", "combined_provisional", "record",
        "signoff_by", "signoff_role", "signoff_decision", "signoff_date", "signoff_note", "signoff_digest",
        "signoff_current",
    ]

    public static func text(_ input: ReportInput) -> String {
        var writer = CSVWriter(header: header)
        let provisional = Dictionary(
            input.score.checklists.map { ($0.checklist.id, $0.aggregate.isProvisional) },
            uniquingKeysWith: { first, _ in first })
        let combinedProvisional = input.score.combined.isProvisional ? "true" : "false"
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
                evidence(score, input),
                commentary(score, input),
                combinedProvisional,
                "requirement", "", "", "", "", "", "", "",
            ])
        }
        for status in input.signoffs {
            let signoff = status.signoff
            writer.append(
                Array(repeating: "", count: header.count - 8) + [
                    "signoff", signoff.by, signoff.role, signoff.decision.rawValue, signoff.date.description,
                    signoff.note ?? "", signoff.digest, status.isCurrent ? "true" : "false",
                ])
        }
        return writer.text
    }

    /// Every evidence item of the requirement, one per line: `type | ref | date | expires | file |
    /// status`, with `(measured)` after the reference of a KPI added as evidence.
    static func evidence(_ score: RequirementScore, _ input: ReportInput) -> String {
        score.evidence.map { scored in
            let item = scored.item
            let ref = item.measured ? "\(item.ref) \(input.label("evidence_measured"))" : item.ref
            return [
                item.type.rawValue, ref, item.date?.description ?? "", item.expires?.description ?? "",
                item.file ?? "", scored.status.rawValue,
            ].joined(separator: " | ")
        }.joined(separator: "\n")
    }

    /// The assessor's commentary on the requirement's clause and the clauses above it, one per
    /// line as `clause: text`.
    static func commentary(_ score: RequirementScore, _ input: ReportInput) -> String {
        guard let narrative = input.narrative else { return "" }
        return score.clausePath.flatMap { clause in
            narrative.commentary(checklist: score.checklist, clause: clause).map { "\(clause): \(input.text($0))" }
        }.joined(separator: "\n")
    }
}
