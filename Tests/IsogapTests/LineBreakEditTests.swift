import Foundation
import IsogapModel
import IsogapYAML
import Testing

@testable import IsogapLoading

/// The byte editors count line breaks as libyaml does (LF, CR LF, a lone CR), so an edit lands on
/// the value the parser saw, in files of every line-break style and in mixed files.
@Suite("Editing files with every kind of line break")
struct LineBreakEditTests {
    /// Line-break styles: every break LF, CR LF or CR, or a mix of the three.
    enum Breaks: String, CaseIterable, CustomTestStringConvertible {
        case lf, crlf, cr, mixed

        func text(_ lines: [String]) -> String {
            lines.enumerated().map { index, line in
                switch self {
                case .lf: line + "\n"
                case .crlf: line + "\r\n"
                case .cr: line + "\r"
                case .mixed: line + ["\n", "\r\n", "\r"][index % 3]
                }
            }.joined()
        }

        var testDescription: String { rawValue }
    }

    /// A register whose comments hold lone CRs (each one a line break for libyaml), and an action
    /// with `history: ~`.
    static let register = [
        "isogap: 1",
        "kind: actions   # a comment\r# that a lone CR splits",
        "actions:",
        "  - id: CA-001",
        "    title: First   # note\r    # continued after a lone CR",
        "    requirements: [\"c:1\"]",
        "    type: corrective",
        "    owner_role: owner",
        "    opened: 2026-01-01",
        "    due: 2026-02-01",
        "    status: open",
        "    history: ~",
        "  # between\r  # actions",
        "  - id: CA-002",
        "    title: Second",
        "    requirements: [\"c:1\"]",
        "    type: corrective",
        "    owner_role: owner",
        "    opened: 2026-01-01",
        "    due: 2026-03-01",
        "    status: open",
    ]

    private func load(_ text: [UInt8]) throws -> ActionRegister {
        let loaded = ActionRegisterLoader.load(text, file: "actions.yaml")
        #expect(loaded.succeeded, "\(loaded.diagnostics)")
        return try #require(loaded.value)
    }

    @Test(arguments: Breaks.allCases)
    func statusChangesLandOnTheRightAction(_ breaks: Breaks) throws {
        let original = Array(breaks.text(Self.register).utf8)
        #expect(try load(original).actions.count == 2)
        let date = try #require(CalendarDate("2026-01-10"))
        let first = try ActionRegisterEditor.apply(
            ActionTransition(to: .inProgress, date: date), to: "CA-001", in: original)
        var lines = Self.register
        lines[10] = "    status: in-progress"
        lines[11] = "    history: "
        lines.insert(contentsOf: ["      - date: 2026-01-10", "        status: in-progress"], at: 12)
        // The first break of the file decides the style of new lines.
        let added = breaks == .cr ? "\r" : breaks == .crlf ? "\r\n" : "\n"
        var expected = breaks.text(Array(lines[0..<12]))
        expected += lines[12] + added + lines[13] + added
        expected += breaks.text(Array(lines[14...]))
        if breaks != .mixed { #expect(String(decoding: first, as: UTF8.self) == expected) }
        let second = try ActionRegisterEditor.apply(
            ActionTransition(to: .done, date: date, by: "Ann", note: "x\ry"), to: "CA-002", in: first)
        let register = try load(second)
        #expect(register.actions.map(\.status) == [.inProgress, .done])
        #expect(register.actions[1].history == [HistoryEntry(date: date, status: .done, by: "Ann", note: "x\ry")])
        #expect(register.actions[0].title == "First")
    }

    @Test(arguments: Breaks.allCases)
    func fieldEditsAndNewActionsLandOnTheRightAction(_ breaks: Breaks) throws {
        let original = Array(breaks.text(Self.register).utf8)
        let due = try #require(CalendarDate("2026-04-01"))
        let edited = try ActionRegisterEditor.update(
            "CA-002", with: ActionChange(title: "Second, renamed", due: due, owner: "Ann", raisesTo: 2), in: original)
        var register = try load(edited)
        #expect(register.actions[1].title == "Second, renamed")
        #expect(
            register.actions[1].due == due && register.actions[1].owner == "Ann" && register.actions[1].raisesTo == 2)
        #expect(register.actions[0] == (try load(original)).actions[0])
        // Only the two changed values and the added lines differ.
        let text = String(decoding: edited, as: UTF8.self)
        #expect(text.hasPrefix(breaks.text(Array(Self.register[0..<14]))))

        let new = Action(
            id: register.nextActionID, title: "Third", requirements: [CrossReference(checklist: "c", target: "1")],
            type: .improvement, ownerRole: "owner", opened: due, due: due, status: .open,
            history: [HistoryEntry(date: due, status: .open, by: "isogap")])
        let appended = try ActionRegisterEditor.append([new], to: edited)
        register = try load(appended)
        #expect(register.actions.map(\.id) == ["CA-001", "CA-002", "CA-003"])
        #expect(register.actions[2] == new)
        #expect(appended.starts(with: edited))
    }

