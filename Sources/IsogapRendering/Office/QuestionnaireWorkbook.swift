internal import Foundation
public import IsogapModel

/// The questionnaire workbook of `isogap export xlsx` (SPEC §14): instructions, one protected sheet
/// per checklist with the answers filled in, the scales, and a hidden sheet that lets
/// `import xlsx` check the workbook belongs to the workspace.
public enum QuestionnaireWorkbook {
    /// The workbook for `checklists` and their `assessments` (same order), in `language`.
    public static func workbook(
        manifest: WorkspaceManifest, checklists: [Checklist], assessments: [Assessment], language: ReportLanguage
    ) -> XLSXWorkbook {
        let arabic = language == .ar
        var scaleRows: [[XLSXWorkbook.Cell]] = [
            [
                .text(arabic ? "قائمة التحقق" : "Checklist", .header), .text(arabic ? "المستوى" : "Level", .header),
                .text(arabic ? "التسمية" : "Label", .header), .text(arabic ? "الوصف" : "Description", .header),
                .text(arabic ? "الاختيار" : "Choice", .header),
            ]
        ]
        var checklistSheets: [XLSXWorkbook.Sheet] = []
        var metadata: [[XLSXWorkbook.Cell]] = [
            [.text("key", .header), .text("value", .header), .text("checklist", .header), .text("version", .header)],
            [.text("format"), .text(Questionnaire.formatVersion)],
            [.text("organization"), .text(manifest.organization)],
            [.text("assessment_date"), .text(manifest.assessmentDate.description)],
            [.text("language"), .text(language.rawValue)],
        ]
        let scaleSheet = arabic ? "المقياس" : "Scale"
        var usedNames: Set<String> = [scaleSheet, Questionnaire.metadataSheet, instructionsName(language)]
        for (checklist, assessment) in zip(checklists, assessments) {
            let first = scaleRows.count + 1
            for level in checklist.scale {
                scaleRows.append([
                    .text(checklist.id), .number(Double(level.level), .integer),
                    .text(level.label.resolved(language.rawValue), .wrapped),
                    .text(level.description?.resolved(language.rawValue) ?? "", .wrapped),
                    .text(Questionnaire.levelChoice(level, language)),
                ])
            }
            let last = scaleRows.count
            let name = sheetName(for: checklist.id, taken: usedNames)
            usedNames.insert(name)
            metadata.append([.text("sheet"), .text(name), .text(checklist.id), .text(checklist.version)])
            var sheet = checklistSheet(checklist, assessment: assessment, name: name, language: language)
            let rows = 2...max(2, sheet.rows.count)
            sheet.validations = [
                .init(
                    column: Questionnaire.Column.level.rawValue, rows: rows,
                    source: "'\(scaleSheet)'!$E$\(first):$E$\(last)"),
                .init(
                    column: Questionnaire.Column.applicable.rawValue, rows: rows,
                    source:
                        "\"\(Questionnaire.applicableWord(true, language)),\(Questionnaire.applicableWord(false, language))\""
                ),
            ]
            checklistSheets.append(sheet)
        }
        var scale = XLSXWorkbook.Sheet(name: scaleSheet, rows: scaleRows)
        scale.widths = [18, 8, 22, 60, 26]
        scale.frozenRows = 1
        scale.rightToLeft = arabic
        scale.protected = true
        var hidden = XLSXWorkbook.Sheet(name: Questionnaire.metadataSheet, rows: metadata)
        hidden.hidden = true
        hidden.protected = true
        let title =
            arabic
            ? "استبيان التقييم — \(manifest.organization)" : "Assessment questionnaire — \(manifest.organization)"
        return XLSXWorkbook(
            title: title,
            sheets: [instructions(manifest: manifest, checklists: checklists, language: language, title: title)]
                + checklistSheets + [scale, hidden])
    }

    static func instructionsName(_ language: ReportLanguage) -> String {
        language == .ar ? "التعليمات" : "Instructions"
    }

    /// A tab name made from the checklist id: at most 31 characters, unique in the workbook.
    static func sheetName(for id: String, taken: Set<String>) -> String {
        let base = String(id.prefix(31))
        var name = base
        var number = 2
        while taken.contains(name) {
            let suffix = "-\(number)"
            name = String(base.prefix(31 - suffix.count)) + suffix
            number += 1
        }
        return name
    }

