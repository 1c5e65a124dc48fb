import Foundation
import IsogapDiagnostics
import IsogapLoading
import IsogapModel
import IsogapRendering
import IsogapResources
import Testing

/// OSCAL and CISO Assistant interchange (SPEC §16): what the documents hold, that they are
/// deterministic, that independent validators accept them, and that CISO Assistant libraries
/// import, validate, score and round-trip.
@Suite("Interchange: OSCAL and CISO Assistant")
struct InterchangeTests {
    static let example = "examples/alnoor-retail"
    static let today = CalendarDate(year: 2026, month: 12, day: 1)

    static func run(_ arguments: [String], in folder: URL? = nil, today: CalendarDate? = nil) throws -> Command.Output {
        try Command.run(arguments, in: folder, today: today ?? Self.today)
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The assessment results of the example workspace.
    static func assessmentResults() throws -> [String: Any] {
        let output = try run(["export", "oscal", example])
        #expect(output.status == 0, "\(output.stderr)")
        return try #require(try json(output.stdout)["assessment-results"] as? [String: Any])
    }

    static func props(_ object: [String: Any]) -> [String: String] {
        var result: [String: String] = [:]
        for prop in object["props"] as? [[String: Any]] ?? [] {
            if let name = prop["name"] as? String, let value = prop["value"] as? String { result[name] = value }
        }
        return result
    }

    static var tokenPattern: Regex<Substring> { /[A-Za-z_][A-Za-z0-9._-]*/ }
    static var uuidPattern: Regex<Substring> { /[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/ }

    // MARK: Identifiers

    @Test func nameBasedUUIDsAreThoseOfRFC4122Version5() {
        // Values from Python's uuid.uuid5 (independent SHA-1 and UUID code).
        #expect(NameBasedUUID.isogap.description == "9342b585-71f3-50b7-a856-535b708aa923")
        #expect(
            NameBasedUUID("isogap|Al Noor Retail Co.|Riyadh head office|2026-11-20|party|organization").description
                == "ab49eb5e-835b-516c-96d2-e632e15fef02")
        // Longer than one SHA-1 block, with a non-ASCII character.
        #expect(
            NameBasedUUID(String(repeating: "x", count: 200) + "é").description
                == "cd7c5160-8442-5585-a3c7-30347dfd4f17")
    }

    @Test func tokensStartWithALetterOrUnderscoreAndKeepOnlyTokenCharacters() {
        #expect(OSCAL.token("7.4-a") == "_7.4-a")
        #expect(OSCAL.token("iso-10002-2018") == "iso-10002-2018")
        #expect(OSCAL.token("A 5:1/x") == "A_5_1_x")
        #expect(OSCAL.token("8.3", prefix: "c") == "c8.3")
        #expect(OSCAL.token("مرحبا").wholeMatch(of: Self.tokenPattern) != nil)
    }

    // MARK: Assessment results

