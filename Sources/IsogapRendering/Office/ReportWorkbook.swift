public import Foundation
internal import IsogapModel

/// `report --format xlsx` (SPEC §14): summary, clauses, requirements (the findings), gaps, actions
/// and plan tasks, each a sheet with a frozen, filtered header row. Numbers are numbers, dates are
/// dates, and ids and clause numbers are text (`4.10` stays `4.10`).
public enum ReportWorkbook {
    public static func data(_ input: ReportInput) throws -> Data {
        try workbook(input).data()
    }

    static func workbook(_ input: ReportInput) -> XLSXWorkbook {
        typealias Cell = XLSXWorkbook.Cell
        let arabic = input.language == .ar
        func words(_ english: String, _ arabicText: String) -> String { arabic ? arabicText : english }
        func header(_ texts: [String]) -> [Cell] { texts.map { .text($0, .header) } }
        func integer(_ value: Int?) -> Cell { .number(value.map(Double.init), .integer) }
        func percent(_ value: Double?) -> Cell { .number(value.map { ($0 * 10).rounded() / 10 }, .decimal) }
        func level(_ value: Double?) -> Cell { .number(value.map { ($0 * 100).rounded() / 100 }) }
        func table(_ name: String, _ rows: [[Cell]], widths: [Double]) -> XLSXWorkbook.Sheet {
            var sheet = XLSXWorkbook.Sheet(name: name, rows: rows)
            sheet.widths = widths
            sheet.frozenRows = 1
            sheet.filter = rows.count > 1
            sheet.rightToLeft = arabic
            return sheet
        }
        let score = input.score
        let grades = Grade.allCases

        // Summary: one row per checklist and the combined figures.
        var summary: [[Cell]] = [
            header(
                [
                    input.label("checklist"), input.label("level"), input.label("percent"),
                    input.label("completeness"), input.label("assessed"), input.label("applicable"),
                    words("Provisional", "مؤقتة"),
                ] + grades.map { input.label(of: $0) })
        ]
        for checklist in score.checklists {
            let aggregate = checklist.aggregate
            summary.append(
                [
                    .text(checklist.checklist.id), level(aggregate.level), percent(aggregate.percent),
                    .number(aggregate.completeness.map { ($0 * 1000).rounded() / 1000 }, .decimal),
                    integer(aggregate.assessed), integer(aggregate.applicable),
                    .text(aggregate.isProvisional ? words("yes", "نعم") : words("no", "لا")),
                ] + grades.map { integer(checklist.gradeCounts[$0] ?? 0) })
        }
        let combined = score.combined
        summary.append([
            .text(input.label("combined")), .text(""), percent(combined.percent),
            .number(combined.completeness.map { ($0 * 1000).rounded() / 1000 }, .decimal), integer(combined.assessed),
            integer(combined.applicable), .text(combined.isProvisional ? words("yes", "نعم") : words("no", "لا")),
        ])
        summary.append([])
        summary.append([.text(input.label("organization"), .header), .text(input.manifest.organization)])
        summary.append([.text(input.label("scope"), .header), .text(input.manifest.scope, .wrapped)])
        summary.append([.text(input.label("assessment_date"), .header), .date(input.manifest.assessmentDate)])
        summary.append([.text(input.label("as_of"), .header), .date(input.asOf)])

        // Clauses, depth first.
        var clauses: [[Cell]] = [
            header([
                input.label("checklist"), input.label("clause"), input.label("title"), input.label("level"),
                input.label("percent"), input.label("assessed"), input.label("applicable"),
            ])
        ]
        func addClause(_ clause: ClauseScore, checklist: String) {
            clauses.append([
                .text(checklist), .text(clause.clause.id), .text(input.text(clause.clause.title), .wrapped),
                level(clause.aggregate.level), percent(clause.aggregate.percent), integer(clause.aggregate.assessed),
                integer(clause.aggregate.applicable),
            ])
            for child in clause.children { addClause(child, checklist: checklist) }
        }
        for checklist in score.checklists {
            for clause in checklist.clauses { addClause(clause, checklist: checklist.checklist.id) }
        }

        // Requirements: the findings annex.
        let requirementHeader = [
            input.label("checklist"), input.label("clause"), input.label("requirement"), input.label("question"),
            input.label("applicable"), input.label("claimed"), input.label("effective"), input.label("target"),
            input.label("gap"), input.label("priority"), input.label("grade"), words("Evidence items", "عدد الأدلة"),
            input.label("evidence_valid"), input.label("unsupported_reason"), input.label("notes"),
            input.label("justification"),
        ]
        func requirementRow(_ requirement: RequirementScore) -> [Cell] {
            [
                .text(requirement.checklist), .text(requirement.clausePath.last ?? ""),
                .text(requirement.requirement.id),
                .text(input.text(requirement.requirement.text), .wrapped),
                .text(requirement.applicable ? words("yes", "نعم") : words("no", "لا")), integer(requirement.claimed),
                integer(requirement.effective), integer(requirement.target), integer(requirement.gap),
                level(requirement.priority), .text(requirement.grade.map { input.label(of: $0) } ?? ""),
                integer(requirement.evidence.count), integer(requirement.validEvidence),
                .text(FindingWords.unsupported(requirement, input.language) ?? "", .wrapped),
                .text(requirement.response?.notes ?? "", .wrapped),
                .text(requirement.response?.justification ?? "", .wrapped),
            ]
        }
        let requirementWidths: [Double] = [16, 8, 11, 50, 10, 9, 9, 8, 6, 9, 13, 9, 9, 40, 36, 30]
        let requirements = [header(requirementHeader)] + score.requirements.map(requirementRow)
        let gaps = [header(requirementHeader)] + score.gaps.map(requirementRow)

        // Actions.
        var actions: [[Cell]] = [
            header([
                input.label("action"), input.label("action_title"), input.label("requirement"),
                words("Type", "النوع"), input.label("action_status"), input.label("role"),
                input.label("action_owner"), words("Opened", "تاريخ الفتح"), input.label("action_due"),
                input.label("action_days_overdue"),
            ])
        ]
        if let tracker = input.actions {
            let overdue = Dictionary(
                tracker.overdue.map { ($0.action.id, $0.daysOverdue) }, uniquingKeysWith: { first, _ in first })
            for action in tracker.register.actions {
                actions.append([
                    .text(action.id), .text(action.title, .wrapped),
                    .text(action.requirements.map(\.description).joined(separator: ", "), .wrapped),
                    .text(action.type.rawValue), .text(action.status.rawValue), .text(action.ownerRole),
                    .text(action.owner ?? ""), .date(action.opened), .date(action.due), integer(overdue[action.id]),
                ])
            }
        }

        // Plan tasks.
        var tasks: [[Cell]] = [
            header([
                words("Key", "المفتاح"), input.label("task"), input.label("phase"), input.label("role"),
                words("Effort (person-days)", "الجهد (أيام عمل)"), input.label("plan_start"),
                input.label("plan_finish"), input.label("working_days"), input.label("late_start"),
                input.label("late_finish"), words("Slack (days)", "الفسحة (أيام)"), input.label("critical"),
                words("Requirements", "المتطلبات"),
            ])
        ]
        if let planInput = input.planInput {
            for task in planInput.plan.tasks {
                tasks.append([
                    .text(task.key), .text(planInput.title(of: task), .wrapped),
                    .text(planInput.phaseTitle(task.phase)),
                    .text(task.role), .number(task.item.effortDays), .date(task.start), .date(task.finish),
                    integer(task.workingDays), .date(task.lateStart), .date(task.lateFinish), integer(task.slack),
                    .text(task.critical ? words("yes", "نعم") : words("no", "لا")),
                    .text(task.item.requirements.map(\.description).joined(separator: ", "), .wrapped),
                ])
            }
        }
        let title = "\(input.label("report_title")) — \(input.manifest.organization)"
        return XLSXWorkbook(
            title: title,
            sheets: [
                table(
                    words("Summary", "الملخص"), summary, widths: [22, 12, 10, 13, 10, 11, 11] + grades.map { _ in 12 }),
                table(words("Clauses", "البنود"), clauses, widths: [16, 8, 50, 12, 10, 10, 11]),
                table(words("Requirements", "المتطلبات"), requirements, widths: requirementWidths),
                table(words("Gaps", "الفجوات"), gaps, widths: requirementWidths),
                table(words("Actions", "الإجراءات"), actions, widths: [10, 40, 22, 12, 12, 20, 18, 12, 12, 10]),
                table(words("Plan", "الخطة"), tasks, widths: [26, 44, 24, 20, 10, 12, 12, 10, 12, 12, 9, 9, 24]),
            ])
    }
}