    private static func instructions(
        manifest: WorkspaceManifest, checklists: [Checklist], language: ReportLanguage, title: String
    ) -> XLSXWorkbook.Sheet {
        let lines: [String] =
            language == .ar
            ? [
                "املأ الأعمدة الملونة فقط في كل ورقة قائمة تحقق؛ الأعمدة الأخرى مقفلة (الحماية بلا كلمة مرور).",
                "المستوى: اختر من القائمة (الرقم والتسمية)، أو اتركه فارغًا إذا لم يُقيَّم المتطلب بعد.",
                "منطبق: نعم أو لا. عند اختيار «لا» اكتب المبرر واترك المستوى فارغًا.",
                "المستوى المستهدف: رقم من المقياس، أو فارغ لاستخدام هدف مساحة العمل.",
                "الأدلة: دليل في كل سطر بالصيغة type | ref | date | file، حيث type أحد: document أو record أو interview أو observation، والتاريخ YYYY-MM-DD، والتاريخ والملف اختياريان.",
                "لا تكتب صيغًا، ولا تعد تسمية الأوراق أو ترتيب الصفوف.",
                "أعد الملف إلى المقيّم ليستورده بالأمر: isogap import xlsx FILE",
            ]
            : [
                "Fill in only the shaded columns of each checklist sheet; the other columns are locked (the protection has no password).",
                "Level: pick from the list (number and label), or leave it empty while the requirement is not assessed.",
                "Applicable: yes or no. For no, write the justification and leave the level empty.",
                "Target level: a number of the scale, or empty for the workspace's target.",
                "Evidence: one item per line as type | ref | date | file, where type is document, record, interview or observation, the date is YYYY-MM-DD, and date and file are optional.",
                "Do not enter formulas, rename sheets or reorder rows.",
                "Return the file to the assessor, who reads it back with: isogap import xlsx FILE",
            ]
        var rows: [[XLSXWorkbook.Cell]] = [[.text(title, .title)], []]
        let facts: [(String, String, String)] = [
            ("Organization", "المنظمة", manifest.organization),
            ("Scope", "النطاق", manifest.scope),
            ("Assessment date", "تاريخ التقييم", manifest.assessmentDate.description),
            (
                "Checklists", "قوائم التحقق",
                checklists.map { "\($0.title.resolved(language.rawValue)) (\($0.id))" }.joined(separator: "\n")
            ),
        ]
        for (english, arabic, value) in facts {
            rows.append([.text(language == .ar ? arabic : english, .header), .text(value, .wrapped)])
        }
        rows.append([])
        for (index, line) in lines.enumerated() {
            rows.append([.number(Double(index + 1), .integer), .text(line, .wrapped)])
        }
        var sheet = XLSXWorkbook.Sheet(name: instructionsName(language), rows: rows)
        sheet.widths = [22, 100]
        sheet.rightToLeft = language == .ar
        return sheet
    }

    private static func checklistSheet(
        _ checklist: Checklist, assessment: Assessment, name: String, language: ReportLanguage
    ) -> XLSXWorkbook.Sheet {
        let tag = language.rawValue
        var rows: [[XLSXWorkbook.Cell]] = [Questionnaire.Column.allCases.map { .text($0.header(language), .header) }]
        let responses = Dictionary(
            assessment.responses.map { ($0.requirement, $0) }, uniquingKeysWith: { first, _ in first })
        for (requirement, clauses) in checklist.requirementsInOrder {
            let response = responses[requirement.id]
            let answers = Questionnaire.answers(response, scale: checklist.scale, language: language)
            rows.append([
                .text(requirement.id), .text(clauses.last?.id ?? ""), .text(requirement.text.resolved(tag), .wrapped),
                .text(requirement.guidance?.resolved(tag) ?? "", .wrapped),
                .text(requirement.evidence.map(\.rawValue).joined(separator: ", "), .wrapped),
                .text(answers.level, .answer), .text(answers.applicable, .answer),
                .text(answers.justification, .answer),
                .text(answers.target, .answer), .text(answers.evidence, .answer), .text(answers.notes, .answer),
            ])
        }
        var sheet = XLSXWorkbook.Sheet(name: name, rows: rows)
        sheet.widths = Questionnaire.Column.allCases.map(\.width)
        sheet.frozenRows = 1
        sheet.frozenColumns = 1
        sheet.rightToLeft = language == .ar
        sheet.protected = true
        return sheet
    }
}