    @Test func assessmentResultsHaveAFindingPerAssessedRequirementAndARiskPerGap() throws {
        let document = try Self.assessmentResults()
        let report = try Self.json(try Self.run(["report", Self.example, "--format", "json"]).stdout)
        let checklists = try #require(report["checklists"] as? [[String: Any]])
        var assessed: [String: Int] = [:]  // key → gap
        for checklist in checklists {
            let id = try #require(checklist["id"] as? String)
            for requirement in try #require(checklist["requirements"] as? [[String: Any]]) {
                guard let gap = requirement["gap"] as? Int, let requirementID = requirement["id"] as? String else {
                    continue
                }
                assessed["\(id):\(requirementID)"] = gap
            }
        }
        let results = try #require(document["results"] as? [[String: Any]])
        #expect(results.count == 1)
        let result = try #require(results.first)
        let findings = try #require(result["findings"] as? [[String: Any]])
        let risks = try #require(result["risks"] as? [[String: Any]])
        let observations = try #require(result["observations"] as? [[String: Any]])
        #expect(findings.count == assessed.count)
        #expect(risks.count == assessed.values.filter { $0 > 0 }.count)
        #expect(risks.count == (report["gaps"] as? [Any])?.count)
        let observationUUIDs = Set(observations.compactMap { $0["uuid"] as? String })
        let riskUUIDs = Set(risks.compactMap { $0["uuid"] as? String })
        var targets = Set<String>()
        for finding in findings {
            let props = Self.props(finding)
            let key = "\(props["checklist"] ?? ""):\(props["requirement"] ?? "")"
            let gap = try #require(assessed[key], "finding for \(key)")
            let target = try #require(finding["target"] as? [String: Any])
            let targetID = try #require(target["target-id"] as? String)
            #expect(targetID.wholeMatch(of: Self.tokenPattern) != nil)
            #expect(targetID == OSCAL.token(props["checklist"] ?? "") + "_" + OSCAL.token(props["requirement"] ?? ""))
            targets.insert(targetID)
            let state = (target["status"] as? [String: Any])?["state"] as? String
            #expect(state == (gap == 0 ? "satisfied" : "not-satisfied"), "\(key)")
            let related =
                (finding["related-risks"] as? [[String: Any]])?.compactMap { $0["risk-uuid"] as? String } ?? []
            #expect(related.count == (gap > 0 ? 1 : 0))
            #expect(related.allSatisfy(riskUUIDs.contains))
            for link in finding["related-observations"] as? [[String: Any]] ?? [] {
                #expect(observationUUIDs.contains(link["observation-uuid"] as? String ?? ""))
            }
        }
        #expect(targets.count == findings.count, "objective ids are unique")
        for risk in risks {
            let props = Self.props(risk)
            #expect(risk["status"] as? String == "open")
            #expect(props["priority"] != nil && props["grade"] != nil)
            for prop in risk["props"] as? [[String: Any]] ?? [] { #expect(prop["ns"] as? String == OSCAL.namespace) }
        }
        let methods = ["document": "EXAMINE", "record": "EXAMINE", "interview": "INTERVIEW", "observation": "TEST"]
        for observation in observations {
            let type = try #require(Self.props(observation)["evidence-type"])
            let method = try #require(methods[type])
            #expect(observation["methods"] as? [String] == [method])
        }
        let metadata = try #require(document["metadata"] as? [String: Any])
        #expect(metadata["oscal-version"] as? String == "1.1.2")
        #expect(metadata["last-modified"] as? String == "2026-11-20T00:00:00Z")
        let uuids = [document["uuid"]] + findings.map { $0["uuid"] } + risks.map { $0["uuid"] }
        #expect(uuids.allSatisfy { ($0 as? String)?.wholeMatch(of: Self.uuidPattern) != nil })
    }