    @Test(arguments: Breaks.allCases)
    func evidenceLocksLandOnTheRightItems(_ breaks: Breaks) throws {
        let lines = [
            "isogap: 1",
            "kind: assessment   # lone CR\r# in a comment",
            "checklist: c",
            "responses:",
            "  \"1-a\":",
            "    level: 1   # another\r    # lone CR",
            "    evidence:",
            "      - type: record",
            "        ref: R",
            "        file: evidence/a.csv",
            "      - {type: record, ref: S, file: evidence/b.csv}",
            "  \"1-b\":",
            "    evidence:",
            "      - type: record",
            "        ref: T",
            "        file: evidence/c.csv",
            "        sha256: ~",
        ]
        let original = Array(breaks.text(lines).utf8)
        let result = EvidenceLocks.lock(original, file: "a.yaml") { "d-" + $0 }
        #expect(result.diagnostics.isEmpty)
        #expect(result.updated.map(\.file) == ["evidence/a.csv", "evidence/b.csv", "evidence/c.csv"])
        let loaded = AssessmentLoader.load(result.bytes, file: "a.yaml")
        #expect(loaded.succeeded, "\(loaded.diagnostics)")
        let assessment = try #require(loaded.value)
        #expect(
            assessment.responses.flatMap(\.evidence).map(\.sha256) == [
                "d-evidence/a.csv", "d-evidence/b.csv", "d-evidence/c.csv",
            ])
        #expect(assessment.responses.map(\.level) == [1, nil])
    }

    @Test func aValueOnItsOwnLineIsReplaced() throws {
        var lines = Self.register
        lines[10] = "    status:"
        lines.insert("      open", at: 11)
        let original = Array(Breaks.lf.text(lines).utf8)
        #expect(try load(original).actions[0].status == .open)
        let date = try #require(CalendarDate("2026-01-10"))
        let edited = try ActionRegisterEditor.apply(ActionTransition(to: .done, date: date), to: "CA-001", in: original)
        #expect(try load(edited).actions[0].status == .done)
    }

    @Test func anEditThatChangesMoreThanIntendedIsRefused() throws {
        let original = Array(Breaks.lf.text(Self.register).utf8)
        // Bytes that load, but with a second change besides the intended one.
        let wrong = Array(
            Breaks.lf.text(Self.register).replacingOccurrences(of: "status: open", with: "status: done").utf8)
        #expect(throws: ActionRegisterEditor.Failure.self) {
            try ActionRegisterEditor.checked(wrong, original: original) { $0.actions[0].status = .done }
        }
        let broken = Array("isogap: 1\nkind: actions\nactions: [\n".utf8)
        let failure = #expect(throws: ActionRegisterEditor.Failure.self) {
            try ActionRegisterEditor.checked(broken, original: original) { _ in }
        }
        #expect(failure?.description.contains("unreadable") == true)
        // The right change passes.
        let right = Array(
            Breaks.lf.text(Self.register).replacingOccurrences(of: "due: 2026-03-01", with: "due: 2026-03-02").utf8)
        let due = try #require(CalendarDate("2026-03-02"))
        #expect(try ActionRegisterEditor.checked(right, original: original) { $0.actions[1].due = due } == right)
    }
}

@Suite("YAML node styles and key lookup")
struct YAMLNodeStyleTests {
    @Test func stylesComeFromTheParser() throws {
        let text = "a: {x: 1}\nb: [1, 2]\nc:\n  - 1\nd:\n  y: 2\ne: ~\n"
        let root = try #require(YAMLParser().parse(text, file: "t.yaml").root)
        #expect(root.style == .block)
        #expect(root["a"]?.style == .flow && root["a"]?.isFlow == true)
        #expect(root["b"]?.style == .flow)
        #expect(root["c"]?.style == .block && root["d"]?.style == .block)
        #expect(root["a"]?["x"]?.scalar?.value == "1")
        #expect(root["zz"] == nil && root["e"]?.isNull == true)
        #expect(root.pair(forKey: "d")?.key.mark == YAMLMark(line: 5, column: 1))
        #expect(root["c"]?["x"] == nil)
    }

    @Test func sameContentIgnoresPositionsAndCollectionStyle() throws {
        let block = try #require(YAMLParser().parse("a:\n  - 1\n  - x\n", file: "t.yaml").root)
        let flow = try #require(YAMLParser().parse("a: [1, x]\n", file: "t.yaml").root)
        let other = try #require(YAMLParser().parse("a: [1, \"x\"]\n", file: "t.yaml").root)
        #expect(block.hasSameContent(as: flow))
        #expect(!flow.hasSameContent(as: other))
    }

    @Test func lineStartsCountEveryBreakLibYAMLCounts() {
        let bytes = Array("a\rb\r\nc\nd\u{85}e\u{2028}f".utf8)
        #expect(LineBreak.lineStarts(in: bytes).count == 6)
        #expect(YAMLSourceEditor(bytes).lineBreak == "\r")
        #expect(YAMLSourceEditor(Array("a\r\nb".utf8)).lineBreak == "\r\n")
        #expect(!YAMLSourceEditor(Array("a\r\nb".utf8)).endsWithLineBreak)
        #expect(YAMLSourceEditor(Array("a\rb\r".utf8)).endsWithLineBreak)
    }
}
