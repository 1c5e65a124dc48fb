import IsogapDiagnostics
import IsogapLoading
import IsogapModel
import Testing

@Suite("Checklist loading and validation")
struct ChecklistLoaderTests {
    /// Loads and validates a checklist written inline; returns its diagnostics as printed.
    private func check(_ text: String, phases: [String] = ["design", "review"]) -> [String] {
        let loaded = ChecklistLoader.load(Array(text.utf8), file: "c.yaml")
        var diagnostics = loaded.diagnostics
        if let checklist = loaded.value, let map = loaded.sourceMap {
            let context = ChecklistContext(phaseIDs: phases) { checklist, target in
                checklist == "other" ? target == "1.1" : nil
            }
            diagnostics += map.diagnostics(for: checklist.validate(in: context))
        }
        return diagnostics.sortedByLocation().map(\.description)
    }

    private let header = """
        isogap: 1
        kind: checklist
        id: t
        standard: T
        title: T
        version: 1.0.0
        scale:
          - {level: 0, label: None, min_evidence: 0}
          - {level: 1, label: Some, min_evidence: 1}
        roles:
          - {id: owner, name: Owner}

        """

    @Test func sampleChecklistLoadsWithoutProblems() throws {
        let loaded = ChecklistLoader.load(try Fixtures.bytes("sample/sample-checklist.yaml"), file: "sample.yaml")
        let checklist = try #require(loaded.value)
        #expect(loaded.diagnostics.isEmpty)
        #expect(checklist.validate(in: ChecklistContext(phaseIDs: ["design", "review"]) { _, _ in nil }).isEmpty)
        #expect(checklist.requirementsInOrder.map(\.requirement.id) == ["1.1-a", "1.1-b", "2-a", "2-b"])
        #expect(checklist.maxLevel == 3)
        let first = try #require(checklist.requirement("1.1-a"))
        #expect(first.weight == 2 && first.criticality == .high && first.evidence == [.record, .observation])
        #expect(first.text["ar"] == "هل تُسجَّل كل شكوى برقم مرجعي فريد؟")
        #expect(checklist.requirement("1.1-b")?.weight == 1)
        #expect(checklist.requirement("2-a")?.criticality == .medium)
        #expect(checklist.scale[3].expectedType && !checklist.scale[2].expectedType)
    }

    @Test func unknownKeyGetsDidYouMean() {
        let text =
            header + """
                clauses:
                  - id: "1"
                    title: One
                    requirements:
                      - {id: "1-a", text: Q, wieght: 2}
                """
        #expect(check(text) == ["c.yaml:16:30: error: unknown key 'wieght' in a requirement; did you mean 'weight'?"])
    }

    @Test func duplicateIdsNoteTheFirstDefinition() {
        let text =
            header + """
                clauses:
                  - id: "1"
                    title: One
                    requirements:
                      - {id: "1-a", text: Q}
                      - {id: "1-a", text: R}
                """
        #expect(
            check(text) == [
                "c.yaml:17:14: error: duplicate requirement id '1-a'\nc.yaml:16:14: note: '1-a' is first defined here"
            ])
    }

    @Test func danglingReferencesAndCycles() {
        let text =
            header + """
                clauses:
                  - id: "1"
                    title: One
                    requirements:
                      - id: "1-a"
                        text: Q
                        maps: ["other:1.1", "other:9.9", "nowhere:1"]
                        tasks:
                          - {id: a, title: A, role: ownr, effort_days: 1, phase: desing, after: [b]}
                          - {id: b, title: B, role: owner, effort_days: 1, phase: design, after: [c]}
                          - {id: c, title: C, role: owner, effort_days: 1, phase: design, after: [a, zz]}
                """
        #expect(
            check(text) == [
                "c.yaml:18:29: error: mapping target '9.9' does not exist in checklist 'other'",
                "c.yaml:18:42: error: mapping names checklist 'nowhere', which is not loaded",
                "c.yaml:20:37: error: unknown role 'ownr'; did you mean 'owner'?",
                "c.yaml:20:66: error: unknown phase 'desing'; did you mean 'design'?",
                "c.yaml:20:81: error: tasks depend on each other in a cycle: a → c → b → a",
                "c.yaml:22:86: error: unknown task 'zz'",
            ])
    }

    @Test func scaleRules() {
        let text = """
            isogap: 1
            kind: checklist
            id: t
            standard: T
            title: T
            version: 1.0.0
            scale:
              - {level: 0, label: None, min_evidence: 1}
              - {level: 2, label: Some, min_evidence: 0}
            clauses:
              - {id: "1", title: One}
            """
        #expect(
            check(text) == [
                "c.yaml:9:13: error: scale levels must be 0, 1, 2, … in order; expected level 1 here, found 2",
                "c.yaml:9:43: error: min_evidence of level 2 (0) is lower than that of level 0 (1); it must not decrease as levels rise",
            ])
    }

    @Test func clauseWithoutContentIsAnErrorExceptInCatalogues() {
        let withRequirement =
            header + """
                clauses:
                  - {id: "1", title: One}
                  - id: "2"
                    title: Two
                    requirements: [{id: "2-a", text: Q}]
                """
        #expect(check(withRequirement) == ["c.yaml:13:10: error: clause '1' has neither sub-clauses nor requirements"])
        let catalogue =
            header + """
                clauses:
                  - {id: "1", title: One}
                """
        #expect(check(catalogue).isEmpty)
    }

    @Test func typesAreStrict() {
        let text =
            header + """
                clauses:
                  - id: "1"
                    title: One
                    requirements:
                      - id: "1-a"
                        text: {ar: سؤال}
                        weight: "2"
                        criticality: urgent
                        evidence: [document, photo]
                """
        #expect(
            check(text) == [
                "c.yaml:17:15: error: 'text' needs an English version ('en'), used when a translation is missing",
                "c.yaml:18:17: error: 'weight' must be a plain number such as 2 or 0.5, found the quoted text '2'; remove the quotes",
                "c.yaml:19:22: error: 'urgent' is not a valid criticality; expected one of high, medium, low",
                "c.yaml:20:30: error: 'photo' is not a valid evidence type; expected one of document, record, interview, observation",
            ])
    }

    @Test func missingTranslationIsAWarning() {
        let text =
            header + """
                clauses:
                  - id: "1"
                    title: {en: One, ar: واحد}
                    requirements: [{id: "1-a", text: Question}]
                """
        // The clause title has Arabic, so every English-only text of the file is flagged.
        #expect(
            check(text) == [5, 8, 9, 11].map {
                "c.yaml:\($0):\($0 == 5 ? 8 : 23): warning: no 'ar' translation; the English text will be used"
            }
                + ["c.yaml:15:38: warning: no 'ar' translation; the English text will be used"])
    }

    @Test func formatVersionAndKind() {
        #expect(
            check("isogap: 2\nkind: checklist\nid: t\nstandard: T\ntitle: T\nversion: 1\nscale: []\nclauses: []\n")
                .first == "c.yaml:1:9: error: format version 2 is not supported; this build of isogap reads version 1")
        #expect(
            check("isogap: 1\nkind: workspace\n") == [
                "c.yaml:2:7: error: expected a file of kind 'checklist', found kind 'workspace'"
            ])
        #expect(
            check("kind: checklist\n").first
                == "c.yaml:1:1: error: the file must start with 'isogap: 1' (the format version)")
    }
}

