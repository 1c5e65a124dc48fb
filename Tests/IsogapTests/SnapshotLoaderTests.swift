import Foundation
import IsogapDiagnostics
import IsogapLoading
import IsogapModel
import Testing

@Suite("Reading a saved JSON report as a snapshot")
struct SnapshotLoaderTests {
    static let minimal = """
        {
          "isogap": 1,
          "organization": "Acme",
          "assessment_date": "2026-02-24",
          "combined": {"percent": 41.5},
          "checklists": [
            {"id": "c", "version": "1.0.0", "title": "C", "percent": 41.5,
             "clauses": [{"id": "4", "title": "Four", "percent": 41.5, "clauses": []}],
             "requirements": [
               {"id": "4-a", "clause": "4", "applicable": true, "claimed": 2, "effective": 1, "target": 3, "gap": 2},
               {"id": "4-b", "clause": "4", "applicable": false, "claimed": null, "effective": null, "target": 3, "gap": null}
             ]}
          ],
          "actions": {"total": 1, "actions": [
            {"id": "CA-001", "title": "Fix", "requirements": ["c:4-a"], "status": "done", "completed": "2026-02-01"}
          ]}
        }
        """

    @Test("a minimal report loads with its figures, requirements and actions")
    func minimal() throws {
        let loaded = SnapshotLoader.load(Array(Self.minimal.utf8), file: "old.json")
        #expect(loaded.diagnostics.isEmpty)
        let snapshot = try #require(loaded.value)
        #expect(snapshot.organization == "Acme")
        #expect(snapshot.assessmentDate.description == "2026-02-24")
        #expect(snapshot.combined == 41.5)
        let checklist = try #require(snapshot.checklists.first)
        #expect(checklist.clauses.map(\.id) == ["4"])
        #expect(checklist.requirements.map(\.effective) == [1, nil])
        #expect(checklist.requirements.map(\.isAssessed) == [true, false])
        #expect(snapshot.actions.first?.status == .done)
        #expect(snapshot.actions.first?.completed?.description == "2026-02-01")
    }

    /// Hostile or broken reports: each is refused with a located error and no value.
    static let hostile: [(name: String, text: String, expected: String)] = [
        ("not JSON at all", "isogap: 1\nkind: workspace\n", "old.json:1:1: error: expected a JSON report"),
        ("a list", "[1, 2]", "old.json:1:1: error: expected a JSON report"),
        ("broken syntax", "{\"isogap\": 1,\n  \"organization\": \"A\"\n  \"x\": 2}", "old.json:3:"),
        ("another version", "{\"isogap\": 2}", "old.json:1:12: error: 'isogap' must be 1"),
        (
            "a percentage out of range",
            Self.minimal.replacingOccurrences(
                of: "\"combined\": {\"percent\": 41.5}", with: "\"combined\": {\"percent\": 1e999}"),
            "old.json:5:27: error: 'combined.percent' must be a plain number"
        ),
        (
            "a level of the wrong type",
            Self.minimal.replacingOccurrences(of: "\"effective\": 1,", with: "\"effective\": \"one\","),
            "old.json:10:84: error: 'effective' must be a whole number"
        ),
        (
            "a missing key",
            Self.minimal.replacingOccurrences(of: "\"assessment_date\": \"2026-02-24\",", with: ""),
            "old.json:1:1: error: the report has no 'assessment_date'"
        ),
        (
            "an unknown action status",
            Self.minimal.replacingOccurrences(of: "\"status\": \"done\"", with: "\"status\": \"finished\""),
            "error: 'finished' is not a valid status"
        ),
        ("an alias", "{\"isogap\": &a 1, \"organization\": *a}", "error: "),
        ("duplicate keys", "{\"isogap\": 1, \"isogap\": 1}", "error: "),
        ("deep nesting", String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000), "error: "),
        ("a negative gap", Self.minimal.replacingOccurrences(of: "\"gap\": 2", with: "\"gap\": -2"), "error: 'gap'"),
    ]

    @Test("hostile reports are refused with a located error", arguments: 0..<12)
    func hostileCases(index: Int) {
        let (name, text, expected) = Self.hostile[index]
        let loaded = SnapshotLoader.load(Array(text.utf8), file: "old.json")
        #expect(loaded.value == nil, "\(name)")
        #expect(loaded.diagnostics.containsErrors, "\(name)")
        let printed = loaded.diagnostics.map(\.description).joined(separator: "\n")
        #expect(printed.contains(expected), "\(name): \(printed)")
        #expect(loaded.diagnostics.allSatisfy { $0.location != nil }, "\(name): every problem is located")
    }

    @Test("a report from a later version with more members still loads")
    func extraMembers() {
        let text = Self.minimal.replacingOccurrences(
            of: "\"isogap\": 1,", with: "\"isogap\": 1, \"future\": {\"x\": [1]},")
        #expect(SnapshotLoader.load(Array(text.utf8), file: "old.json").succeeded)
    }
}
