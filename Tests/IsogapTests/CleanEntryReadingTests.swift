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

    /// Loads `text` every way with `load` and expects the same outcome: parsed into a tree and read
    /// with clean entries at once, parsed and read by the checking decoder alone, and from the
    /// bytes (straight from the events when the whole file is clean). The findings of `rules` are
    /// compared too, located through each way's source map. Returns the first way's result, without
    /// those findings.
    @discardableResult
    private func expectSameBothWays<Value: Equatable>(
        _ text: String, _ load: (ParsedDocument, Bool) -> Loaded<Value>,
        fromBytes: (_ bytes: [UInt8], _ file: String) -> Loaded<Value>, rules: (Value) -> [Finding] = { _ in [] },
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> Loaded<Value> {
        let parsed = ParsedDocument(Array(text.utf8), file: "a.yaml")
        let loaded = load(parsed, true)
        let atOnce = loaded.validated(by: rules)
        let checked = load(parsed, false).validated(by: rules)
        let streamed = fromBytes(Array(text.utf8), "a.yaml").validated(by: rules)
        #expect(atOnce.value == checked.value, "\(text)", sourceLocation: sourceLocation)
        #expect(atOnce.diagnostics == checked.diagnostics, "\(text)", sourceLocation: sourceLocation)
        #expect(streamed.value == checked.value, "\(text)", sourceLocation: sourceLocation)
        #expect(streamed.diagnostics == checked.diagnostics, "\(text)", sourceLocation: sourceLocation)
        return loaded
    }

    /// The built-in checklist the assessments answer, for comparing located findings.
    private static let checklist = BuiltInChecklistTests.library.entries.first { $0.checklist.id == "iso-10002-2018" }

    @discardableResult
    private func expectSameBothWays(
        assessment text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> Loaded<Assessment> {
        expectSameBothWays(
            text, { AssessmentLoader.load($0, readingCleanEntriesAtOnce: $1) }, fromBytes: AssessmentLoader.load,
            rules: { assessment in Self.checklist.map { assessment.validate(against: $0.checklist) } ?? [] },
            sourceLocation: sourceLocation)
    }

    @discardableResult
    private func expectSameBothWays(
        actions text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> Loaded<ActionRegister> {
        expectSameBothWays(
            text, { ActionRegisterLoader.load($0, readingCleanEntriesAtOnce: $1) },
            fromBytes: ActionRegisterLoader.load,
            rules: { register in
                register.validate(checklists: BuiltInChecklistTests.library.entries.map(\.checklist), roles: ["qm"])
            }, sourceLocation: sourceLocation)
    }

    @Test func aCleanResponseIsReadInFull() throws {
        let loaded = expectSameBothWays(assessment: Self.assessment.document())
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
        let loaded = expectSameBothWays(actions: Self.actions.document())
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
                        ? expectSameBothWays(assessment: text).diagnostics
                        : expectSameBothWays(actions: text).diagnostics
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
                        expectSameBothWays(assessment: text)
                    } else {
                        expectSameBothWays(actions: text)
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
            expectSameBothWays(assessment: text)
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
            expectSameBothWays(actions: text)
        }
        expectSameBothWays(actions: "isogap: 1\nkind: actions\nactions: ~\n")
        expectSameBothWays(actions: "isogap: 1\nkind: actions\nactions: {}\n")
    }

    @Test func theExampleWorkspaceGivesTheSameOutcome() throws {
        let folder = Fixtures.packageRoot.appendingPathComponent("examples/alnoor-retail")
        for name in ["assessments/iso-10002-2018.yaml", "assessments/iso-10004-2018.yaml"] {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(expectSameBothWays(assessment: text).value?.responses.isEmpty == false)
        }
        let text = try String(contentsOf: folder.appendingPathComponent("actions.yaml"), encoding: .utf8)
        #expect(expectSameBothWays(actions: text).value?.actions.isEmpty == false)
    }
}

/// A file without a problem is read straight from libyaml's events, with no tree; a file with any
/// problem the tree would report, or anything the stream cannot check, is parsed into a tree and
/// read as before. The outcome is the same either way.
@Suite("Reading clean files from the events")
struct CleanFileReadingTests {
    private static let clean = """
        isogap: 1
        kind: assessment
        checklist: iso-10002-2018
        responses:
          "4.1-a":
            level: 2
            evidence:
              - {type: document, ref: "Procedure CP-24", date: 2025-07-08}
            notes: The huddle reviews open complaints
          "4.1-b":
          "4.2-a": {level: 1, target: 3}

        """

    private static func checked(_ text: String) -> Loaded<Assessment> {
        AssessmentLoader.load(ParsedDocument(Array(text.utf8), file: "a.yaml"), readingCleanEntriesAtOnce: false)
    }

    @Test func aCleanFileIsReadFromTheEvents() throws {
        let streamed = try #require(AssessmentLoader.readClean(Array(Self.clean.utf8)))
        #expect(streamed == Self.checked(Self.clean).value)
        #expect(streamed.responses.map(\.requirement) == ["4.1-a", "4.1-b", "4.2-a"])
        #expect(streamed.responses[0].evidence.first?.ref == "Procedure CP-24")
        // A byte order mark and an anchor nobody refers to are no problem for either way.
        for text in ["\u{FEFF}" + Self.clean, Self.clean.replacingOccurrences(of: "level: 2", with: "level: &l 2")] {
            #expect(AssessmentLoader.readClean(Array(text.utf8)) == streamed)
        }
    }

    @Test func theExampleWorkspaceIsReadFromTheEvents() throws {
        let folder = Fixtures.packageRoot.appendingPathComponent("examples/alnoor-retail")
        for name in ["assessments/iso-10002-2018.yaml", "assessments/iso-10004-2018.yaml"] {
            let bytes = try Array(Data(contentsOf: folder.appendingPathComponent(name)))
            let streamed = try #require(AssessmentLoader.readClean(bytes), "\(name)")
            #expect(
                streamed
                    == AssessmentLoader.load(ParsedDocument(bytes, file: name), readingCleanEntriesAtOnce: false).value)
        }
        let bytes = try Array(Data(contentsOf: folder.appendingPathComponent("actions.yaml")))
        let streamed = try #require(ActionRegisterLoader.readClean(bytes))
        #expect(
            streamed
                == ActionRegisterLoader.load(
                    ParsedDocument(bytes, file: "actions.yaml"), readingCleanEntriesAtOnce: false
                )
                .value)
        #expect(streamed.actions.contains { $0.verification != nil && !$0.history.isEmpty })
    }

    /// Problems of the YAML itself, of the header and of the document's shape, and what the stream
    /// leaves to the tree (keys it cannot compare as `String`s compare).
    private static let sentToTheTree: [(String, String)] = [
        ("a tag", clean.replacingOccurrences(of: "level: 2", with: "level: !!int 2")),
        ("a tag on a mapping", clean.replacingOccurrences(of: "\"4.2-a\": {", with: "\"4.2-a\": !x {")),
        ("an alias", clean.replacingOccurrences(of: "level: 2", with: "level: &l 2\n    target: *l")),
        ("a second document", clean + "---\nisogap: 1\n"),
        ("a syntax error at the end", clean + "notes: [\n"),
        ("a repeated requirement", clean + "  \"4.1-b\":\n"),
        ("a repeated key", clean.replacingOccurrences(of: "level: 2", with: "level: 2\n    level: 3")),
        (
            "a repeated header key",
            clean.replacingOccurrences(of: "kind: assessment", with: "kind: assessment\nisogap: 1")
        ),
        ("a requirement id that is not ASCII", clean.replacingOccurrences(of: "4.1-b", with: "4.1-\u{212A}")),
        ("a requirement id longer than 16 bytes", clean.replacingOccurrences(of: "4.1-b", with: "4.1-b-and-then-more")),
        ("a list as a key", clean + "  [a]: 1\n"),
        ("an unknown key", clean.replacingOccurrences(of: "notes:", with: "note:")),
        ("a value of the wrong form", clean.replacingOccurrences(of: "level: 1", with: "level: one")),
        ("a blank checklist", clean.replacingOccurrences(of: "checklist: iso-10002-2018", with: "checklist: ' '")),
        ("no checklist", clean.replacingOccurrences(of: "checklist: iso-10002-2018\n", with: "")),
        ("responses as a list", "isogap: 1\nkind: assessment\nchecklist: x\nresponses: [a]\n"),
        ("format version 2", clean.replacingOccurrences(of: "isogap: 1", with: "isogap: 2")),
        ("a quoted version", clean.replacingOccurrences(of: "isogap: 1", with: "isogap: '1'")),
        ("no version", clean.replacingOccurrences(of: "isogap: 1\n", with: "")),
        ("another kind", clean.replacingOccurrences(of: "kind: assessment", with: "kind: actions")),
        ("no kind", clean.replacingOccurrences(of: "kind: assessment\n", with: "")),
        ("a list", "- isogap: 1\n"), ("a scalar", "isogap\n"), ("nothing", ""), ("a comment", "# nothing\n"),
        ("UTF-16", "\u{FEFF}isogap: 1\n"),
        ("a NEL line break", clean.replacingOccurrences(of: "notes:", with: "notes: a\u{85}b\n    grade:")),
    ]

    @Test func anythingTheTreeWouldReportSendsTheFileToTheTree() throws {
        for (what, text) in Self.sentToTheTree {
            var bytes = Array(text.utf8)
            if what == "UTF-16" { bytes = Array(text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }) }
            #expect(AssessmentLoader.readClean(bytes) == nil, "\(what)")
            let loaded = AssessmentLoader.load(bytes, file: "a.yaml")
            let checked = AssessmentLoader.load(ParsedDocument(bytes, file: "a.yaml"), readingCleanEntriesAtOnce: false)
            #expect(loaded.value == checked.value, "\(what)")
            #expect(loaded.diagnostics == checked.diagnostics, "\(what)")
        }
        // Each of them is a problem the tree reports, or one the stream leaves to it on purpose.
        let reported = Self.sentToTheTree.filter { !Self.checked($0.1).diagnostics.isEmpty }.map(\.0)
        #expect(
            Set(Self.sentToTheTree.map(\.0)).subtracting(reported)
                == ["a requirement id that is not ASCII", "a requirement id longer than 16 bytes"])
    }

    @Test func anActionRegisterWithAProblemGoesToTheTree() {
        let clean = """
            isogap: 1
            kind: actions
            actions:
              - {id: CA-1, title: T, requirements: [], type: corrective, owner_role: qm, opened: 2026-01-05, due: 2026-02-05, status: open}

            """
        #expect(ActionRegisterLoader.readClean(Array(clean.utf8))?.actions.map(\.id) == ["CA-1"])
        for text in [
            clean.replacingOccurrences(of: "actions:\n", with: "actions: ~\n").components(separatedBy: "  - ")[0],
            "isogap: 1\nkind: actions\n", clean.replacingOccurrences(of: "CA-1", with: "!x CA-1"),
            clean.replacingOccurrences(of: "status: open", with: "status: open, status: done"),
            clean + "  - ~\n",
        ] {
            #expect(ActionRegisterLoader.readClean(Array(text.utf8)) == nil, "\(text)")
        }
    }
}
