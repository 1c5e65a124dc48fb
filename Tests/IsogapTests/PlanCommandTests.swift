import Foundation
import Testing

/// `isogap plan` on the sample workspace (`Tests/Fixtures/sample`): no plan settings, so the plan
/// starts on the assessment date (Friday 2026-11-20), Saturday–Sunday weekend, one person per
/// role, phase gates on. Gaps: 2-a (task trend-report, review phase) and 1.1-b (ack-template,
/// design phase); ack-template's `after: [register]` is dropped because 1.1-a has no gap.
@Suite("Plan command")
struct PlanCommandTests {
    static let workspace = "Tests/Fixtures/sample"

    static func plan(_ arguments: [String], workspace: String = workspace) throws -> Command.Output {
        try Command.run(["plan", workspace, "--as-of", "2026-11-26"] + arguments)
    }

    static let goldenCases: [(arguments: [String], golden: String)] = [
        (["--format", "md"], "plan/sample.md"),
        (["--format", "md", "--lang", "ar"], "plan/sample-ar.md"),
        (["--format", "html"], "plan/sample.html"),
        (["--format", "html", "--lang", "ar"], "plan/sample-ar.html"),
        (["--format", "json"], "plan/sample.json"),
        (["--format", "csv"], "plan/sample.csv"),
        (["--format", "ics"], "plan/sample.ics"),
    ]

    @Test(arguments: goldenCases)
    func goldens(arguments: [String], golden: String) throws {
        let output = try Self.plan(arguments)
        #expect(output.status == 0)
        #expect(output.stderr.isEmpty)
        try Golden.check(output.stdout, against: golden)
    }

