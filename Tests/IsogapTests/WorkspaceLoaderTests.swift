import Foundation
import IsogapDiagnostics
import IsogapLoading
import IsogapModel
import Testing

@Suite("Workspace loading and validation")
struct WorkspaceLoaderTests {
    private func library() throws -> ChecklistLibrary {
        ChecklistLibrary(
            builtInChecklists: [("sample.yaml", try Fixtures.bytes("sample/sample-checklist.yaml"))],
            phaseTemplate: (
                "phases.yaml",
                Array(
                    """
                    isogap: 1
                    kind: plan-phases
                    roles: [{id: owner, name: Owner}]
                    phases:
                      - {id: design, title: Design, accountable: owner}
                      - {id: review, title: Review, accountable: owner}
                    """.utf8)
            ))
    }

    private let manifest = """
        isogap: 1
        kind: workspace
        organization: Acme
        scope: Complaints
        assessment_date: 2026-11-20
        target_level: 2
        checklists: [sample-complaints]

        """

    private func load(_ files: [String: String]) throws -> (Workspace?, [String]) {
        let loaded = WorkspaceLoader.load(from: InMemoryFiles(files, prefix: "ws"), library: try library())
        return (loaded.value, loaded.diagnostics.map(\.description))
    }

    @Test func validWorkspaceLoads() throws {
        let (workspace, diagnostics) = try load([
            "isogap.yaml": manifest + "plan: {weekend: [fri, sat], capacity: {owner: 2}, holidays: [2027-03-30]}\n",
            "assessments/sample-complaints.yaml": """
            isogap: 1
            kind: assessment
            checklist: sample-complaints
            responses:
              "1.1-a":
                level: 2
                evidence:
                  - {type: record, ref: "CRM export", date: 2026-10-01, file: evidence/crm.csv}
                notes: "Pipes | and \\"quotes\\" stay text"
              "1.1-b":
              "2-a": {applicable: false, justification: No trend data kept yet}
            """,
            "actions.yaml": "isogap: 1\nkind: actions\nactions: []\n",
            "evidence/crm.csv": "id,date\n",
        ])
        #expect(diagnostics.isEmpty)
        let value = try #require(workspace)
        #expect(value.manifest.plan.weekend == [.fri, .sat])
        #expect(value.manifest.plan.people(in: "owner") == 2)
        #expect(value.manifest.plan.people(in: "analyst") == 1)
        #expect(value.manifest.plan.phaseGates)
        let responses = value.assessments[0].responses
        #expect(responses.map(\.requirement) == ["1.1-a", "1.1-b", "2-a"])
        #expect(responses[0].evidence[0].date == CalendarDate("2026-10-01"))
        #expect(responses[0].notes == "Pipes | and \"quotes\" stay text")
        #expect(responses[1].level == nil && responses[1].applicable)
        #expect(!responses[2].applicable)
        #expect(value.actions?.actions.isEmpty == true)
    }

