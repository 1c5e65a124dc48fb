import Foundation
import IsogapModel
import Testing

@Suite("Audit sampling")
struct AuditSampleTests {
    static func log(_ ids: [String], categories: [Int32]) -> ComplaintLog {
        let day = CalendarDate(year: 2026, month: 1, day: 1) ?? CalendarDate(dayNumber: 0)
        return ComplaintLog(
            complaints: zip(ids, categories).map { id, category in
                var complaint = Complaint(id: id, received: day)
                complaint.category = category
                return complaint
            }, names: ["a", "b", "c"])
    }

    @Test("sample size from confidence and margin with the finite-population correction")
    func size() {
        #expect(AuditSample.size(z: 1.960, marginPercent: 5, population: 1_000_000) == 385)
        #expect(AuditSample.size(z: 1.960, marginPercent: 10, population: 2128) == 92)
        #expect(AuditSample.size(z: 1.645, marginPercent: 5, population: 100) == 74)
        #expect(AuditSample.size(z: 2.576, marginPercent: 1, population: 50) == 50)
        #expect(AuditSample.size(z: 1.960, marginPercent: 5, population: 0) == 0)
    }

    @Test("the same seed gives the same sample whatever the row order; another seed another sample")
    func reproducible() {
        let ids = (1...200).map { "C\($0)" }
        let categories = ids.indices.map { Int32($0 % 3) }
        let forward = Self.log(ids, categories: categories)
        let backward = Self.log(ids.reversed(), categories: categories.reversed())
        func sampled(_ log: ComplaintLog, seed: String, strata: Bool = false) -> [String] {
            let sample = AuditSample(
                log: log, size: 20, seed: seed, from: nil, to: nil,
                stratum: strata ? { log.name($0.category) ?? "" } : nil)
            return sample.selected.map { log.complaints[$0].id }
        }
        #expect(sampled(forward, seed: "s") == sampled(backward, seed: "s"))
        #expect(sampled(forward, seed: "s", strata: true) == sampled(backward, seed: "s", strata: true))
        #expect(sampled(forward, seed: "s") != sampled(forward, seed: "t"))
        // Ranked by SHA-256 of "seed:id", ascending.
        let expected = ids.sorted { AuditSample.rank(seed: "s", id: $0) < AuditSample.rank(seed: "s", id: $1) }
        #expect(sampled(forward, seed: "s") == Array(expected.prefix(20)))
    }

    @Test("proportional strata: floors, then the largest remainders, ties by value")
    func strata() {
        // 5 a, 3 b, 2 c; n = 5: floors 2, 1, 1 (remainders 0.5, 0.5, 0) → a gets the last one (tie by value).
        let log = Self.log((1...10).map { "X\($0)" }, categories: [0, 0, 0, 0, 0, 1, 1, 1, 2, 2])
        let sample = AuditSample(log: log, size: 5, seed: "s", from: nil, to: nil) { log.name($0.category) ?? "" }
        #expect(sample.strata.map(\.size) == [3, 1, 1])
        #expect(sample.selected.count == 5)
        let all = AuditSample(log: log, size: 50, seed: "s", from: nil, to: nil)
        #expect(all.size == 10)
    }
}

@Suite("isogap measure and sample commands")
struct MeasureCommandTests {
    static let example = Fixtures.packageRoot.appendingPathComponent("examples/alnoor-retail").path

    @Test("measure outputs of the example workspace match their goldens", arguments: ["json", "csv", "md", "text"])
    func goldens(format: String) throws {
        let output = try Command.run(["measure", Self.example, "--format", format])
        #expect(output.status == 0)
        #expect(output.stderr.contains("warning: unknown column 'summary' ignored"))
        try Golden.check(output.stdout, against: "measure/alnoor.\(format)")
    }

