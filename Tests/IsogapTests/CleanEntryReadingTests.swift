import Foundation
import IsogapDiagnostics
import IsogapModel
import Testing

@testable import IsogapLoading

/// Responses, evidence items and actions without a problem are read in one pass over their
/// entries; every other one by the checking decoder. Both ways must give the same value and the
/// same diagnostics, in the same order, for any document: here every value of a full response and
/// of a full action is replaced in turn by values of every form, right and wrong, and keys are
/// dropped, misspelt, repeated and joined by unknown ones.
@Suite("Reading clean entries at once")
struct CleanEntryReadingTests {
    /// A document with a `@name@` placeholder for each value, and the right value of each.
    private struct Template {
        let text: String
        let cleanValues: [String: String]

        func document(_ values: [String: String] = [:]) -> String {
            var text = text
            for (name, value) in cleanValues {
                text = text.replacingOccurrences(of: "@\(name)@", with: values[name] ?? value)
            }
            return text
        }

        /// The document with the line of `name` changed by `change` (given the lines, the line's
        /// index, its key and the column of its key as spaces), with every placeholder filled in.
        func document(changingLineOf name: String, _ change: (inout [String], Int, String, String) -> Void) -> String {
            var lines = text.components(separatedBy: "\n")
            // No such line: the clean document, which the callers' check that something changed refuses.
            guard let index = lines.firstIndex(where: { $0.hasSuffix("@\(name)@") }) else { return document() }
            let line = lines[index]
            let lead = line.prefix { $0 == " " || $0 == "-" }
            let key = String(line.dropFirst(lead.count).prefix { $0 != ":" })
            change(&lines, index, key, String(repeating: " ", count: lead.count))
            return Template(text: lines.joined(separator: "\n"), cleanValues: cleanValues).document()
        }
    }

    private static let assessment = Template(
        text: """
            isogap: 1
            kind: assessment
            checklist: iso-10002-2018
            responses:
              "4.1-a":
                level: @level@
                target: @target@
                evidence:
                  - type: @type@
                    ref: @ref@
                    date: @date@
                    expires: @expires@
                    file: @file@
                    sha256: @sha256@
                  - type: record
                    ref: "Acknowledgement log, Q3"
                notes: @notes@
                grade: @grade@
                applicable: @applicable@
                justification: @justification@
              "4.1-b":
                level: 1

            """,
        cleanValues: [
            "level": "2", "target": "3", "type": "document", "ref": "\"Procedure CP-24 rev 3.6\"",
            "date": "2025-07-08", "expires": "2027-01-01", "file": "evidence/policy.pdf", "sha256": "ab12",
            "notes": "\"The weekly huddle reviews every open complaint.\"", "grade": "minor",
            "applicable": "true", "justification": "Not sold online",
        ])

    private static let actions = Template(
        text: """
            isogap: 1
            kind: actions
            actions:
              - id: @id@
                title: @title@
                requirements: @requirements@
                type: @type@
                root_cause: @root_cause@
                owner_role: @owner_role@
                owner: @owner@
                opened: @opened@
                due: @due@
                status: @status@
                raises_to: @raises_to@
                effort_days: @effort_days@
                verification:
                  date: @verified@
                  by: @verifier@
                  effective: @effective@
                  note: @verification_note@
                history:
                  - date: @history_date@
                    status: @history_status@
                    by: @history_by@
                    note: @history_note@
                    effective: @history_effective@
                  - {date: 2026-03-24, status: in-progress}
              - {id: CA-002, title: Second, requirements: [], type: corrective, owner_role: qm, opened: 2026-01-05,
                 due: 2026-02-05, status: open}

            """,
        cleanValues: [
            "id": "CA-001", "title": "Add the regulator's channel to the final letter",
            "requirements": "[\"iso-10002-2018:6.3-d\", \"iso-10004-2018:7.2-a\"]", "type": "correction",
            "root_cause": "The template predates the rule", "owner_role": "legal-compliance", "owner": "Lina Barakat",
            "opened": "2026-03-10", "due": "2026-04-30", "status": "verified", "raises_to": "2", "effort_days": "1.5",
            "verified": "2026-06-02", "verifier": "Omar Farouk", "effective": "true",
            "verification_note": "10 of 10 letters sampled", "history_date": "2026-03-10", "history_status": "open",
            "history_by": "Lina Barakat", "history_note": "raised at the review", "history_effective": "false",
        ])

