import IsogapDiagnostics
import IsogapLoading
import IsogapModel
import IsogapYAML
import Testing

/// The content of the built-in checklists: coverage of every clause, complete requirements, both
/// languages, and references that resolve.
@Suite("Built-in checklists")
struct BuiltInChecklistTests {
    static let library = ChecklistLibrary(
        builtInChecklists: ["iso-10002-2018", "iso-10004-2018", "iso-9001-2015"].map { id in
            ("checklists/\(id).yaml", (try? Fixtures.bytes("../../checklists/\(id).yaml")) ?? [])
        },
        phaseTemplate: ("templates/plan-phases.yaml", (try? Fixtures.bytes("../../templates/plan-phases.yaml")) ?? []))

    static let iso10002Leaves =
        (1...15).map { "4.\($0)" } + (1...4).map { "5.\($0)" } + (1...4).map { "6.\($0)" }
        + (1...9).map { "7.\($0)" } + (1...7).map { "8.\($0)" }
    static let iso10004Leaves =
        ["4.1", "4.2"] + (1...14).map { "4.3.\($0)" } + ["5.1", "5.2"] + (1...4).map { "6.\($0)" }
        + ["7.1", "7.2.1", "7.2.2"] + (1...4).map { "7.3.\($0)" } + ["7.4", "7.5", "7.6", "8"]

    @Test(arguments: ["iso-10002-2018", "iso-10004-2018", "iso-9001-2015"])
    func validatesWithoutAnyDiagnostic(id: String) throws {
        let entry = try #require(Self.library.entries.first { $0.checklist.id == id })
        #expect(Self.library.diagnostics.isEmpty)
        #expect(Self.library.validation(of: entry).map(\.description) == [])
    }

