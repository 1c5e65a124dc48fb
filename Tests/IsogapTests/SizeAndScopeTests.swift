import Foundation
import IsogapLoading
import IsogapModel
import Testing

/// Size drivers (`size:` and `scales_with:`) and not-applicable groups (`not_applicable:`):
/// docs/planning.md "Size drivers" and docs/formats.md 2.3.
@Suite("Size drivers and not-applicable groups")
struct SizeAndScopeTests {
    static func task(_ effort: Double, _ driver: SizeDriver?, per: Int? = nil) -> PlanTask {
        var task = PlanTask(id: "t", title: LocalizedText("T"), role: "r", effortDays: effort, phase: "p")
        task.scalesWith = driver
        task.scalePer = per
        return task
    }

    @Test("effort × ⌈N / per⌉, hand-worked")
    func handWorked() {
        let size = OrganisationSize(sites: 38, staff: 1400)
        // 38 sites, 10 per unit: ⌈3.8⌉ = 4 → 4 days become 16.
        #expect(size.effort(of: Self.task(4, .sites)) == 16)
        // 1,400 staff, 100 per unit: 14 → 1 day becomes 14; the default 50 per unit gives 28.
        #expect(size.effort(of: Self.task(1, .staff, per: 100)) == 14)
        #expect(size.effort(of: Self.task(1, .staff)) == 28)
        // Boundaries: 9 and 10 sites are one unit, 11 are two.
        #expect(OrganisationSize(sites: 9).effort(of: Self.task(4, .sites)) == 4)
        #expect(OrganisationSize(sites: 10).effort(of: Self.task(4, .sites)) == 4)
        #expect(OrganisationSize(sites: 11).effort(of: Self.task(4, .sites)) == 8)
        // One site keeps the written effort; so does a task that does not scale.
        #expect(OrganisationSize(sites: 1).effort(of: Self.task(2.5, .sites)) == 2.5)
        #expect(size.effort(of: Self.task(3, nil)) == 3)
        // No count for the driver: the written effort.
        #expect(OrganisationSize(sites: 38).effort(of: Self.task(2, .staff)) == 2)
        #expect(OrganisationSize().effort(of: Self.task(2, .sites)) == 2)
        // Capped at the limit of one task.
        #expect(OrganisationSize(staff: 1_000_000).effort(of: Self.task(5, .staff, per: 1)) == 250)
    }

    static let manifest = """
        isogap: 1
        kind: workspace
        organization: T
        scope: T
        assessment_date: 2026-01-01
        target_level: 3
        checklists: [iso-10002-2018]

        """

    static func workspace(_ manifest: String, assessment: String? = nil) throws -> URL {
        let folder = try Fixtures.temporaryFolder()
        try Data(manifest.utf8).write(to: folder.appendingPathComponent("isogap.yaml"))
        if let assessment {
            let assessments = folder.appendingPathComponent("assessments")
            try FileManager.default.createDirectory(at: assessments, withIntermediateDirectories: true)
            try Data(assessment.utf8).write(to: assessments.appendingPathComponent("iso-10002-2018.yaml"))
        }
        return folder
    }

    static func planTasks(_ folder: URL) throws -> [String: Int] {
        let output = try Command.run(["plan", folder.path, "--format", "json"])
        #expect(output.status == 0, "\(output.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let tasks = try #require((json["plan"] as? [String: Any])?["tasks"] as? [[String: Any]])
        return Dictionary(
            tasks.compactMap { task in
                (task["id"] as? String).flatMap { id in (task["working_days"] as? Int).map { (id, $0) } }
            }, uniquingKeysWith: { first, _ in first })
    }

    @Test("the plan scales the built-in programme tasks with the manifest's size")
    func planScales() throws {
        let plain = try Self.workspace(Self.manifest)
        defer { try? FileManager.default.removeItem(at: plain) }
        let sized = try Self.workspace(Self.manifest + "size: {sites: 38, staff: 1400}\n")
        defer { try? FileManager.default.removeItem(at: sized) }
        let before = try Self.planTasks(plain), after = try Self.planTasks(sized)
        #expect(before["prog-train-frontline"] == 4)
        #expect(after["prog-train-frontline"] == 16)
        #expect(before["prog-open-channels"] == 3)
        #expect(after["prog-open-channels"] == 12)
        // Work done once does not scale.
        #expect(before["prog-detailed-plans"] == after["prog-detailed-plans"])
    }

    @Test("a bad size or scaling key is a located error")
    func validation() throws {
        let folder = try Self.workspace(Self.manifest + "size: {sites: 0, staf: 3}\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try Command.run(["validate", folder.path])
        #expect(output.status == 65)
        #expect(
            output.stderr.contains(
                "isogap.yaml:8:15: error: size sites must be a whole number from 1 to 1000000, found 0"))
        #expect(
            output.stderr.contains(
                "isogap.yaml:8:18: error: unknown key 'staf' in the organisation size; did you mean 'staff'?"))