    /// Values of every form: null in each spelling, blank, lists and mappings, numbers written
    /// plainly and quoted, booleans, dates real and impossible, case names, text long and not ASCII,
    /// requirement references right and wrong.
    private static let variants = [
        "~", "null", "Null", "", "''", "\"  \"", "\"\\t\"", "\"\\u00A0\"", "[]", "{}", "[a]", "{a: 1}", "'2'", "2",
        "-1", "02", "2.5", "true", "\"true\"", "yes", "document", "\"record\"", "Document", "minor",
        "'good-practice'", "in-progress", "'verified'", "2026-02-30", "2026-01-15", "'2026-01-15'", "café",
        "\"a reference longer than sixteen\"", "|\n      block text", "x: y", "[iso-10002-2018:4.1-a]",
        "[\"iso-10002-2018:4.1-a\", ~]", "[\" \"]", "[iso-10002-2018]", "[[a]]",
    ]

    /// Loads `text` both ways with `load` and expects the same outcome; returns its diagnostics.
    @discardableResult
    private func expectSameBothWays<Value: Equatable>(
        _ text: String, _ load: (ParsedDocument, Bool) -> Loaded<Value>,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> Loaded<Value> {
        let parsed = ParsedDocument(Array(text.utf8), file: "a.yaml")
        let atOnce = load(parsed, true)
        let checked = load(parsed, false)
        #expect(atOnce.value == checked.value, "\(text)", sourceLocation: sourceLocation)
        #expect(atOnce.diagnostics == checked.diagnostics, "\(text)", sourceLocation: sourceLocation)
        return atOnce
    }

    private func loadAssessment(_ document: ParsedDocument, _ atOnce: Bool) -> Loaded<Assessment> {
        AssessmentLoader.load(document, readingCleanEntriesAtOnce: atOnce)
    }

    private func loadActions(_ document: ParsedDocument, _ atOnce: Bool) -> Loaded<ActionRegister> {
        ActionRegisterLoader.load(document, readingCleanEntriesAtOnce: atOnce)
    }

    @Test func aCleanResponseIsReadInFull() throws {
        let loaded = expectSameBothWays(Self.assessment.document(), loadAssessment)
        #expect(loaded.diagnostics.isEmpty)
        let response = try #require(loaded.value?.responses.first)
        #expect(response.level == 2 && response.target == 3 && response.grade == Grade.minor && response.applicable)
        #expect(response.notes == "The weekly huddle reviews every open complaint.")
        #expect(response.justification == "Not sold online")
        #expect(
            response.evidence == [
                EvidenceItem(
                    type: .document, ref: "Procedure CP-24 rev 3.6", date: CalendarDate(year: 2025, month: 7, day: 8),
                    expires: CalendarDate(year: 2027, month: 1, day: 1), file: "evidence/policy.pdf", sha256: "ab12"),
                EvidenceItem(type: .record, ref: "Acknowledgement log, Q3"),
            ])
    }

