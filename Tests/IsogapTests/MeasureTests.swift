import Foundation
import IsogapLoading
import IsogapModel
import Testing

private func day(_ text: String) -> CalendarDate { CalendarDate(text) ?? CalendarDate(dayNumber: 0) }

private func complaint(
    _ id: String, _ received: String, ack: String? = nil, closed: String? = nil, outcome: ComplaintOutcome? = nil,
    stage: Int8 = 0, reopened: String? = nil, customer: Int32 = -1, satisfaction: Int8 = 0, category: Int32 = -1
) -> Complaint {
    var complaint = Complaint(id: id, received: day(received))
    complaint.acknowledged = ack.map { Int32(day($0).dayNumber) } ?? Complaint.none
    complaint.closed = closed.map { Int32(day($0).dayNumber) } ?? Complaint.none
    complaint.reopened = reopened.map { Int32(day($0).dayNumber) } ?? Complaint.none
    complaint.outcome = outcome
    complaint.stage = stage
    complaint.customer = customer
    complaint.satisfaction = satisfaction
    complaint.category = category
    return complaint
}

@Suite("Measures computed by hand")
struct MeasureHandTests {
    /// Saturday and Sunday off, no holidays.
    var calendar: WorkingCalendar {
        get throws { try #require(WorkingCalendar(weekend: [.sat, .sun], holidays: [CalendarDate]())) }
    }

    /// Names: 0 late, 1 price, 2 c1, 3 c2.
    var log: ComplaintLog {
        ComplaintLog(
            complaints: [
                complaint(
                    "a", "2026-01-02", ack: "2026-01-05", closed: "2026-01-30", outcome: .upheld, stage: 1,
                    customer: 2, satisfaction: 5, category: 0),
                complaint(
                    "b", "2026-01-05", ack: "2026-01-05", closed: "2026-02-06", outcome: .notUpheld, stage: 2,
                    reopened: "2026-02-10", customer: 2, satisfaction: 2, category: 0),
                complaint("c", "2026-02-02", customer: 3, category: 1),
                complaint(
                    "d", "2026-04-01", ack: "2026-04-03", closed: "2026-04-01", outcome: .withdrawn, stage: 1,
                    customer: 2, category: 1),
            ], names: ["late", "price", "c1", "c2"])
    }

    @Test("working days count the days after the first date through the second")
    func workingDays() throws {
        let measurer = ComplaintMeasurer(calendar: try calendar, targets: MeasureTargets(), period: .quarter)
        func wd(_ a: String, _ b: String) -> Int {
            measurer.workingDays(after: Int32(day(a).dayNumber), through: Int32(day(b).dayNumber))
        }
        #expect(wd("2026-01-05", "2026-01-05") == 0)
        #expect(wd("2026-01-02", "2026-01-05") == 1)
        #expect(wd("2026-01-02", "2026-01-30") == 20)
        #expect(wd("2026-01-05", "2026-02-06") == 24)
        let holidays = ComplaintMeasurer(
            calendar: try #require(WorkingCalendar(weekend: [.fri, .sat], holidays: [day("2026-01-04")])),
            targets: MeasureTargets(),
            period: .quarter)
        #expect(
            holidays.workingDays(after: Int32(day("2026-01-01").dayNumber), through: Int32(day("2026-01-05").dayNumber))
                == 1)
    }

    @Test("percentiles interpolate linearly between closest ranks")
    func percentiles() {
        #expect(Statistics.percentile(sorted: [0, 1], 90) == 0.9)
        #expect(Statistics.percentile(sorted: [0, 1, 2], 90)! - 1.8 < 1e-12)
        #expect(Statistics.percentile(sorted: [20, 24], 50) == 22)
        #expect(Statistics.percentile(sorted: [7], 90) == 7)
        #expect(Statistics.percentile(sorted: [], 50) == nil)
    }

    @Test("Wilson interval of 1 in 2")
    func wilson() {
        let share = Share(hits: 1, of: 2)
        #expect(share.value == 50)
        #expect(MeasureRounding.share(share.low!) == 9.5)
        #expect(MeasureRounding.share(share.high!) == 90.5)
        #expect(Share(hits: 0, of: 0) == Share(value: nil, low: nil, high: nil, n: 0))
    }

