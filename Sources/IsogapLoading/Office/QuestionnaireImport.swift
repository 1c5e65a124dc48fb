internal import Foundation
public import IsogapDiagnostics
public import IsogapModel

/// Reads a filled-in questionnaire workbook back against the workspace (`isogap import xlsx`,
/// SPEC §14): every cell is checked and every problem reported, then the answers that differ from
/// the assessment become changes.
public enum QuestionnaireImport {
    /// One changed field of one response.
    public struct Change: Sendable, Hashable, CustomStringConvertible {
        public var checklist: String
        public var requirement: String
        public var field: String
        public var old: String
        public var new: String

        /// `checklist requirement field: old → new`, on one line (line breaks shown as `\n`).
        public var description: String {
            func shown(_ text: String) -> String {
                text.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
            }
            return "\(checklist) \(requirement) \(field): \(shown(old)) → \(shown(new))"
        }
    }

    /// What reading the workbook found.
    public struct Outcome: Sendable {
        public var diagnostics: [Diagnostic] = []
        public var changes: [Change] = []
        /// For each checklist (index into the workspace's checklists) the responses that change, whole.
        public var responses: [Int: [Response]] = [:]
    }

    /// Compares `sheets` with the workspace's `checklists` and `assessments` (same order).
    public static func read(
        _ sheets: [XLSXReader.Sheet], file: String, organization: String, checklists: [Checklist],
        assessments: [Assessment]
    ) -> Outcome {
        var outcome = Outcome()
        func error(_ message: String, sheet: String, column: Int? = nil, row: Int? = nil) {
            let cell = column.flatMap { column in row.map { XLSXReader.Position(row: $0, column: column).reference } }
            outcome.diagnostics.append(
                .error(
                    message,
                    at: SourceLocation(
                        file: file, sheet: sheet, cell: cell, row: row ?? 0, column: (column ?? -1) + 1)))
        }
        guard let metadata = sheets.first(where: { $0.name == Questionnaire.metadataSheet }) else {
            outcome.diagnostics.append(
                .error(
                    "not a questionnaire exported by isogap (it has no '\(Questionnaire.metadataSheet)' sheet); export one with 'isogap export xlsx'",
                    at: nil))
            return outcome
        }
        // The hidden sheet: format, workspace, and which sheet holds which checklist version.
        var sheetChecklists: [(sheet: String, index: Int)] = []
        var format: String?
        for row in 2...max(2, metadata.rowCount) {
            let key = metadata[row, 0]?.text ?? ""
            let value = metadata[row, 1]?.text ?? ""
            switch key {
            case "format": format = value
            case "organization" where value != organization:
                outcome.diagnostics.append(
                    .warning(
                        "the workbook was exported for '\(value)', the workspace is for '\(organization)'",
                        at: SourceLocation(file: file, sheet: metadata.name, cell: "B\(row)", row: row, column: 2)))
            case "sheet":
                let id = metadata[row, 2]?.text ?? ""
                let version = metadata[row, 3]?.text ?? ""
                guard let index = checklists.firstIndex(where: { $0.id == id }) else {
                    error(
                        "the sheet '\(value)' is for the checklist '\(id)', which this workspace does not assess",
                        sheet: metadata.name, column: 2, row: row)
                    continue
                }
                guard checklists[index].version == version else {
                    error(
                        "the sheet '\(value)' is for version \(version) of \(id); the workspace uses version \(checklists[index].version); export a new questionnaire",
                        sheet: metadata.name, column: 3, row: row)
                    continue
                }
                sheetChecklists.append((value, index))
            default: break
            }
        }
        guard format == Questionnaire.formatVersion else {
            error(
                "the workbook's format is '\(format ?? "")'; this isogap reads format \(Questionnaire.formatVersion)",
                sheet: metadata.name, column: 1, row: 2)
            return outcome
        }
        for (name, index) in sheetChecklists {
            guard let sheet = sheets.first(where: { $0.name == name }) else {
                outcome.diagnostics.append(
                    .error(
                        "the workbook has no sheet '\(name)' (was it renamed or deleted?)",
                        at: SourceLocation(file: file, sheet: metadata.name, cell: nil)))
                continue
            }
            read(
                sheet, checklist: checklists[index], assessment: assessments[index], index: index, into: &outcome,
                file: file)
        }
        // Formulas anywhere else are errors too: nothing computed is taken for an answer.
        for sheet in sheets where !sheetChecklists.contains(where: { $0.sheet == sheet.name }) {
            for (position, cell) in sheet.cells where cell.formula {
                error(
                    "the cell holds a formula; isogap reads typed values only", sheet: sheet.name,
                    column: position.column, row: position.row)
            }
        }
        outcome.diagnostics.sort { order($0) < order($1) }
        return outcome
    }

