internal import IsogapModel

/// The terminal summary of `isogap score`: per checklist level, percent, completeness and grade
/// counts, then the ten gaps of highest priority.
public enum ScoreSummary {
    public static func text(_ input: ReportInput, topGaps: Int = 10) -> String {
        let score = input.score
        var lines: [String] = []
        var heading = input.manifest.organization
        if let site = input.manifest.site { heading += " — \(site)" }
        lines.append("\(heading) · \(input.label("assessment_date")) \(input.manifest.assessmentDate)")
        let mark = " " + input.label("provisional_mark")
        lines.append(
            "\(input.label("combined")): \(Figures.percent(score.combined.percent))\(score.combined.isProvisional ? mark : "") · \(input.label("completeness")): \(Figures.completeness(score.combined.completeness))"
        )
        for checklist in score.checklists where checklist.checklist.nature == .guidance {
            lines.append(
                input.label("guidance_standard").replacingAll("{standard}", with: checklist.checklist.standard))
        }
        lines.append("")
        let grades: [Grade] = [.major, .minor, .observation, .conforming, .goodPractice]
        var table: [[String]] = [
            [input.label("checklist"), input.label("level"), input.label("percent"), input.label("completeness")]
                + grades.map(input.label(of:))
        ]
        for checklist in score.checklists {
            let counts = checklist.gradeCounts
            table.append(
                [
                    checklist.checklist.id, Figures.level(checklist.aggregate.level),
                    Figures.percent(checklist.aggregate.percent) + (checklist.aggregate.isProvisional ? mark : ""),
                    "\(Figures.completeness(checklist.aggregate.completeness)) (\(checklist.aggregate.assessed)/\(checklist.aggregate.applicable))",
                ] + grades.map { String(counts[$0] ?? 0) })
        }
        lines += columns(table, rightAligned: Set(1..<table[0].count))
        lines.append("")
        let shown = score.gaps.prefix(topGaps)
        lines.append("\(input.label("gaps")): \(shown.count) / \(score.gaps.count)")
        var gapTable: [[String]] = [
            [
                "#", input.label("requirement"), "\(input.label("effective"))→\(input.label("target"))",
                input.label("gap"),
                input.label("priority"), input.label("grade"), input.label("question"),
            ]
        ]
        func nature(_ gap: RequirementScore) -> ChecklistNature {
            score.checklists.first { $0.checklist.id == gap.checklist }?.checklist.nature ?? .requirements
        }
        for (index, gap) in shown.enumerated() {
            gapTable.append([
                String(index + 1), gap.key, "\(gap.effective.map(String.init) ?? "—")→\(gap.target)",
                gap.gap.map(String.init) ?? "—", Figures.priority(gap.priority),
                gap.grade.map { input.label(of: $0, nature: nature(gap)) } ?? "—",
                truncated(input.text(gap.requirement.text), 70),
            ])
        }
        if !shown.isEmpty { lines += columns(gapTable, rightAligned: [0, 3, 4]) }
        let unsupported = score.requirements.filter { $0.unsupported != nil }
        if !unsupported.isEmpty {
            lines.append("")
            lines.append("\(input.label("unsupported")): \(unsupported.count)")
            for requirement in unsupported.prefix(topGaps) {
                lines.append("  \(requirement.key): \(FindingWords.unsupported(requirement, input.language) ?? "")")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Rows laid out in columns two spaces apart.
    static func columns(_ rows: [[String]], rightAligned: Set<Int>) -> [String] {
        let widths = (0..<(rows.first?.count ?? 0)).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                if column == row.count - 1 && !rightAligned.contains(column) { return cell }
                return rightAligned.contains(column) ? padding + cell : cell + padding
            }.joined(separator: "  ")
        }
    }

    static func truncated(_ text: String, _ length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }
}