    @Test("complaint measures per quarter and for all data")
    func complaintMeasures() throws {
        let measurer = ComplaintMeasurer(calendar: try calendar, targets: MeasureTargets(), period: .quarter)
        let volumes = VolumeTable(period: .quarter, rows: [(2026 * 4, 1500), (2026 * 4 + 1, 500)])
        let (all, periods) = measurer.measure(log, volumes: volumes)
        #expect(periods.map(\.period) == ["2026-Q1", "2026-Q2"])
        let q1 = periods[0].measures
        #expect(q1.received == 3)
        #expect(q1.per1000 == 2)
        #expect(q1.ackDaysMedian == 0.5)
        #expect(q1.ackDaysP90 == 0.9)
        #expect(q1.ackWithinTarget.value == 100)
        #expect(q1.resolutionDaysMedian == 22)
        #expect(abs(q1.resolutionDaysP90! - 23.6) < 1e-9)
        #expect(q1.closedWithinTarget.value == 50)
        #expect(q1.openAtEnd == 1)
        #expect(q1.reopenRate.value == 50)
        #expect(q1.upheldRate.value == 50)
        #expect(q1.firstStageRate.value == 50)
        #expect(q1.repeatRate.n == 3)
        #expect(abs(q1.repeatRate.value! - 100.0 / 3) < 1e-9)
        #expect(q1.handlingSatisfaction.value == 50)
        #expect(q1.categories.map(\.name) == ["late", "price"])
        #expect(q1.categories.map { MeasureRounding.share($0.cumulativeShare) } == [66.7, 100])
        #expect(q1.vitalFew == ["late", "price"])
        let q2 = periods[1].measures
        #expect(q2.received == 1)
        #expect(q2.ackDaysMedian == 2)
        #expect(q2.openAtEnd == 1)
        #expect(q2.repeatRate.value == 100)
        #expect(all.received == 4)
        #expect(all.ackDaysMedian == 1)
        #expect(abs(all.ackDaysP90! - 1.8) < 1e-9)
        #expect(all.resolutionDaysMedian == 20)
        #expect(abs(all.resolutionDaysP90! - 23.2) < 1e-9)
        #expect(all.openAtEnd == 1)
        #expect(all.per1000 == 2)
        #expect(all.vitalFew == ["late", "price"])
    }

    @Test("spans of years, days before received and customers numbered far apart give the definitions' values")
    func unusualLogs() throws {
        let measurer = ComplaintMeasurer(calendar: try calendar, targets: MeasureTargets(), period: .year)
        let complaints = [
            complaint("a", "2020-01-01", ack: "2020-01-02", closed: "2031-06-30", customer: 5),
            complaint("b", "2020-03-01", ack: "2020-03-01", closed: "2020-03-31", customer: 5),
            complaint("c", "2020-02-01", closed: "2044-01-01", customer: 7),
            complaint("d", "2020-02-01", ack: "2020-01-15", closed: "2020-02-03", customer: 5),
        ]
        let (all, periods) = measurer.measure(ComplaintLog(complaints: complaints), volumes: nil)
        func days(_ to: KeyPath<Complaint, Int32>) -> [Double] {
            complaints.filter { $0[keyPath: to] != Complaint.none }.map {
                Double(measurer.workingDays(after: $0.received, through: $0[keyPath: to]))
            }.sorted()
        }
        #expect(all.ackDaysMedian == Statistics.percentile(sorted: days(\.acknowledged), 50))
        #expect(all.ackDaysP90 == Statistics.percentile(sorted: days(\.acknowledged), 90))
        #expect(all.resolutionDaysMedian == Statistics.percentile(sorted: days(\.closed), 50))
        #expect(all.resolutionDaysP90 == Statistics.percentile(sorted: days(\.closed), 90))
        #expect(days(\.closed).last ?? 0 > 6000)
        #expect(periods.map(\.period) == ["2020"])
        #expect(all.openAtEnd == 2)
        #expect(all.repeatRate == Share(hits: 2, of: 4))
        var sparse = complaints
        for index in sparse.indices { sparse[index].customer *= 100_000_000 }
        #expect(measurer.measure(ComplaintLog(complaints: sparse), volumes: nil).all.repeatRate == all.repeatRate)
    }

    @Test("per_1000 is null with a warning when the volumes use another period form")
    func volumesOfAnotherForm() throws {
        let report = MeasureReport(
            period: .month, log: log, waves: [], volumes: VolumeTable(period: .quarter, rows: [(2026 * 4, 1)]),
            kpiSet: KPISet(), calendar: try calendar)
        #expect(report.all?.per1000 == nil)
        #expect(report.warnings == ["per_1000 is null: the volumes are given per quarter and the measures per month"])
    }