        let checklist = """
            isogap: 1
            kind: checklist
            id: sized
            standard: Sized
            title: Sized
            version: 1.0.0
            scale:
              - {level: 0, label: None, min_evidence: 0}
              - {level: 1, label: Some, min_evidence: 0}
            roles: [{id: owner, name: Owner}]
            clauses:
              - id: "1"
                title: One
                requirements:
                  - id: 1-a
                    text: Is it done?
                    tasks:
                      - {id: a, title: A, role: owner, effort_days: 1, phase: train, scales_with: site}
                      - {id: b, title: B, role: owner, effort_days: 1, phase: train, scale_per: 5}
                      - {id: c, title: C, role: owner, effort_days: 1, phase: train, scales_with: staff, scale_per: 0}

            """
        let file = folder.appendingPathComponent("sized.yaml")
        try Data(checklist.utf8).write(to: file)
        let checked = try Command.run(["validate", file.path])
        #expect(checked.status == 65)
        #expect(
            checked.stderr.contains(
                "sized.yaml:18:87: error: 'site' is not a valid scales_with; expected one of sites, staff; did you mean 'sites'?"
            ))
        #expect(
            checked.stderr.contains(
                "sized.yaml:19:85: error: 'scale_per' needs 'scales_with' (sites or staff) on the same task"))
        #expect(
            checked.stderr.contains("sized.yaml:20:105: error: 'scale_per' must be a whole number from 1 to 1000000"))
    }

    static let group = """
        not_applicable:
          - checklist: iso-10002-2018
            clauses: ["8.5"]
            requirements: ["4.12-b"]
            justification: {en: "Owner-run shop: no departments, no audit function.", ar: "متجر يديره مالكه: لا إدارات ولا وحدة تدقيق."}

        """

    @Test(
        "a not-applicable group sets aside every requirement it covers, with its justification in the report's language"
    )
    func notApplicableGroup() throws {
        let assessment = """
            isogap: 1
            kind: assessment
            checklist: iso-10002-2018
            responses:
              4.12-b: {level: 2}
              4.12-a: {level: 1}

            """
        let folder = try Self.workspace(Self.manifest + Self.group, assessment: assessment)
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try Command.run(["report", folder.path, "--format", "json", "--as-of", "2026-01-02"])
        #expect(output.status == 0)
        #expect(
            output.stderr.contains(
                "isogap.yaml:9:5: warning: iso-10002-2018:4.12-b is answered at level 2 in its assessment but this group marks it not applicable; the group wins"
            ))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let checklist = try #require((json["checklists"] as? [[String: Any]])?.first)
        let requirements = try #require(checklist["requirements"] as? [[String: Any]])
        let setAside = requirements.filter { $0["applicable"] as? Bool == false }.compactMap { $0["id"] as? String }
        #expect(setAside == ["4.12-b", "8.5-a", "8.5-b", "8.5-c"])
        let first = try #require(requirements.first { $0["id"] as? String == "8.5-a" })
        #expect(first["justification"] as? String == "Owner-run shop: no departments, no audit function.")
        #expect(first["claimed"] is NSNull)
        // The answer outside the group is kept.
        #expect(requirements.first { $0["id"] as? String == "4.12-a" }?["claimed"] as? Int == 1)
        let arabic = try Command.run(["report", folder.path, "--format", "md", "--lang", "ar", "--as-of", "2026-01-02"])
        #expect(arabic.stdout.contains("| iso-10002-2018:8.5-b |"))
        #expect(arabic.stdout.contains("متجر يديره مالكه: لا إدارات ولا وحدة تدقيق."))
    }

    @Test("a not-applicable group with unknown ids or no justification is a located error")
    func notApplicableErrors() throws {
        let bad = """
            not_applicable:
              - checklist: iso-10002-2018
                clauses: ["8.9"]
                requirements: ["4.12-z"]
                justification: " "
              - checklist: iso-10004-2018
                requirements: ["7.1-a"]
                justification: Not ours.
              - {checklist: iso-10002-2018, justification: Nothing named.}
              - {checklist: iso-10002-2018, clauses: ["8.5"]}

            """
        let folder = try Self.workspace(Self.manifest + bad)
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try Command.run(["validate", folder.path])
        #expect(output.status == 65)
        for expected in [
            "isogap.yaml:10:15: error: unknown clause of iso-10002-2018 '8.9'; did you mean '4.9'?",
            "isogap.yaml:11:20: error: unknown requirement of iso-10002-2018 '4.12-z'; did you mean '4.12-a'?",
            "isogap.yaml:12:20: error: 'justification' must say why the requirements do not apply",
            "isogap.yaml:13:16: error: unknown checklist 'iso-10004-2018'; did you mean 'iso-10002-2018'?",
            "isogap.yaml:16:5: error: the group names no 'requirements' and no 'clauses'",
            "isogap.yaml:17:5: error: a not-applicable group is missing the required key 'justification'",
        ] {
            #expect(output.stderr.contains(expected), "missing: \(expected)\n\(output.stderr)")
        }
    }
}