    @Test func everyEvidenceItemOfAnApplicableRequirementIsAnObservation() throws {
        let observations = try #require(
            (try Self.assessmentResults()["results"] as? [[String: Any]])?.first?["observations"] as? [[String: Any]])
        // Count the items in the assessment files with isogap's own loader.
        var expected = 0
        for id in ["iso-10002-2018", "iso-10004-2018"] {
            let path = "\(Self.example)/assessments/\(id).yaml"
            let assessment = try #require(
                AssessmentLoader.load(
                    Array(try Data(contentsOf: Fixtures.packageRoot.appendingPathComponent(path))), file: path
                ).value)
            expected += assessment.responses.filter(\.applicable).reduce(0) { $0 + $1.evidence.count }
        }
        #expect(observations.count == expected)
    }

    @Test func exportsAreByteIdenticalRunToRunAndDoNotDependOnToday() throws {
        let runs: [[String]] = [
            ["export", "oscal", Self.example], ["export", "poam", Self.example],
            ["export", "oscal-catalog", "iso-10004-2018", "--lang", "ar", "--date", "2026-11-20"],
            ["export", "ciso-assistant", "iso-10002-2018", "--date", "2026-11-20"],
        ]
        for arguments in runs {
            let first = try Self.run(arguments)
            let second = try Self.run(arguments, today: CalendarDate(year: 2030, month: 6, day: 30))
            #expect(first.status == 0, "\(arguments): \(first.stderr)")
            #expect(!first.stdout.isEmpty)
            #expect(first.stdout == second.stdout, "\(arguments) differs between runs")
        }
    }

    // MARK: POA&M and catalog

    @Test func poamHasAnItemPerActionAndPerUncoveredGapWithDatesAsTaskTiming() throws {
        let output = try Self.run(["export", "poam", Self.example])
        #expect(output.status == 0, "\(output.stderr)")
        let poam = try #require(try Self.json(output.stdout)["plan-of-action-and-milestones"] as? [String: Any])
        let report = try Self.json(try Self.run(["report", Self.example, "--format", "json"]).stdout)
        let actions = try #require(report["actions"] as? [String: Any])
        let total = try #require(actions["total"] as? Int)
        let uncovered = try #require(actions["uncovered_gaps"] as? [Any]).count
        let items = try #require(poam["poam-items"] as? [[String: Any]])
        #expect(items.count == total + uncovered)
        #expect(items.filter { Self.props($0)["action-id"] != nil }.count == total)
        let risks = Dictionary(
            uniqueKeysWithValues: try #require(poam["risks"] as? [[String: Any]]).map {
                ($0["uuid"] as? String ?? "", $0)
            })
        var timed = 0
        for item in items {
            let link = try #require((item["related-risks"] as? [[String: Any]])?.first?["risk-uuid"] as? String)
            let risk = try #require(risks[link])
            for remediation in risk["remediations"] as? [[String: Any]] ?? [] {
                for task in remediation["tasks"] as? [[String: Any]] ?? [] {
                    let range = try #require(
                        (task["timing"] as? [String: Any])?["within-date-range"] as? [String: String])
                    let start = try #require(range["start"]), end = try #require(range["end"])
                    #expect(start <= end)
                    timed += 1
                }
            }
            if Self.props(item)["action-id"] != nil {
                let due = try #require(risk["deadline"] as? String)
                #expect(due.hasSuffix("T23:59:59Z"))
            }
        }
        #expect(timed >= total)
    }

    @Test func poamOfAWorkspaceWithNothingToPlanIsRefused() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.write(
            """
            isogap: 1
            kind: workspace
            organization: Empty Co
            scope: Nothing yet
            assessment_date: 2026-11-20
            target_level: 2
            checklists: [iso-10004-2018]
            """, to: folder.appendingPathComponent("isogap.yaml"))
        let output = try Self.run(["export", "poam", folder.path])
        #expect(output.status == 1)
        #expect(output.stderr.contains("nothing to plan"))
    }

    @Test(arguments: ["iso-10002-2018", "iso-10004-2018"])
    func catalogHasAGroupPerClauseAndAControlPerRequirement(id: String) throws {
        let output = try Self.run(["export", "oscal-catalog", id, "--date", "2026-11-20"])
        #expect(output.status == 0, "\(output.stderr)")
        let catalog = try #require(try Self.json(output.stdout)["catalog"] as? [String: Any])
        let checklist = try Self.builtIn(id)
        var labels: [String] = []
        var groups = 0
        var arabicParts = 0
        func walk(_ group: [String: Any]) {
            groups += 1
            #expect((group["id"] as? String)?.wholeMatch(of: Self.tokenPattern) != nil)
            for control in group["controls"] as? [[String: Any]] ?? [] {
                let controlID = control["id"] as? String ?? ""
                #expect(controlID.wholeMatch(of: Self.tokenPattern) != nil)
                labels.append(Self.props(control)["label"] ?? "")
                let parts = control["parts"] as? [[String: Any]] ?? []
                #expect(parts.first?["name"] as? String == "statement")
                arabicParts += parts.filter { Self.props($0)["lang"] == "ar" }.count
            }
            (group["groups"] as? [[String: Any]] ?? []).forEach(walk)
        }
        (catalog["groups"] as? [[String: Any]] ?? []).forEach(walk)
        #expect(labels == checklist.requirementIDs)
        #expect(groups == checklist.clausesInOrder.count)
        #expect(arabicParts >= labels.count, "the Arabic question of every control")
    }

    // MARK: Independent validators

    @Test(.enabled(if: Python.isAvailable, "python3 is not installed"))
    func oscalDocumentsPassTrestleAndTheOSCALPackage() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let documents: [(String, [String])] = [
            ("ar.json", ["export", "oscal", Self.example]),
            ("ar-ar.json", ["export", "oscal", Self.example, "--lang", "ar"]),
            ("poam.json", ["export", "poam", Self.example]),
            ("catalog-10002.json", ["export", "oscal-catalog", "iso-10002-2018"]),
            ("catalog-10004-ar.json", ["export", "oscal-catalog", "iso-10004-2018", "--lang", "ar"]),
        ]
        var paths: [String] = []
        for (name, arguments) in documents {
            let path = folder.appendingPathComponent(name).path
            let output = try Self.run(arguments + ["--out", path])
            #expect(output.status == 0, "\(arguments): \(output.stderr)")
            paths.append(path)
        }
        let result = try Self.python(script: "interchange/validate_oscal.py", arguments: paths)
        #expect(result.status == 0, "validators refused a document:\n\(result.stdout)\n\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == documents.count)
        for line in lines {
            let verdict = try Self.json(String(line))
            #expect(verdict["oscal_version"] as? String == "1.1.2")
            #expect(verdict["trestle_model"] as? String == "ok", "\(line)")
            #expect(verdict["trestle_validate"] as? String == "ok", "\(line)")
            #expect(verdict["oscal_is_valid"] as? Bool == true, "\(line)")
        }
    }

    @Test(.enabled(if: Python.isAvailable, "python3 is not installed"))
    func theValidatorsRefuseABrokenDocument() throws {
        // The check above must be able to fail: a finding whose target is not a token.
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = try Self.run(["export", "oscal", Self.example]).stdout
        let path = folder.appendingPathComponent("broken.json")
        let start = try #require(good.range(of: "\"target-id\": \"")).upperBound
        let end = try #require(good[start...].firstIndex(of: "\""))
        let broken = good.replacingCharacters(in: start..<end, with: "4.1 a")
        #expect(broken != good)
        try Self.write(broken, to: path)
        let result = try Self.python(script: "interchange/validate_oscal.py", arguments: [path.path])
        #expect(result.status == 1)
        let verdict = try Self.json(String(result.stdout.split(separator: "\n").first ?? ""))
        #expect(verdict["trestle_model"] as? String != "ok")
        #expect(verdict["oscal_is_valid"] as? Bool == false)
    }

    // MARK: CISO Assistant

    @Test(
        .enabled(if: Python.isAvailable, "python3 is not installed"), arguments: ["iso-10002-2018", "iso-10004-2018"])
    func cisoAssistantExportFollowsTheLoaderRules(id: String) throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("\(id).yaml").path
        let output = try Self.run(["export", "ciso-assistant", id, "--out", path])
        #expect(output.status == 0, "\(output.stderr)")
        let result = try Self.python(script: "interchange/check_ciso_library.py", arguments: [path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let summary = try Self.json(result.stdout)
        let checklist = try Self.builtIn(id)
        #expect(summary["assessable"] as? Int == checklist.requirementIDs.count)
        #expect(summary["nodes"] as? Int == checklist.requirementIDs.count + checklist.clausesInOrder.count)
    }

    @Test(.enabled(if: Python.isAvailable, "python3 is not installed"))
    func theLoaderRuleCheckCanFail() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = try Self.run(["export", "ciso-assistant", "iso-10004-2018"]).stdout
        let path = folder.appendingPathComponent("broken.yaml")
        try Self.write(
            good.replacingOccurrences(
                of: "- urn: \"urn:isogap:risk:req_node:iso-10004-2018:4\"", with: "- urn: \"URN:X\""), to: path)
        let result = try Self.python(script: "interchange/check_ciso_library.py", arguments: [path.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("not lower case") && result.stdout.contains("does not name an earlier node"))
    }

    /// Clause ids as a nested outline, for comparing trees.
    static func outline(_ clauses: [Clause]) -> [String] {
        clauses.flatMap { clause in
            ["(\(clause.id)"] + clause.requirements.map(\.id) + outline(clause.clauses) + [")"]
        }
    }

    @Test(arguments: ["iso-10002-2018", "iso-10004-2018"], ["en", "ar"])
    func exportThenImportKeepsTheClauseTreeAndRequirements(id: String, language: String) throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let library = folder.appendingPathComponent("library.yaml").path
        let checklistPath = folder.appendingPathComponent("imported.yaml").path
        #expect(try Self.run(["export", "ciso-assistant", id, "--lang", language, "--out", library]).status == 0)
        let imported = try Self.run(["import", "ciso-assistant", library, "--out", checklistPath])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(!imported.stderr.contains("warning"), "\(imported.stderr)")
        let validation = try Self.run(["validate", checklistPath])
        #expect(validation.status == 0, "\(validation.stdout)\(validation.stderr)")
        let original = try Self.builtIn(id)
        let copy = try #require(
            ChecklistLoader.load(try Data(contentsOf: URL(fileURLWithPath: checklistPath)), file: checklistPath).value)
        #expect(copy.id == original.id)
        #expect(Self.outline(copy.clauses) == Self.outline(original.clauses))
        #expect(copy.requirementIDs == original.requirementIDs)
        #expect(copy.scale.map(\.level) == original.scale.map(\.level))
        #expect(copy.scale.map(\.label.english) == original.scale.map(\.label.english))
        for (mine, theirs) in zip(copy.requirementsInOrder, original.requirementsInOrder) {
            #expect(mine.requirement.text == theirs.requirement.text, "\(theirs.requirement.id)")
            #expect(mine.requirement.guidance?.english.hasPrefix(theirs.requirement.guidance?.english ?? "") == true)
            #expect(mine.requirement.weight == theirs.requirement.weight.rounded())
        }
        for (mine, theirs) in zip(copy.clausesInOrder, original.clausesInOrder) {
            #expect(mine.title == theirs.title, "\(theirs.id)")
        }
    }

    @Test func aHandWrittenFrameworkImportsValidatesAndScores() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fixture = Fixtures.url("interchange/small-framework.yaml").path
        let imported = try Self.run([
            "import", "ciso-assistant", fixture, "--out", folder.appendingPathComponent("service-desk.yaml").path,
        ])
        #expect(imported.status == 0, "\(imported.stderr)")
        for expected in [
            "small-framework.yaml:21:13: warning: framework ref_id 'Service-Desk Basics v2' is not an isogap checklist id",
            "small-framework.yaml:66:9: warning: ref_id 'IN 2' is not a usable isogap id",
            "small-framework.yaml:85:9: warning: ref_id 'RS-1' is used twice; the requirement id is 'RS-1-2'",
            "small-framework.yaml:92:9: warning: node 'resolution.notes' has nothing to assess below it",
        ] {
            #expect(imported.stderr.contains(expected), "missing: \(expected)\n\(imported.stderr)")
        }
        let checklist = try #require(
            ChecklistLoader.load(
                try Data(contentsOf: folder.appendingPathComponent("service-desk.yaml")), file: "service-desk.yaml"
            ).value)
        #expect(checklist.id == "service-desk-basics-v2")
        #expect(
            Self.outline(checklist.clauses) == [
                "(intake", "IN-1", "IN-2", ")", "(RS", "(RS-1", "RS-1", "RS-1-2", ")", ")",
            ])
        #expect(checklist.scale.map(\.label.english) == ["Absent", "Ad hoc", "Managed", "Measured"])
        #expect(checklist.scale.first?.label["ar"] == "غائب")
        let first = try #require(checklist.requirement("IN-1"))
        #expect(first.text["ar"] == "نقطة دخول واحدة\nهل تصل جميع الطلبات إلى المكتب عبر نقطة دخول واحدة مسجلة؟")
        #expect(first.guidance?.english == "Ticket system configuration\nChannel list")
        #expect(first.weight == 2)
        #expect(checklist.requirement("IN-2")?.guidance?.english == "Sample ten recent tickets.")
        #expect(checklist.clauses.first?.title["ar"] == "الاستقبال")

        try Self.write(
            """
            isogap: 1
            kind: workspace
            organization: Desk Co
            scope: The service desk
            assessment_date: 2026-11-20
            target_level: 3
            checklists: [service-desk.yaml]
            """, to: folder.appendingPathComponent("isogap.yaml"))
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("assessments"), withIntermediateDirectories: true)
        try Self.write(
            """
            isogap: 1
            kind: assessment
            checklist: service-desk-basics-v2
            responses:
              "IN-1":
                level: 3
                evidence:
                  - {type: record, ref: "Ticket system export", date: 2026-10-01}
              "IN-2":
                level: 1
              "RS-1":
                level: 2
              "RS-1-2":
                applicable: false
                justification: No escalations yet.
            """, to: folder.appendingPathComponent("assessments/service-desk-basics-v2.yaml"))
        let validation = try Self.run(["validate", folder.path])
        #expect(validation.status == 0, "\(validation.stdout)\(validation.stderr)")
        let score = try Self.run(["score", folder.path, "--format", "json"])
        #expect(score.status == 0, "\(score.stderr)")
        let checklists = try #require(try Self.json(score.stdout)["checklists"] as? [[String: Any]])
        // IN-1 3 of 3 (w 2), IN-2 0 (claimed 1 with no evidence), RS-1 0: 100·2/4 = 50 %.
        #expect(checklists.first?["percent"] as? Double == 50)
        #expect(checklists.first?["assessed"] as? Int == 3)
        let report = try Self.run(["export", "oscal", folder.path])
        #expect(report.status == 0, "\(report.stderr)")
    }

    @Test func aLibraryWithoutAScoreRangeGetsTheDefaultScale() throws {
        let library = """
            urn: urn:t:risk:library:x
            locale: fr
            ref_id: x
            version: 1
            objects:
              framework:
                urn: urn:t:risk:framework:x
                ref_id: x
                name: Cadre
                requirement_nodes:
                  - {urn: "urn:t:risk:req_node:x:1", assessable: false, ref_id: "1", name: Titre}
                  - {urn: "urn:t:risk:req_node:x:1.1", assessable: true, parent_urn: "urn:t:risk:req_node:x:1",
                     ref_id: "1.1", description: "Question ?", translations: {en: {description: "Question?"}}}
                  - {urn: "urn:t:risk:req_node:x:2", assessable: true, ref_id: "2", name: Sans parent}
            """
        let loaded = CISOAssistantImporter.load(Array(library.utf8), file: "x.yaml")
        let checklist = try #require(loaded.value)
        #expect(checklist.scale.map(\.level) == [0, 1, 2, 3])
        #expect(checklist.scale.map(\.minEvidence) == [0, 1, 1, 1])
        #expect(checklist.requirement("1.1")?.text.english == "Question?")
        #expect(Self.outline(checklist.clauses) == ["(general", "2", ")", "(1", "1.1", ")"])
        #expect(
            checklist.validate(in: ChecklistContext(phaseIDs: nil) { _, _ in nil }).filter { $0.severity == .error }
                .isEmpty)
    }

    @Test(arguments: [
        ("aliases", "a: &x [1]\nb: *x\n", "alias"),
        ("not a mapping", "- 1\n", "is a mapping"),
        ("no framework", "urn: u\nobjects: {threats: []}\n", "no framework"),
        ("empty nodes", "objects: {framework: {urn: f, ref_id: f, requirement_nodes: []}}\n", "no requirement_nodes"),
        (
            "forward parent",
            "objects: {framework: {urn: f, ref_id: f, requirement_nodes: [{urn: a, parent_urn: b}, {urn: b}]}}\n",
            "does not name an earlier node"
        ),
        (
            "duplicate urn", "objects: {framework: {urn: f, ref_id: f, requirement_nodes: [{urn: A}, {urn: a}]}}\n",
            "duplicate node urn"
        ),
        (
            "bad assessable",
            "objects: {framework: {urn: f, ref_id: f, requirement_nodes: [{urn: a, assessable: yes}]}}\n",
            "true or false"
        ),
    ])
    func brokenLibrariesAreRefusedWithALocatedError(name: String, text: String, message: String) throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("library.yaml")
        try Self.write(text, to: path)
        let output = try Self.run(["import", "ciso-assistant", path.path])
        #expect(output.status == 65, "\(name)")
        #expect(output.stderr.contains(message), "\(name): \(output.stderr)")
        #expect(output.stderr.contains(path.path + ":"), "located: \(output.stderr)")
        #expect(output.stdout.isEmpty)
    }

    @Test func aLibraryOverTheSizeCapIsRefused() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("huge.yaml")
        try Data(repeating: UInt8(ascii: "#"), count: CISOAssistantImporter.maxFileSize + 1).write(to: path)
        let output = try Self.run(["import", "ciso-assistant", path.path])
        #expect(output.status == 65)
        #expect(output.stderr.contains("larger than the limit"))
    }

    @Test func nodesNestedTooDeeplyAreRefused() throws {
        var nodes = ["  - {urn: n0}"]
        for level in 1...25 { nodes.append("  - {urn: n\(level), parent_urn: n\(level - 1), assessable: true}") }
        let text =
            "objects:\n framework:\n  urn: f\n  ref_id: f\n  requirement_nodes:\n"
            + nodes.map { "  " + $0 }.joined(separator: "\n")
        let loaded = CISOAssistantImporter.load(Array(text.utf8), file: "deep.yaml")
        #expect(loaded.value == nil)
        #expect(loaded.diagnostics.contains { $0.message.contains("more than 20 levels") })
    }

    /// A generated library of about 10 MB: 24,000 requirements under 300 headings, many sharing a
    /// ref_id (made unique), with Arabic translations.
    static func largeLibrary() -> String {
        var text = "urn: urn:t:risk:library:big\nlocale: en\nref_id: big\nversion: 1\nobjects:\n  framework:\n"
        text += "    urn: urn:t:risk:framework:big\n    ref_id: big\n    min_score: 0\n    max_score: 5\n"
        text += "    requirement_nodes:\n"
        let question = String(
            repeating: "Is the practice described well enough that an assessor can check it against records? ",
            count: 3)
        for heading in 0..<300 {
            text += "      - urn: urn:t:risk:req_node:big:h\(heading)\n        assessable: false\n"
            text += "        ref_id: 'H\(heading)'\n        name: Heading \(heading)\n"
            for item in 0..<80 {
                text += "      - urn: urn:t:risk:req_node:big:h\(heading).r\(item)\n        assessable: true\n"
                text += "        parent_urn: urn:t:risk:req_node:big:h\(heading)\n        ref_id: 'R\(item)'\n"
                text +=
                    "        description: \"\(question)\"\n        typical_evidence: \"Records \(heading).\(item)\"\n"
                text +=
                    "        translations:\n          ar:\n            description: \"هل الممارسة موصوفة بتفصيل كاف؟\"\n"
            }
        }
        return text
    }

    @Test func aLargeLibraryImportsInLinearTime() throws {
        let text = Self.largeLibrary()
        #expect(text.utf8.count > 10_000_000)
        // CPU time of this thread, not wall time: a busy machine slows the wall clock, not the work.
        let start = InProcessBudget.threadCPUTime()
        let loaded = CISOAssistantImporter.load(Array(text.utf8), file: "big.yaml")
        let cpuSeconds = InProcessBudget.threadCPUTime() - start
        let checklist = try #require(loaded.value)
        #expect(checklist.requirementIDs.count == 24_000)
        #expect(Set(checklist.requirementIDs).count == 24_000, "repeated ref_ids are made unique")
        #expect(checklist.requirement("R0-300") != nil)
        // The release build takes well under 2 s per 10 MB (docs/interchange.md); this bound, for
        // debug builds, catches quadratic behaviour (minutes at this size).
        #expect(cpuSeconds < 30, "import took \(cpuSeconds) s of CPU time")
    }

    // MARK: Helpers

    /// A built-in checklist, loaded from the embedded file.
    static func builtIn(_ id: String) throws -> Checklist {
        let bytes = try #require(EmbeddedFiles.contents(of: "checklists/\(id).yaml"))
        return try #require(ChecklistLoader.load(bytes, file: id).value)
    }

    static func write(_ text: String, to url: URL) throws {
        try Data(text.utf8).write(to: url)
    }

    /// Runs a Python script of the fixtures with `arguments`.
    static func python(script: String, arguments: [String]) throws -> Command.Output {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("stdout"), errURL = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        (process.executableURL, process.arguments) = Python.command([Fixtures.url(script).path] + arguments)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        return Command.Output(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}
