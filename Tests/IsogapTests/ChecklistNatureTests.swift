import Foundation
import IsogapDiagnostics
import IsogapLoading
import IsogapModel
import Testing

@Suite("Checklist format v2: nature, evidence_types, built-in ids")
struct ChecklistNatureTests {
    private static func checklist(nature: String? = nil, level2: String = "") -> String {
        """
        isogap: 1
        kind: checklist
        id: own
        standard: T
        title: T
        version: 1.0.0
        \(nature.map { "nature: \($0)\n" } ?? "")scale:
          - {level: 0, label: None, min_evidence: 0}
          - {level: 1, label: Some, min_evidence: 1}
          - {level: 2, label: Most, min_evidence: 1\(level2)}
        clauses:
          - id: "1"
            title: One
            requirements:
              - {id: "1-a", text: Q}
        """
    }

    private func load(_ text: String) -> Loaded<Checklist> {
        ChecklistLoader.load(Array(text.utf8), file: "c.yaml")
    }

    @Test func natureDefaultsToRequirements() throws {
        #expect(try #require(load(Self.checklist()).value).nature == .requirements)
        let guidance = load(Self.checklist(nature: "guidance"))
        #expect(guidance.diagnostics.isEmpty)
        #expect(try #require(guidance.value).nature == .guidance)
    }

    @Test func unknownNatureIsALocatedError() {
        #expect(
            load(Self.checklist(nature: "guidence")).diagnostics.map(\.description) == [
                "c.yaml:7:9: error: 'guidence' is not a valid nature; expected one of guidance, requirements; did you mean 'guidance'?"
            ])
    }

    @Test func evidenceTypesAreRead() throws {
        let loaded = load(Self.checklist(level2: ", evidence_types: [record, observation]"))
        #expect(loaded.diagnostics.isEmpty)
        let checklist = try #require(loaded.value)
        #expect(checklist.scale[2].evidenceTypes == [.record, .observation])
        #expect(checklist.scale[1].evidenceTypes.isEmpty)
    }

    @Test func unknownEvidenceTypeIsALocatedError() {
        let diagnostics = load(Self.checklist(level2: ", evidence_types: [record, photo]")).diagnostics
        #expect(diagnostics.map(\.description).count == 1)
        #expect(
            diagnostics.first?.description.hasPrefix("c.yaml:10:71: error: 'photo' is not a valid evidence type")
                == true)
    }

    @Test func workspaceChecklistMayNotReuseABuiltInID() throws {
        let builtIn = Self.checklist().replacingOccurrences(of: "id: own", with: "id: shared")
        let library = ChecklistLibrary(
            builtInChecklists: [("shared.yaml", Array(builtIn.utf8))],
            phaseTemplate: ("phases.yaml", Array("isogap: 1\nkind: plan-phases\nroles: []\nphases: []\n".utf8)))
        let files = InMemoryFiles(
            [
                "isogap.yaml": """
                isogap: 1
                kind: workspace
                organization: Acme
                scope: Complaints
                assessment_date: 2026-11-20
                target_level: 2
                checklists: [checklists/mine.yaml]
                """,
                "checklists/mine.yaml": builtIn,
            ], prefix: "ws")
        let loaded = WorkspaceLoader.load(from: files, library: library)
        let messages = loaded.diagnostics.filter { $0.severity == .error }.map(\.description)
        #expect(messages.count == 1)
        #expect(
            messages.first?.hasPrefix(
                "ws/checklists/mine.yaml:3:5: error: checklist id 'shared' is the id of a built-in checklist") == true)
    }
}