    @Test func aCleanActionIsReadInFull() throws {
        let loaded = expectSameBothWays(Self.actions.document(), loadActions)
        #expect(loaded.diagnostics.isEmpty)
        let action = try #require(loaded.value?.actions.first)
        #expect(action.id == "CA-001" && action.type == .correction && action.status == .verified)
        #expect(action.requirements.map(\.target) == ["6.3-d", "7.2-a"])
        #expect(action.rootCause == "The template predates the rule" && action.owner == "Lina Barakat")
        #expect(action.due == CalendarDate("2026-04-30") && action.effortDays == 1.5)
        #expect(action.raisesTo == 2)
        #expect(
            action.verification
                == Verification(
                    date: try #require(CalendarDate("2026-06-02")), by: "Omar Farouk", effective: true,
                    note: "10 of 10 letters sampled"))
        #expect(
            action.history == [
                HistoryEntry(
                    date: try #require(CalendarDate("2026-03-10")), status: .open, by: "Lina Barakat",
                    note: "raised at the review", effective: false),
                HistoryEntry(date: try #require(CalendarDate("2026-03-24")), status: .inProgress),
            ])
        #expect(loaded.value?.actions.count == 2)
    }

    @Test func everyValueOfEveryFormGivesTheSameOutcome() {
        for (template, isAssessment) in [(Self.assessment, true), (Self.actions, false)] {
            var failing = 0
            for name in template.cleanValues.keys.sorted() {
                for variant in Self.variants {
                    let text = template.document([name: variant])
                    let diagnostics =
                        isAssessment
                        ? expectSameBothWays(text, loadAssessment).diagnostics
                        : expectSameBothWays(text, loadActions).diagnostics
                    if diagnostics.containsErrors { failing += 1 }
                }
            }
            // The variants do reach the checking decoder's messages (so the comparison compares something).
            #expect(failing > template.cleanValues.count * 10)
        }
    }

    @Test func droppedMisspeltRepeatedAndUnknownKeysGiveTheSameOutcome() {
        for (template, isAssessment) in [(Self.assessment, true), (Self.actions, false)] {
            for name in template.cleanValues.keys.sorted() {
                let texts = [
                    // Dropped: the first key of a list item leaves its dash alone on the line.
                    template.document(changingLineOf: name) { lines, index, _, _ in
                        lines[index] = String(lines[index].prefix { $0 == " " || $0 == "-" })
                    },
                    template.document(changingLineOf: name) { lines, index, key, _ in
                        lines[index] = lines[index].replacingOccurrences(of: "\(key):", with: "\(key)x:")
                    },
                    template.document(changingLineOf: name) { lines, index, key, column in
                        lines.insert(column + "\(key): ~", at: index + 1)
                    },
                    template.document(changingLineOf: name) { lines, index, _, column in
                        lines.insert(column + "remark: extra", at: index + 1)
                    },
                ]
                for text in texts {
                    #expect(text != template.document())
                    if isAssessment {
                        expectSameBothWays(text, loadAssessment)
                    } else {
                        expectSameBothWays(text, loadActions)
                    }
                }
            }
        }
    }

    @Test func responsesAndEvidenceOfTheWrongShapeGiveTheSameOutcome() {
        let shapes = [
            "    \"4.1-c\": ~\n", "    \"4.1-c\":\n", "    \"4.1-c\": 3\n", "    \"4.1-c\": [1, 2]\n",
            "    \"4.1-c\": {}\n", "    \"4.1-c\": {evidence: ~}\n", "    \"4.1-c\": {evidence: []}\n",
            "    \"4.1-c\": {evidence: {type: record}}\n", "    \"4.1-c\": {evidence: [record]}\n",
            "    \"4.1-c\": {evidence: [~, {}, []]}\n", "    \"4.1-c\": {evidence: [{type: record}]}\n",
            "    \"4.1-c\": {evidence: [{ref: x}]}\n", "    \"4.1-c\": {evidence: [{type: x, ref: y, more: z}]}\n",
            "    \"4.1-c\": {[a]: 1}\n", "    \"4.1-c\": {level: 1, level: 2}\n",
        ]
        for shape in shapes {
            let text = Self.assessment.document()
                .replacingOccurrences(of: "  \"4.1-b\":\n    level: 1\n", with: shape)
            #expect(text != Self.assessment.document())
            expectSameBothWays(text, loadAssessment)
        }
    }

    @Test func actionsOfTheWrongShapeGiveTheSameOutcome() {
        let second =
            "  - {id: CA-002, title: Second, requirements: [], type: corrective, owner_role: qm, opened: 2026-01-05,\n     due: 2026-02-05, status: open}\n"
        let shapes = [
            "  - ~\n", "  - []\n", "  - text\n", "  - {}\n", "  - {id: CA-002}\n",
            "  - {id: CA-002, title: Second, requirements: ~, type: corrective, owner_role: qm, opened: 2026-01-05, due: 2026-02-05, status: open}\n",
            "  - {id: CA-002, title: Second, requirements: [], type: corrective, owner_role: qm, opened: 2026-01-05, due: 2026-02-05, status: open, verification: {date: 2026-03-01}}\n",
            "  - {id: CA-002, title: Second, requirements: [], type: corrective, owner_role: qm, opened: 2026-01-05, due: 2026-02-05, status: open, verification: [], history: {}}\n",
            "  - {id: CA-002, title: Second, requirements: [], type: corrective, owner_role: qm, opened: 2026-01-05, due: 2026-02-05, status: open, history: [~, {date: 2026-01-01}]}\n",
        ]
        for shape in shapes {
            let text = Self.actions.document().replacingOccurrences(of: second, with: shape)
            #expect(text != Self.actions.document())
            expectSameBothWays(text, loadActions)
        }
        expectSameBothWays("isogap: 1\nkind: actions\nactions: ~\n", loadActions)
        expectSameBothWays("isogap: 1\nkind: actions\nactions: {}\n", loadActions)
    }

    @Test func theExampleWorkspaceGivesTheSameOutcome() throws {
        let folder = Fixtures.packageRoot.appendingPathComponent("examples/alnoor-retail")
        for name in ["assessments/iso-10002-2018.yaml", "assessments/iso-10004-2018.yaml"] {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(expectSameBothWays(text, loadAssessment).value?.responses.isEmpty == false)
        }
        let text = try String(contentsOf: folder.appendingPathComponent("actions.yaml"), encoding: .utf8)
        #expect(expectSameBothWays(text, loadActions).value?.actions.isEmpty == false)
    }
}