    /// A whole number typed as such or as a number a spreadsheet stores (`3`, `3.0`); nil otherwise.
    private static func wholeNumber(_ text: String) -> Int? {
        Int(text) ?? Double(text).flatMap { Int(exactly: $0) }
    }

    /// Messages in the order of the workbook: by sheet, then row, then column.
    private static func order(_ diagnostic: Diagnostic) -> (String, String, Int, Int) {
        let location = diagnostic.location
        let sheet = location?.cell.map { String($0.prefix { $0 != "!" }) } ?? ""
        return (location?.file ?? "", sheet, location?.line ?? 0, location?.column ?? 0)
    }

    private static func read(
        _ sheet: XLSXReader.Sheet, checklist: Checklist, assessment: Assessment, index: Int,
        into outcome: inout Outcome,
        file: String
    ) {
        typealias Column = Questionnaire.Column
        func error(_ message: String, _ column: Column, _ row: Int) {
            outcome.diagnostics.append(
                .error(
                    message,
                    at: SourceLocation(
                        file: file, sheet: sheet.name,
                        cell: XLSXReader.Position(row: row, column: column.rawValue).reference, row: row,
                        column: column.rawValue + 1)))
        }
        let requirements = Set(checklist.requirementIDs)
        let maxLevel = checklist.maxLevel
        let levels = Set(checklist.scale.map(\.level))
        var seen: [String: Int] = [:]
        var changed: [Response] = []
        let lastRow = sheet.rowCount
        guard lastRow >= 2 else { return }
        for row in 2...lastRow {
            let rowCells = Column.allCases.map { sheet[row, $0.rawValue] }
            var problems = false
            for column in Column.allCases where rowCells[column.rawValue]?.formula == true {
                error("the cell holds a formula; isogap reads typed values only", column, row)
                problems = true
            }
            func text(_ column: Column) -> String {
                (rowCells[column.rawValue]?.text ?? "").replacingCRLF
            }
            let id = text(.requirement).trimmingSpaces
            if id.isEmpty {
                if Column.allCases.contains(where: { $0.isAnswer && !text($0).trimmingSpaces.isEmpty }) {
                    error("answers in a row without a requirement id", .requirement, row)
                }
                continue
            }
            guard requirements.contains(id) else {
                error("unknown requirement id '\(id)': \(checklist.id) has no such requirement", .requirement, row)
                continue
            }
            if let first = seen[id] {
                error("the requirement '\(id)' is answered twice (also in row \(first))", .requirement, row)
                continue
            }
            seen[id] = row
            let current = assessment.response(for: id)
            let shown = Questionnaire.answers(current, scale: checklist.scale, language: .en)
            let shownArabic = Questionnaire.answers(current, scale: checklist.scale, language: .ar)

            // Level.
            var level: Int? = nil
            let levelText = text(.level).trimmingSpaces
            if !levelText.isEmpty {
                if let number = Questionnaire.level(from: levelText) ?? wholeNumber(levelText), levels.contains(number)
                {
                    level = number
                } else {
                    error(
                        "the level '\(levelText)' is off the scale of \(checklist.id) (0 to \(maxLevel)); pick one from the list",
                        .level, row)
                    problems = true
                }
            }
            // Applicability.
            let applicableText = text(.applicable)
            let applicable = Questionnaire.applicable(from: applicableText)
            if applicable == nil {
                error("'\(applicableText.trimmingSpaces)' is not yes or no", .applicable, row)
                problems = true
            }
            let justification = text(.justification).trimmingSpaces
            if applicable == false {
                if justification.isEmpty {
                    error("a requirement that is not applicable needs a justification", .justification, row)
                    problems = true
                }
                if !levelText.isEmpty {
                    error("a requirement that is not applicable has no level; clear the level", .level, row)
                    problems = true
                }
            }
            // Target.
            var target: Int? = nil
            let targetText = text(.target).trimmingSpaces
            if !targetText.isEmpty {
                if let number = wholeNumber(targetText), (0...maxLevel).contains(number) {
                    target = number
                } else {
                    error("the target '\(targetText)' is not a level of the scale (0 to \(maxLevel))", .target, row)
                    problems = true
                }
            }
            // Evidence: unchanged text keeps the items as they are (with their expiry and digest).
            let evidenceText = text(.evidence)
            var evidence = current?.evidence.filter { !$0.measured } ?? []
            let evidenceChanged =
                evidenceText.trimmingTrailingLineBreaks != shown.evidence
                && evidenceText.trimmingTrailingLineBreaks != shownArabic.evidence
            if evidenceChanged {
                var items: [EvidenceItem] = []
                var lineNumber = 0
                for line in evidenceText.split(separator: "\n", omittingEmptySubsequences: false) {
                    lineNumber += 1
                    guard !line.trimmingSpaces.isEmpty else { continue }
                    switch Questionnaire.evidenceItem(from: String(line)) {
                    case .success(var item):
                        // An item still there keeps what the line does not show.
                        if let old = evidence.first(where: {
                            $0.ref == item.ref && $0.type == item.type && $0.file == item.file
                        }) {
                            item.expires = old.expires
                            item.sha256 = old.sha256
                        }
                        items.append(item)
                    case .failure(let problem):
                        error("evidence line \(lineNumber): \(problem.message)", .evidence, row)
                        problems = true
                    }
                }
                evidence = items
            }
            guard !problems, let applicable else { continue }

            let notes = text(.notes)
            var response = current ?? Response(requirement: id)
            var fields: [Change] = []
            func note(_ field: String, _ old: String, _ new: String) {
                fields.append(
                    Change(
                        checklist: checklist.id, requirement: id, field: field, old: old.isEmpty ? "(none)" : old,
                        new: new.isEmpty ? "(none)" : new))
            }
            if applicable != response.applicable {
                note("applicable", String(response.applicable), String(applicable))
                response.applicable = applicable
            }
            let newLevel = applicable ? level : nil
            if newLevel != response.level {
                note("level", response.level.map(String.init) ?? "", newLevel.map(String.init) ?? "")
                response.level = newLevel
            }
            let newJustification = justification.isEmpty ? nil : justification
            if newJustification != response.justification, !(justification.isEmpty && shown.justification.isEmpty) {
                note("justification", response.justification ?? "", justification)
                response.justification = newJustification
            }
            if target != response.target {
                note("target", response.target.map(String.init) ?? "", target.map(String.init) ?? "")
                response.target = target
            }
            if evidenceChanged, evidence != response.evidence.filter({ !$0.measured }) {
                note(
                    "evidence", response.evidence.map(Questionnaire.evidenceLine).joined(separator: "; "),
                    evidence.map(Questionnaire.evidenceLine).joined(separator: "; "))
                response.evidence = evidence
            }
            let newNotes = notes.trimmingSpaces.isEmpty ? nil : notes
            if newNotes != response.notes, !(newNotes == nil && (response.notes ?? "").trimmingSpaces.isEmpty) {
                note("notes", response.notes ?? "", notes)
                response.notes = newNotes
            }
            if !fields.isEmpty {
                outcome.changes += fields
                changed.append(response)
            }
        }
        if !changed.isEmpty { outcome.responses[index] = changed }
    }
}

extension StringProtocol {
    /// Line breaks as `\n` (spreadsheet programs may store `\r\n`).
    var replacingCRLF: String {
        String(self).replacingOccurrences(of: "\r\n", with: "\n")
    }

    /// Without line breaks at the end.
    var trimmingTrailingLineBreaks: String {
        var text = String(self)
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