    @Test("report json: KPI readings per requirement, measured record items, claims the data does not bear out")
    func reportMeasured() throws {
        let output = try Command.run(["report", Self.example, "--format", "json", "--as-of", "2026-11-30"])
        #expect(output.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let checklists = try #require(json["checklists"] as? [[String: Any]])
        let requirements = checklists.flatMap { $0["requirements"] as? [[String: Any]] ?? [] }
        #expect(requirements.allSatisfy { $0["measured"] is [Any] })
        func requirement(_ id: String, in checklist: Int) throws -> [String: Any] {
            let list = try #require(checklists[checklist]["requirements"] as? [[String: Any]])
            return try #require(list.first { $0["id"] as? String == id })
        }
        // Sufficient: one measured record item per KPI, with its reading.
        let survey = try requirement("7.3.3-b", in: 1)
        let readings = try #require(survey["measured"] as? [[String: Any]])
        #expect(readings.map { $0["kpi"] as? String } == ["csat", "ces-easy"])
        #expect(
            Set(readings.first?.keys.map { $0 } ?? [])
                == ["kpi", "period", "value", "target", "sufficient", "met", "n"])
        let items = (survey["evidence"] as? [[String: Any]] ?? []).filter { $0["measured"] as? Bool == true }
        #expect(
            items.map { $0["ref"] as? String } == [
                "KPI csat 2026-Q3: 72.1 (n=439)", "KPI ces-easy 2026-Q3: 78.4 (n=404)",
            ])
        #expect(items.allSatisfy { $0["type"] as? String == "record" && $0["status"] as? String == "valid" })
        // The example data ends with the last whole quarter before the assessment date, so the
        // complaint KPIs are read for 2026-Q3 and dated 2026-09-30: valid, not future.
        let handling = try requirement("8.3-a", in: 0)
        let reading = try #require((handling["measured"] as? [[String: Any]])?.first)
        #expect(reading["kpi"] as? String == "handling-satisfaction")
        #expect(reading["period"] as? String == "2026-Q3")
        #expect(reading["sufficient"] as? Bool == true)
        let added = (handling["evidence"] as? [[String: Any]] ?? []).filter { $0["measured"] as? Bool == true }
        #expect(added.map { $0["ref"] as? String } == ["KPI handling-satisfaction 2026-Q3: 66.7 (n=84)"])
        #expect(added.map { $0["date"] as? String } == ["2026-09-30"])
        #expect(added.map { $0["status"] as? String } == ["valid"])
        // ack-on-time misses 95 while 7.4-a claims level 3; csat misses 80 while 7.3.3-b does.
        let notBorneOut = try #require(json["not_borne_out"] as? [[String: Any]])
        #expect(notBorneOut.map { $0["requirement"] as? String } == ["7.4-a", "7.3.3-b"])
        #expect(notBorneOut.map { $0["kpi"] as? String } == ["ack-on-time", "csat"])
        #expect(notBorneOut.allSatisfy { $0["claimed"] as? Int == 3 })
        let markdown = try Command.run(["report", Self.example, "--format", "md", "--as-of", "2026-11-30"])
        #expect(markdown.stdout.contains("## Data does not bear out the claim"))
        #expect(markdown.stdout.contains("KPI csat 2026-Q3: 72.1 (n=439) (measured)"))
    }

    @Test(
        "report: the measured indicators section (md, html, en, ar), JSON measured_indicators and the CSV measured column"
    )
    func measuredIndicators() throws {
        let json = try Command.run(["report", Self.example, "--format", "json", "--as-of", "2026-11-30"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let indicators = try #require(object["measured_indicators"] as? [[String: Any]])
        #expect(indicators.count == 15)
        let csat = try #require(indicators.first { $0["id"] as? String == "csat" })
        #expect(csat["period"] as? String == "2026-Q3")
        #expect(csat["value"] as? Double == 72.1)
        #expect(csat["low"] as? Double == 67.6)
        #expect(csat["high"] as? Double == 76.2)
        #expect(csat["n"] as? Int == 439)
        #expect(csat["min_n"] as? Int == 100)
        #expect(csat["met"] as? Bool == false)
        #expect(csat["supports"] as? [String] == ["iso-10004-2018:7.3.3-b", "iso-10004-2018:7.4-b"])
        // A median has no interval.
        let median = try #require(indicators.first { $0["id"] as? String == "ack-median-days" })
        #expect(median["low"] is NSNull && median["high"] is NSNull)

        let markdown = try Command.run(["report", Self.example, "--format", "md", "--as-of", "2026-11-30"]).stdout
        #expect(markdown.contains("## Measured indicators"))
        #expect(
            markdown.contains(
                "| csat: Customers satisfied overall (CSAT) | 2026-Q3 | 72.1 | 67.6–76.2 | ≥ 80 | 439 | missed | iso-10004-2018:7.3.3-b iso-10004-2018:7.4-b |"
            ))
        #expect(
            markdown.contains(
                "| ack-median-days: Median working days to acknowledge | 2026-Q3 | 1 | — | ≤ 1 | 292 | met |"))
        let arabic = try Command.run([
            "report", Self.example, "--format", "md", "--lang", "ar", "--as-of", "2026-11-30",
        ]).stdout
        #expect(arabic.contains("## المؤشرات المقيسة"))
        #expect(arabic.contains("| 72.1 | 67.6–76.2 | ≥ 80 | 439 | لم يتحقق |"))
        let html = try Command.run(["report", Self.example, "--format", "html", "--as-of", "2026-11-30"]).stdout
        #expect(html.contains("<section id=\"measured-indicators\">"))
        #expect(html.contains("<li><a href=\"#measured-indicators\">Measured indicators</a></li>"))
        #expect(html.contains("<span class=\"badge grade-minor\">missed</span>"))

        let csv = try Command.run(["report", Self.example, "--format", "csv", "--as-of", "2026-11-30"]).stdout
        let lines = csv.split(separator: "\r\n").map(String.init)
        #expect(lines.first?.contains(",checklist_provisional,measured,evidence,") == true)
        let row = try #require(lines.first { $0.hasPrefix("iso-10004-2018,7.3.3,7.3.3-b,") })
        #expect(row.contains(",csat 2026-Q3 72.1 missed; ces-easy 2026-Q3 78.4 met,"))
        let unmeasured = try #require(lines.first { $0.hasPrefix("iso-10002-2018,4.1,4.1-a,") })
        #expect(unmeasured.contains(",false,,"), "an empty measured column before the evidence")
    }

    @Test("a KPI with fewer observations than its min_n is listed as insufficient and adds no evidence")
    func insufficientKPI() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("ws")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Self.example), to: copy)
        let kpis = try String(
            contentsOf: Fixtures.packageRoot.appendingPathComponent("templates/kpis.yaml"), encoding: .utf8)
        try Data(
            kpis.replacingOccurrences(
                of: "    min_n: 30\n    supports: [\"iso-10002-2018:8.3-a\"",
                with: "    min_n: 500\n    supports: [\"iso-10002-2018:8.3-a\"",
            ).utf8
        ).write(to: copy.appendingPathComponent("kpis.yaml"))
        let manifest = try String(contentsOf: copy.appendingPathComponent("isogap.yaml"), encoding: .utf8)
        try Data(
            manifest.replacingOccurrences(of: "  period: quarter\n", with: "  period: quarter\n  kpis: kpis.yaml\n")
                .utf8
        )
        .write(to: copy.appendingPathComponent("isogap.yaml"))
        let output = try Command.run(["report", copy.path, "--format", "json", "--as-of", "2026-11-30"])
        #expect(output.status == 0, "\(output.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let requirements = (json["checklists"] as? [[String: Any]] ?? []).flatMap {
            $0["requirements"] as? [[String: Any]] ?? []
        }
        let handling = try #require(requirements.first { $0["id"] as? String == "8.3-a" })
        let few = try #require((handling["measured"] as? [[String: Any]])?.first)
        #expect(few["kpi"] as? String == "handling-satisfaction")
        #expect(few["sufficient"] as? Bool == false)
        #expect(few["met"] is NSNull)
        #expect(!(handling["evidence"] as? [[String: Any]] ?? []).contains { $0["measured"] != nil })
        let markdown = try Command.run(["report", copy.path, "--format", "md", "--as-of", "2026-11-30"]).stdout
        #expect(markdown.contains("| 66.7 | 56.1–75.8 | ≥ 75 | 84 | insufficient data (n below 500) |"))
    }
    @Test("the JSON has the contract's names and shapes")
    func jsonShape() throws {
        let output = try Command.run(["measure", Self.example, "--format", "json", "--period", "month"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(json["isogap"] as? Int == 1)
        #expect(json["period"] as? String == "month")
        let complaints = try #require(json["complaints"] as? [String: Any])
        let periods = try #require(complaints["periods"] as? [[String: Any]])
        #expect(periods.count == 17)
        #expect(periods.first?["period"] as? String == "2025-05")
        let share = try #require(periods.first?["closed_within_target"] as? [String: Any])
        #expect(Set(share.keys) == ["value", "low", "high", "n"])
        // Volumes are per quarter: per_1000 is null per month, with a warning.
        #expect(periods.first?["per_1000"] is NSNull)
        #expect(output.stderr.contains("per_1000 is null"))
        let kpis = try #require(json["kpis"] as? [[String: Any]])
        #expect(
            Set(kpis.first?.keys.map { $0 } ?? [])
                == ["id", "measure", "period", "value", "target", "better", "met", "n", "sufficient", "supports"])
    }

    @Test("a bad data file exits 65 with located errors; a workspace without measures exits 66")
    func failures() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
        let manifest = """
            isogap: 1
            kind: workspace
            organization: T
            scope: T
            assessment_date: 2026-01-01
            target_level: 3
            checklists: [iso-10002-2018]

            """
        try Data(manifest.utf8).write(to: folder.appendingPathComponent("isogap.yaml"))
        let none = try Command.run(["measure", folder.path])
        #expect(none.status == 66)
        #expect(none.stderr.contains("has no 'measures:' settings"))
        try Data((manifest + "measures: {complaints: data/c.csv}\n").utf8).write(
            to: folder.appendingPathComponent("isogap.yaml"))
        let missing = try Command.run(["measure", folder.path])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("data/c.csv: no such file"))
        // A link to nothing is told apart from nothing at all.
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("data/c.csv").path, withDestinationPath: "gone.csv")
        let dangling = try Command.run(["measure", folder.path])
        #expect(dangling.status == 66)
        #expect(dangling.stderr.contains("data/c.csv: a symbolic link to nothing"), "\(dangling.stderr)")
        try FileManager.default.removeItem(at: folder.appendingPathComponent("data/c.csv"))
        try Data("id,received\nA,2026-02-30\nB,\n".utf8).write(to: folder.appendingPathComponent("data/c.csv"))
        let bad = try Command.run(["measure", folder.path])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("data/c.csv:2:3: error: 'received' \"2026-02-30\" is not a date"))
        #expect(bad.stderr.contains("data/c.csv:3:3: error: 'received' is required"))
    }

    @Test("a data file that links outside the workspace is not read")
    func linkOutside() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outside = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: outside) }
        try Data("id,received\nA,2026-01-01\n".utf8).write(to: outside.appendingPathComponent("c.csv"))
        try FileManager.default.createSymbolicLink(
            at: folder.appendingPathComponent("c.csv"), withDestinationURL: outside.appendingPathComponent("c.csv"))
        let manifest = """
            isogap: 1
            kind: workspace
            organization: T
            scope: T
            assessment_date: 2026-01-01
            target_level: 3
            checklists: [iso-10002-2018]
            measures: {complaints: c.csv}

            """
        try Data(manifest.utf8).write(to: folder.appendingPathComponent("isogap.yaml"))
        let output = try Command.run(["measure", folder.path])
        #expect(output.status == 66)
        #expect(output.stderr.contains("c.csv: it is a symbolic link to a file outside the workspace"))
    }

    @Test("sample: size from confidence and margin, strata, reproducible output")
    func sample() throws {
        let arguments = [
            "sample", Self.example, "--confidence", "95", "--margin", "10", "--by", "channel", "--format", "json",
        ]
        let first = try Command.run(arguments)
        let second = try Command.run(arguments)
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        #expect(json["size"] as? Int == 92)
        #expect(json["seed"] as? String == "2026-11-20")
        let sample = try #require(json["sample"] as? [[String: Any]])
        #expect(sample.count == 92)
        #expect(sample.allSatisfy { $0["result"] as? String == "" })
        let csv = try Command.run(["sample", Self.example, "--size", "5", "--from", "2026-07-01", "--to", "2026-09-30"])
        let lines = csv.stdout.split(whereSeparator: \.isNewline)
        #expect(lines.count == 6)
        #expect(
            lines.dropFirst().allSatisfy {
                $0.contains(",2026-07-") || $0.contains(",2026-08-") || $0.contains(",2026-09-")
            })
        let usage = try Command.run(["sample", Self.example, "--size", "5", "--margin", "3"])
        #expect(usage.status == 64)
    }
}
