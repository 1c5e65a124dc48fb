public import Foundation
internal import IsogapModel

/// `report --format xlsx` (SPEC §14): summary, clauses, requirements (the findings), gaps, actions
/// and plan tasks, each a sheet with a frozen, filtered header row, and the assessor's narrative and
/// the sign-offs when the workspace has them (SPEC §9 v2). Numbers are numbers, dates are dates, and
/// ids and clause numbers are text (`4.10` stays `4.10`). Every word of the sheets, their names
/// included, comes from the label catalogue, so a `--templates` labels file changes them.
public enum ReportWorkbook {
    public static func data(_ input: ReportInput) throws -> Data {
        try workbook(input).data()
    }

    static func workbook(_ input: ReportInput) -> XLSXWorkbook {
        typealias Cell = XLSXWorkbook.Cell
        let arabic = input.language == .ar
        func yesNo(_ value: Bool) -> Cell { .text(input.label(value ? "answer_yes" : "answer_no")) }
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
                    input.label("provisional"),
                ] + grades.map { input.label(of: $0) })
        ]
        for checklist in score.checklists {
            let aggregate = checklist.aggregate
            summary.append(
                [
                    .text(checklist.checklist.id), level(aggregate.level), percent(aggregate.percent),
                    .number(aggregate.completeness.map { ($0 * 1000).rounded() / 1000 }, .decimal),
                    integer(aggregate.assessed), integer(aggregate.applicable),
                    yesNo(aggregate.isProvisional),
                ] + grades.map { integer(checklist.gradeCounts[$0] ?? 0) })
        }
        let combined = score.combined
        summary.append([
            .text(input.label("combined")), .text(""), percent(combined.percent),
            .number(combined.completeness.map { ($0 * 1000).rounded() / 1000 }, .decimal), integer(combined.assessed),
            integer(combined.applicable), yesNo(combined.isProvisional),
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
            input.label("gap"), input.label("priority"), input.label("grade"), input.label("evidence_items"),
            input.label("evidence_valid"), input.label("unsupported_reason"), input.label("notes"),
            input.label("justification"),
        ]
        func requirementRow(_ requirement: RequirementScore) -> [Cell] {
            [
                .text(requirement.checklist), .text(requirement.clausePath.last ?? ""),
                .text(requirement.requirement.id),
                .text(input.text(requirement.requirement.text), .wrapped),
                yesNo(requirement.applicable), integer(requirement.claimed),
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
                input.label("action_type"), input.label("action_status"), input.label("role"),
                input.label("action_owner"), input.label("action_opened"), input.label("action_due"),
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
                input.label("task_key"), input.label("task"), input.label("phase"), input.label("role"),
                input.label("person_days"), input.label("plan_start"), input.label("plan_finish"),
                input.label("working_days"), input.label("late_start"), input.label("late_finish"),
                input.label("slack"), input.label("critical"), input.label("requirements"),
            ])
        ]
        if let planInput = input.planInput {
            for task in planInput.plan.tasks {
                tasks.append([
                    .text(task.key), .text(planInput.title(of: task), .wrapped),
                    .text(planInput.phaseTitle(task.phase)),
                    .text(task.role), .number(task.item.effortDays), .date(task.start), .date(task.finish),
                    integer(task.workingDays), .date(task.lateStart), .date(task.lateFinish), integer(task.slack),
                    yesNo(task.critical),
                    .text(task.item.requirements.map(\.description).joined(separator: ", "), .wrapped),
                ])
            }
        }
        // The assessor's narrative: document control, summary, strengths, recommendations, method,
        // then the clause commentary by checklist and clause.
        var narrative: [[Cell]] = []
        if let view = ReportView.narrativeView(input.narrative, input) {
            func add(_ key: String, _ text: String, checklist: String = "", clause: String = "") {
                narrative.append([.text(input.label(key)), .text(checklist), .text(clause), .text(text, .wrapped)])
            }
            if let control = view.document {
                if let title = control.title { add("document_title", title) }
                if let reference = control.reference { add("document_reference", reference) }
                if let version = control.version { add("document_version", version) }
                if let status = control.status { add("document_status", status) }
                for recipient in control.distribution { add("document_distribution", recipient) }
            }
            for paragraph in view.summary?.paragraphs ?? [] { add("narrative_summary", paragraph) }
            for strength in view.strengths { add("narrative_strengths", strength) }
            for recommendation in view.recommendations { add("narrative_recommendations", recommendation) }
            for paragraph in view.method?.paragraphs ?? [] { add("narrative_method", paragraph) }
            for checklist in score.checklists.map(\.checklist) {
                for clause in checklist.clausesInOrder {
                    for text in input.narrative?.commentary(checklist: checklist.id, clause: clause.id) ?? [] {
                        let paragraphs = ReportView.Paragraphs(input.text(text)).paragraphs
                        add(
                            "clause_commentary", paragraphs.joined(separator: "\n\n"), checklist: checklist.id,
                            clause: clause.id)
                    }
                }
            }
            if !narrative.isEmpty {
                narrative.insert(
                    header([
                        input.label("narrative_section"), input.label("checklist"), input.label("clause"),
                        input.label("narrative_text"),
                    ]), at: 0)
            }
        }

        // The sign-offs, each current or outdated against the workspace as it is.
        var signoffs: [[Cell]] = []
        if !input.signoffs.isEmpty {
            signoffs.append(
                header([
                    input.label("signoff_by"), input.label("signoff_role"), input.label("signoff_decision"),
                    input.label("signoff_date"), input.label("signoff_state"), input.label("signoff_note"),
                    input.label("signoff_digest"),
                ]))
            for (status, row) in zip(input.signoffs, ReportView.signoffRows(input)) {
                signoffs.append([
                    .text(row.by), .text(row.role), .text(row.decision), .date(status.signoff.date), .text(row.state),
                    .text(row.note ?? "", .wrapped), .text(row.digest),
                ])
            }
        }

        let title = "\(input.label("report_title")) — \(input.manifest.organization)"
        var sheets = [
            table(
                input.label("sheet_summary"), summary, widths: [22, 12, 10, 13, 10, 11, 11] + grades.map { _ in 12 }),
            table(input.label("sheet_clauses"), clauses, widths: [16, 8, 50, 12, 10, 10, 11]),
            table(input.label("sheet_requirements"), requirements, widths: requirementWidths),
            table(input.label("sheet_gaps"), gaps, widths: requirementWidths),
            table(input.label("sheet_actions"), actions, widths: [10, 40, 22, 12, 12, 20, 18, 12, 12, 10]),
            table(input.label("sheet_plan"), tasks, widths: [26, 44, 24, 20, 10, 12, 12, 10, 12, 12, 9, 9, 24]),
        ]
        if !narrative.isEmpty {
            sheets.append(table(input.label("sheet_narrative"), narrative, widths: [26, 16, 9, 90]))
        }
        if !signoffs.isEmpty {
            sheets.append(table(input.label("signoffs"), signoffs, widths: [24, 22, 18, 12, 24, 40, 66]))
        }
        // Labels come from a file a user may change: the names are made valid and told apart.
        var used: Set<String> = []
        for index in sheets.indices {
            sheets[index].name = sheetName(sheets[index].name, number: index + 1, used: &used)
        }
        return XLSXWorkbook(title: title, sheets: sheets)
    }

    /// `name` as a valid sheet name that no earlier sheet has: without `[]:*?/\`, without an
    /// apostrophe at either end, at most 31 UTF-16 units, not empty and not "History" (which
    /// spreadsheet programs keep for themselves); a number tells apart names that clash, ignoring case.
    static func sheetName(_ name: String, number: Int, used: inout Set<String>) -> String {
        let forbidden = Set("[]:*?/\\")
        var base = String(name.filter { !forbidden.contains($0) && !$0.isNewline })
        while base.hasPrefix("'") || base.hasPrefix(" ") { base.removeFirst() }
        while base.hasSuffix("'") || base.hasSuffix(" ") { base.removeLast() }
        if base.isEmpty || base.lowercased() == "history" { base = "Sheet\(number)" }
        func fitted(_ text: String, suffix: String) -> String {
            var result = ""
            for character in text {
                guard (result + String(character) + suffix).utf16.count <= 31 else { break }
                result.append(character)
            }
            return result + suffix
        }
        var candidate = fitted(base, suffix: "")
        var counter = 2
        while used.contains(candidate.lowercased()) {
            candidate = fitted(base, suffix: " (\(counter))")
            counter += 1
        }
        used.insert(candidate.lowercased())
        return candidate
    }
}