    @Test func assessmentRules() throws {
        let (_, diagnostics) = try load([
            "isogap.yaml": manifest,
            "assessments/sample-complaints.yaml": """
            isogap: 1
            kind: assessment
            checklist: sample-complaints
            responses:
              "1.1-x": {level: 1}
              "1.1-a": {level: 7, target: -1}
              "1.1-b": {applicable: false, level: 1}
              "2-a":
                level: 1
                evidence:
                  - {type: photo, ref: x}
                  - {type: record, ref: y, file: /etc/passwd}
                  - {type: record, ref: z, file: evidence/../../secret, date: 2026-02-30}
            """,
        ])
        #expect(
            diagnostics == [
                "ws/assessments/sample-complaints.yaml:5:3: error: '1.1-x' is not a requirement of checklist 'sample-complaints'; did you mean '1.1-a'?",
                "ws/assessments/sample-complaints.yaml:6:20: error: level 7 is outside the scale 0–3 of checklist sample-complaints",
                "ws/assessments/sample-complaints.yaml:6:31: error: target -1 is outside the scale 0–3 of checklist sample-complaints",
                "ws/assessments/sample-complaints.yaml:7:25: error: 'applicable: false' needs a 'justification' saying why the requirement does not apply",
                "ws/assessments/sample-complaints.yaml:7:39: error: a requirement that is not applicable cannot have a level; remove 'level' or 'applicable: false'",
                "ws/assessments/sample-complaints.yaml:11:16: error: 'photo' is not a valid evidence type; expected one of document, record, interview, observation",
                "ws/assessments/sample-complaints.yaml:12:38: error: evidence file '/etc/passwd' must be a path relative to the workspace (no leading '/', '~', drive letter or '\\')",
                "ws/assessments/sample-complaints.yaml:13:38: error: evidence file 'evidence/../../secret' must stay inside the workspace (no '..')",
                "ws/assessments/sample-complaints.yaml:13:67: error: '2026-02-30' is not a real date (date must be YYYY-MM-DD)",
            ])
    }

    @Test func manifestRules() throws {
        let (_, diagnostics) = try load([
            "isogap.yaml": """
            isogap: 1
            kind: workspace
            organization: Acme
            scope: Complaints
            language: fr
            assessment_date: 2026-11-20
            target_level: 9
            checklists: [sample-complaint, sample-complaints, sample-complaints]
            evidence_max_age_days: 0
            plan:
              weekend: [sat, sun, sun, funday]
              capacity: {ownr: 1, owner: -1}
              phase_gates: yes
            """,
            "assessments/sample-complaints.yaml": "isogap: 1\nkind: assessment\nchecklist: sample-complaints\n",
            "assessments/stray.yaml": "isogap: 1\n",
        ])
        #expect(
            diagnostics == [
                "ws/assessments/stray.yaml:1:1: warning: assessments/stray.yaml is for no checklist listed in isogap.yaml; it is ignored",
                "ws/isogap.yaml:5:11: error: 'fr' is not a valid language; expected one of en, ar",
                "ws/isogap.yaml:7:15: error: target_level 9 is above the top of every scale (highest is 3)",
                "ws/isogap.yaml:8:14: error: unknown built-in checklist 'sample-complaint'; did you mean 'sample-complaints'?",
                "ws/isogap.yaml:8:51: error: checklist 'sample-complaints' is listed twice\nws/isogap.yaml:8:32: note: first listed here",
                "ws/isogap.yaml:9:24: error: evidence_max_age_days must be greater than 0",
                "ws/isogap.yaml:11:23: error: 'sun' is listed twice",
                "ws/isogap.yaml:11:28: error: 'funday' is not a valid weekend day; expected one of mon, tue, wed, thu, fri, sat, sun",
                "ws/isogap.yaml:12:14: error: unknown role 'ownr'; did you mean 'owner'?",
                "ws/isogap.yaml:12:30: error: capacity must be 0 or more people",
                "ws/isogap.yaml:13:16: error: 'phase_gates' must be true or false, found text 'yes'",
            ])
    }

    @Test func missingManifestAndAssessment() throws {
        let (none, noManifest) = try load([:])
        #expect(none == nil)
        #expect(
            noManifest == ["error: no isogap.yaml here; is this an isogap workspace? (create one with 'isogap init')"])
        let (workspace, diagnostics) = try load(["isogap.yaml": manifest])
        #expect(workspace?.assessments.first?.responses.isEmpty == true)
        #expect(
            diagnostics == [
                "ws/isogap.yaml:7:14: warning: assessments/sample-complaints.yaml does not exist; nothing of sample-complaints is assessed"
            ])
    }

    @Test func workspaceChecklistFileIsValidated() throws {
        let (workspace, diagnostics) = try load([
            "isogap.yaml": manifest.replacingOccurrences(of: "[sample-complaints]", with: "[custom/mine.yaml]"),
            "custom/mine.yaml": """
            isogap: 1
            kind: checklist
            id: mine
            standard: Mine
            title: Mine
            version: 1.0.0
            scale: [{level: 0, label: No, min_evidence: 0}, {level: 1, label: Some, min_evidence: 1}, {level: 2, label: Yes, min_evidence: 1}]
            roles: [{id: owner, name: Owner}]
            clauses:
              - id: "1"
                title: One
                requirements:
                  - id: "1-a"
                    text: Q
                    maps: ["sample-complaints:1.1-b"]
                    tasks: [{id: t, title: T, role: owner, effort_days: 1, phase: plan}]
            """,
        ])
        #expect(workspace?.checklists.map(\.id) == ["mine"])
        #expect(
            diagnostics == [
                "ws/custom/mine.yaml:16:71: error: unknown phase 'plan'",
                "ws/isogap.yaml:7:14: warning: assessments/mine.yaml does not exist; nothing of mine is assessed",
            ])
    }
}