@Suite("Validation edge cases")
struct ValidationEdgeCaseTests {
    @Test func longDependencyChainsDoNotOverflowTheStack() {
        let count = 50_000
        var tasks = (0..<count).map { index in
            PlanTask(
                id: "t\(index)", title: LocalizedText("t"), role: "r", effortDays: 1, phase: "p",
                after: index + 1 < count ? ["t\(index + 1)"] : [])
        }
        #expect(TaskGraph.firstCycle(tasks) == nil)
        tasks[count - 1].after = ["t\(count - 3)"]
        // t49999 runs after t49997, t49998 after t49999, t49997 after t49998.
        #expect(TaskGraph.firstCycle(tasks) == ["t\(count - 3)", "t\(count - 1)", "t\(count - 2)"])
    }

    @Test(arguments: [
        ("a", ["a"], ["a"]), ("a", ["b"], ["a", "b"]), ("a", ["b", "c"], ["c", "b", "a"]),
    ])
    func cyclesAreNamedInRunningOrder(start: String, links: [String], expected: [String]) {
        // a after links[0], links[0] after links[1]…, last after a.
        let ids = [start] + links.filter { $0 != start }
        let tasks = ids.enumerated().map { index, id in
            PlanTask(
                id: id, title: LocalizedText(id), role: "r", effortDays: 1, phase: "p",
                after: [ids[(index + 1) % ids.count]])
        }
        #expect(TaskGraph.firstCycle(tasks).map(Set.init) == Set(expected))
    }

    @Test(arguments: [("levle", "level"), ("ntoes", "notes"), ("wieght", "weight"), ("evidnce", "evidence")])
    func suggestionsForSlips(typed: String, meant: String) {
        #expect(Suggestion.closest(to: typed, in: ["level", "notes", "weight", "evidence", "target"]) == meant)
    }

    @Test func unreadableScaleEntriesCauseNoFollowOnErrors() {
        let text = """
            isogap: 1
            kind: checklist
            id: t
            standard: T
            title: T
            version: 1.0.0
            scale:
              - {level: 0, label: None, min_evidence: 0}
              - Not a level
              - {level: "2", label: Two, min_evidence: 1}
            roles: [{id: owner, name: Owner}, [broken]]
            clauses:
              - not a clause
              - id: "1"
                title: One
                requirements:
                  - id: "1-a"
                    text: Q
                    tasks: [{id: t, title: T, role: nobody, effort_days: 1, phase: design}]
            """
        let loaded = ChecklistLoader.load(Array(text.utf8), file: "c.yaml")
        var diagnostics = loaded.diagnostics
        if let checklist = loaded.value, let map = loaded.sourceMap {
            diagnostics += map.diagnostics(
                for: checklist.validate(in: ChecklistContext(phaseIDs: ["design"]) { _, _ in nil }))
        }
        #expect(
            diagnostics.sortedByLocation().map(\.headline) == [
                "c.yaml:9:5: error: expected a scale level as a mapping of 'key: value' lines, found text 'Not a level'",
                "c.yaml:10:13: error: 'level' must be a whole number such as 3, found the quoted text '2'; remove the quotes",
                "c.yaml:11:35: error: expected a role as a mapping of 'key: value' lines, found a list",
                "c.yaml:13:5: error: expected a clause as a mapping of 'key: value' lines, found text 'not a clause'",
            ])
    }
}