    @Test func phaseTemplateValidatesWithoutAnyDiagnostic() throws {
        #expect(Self.library.phaseTemplateValidation.map(\.description) == [])
        let template = try #require(Self.library.phaseTemplate.value)
        #expect(
            template.phaseIDs == [
                "mobilize", "diagnose", "design", "approve", "implement", "train", "go-live", "operate", "audit",
                "review",
            ])
        #expect(template.phases.allSatisfy { (0...4).contains($0.tasks.count) })
        #expect(template.roles.contains { $0.id == "assessor" })
    }

    @Test(arguments: [
        ("iso-10002-2018", iso10002Leaves, 80),
        ("iso-10004-2018", iso10004Leaves, 60),
    ])
    func everyClauseIsCovered(id: String, leaves: [String], minimum: Int) throws {
        let checklist = try #require(Self.library.checklist(id))
        let clauses = Dictionary(uniqueKeysWithValues: checklist.clausesInOrder.map { ($0.id, $0) })
        for leaf in leaves {
            let clause = try #require(clauses[leaf], "clause \(leaf) is missing from \(id)")
            #expect(
                (2...4).contains(clause.requirements.count),
                "clause \(leaf) has \(clause.requirements.count) requirements")
            #expect(clause.title["ar"] != nil)
        }
        let leafSet = Set(leaves)
        for clause in checklist.clausesInOrder where !clause.requirements.isEmpty {
            #expect(leafSet.contains(clause.id), "unexpected clause \(clause.id) with requirements in \(id)")
        }
        #expect(checklist.requirementsInOrder.count >= minimum)
        #expect(checklist.maxLevel == 4)
        #expect(checklist.scale.map(\.minEvidence) == [0, 0, 1, 1, 2])
        #expect(checklist.scale.map(\.expectedType) == [false, false, false, true, true])
    }

    @Test(arguments: ["iso-10002-2018", "iso-10004-2018"])
    func everyRequirementIsComplete(id: String) throws {
        let checklist = try #require(Self.library.checklist(id))
        let sibling = id == "iso-10002-2018" ? "iso-10004-2018" : "iso-10002-2018"
        var mapsToSibling = 0
        for (requirement, _) in checklist.requirementsInOrder {
            let name = "\(id):\(requirement.id)"
            #expect(requirement.text["ar"] != nil && requirement.text["en"] != nil, "\(name) text")
            #expect(requirement.guidance?["ar"] != nil && requirement.guidance?["en"] != nil, "\(name) guidance")
            #expect(!requirement.evidence.isEmpty, "\(name) evidence types")
            #expect(requirement.maps.contains { $0.checklist == "iso-9001-2015" }, "\(name) ISO 9001 mapping")
            #expect(!requirement.tasks.isEmpty, "\(name) tasks")
            for task in requirement.tasks {
                #expect(task.title["ar"] != nil && task.effortDays > 0 && !task.role.isEmpty && !task.phase.isEmpty)
            }
            if requirement.maps.contains(where: { $0.checklist == sibling }) { mapsToSibling += 1 }
        }
        #expect(mapsToSibling >= 20, "\(id) maps to \(sibling) only \(mapsToSibling) times")
        let criticalities = Set(checklist.requirementsInOrder.map(\.requirement.criticality))
        #expect(criticalities == Set(Criticality.allCases))
    }

    /// A task never waits for a task of a later phase: with phase gates that could not be planned.
    @Test(arguments: ["iso-10002-2018", "iso-10004-2018"])
    func dependenciesRespectThePhaseOrder(id: String) throws {
        let checklist = try #require(Self.library.checklist(id))
        let phases = try #require(Self.library.phaseTemplate.value).phaseIDs
        let tasks = Dictionary(
            uniqueKeysWithValues: checklist.requirementsInOrder.flatMap(\.requirement.tasks).map { ($0.id, $0) })
        for task in tasks.values {
            for predecessor in task.after {
                if predecessor.hasPrefix("phase:") {
                    let phase = String(predecessor.dropFirst("phase:".count))
                    #expect((phases.firstIndex(of: phase) ?? .max) < (phases.firstIndex(of: task.phase) ?? 0))
                    continue
                }
                if predecessor.hasPrefix("tag:") { continue }
                let before = try #require(tasks[predecessor])
                #expect(
                    (phases.firstIndex(of: before.phase) ?? 0) <= (phases.firstIndex(of: task.phase) ?? 0),
                    "\(task.id) (\(task.phase)) comes after \(predecessor) (\(before.phase))")
            }
        }
    }

    /// Weight and criticality are written out on every requirement, not left to the defaults.
    @Test(arguments: ["iso-10002-2018", "iso-10004-2018"])
    func weightAndCriticalityAreExplicit(id: String) throws {
        let root = try #require(YAMLParser().parse(try Fixtures.bytes("../../checklists/\(id).yaml"), file: id).root)
        var requirements = 0
        func walk(_ node: YAMLNode) {
            if let pairs = node.mapping {
                if let list = pairs.first(where: { $0.key.scalar?.value == "requirements" })?.value.sequence {
                    for requirement in list {
                        requirements += 1
                        let keys = Set(requirement.mapping?.compactMap { $0.key.scalar?.value } ?? [])
                        #expect(
                            keys.isSuperset(of: [
                                "id", "text", "guidance", "evidence", "weight", "criticality", "maps", "tasks",
                            ]))
                    }
                }
                pairs.forEach { walk($0.value) }
            } else if let items = node.sequence {
                items.forEach(walk)
            }
        }
        walk(root)
        #expect(requirements == Self.library.checklist(id)?.requirementsInOrder.count)
    }

    /// The example shows evidence integrity on purpose: one changed and one missing file, both
    /// warnings; nothing else may be reported.
    @Test func exampleWorkspaceValidatesWithOnlyTheEvidenceWarnings() throws {
        let result = try Command.run(["validate", "examples/alnoor-retail"])
        #expect(result.status == 0)
        let file = "examples/alnoor-retail/assessments/iso-10002-2018.yaml:"
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(
            lines.first.map {
                $0.hasPrefix(file)
                    && $0.contains(
                        ": warning: evidence file 'evidence/escalation-log-2026-10.csv' has changed since it was locked"
                    )
            } == true)
        #expect(
            lines.dropFirst().first.map {
                $0.hasPrefix(file)
                    && $0.contains(
                        ": warning: evidence file 'evidence/escalation-procedure-ep04.pdf' is not in the workspace")
            } == true)
        #expect(lines.last == "0 errors, 2 warnings")
    }
}