    @Test func jsonHasTheSpecFieldsAndTheHandCheckedTasks() throws {
        let output = try Self.plan(["--format", "json"])
        #expect(output.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(json["isogap"] as? Int == 1)
        let plan = try #require(json["plan"] as? [String: Any])
        #expect(plan["start"] as? String == "2026-11-20")
        #expect(plan["finish"] as? String == "2027-02-15")
        #expect(plan["working_days"] as? Int == 62)
        let tasks = try #require(plan["tasks"] as? [[String: Any]])
        #expect(tasks.count == 17 + 2, "17 programme tasks and the tasks of the two gaps")
        for task in tasks {
            for field in [
                "id", "title", "phase", "role", "accountable", "requirements", "start", "finish", "working_days",
                "after", "slack", "critical", "tags", "late_start", "late_finish",
            ] {
                #expect(task[field] != nil, "task field \(field)")
            }
        }
        let ack = try #require(tasks.first { $0["id"] as? String == "sample-complaints:ack-template" })
        #expect(ack["requirements"] as? [String] == ["sample-complaints:1.1-b"])
        #expect(ack["after"] as? [String] == [], "register is not in the plan: 1.1-a has no gap")
        #expect(ack["gate"] as? String == "diagnose")
        #expect(ack["phase"] as? String == "design" && ack["accountable"] as? String == "quality-manager")
        #expect(ack["working_days"] as? Int == 1 && ack["effort_days"] as? Double == 0.5)
        #expect(ack["priority"] as? Double == 2)
        let trend = try #require(tasks.first { $0["id"] as? String == "sample-complaints:trend-report" })
        #expect(trend["priority"] as? Double == 3)
        #expect(trend["start"] as? String == "2027-02-10" && trend["finish"] as? String == "2027-02-12")
        // One more analyst could not help: the trend report waits for the operating period, and its
        // slack counts the review phase's people: it may finish on the plan's last day.
        #expect(trend["slack"] as? Int == 1 && trend["late_finish"] as? String == "2027-02-15")
        let improvement = try #require(tasks.first { $0["id"] as? String == "prog-improvement-cycle" })
        #expect(improvement["finish"] as? String == "2027-02-15" && improvement["critical"] as? Bool == true)
        // Tailoring (two days, complaints manager) comes before the detailed plans in the design
        // phase, so every date from the design phase on is two working days later than without it.
        let tailoring = try #require(tasks.first { $0["id"] as? String == "prog-tailor-design" })
        #expect(tailoring["start"] as? String == "2026-12-07" && tailoring["finish"] as? String == "2026-12-08")
        let detailed = try #require(tasks.first { $0["id"] as? String == "prog-detailed-plans" })
        #expect(detailed["start"] as? String == "2026-12-09" && detailed["finish"] as? String == "2026-12-14")
        // The review cycle (half a day of top management) runs beside the improvement cycle.
        let reviewCycle = try #require(tasks.first { $0["id"] as? String == "prog-review-cycle" })
        #expect(reviewCycle["start"] as? String == "2027-02-11" && reviewCycle["slack"] as? Int == 2)
        let milestones = try #require(plan["milestones"] as? [[String: Any]])
        #expect(
            milestones.map { $0["phase"] as? String } == [
                "mobilize", "diagnose", "design", "approve", "implement", "train", "go-live", "operate", "review",
            ], "the audit phase has no task here, so no milestone")
        let roles = try #require(plan["roles"] as? [[String: Any]])
        let analyst = try #require(roles.first { $0["id"] as? String == "insight-analyst" })
        #expect(analyst["person_days"] as? Int == 18 && analyst["capacity"] as? Int == 1)
        #expect(analyst["utilisation"] as? Double == 0.29, "18 person-days over 62 working days")
        #expect(analyst["finish_if_plus_one"] as? String == "2027-02-15")
        #expect(plan["bottlenecks"] as? [Any] != nil && (plan["bottlenecks"] as? [Any])?.isEmpty == true)
        let chain = try #require(plan["critical_chain"] as? [String])
        #expect(chain.first == "prog-ceo-kickoff" && chain.last == "prog-improvement-cycle")
        #expect(chain == tasks.filter { $0["critical"] as? Bool == true }.compactMap { $0["id"] as? String })
    }

    @Test func planIsDeterministic() throws {
        for format in ["md", "ics", "json"] {
            #expect(try Self.plan(["--format", format]).stdout == Self.plan(["--format", format]).stdout)
        }
    }

    @Test func markdownHasTheGanttAndTheRACIMatrix() throws {
        let markdown = try Self.plan([]).stdout
        #expect(markdown.contains("```mermaid\ngantt\n    title Implementation plan - Sample & Sons ‹Trading› | Co.\n"))
        #expect(markdown.contains("    section Design and drafting\n"))
        #expect(markdown.contains("    End of Design and drafting :milestone, m3, 2026-12-14, 0d\n"))
        #expect(
            markdown.contains(":crit, t18, 2027-02-11, 2027-02-16\n"), "critical bars are tagged; ends are exclusive")
        #expect(markdown.contains("## What drives the finish date\n"))
        #expect(markdown.contains("No single role drives the finish"))
        let mermaid = try #require(
            markdown.components(separatedBy: "```mermaid\n").last?.components(separatedBy: "```").first)
        for line in mermaid.split(separator: "\n").dropFirst(5) {
            // Only the bar's data may hold ':' and nothing may start a comment or an entity.
            #expect(line.filter { $0 == ":" }.count <= 1, "\(line)")
            #expect(!line.contains { "#;()%`<>".contains($0) }, "\(line)")
        }
        #expect(markdown.contains("| Quality manager |  | A/R | A/R |  |  |  |  |  | R |"))
        #expect(markdown.contains("| Process owner |  |  | R |  |  |  |  |  |  |"))
    }

    /// A workspace copied from the sample with `plan:` settings added to its manifest.
    static func workspace(withPlan plan: String) throws -> URL {
        let folder = try Fixtures.temporaryFolder()
        for item in try FileManager.default.contentsOfDirectory(atPath: Fixtures.url("sample").path) {
            try FileManager.default.copyItem(
                at: Fixtures.url("sample").appendingPathComponent(item), to: folder.appendingPathComponent(item))
        }
        let manifest = folder.appendingPathComponent("isogap.yaml")
        try Data((try String(contentsOf: manifest, encoding: .utf8) + plan).utf8).write(to: manifest)
        return folder
    }

    @Test func capacityZeroWithWorkFailsWithALocatedError() throws {
        let folder = try Self.workspace(withPlan: "plan:\n  capacity: {analyst: 0, owner: 1}\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try Self.plan([], workspace: folder.path)
        #expect(output.status == 65)
        #expect(output.stdout.isEmpty)
        #expect(
            output.stderr.contains(
                "isogap.yaml:16:23: error: role 'analyst' has capacity 0 but is responsible for 1 task ('sample-complaints:trend-report'); give it at least one person"
            ), "\(output.stderr)")
    }

    @Test func startOnAWeekendIsMovedWithAWarning() throws {
        let folder = try Self.workspace(withPlan: "plan:\n  start: 2027-01-02\n  weekend: [sat, sun]\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try Self.plan(["--format", "json"], workspace: folder.path)
        #expect(output.status == 0)
        #expect(
            output.stderr.contains(
                "isogap.yaml:16:10: warning: the plan start 2027-01-02 is not a working day (Saturday); the plan starts on the next working day, 2027-01-04"
            ), "\(output.stderr)")
        #expect(output.stdout.contains("\"start\": \"2027-01-04\""))
    }

    @Test func gatesOffShortensThePlan() throws {
        let folder = try Self.workspace(withPlan: "plan:\n  phase_gates: false\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try Self.plan(["--format", "csv"], workspace: folder.path)
        #expect(output.status == 0)
        // Without gates the review-phase trend report only waits for nothing: it starts on day one.
        #expect(
            output.stdout.contains(
                "sample-complaints:trend-report,Publish a monthly trend report,review,analyst,top-management,2026-11-20,2026-11-24,3,,false,sample-complaints:2-a,59,2027-02-11,2027-02-15,\r\n"
            ))
    }

    @Test func outWritesTheFile() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("plan.ics")
        let written = try Self.plan(["--format", "ics", "--out", target.path])
        #expect(written.status == 0 && written.stdout.isEmpty)
        #expect(try String(contentsOf: target, encoding: .utf8).hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
    }

    static let badArgumentCases: [(arguments: [String], status: Int32)] = [
        (["--format", "pdf"], 64), (["--as-of", "2026-02-30"], 64), (["--lang", "fr"], 64),
        (["--templates", "no/such/folder"], 66),
    ]

    @Test(arguments: badArgumentCases)
    func badArguments(arguments: [String], status: Int32) throws {
        #expect(try Self.plan(arguments).status == status)
    }

    @Test func missingWorkspace() throws {
        #expect(try Self.plan([], workspace: "no/such/workspace").status == 66)
    }

    @Test func icsLinesAreFoldedCRLFLines() throws {
        for language in ["en", "ar"] {
            let ics = try Self.plan(["--format", "ics", "--lang", language]).stdout
            #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
            let lines = ics.components(separatedBy: "\r\n").dropLast()
            #expect(lines.allSatisfy { $0.utf8.count <= 75 })
            #expect(!lines.contains { $0.contains("\n") || $0.contains("\r") })
            #expect(ics.components(separatedBy: "BEGIN:VEVENT").count - 1 == 19 + 9, "tasks and milestones")
        }
    }

    @Test func startBeforeTheAssessmentWarns() throws {
        let folder = try Self.workspace(withPlan: "plan:\n  start: 2026-11-02\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try Self.plan(["--format", "json"], workspace: folder.path)
        #expect(output.status == 0)
        #expect(
            output.stderr.contains(
                "isogap.yaml:16:10: warning: the plan starts on 2026-11-02, before the assessment date 2026-11-20; the plan would act on findings not made yet"
            ), "\(output.stderr)")
    }

    @Test func holidaysWithNamesAppearInThePlan() throws {
        let folder = try Self.workspace(
            withPlan:
                "plan:\n  holidays:\n    - {date: 2026-12-01, name: {en: Test Day, ar: يوم الاختبار}}\n    - 2026-12-02\n"
        )
        defer { try? FileManager.default.removeItem(at: folder) }
        let json = try Self.plan(["--format", "json"], workspace: folder.path)
        #expect(json.status == 0, "\(json.stderr)")
        let plan = try #require(
            (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["plan"]
                as? [String: Any])
        let calendar = try #require(plan["calendar"] as? [String: Any])
        #expect(calendar["holidays"] as? [String] == ["2026-12-01", "2026-12-02"])
        let names = try #require(calendar["holiday_names"] as? [[String: Any]])
        #expect(names.first?["name"] as? String == "Test Day" && names.last?["name"] is NSNull)
        #expect(
            try Self.plan([], workspace: folder.path).stdout.contains(
                "| Holidays | 2026-12-01 (Test Day), 2026-12-02 |"))
        #expect(try Self.plan(["--lang", "ar"], workspace: folder.path).stdout.contains("2026-12-01 (يوم الاختبار)"))
        let broken = try Self.workspace(withPlan: "plan:\n  holidays:\n    - {name: No date}\n")
        defer { try? FileManager.default.removeItem(at: broken) }
        let error = try Self.plan([], workspace: broken.path)
        #expect(error.status == 65)
        #expect(
            error.stderr.contains("isogap.yaml:17:7: error: a holiday is missing the required key 'date'"),
            "\(error.stderr)")
    }
}