    @Test("weighted survey measures, NPS interval, index and quadrants")
    func survey() throws {
        var responses: [SurveyResponse] = []
        for (name, overall, nps, ces, weight, perf, imp) in [
            ("r1", 5, 10, 6, 1.0, [5, 2], [5, nil]), ("r2", 3, 5, 3, 1.0, [3, nil], [5, nil]),
            ("r3", 4, 8, 5, 2.0, [nil, 4], [nil, nil]),
        ] as [(String, Int, Int, Int, Double, [Int?], [Int?])] {
            var response = SurveyResponse(respondent: name, attributeCount: 2)
            response.overall = overall
            response.nps = nps
            response.ces = ces
            response.weight = weight
            response.performance = perf
            response.importance = imp
            responses.append(response)
        }
        let wave = SurveyWave(
            wave: "W", invited: 10, attributes: ["a", "b"], hasImportance: [true, false], responses: responses)
        let measures = try #require(SurveyMeasures.measure([wave]).first)
        #expect(measures.responseRate == 30)
        #expect(measures.csat.value == 75)
        #expect(abs(measures.csatEffectiveN - 16.0 / 6) < 1e-12)
        #expect(measures.overallMean == 4)
        #expect(measures.cesEasy.value == 75)
        #expect(measures.nps.value == 0)
        #expect(MeasureRounding.share(measures.nps.high!) == 84.9)
        #expect(MeasureRounding.share(measures.nps.low!) == -84.9)
        #expect(MeasureRounding.share(measures.index!) == 72.2)
        #expect(measures.attributes.map(\.quadrant) == [.keepUp, .lowPriority])
        #expect(measures.change == nil)
    }

    @Test("KPIs: met, missed and insufficient; the evidence reference of §12")
    func kpis() throws {
        let kpis = [
            KPI(
                id: "k1", measure: "ack_within_target", title: LocalizedText("t"), target: 90, better: .higher, minN: 1,
                supports: []),
            KPI(
                id: "k2", measure: "resolution_days_median", title: LocalizedText("t"), target: 1, better: .lower,
                minN: 1, supports: []),
            KPI(
                id: "k3", measure: "received", title: LocalizedText("t"), target: 1, better: .lower, minN: 5,
                supports: []),
        ]
        let report = MeasureReport(
            period: .quarter, log: log, waves: [], volumes: nil, kpiSet: KPISet(kpis: kpis), calendar: try calendar)
        #expect(report.kpis.map(\.met) == [true, true, nil])
        #expect(report.kpis.map(\.sufficient) == [true, true, false])
        #expect(report.kpis[0].evidenceReference == "KPI k1 2026-Q2: 100 (n=1)")
        #expect(report.kpis[0].date == day("2026-06-30"))
    }
}

@Suite(
    "Measures against an independent oracle (numpy, statsmodels)",
    .enabled(if: MeasureOracle.isAvailable, "python3 with numpy, scipy and statsmodels is not installed"))
struct MeasureOracleTests {
    @Test("every measure equals the oracle's after rounding", arguments: MeasureOracle.seeds)
    func oracle(seed: String) throws {
        let oracle = try MeasureOracle.workspaces.get()
        let folder = oracle.root.appendingPathComponent(seed)
        let expected = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("oracle.json")))
                as? [String: Any])
        let output = try Command.run(["measure", folder.path, "--format", "json"])
        #expect(output.status == 0, "\(output.stderr)")
        let actual = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        var differences: [String] = []
        MeasureOracle.compare(expected["complaints"], actual["complaints"], path: "complaints", into: &differences)
        MeasureOracle.compare(expected["surveys"], actual["surveys"], path: "surveys", into: &differences)
        #expect(differences == [])
    }
}

enum MeasureOracle {
    static let isAvailable: Bool = {
        let process = Process()
        (process.executableURL, process.arguments) = Python.command(["-c", "import numpy, scipy, statsmodels"])
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    static let seeds = ["1", "2", "3"]

    /// The oracle's workspaces, one folder per seed under `root`, each with the oracle's answers in
    /// `oracle.json`: made once per test process, by one Python process that runs the oracle
    /// script for every seed (numpy, scipy and statsmodels are imported once, not once a seed).
    struct Workspaces: Sendable {
        var root: URL
    }

    static let workspaces: Result<Workspaces, any Error> = Result {
        let root = try Fixtures.temporaryFolder()
        let script = """
            import contextlib, runpy, sys
            script, root, seeds = sys.argv[1], sys.argv[2], sys.argv[3:]
            for seed in seeds:
                folder = root + "/" + seed
                sys.argv = [script, folder, seed]
                with open(folder + ".json", "w") as out, contextlib.redirect_stdout(out):
                    runpy.run_path(script, run_name="__main__")
            """
        let output = try PythonScript.run(script, [Fixtures.url("measure/oracle.py").path, root.path] + seeds)
        guard output.status == 0 else { throw OracleFailure(message: output.stderr) }
        for seed in seeds {
            let folder = root.appendingPathComponent(seed)
            try FileManager.default.moveItem(
                at: root.appendingPathComponent("\(seed).json"), to: folder.appendingPathComponent("oracle.json"))
        }
        return Workspaces(root: root)
    }

    struct OracleFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { "the oracle failed: \(message)" }
    }

    static func compare(_ expected: Any?, _ actual: Any?, path: String, into differences: inout [String]) {
        switch expected {
        case let object as [String: Any]:
            guard let other = actual as? [String: Any] else { return differences.append("\(path): not an object") }
            for (key, value) in object { compare(value, other[key], path: "\(path).\(key)", into: &differences) }
        case let array as [Any]:
            guard let other = actual as? [Any], other.count == array.count else {
                return differences.append("\(path): lengths differ")
            }
            for (index, value) in array.enumerated() {
                compare(value, other[index], path: "\(path)[\(index)]", into: &differences)
            }
        case let number as NSNumber where !(expected is String):
            guard let other = actual as? NSNumber, abs(number.doubleValue - other.doubleValue) < 1e-9 else {
                return differences.append("\(path): expected \(number), got \(String(describing: actual))")
            }
        case let text as String:
            if actual as? String != text {
                differences.append("\(path): expected \(text), got \(String(describing: actual))")
            }
        default:
            if let actual, !(actual is NSNull) { differences.append("\(path): expected null, got \(actual)") }
        }
    }
}

@Suite("KPIs as evidence")
struct MeasuredEvidenceTests {
    static func result(_ id: String, met: Bool?, sufficient: Bool, supports: [RequirementKey]) -> KPIResult {
        KPIResult(
            kpi: KPI(
                id: id, measure: "ack_within_target", title: LocalizedText(id), target: 90, better: .higher, minN: 30,
                supports: supports),
            period: "2026-Q3", value: met == true ? 95 : 80, n: sufficient ? 40 : 10, sufficient: sufficient, met: met,
            date: CalendarDate(year: 2026, month: 9, day: 30))
    }

    @Test("sufficient KPIs add one record item per supported requirement; insufficient ones add none")
    func apply() {
        let assessments = [
            Assessment(
                checklist: "iso-10002-2018",
                responses: [Response(requirement: "7.4-a", level: 3), Response(requirement: "8.4-a", level: 2)])
        ]
        let results = [
            Self.result(
                "ack", met: false, sufficient: true, supports: ["iso-10002-2018:7.4-a", "iso-10002-2018:8.2-a"]),
            Self.result("few", met: nil, sufficient: false, supports: ["iso-10002-2018:8.4-a"]),
        ]
        let applied = MeasuredEvidence.apply(results, to: assessments)
        let ack = applied[0].response(for: "7.4-a")?.evidence
        #expect(
            ack == [
                {
                    var item = EvidenceItem(
                        type: .record, ref: "KPI ack 2026-Q3: 80 (n=40)",
                        date: CalendarDate(year: 2026, month: 9, day: 30))
                    item.measured = true
                    return item
                }()
            ])
        #expect(applied[0].response(for: "8.4-a")?.evidence == [])
        #expect(applied[0].response(for: "8.2-a")?.level == nil)
        #expect(applied[0].response(for: "8.2-a")?.evidence.count == 1)
        #expect(MeasuredEvidence.readings(results).count == 3)
        let unsupported = MeasuredEvidence.notBorneOut(results, assessments: assessments)
        #expect(unsupported.map(\.requirement) == ["7.4-a"])
    }

    @Test("a sufficient KPI's record item is valid evidence and can raise the effective level")
    func raisesEffectiveLevel() throws {
        let scorer = Scorer(assessmentDate: ScorerTests.date, evidenceMaxAgeDays: nil, targetLevel: 3)
        let requirement = ScorerTests.requirement("7.4-a", evidence: [.record])
        let before = [
            Assessment(
                checklist: "iso-10002-2018",
                responses: [Response(requirement: "7.4-a", level: 3, evidence: [ScorerTests.item(.document)])])
        ]
        let results = [Self.result("ack", met: true, sufficient: true, supports: ["iso-10002-2018:7.4-a"])]
        let after = MeasuredEvidence.apply(results, to: before)
        let added = try #require(after[0].response(for: "7.4-a")?.evidence.last)
        #expect(added.measured && added.type == .record)
        #expect(scorer.status(of: added) == .valid)
        func effective(_ assessments: [Assessment]) -> Int {
            scorer.effectiveLevel(
                claimed: 3, evidence: assessments[0].response(for: "7.4-a")?.evidence ?? [],
                requirement: requirement, scale: ScorerTests.scale)
        }
        #expect(effective(before) == 2)
        #expect(effective(after) == 3)
    }
}
