import Foundation
import Testing

/// Reports of the v2 workspace (`Tests/Fixtures/v2`), a guidance checklist on a 0–3 scale whose
/// level 2 needs a record or an observation, worked out by hand with SPEC §6 v2:
///
/// - 1.1-a (weight 2, high): claimed 3; the register is locked and unchanged (valid), the
///   walk-through notes changed after locking (changed, not valid). One valid record: level 2 holds
///   (1 item, a record), level 3 needs 2 items → effective 2, unsupported {3, min_evidence, 2, 1};
///   target 2 → gap 0 → conforming, worded "Meets target" for a guidance standard.
/// - 1.1-b (weight 1, low): claimed 2 with two interviews: level 2 needs a record or an observation
///   → effective 1, unsupported {2, evidence_types, 1, 2, [record, observation]}; gap 1 → observation,
///   priority 1·1·1 = 1.
/// - 2-a (weight 1.5, medium): claimed 1, its only item cites a missing file; level 1 needs none →
///   effective 1; gap 1 → observation, priority 1·1.5·2 = 3.
/// - 2-b (weight 1, medium): claimed 0 → gap 2 with nothing in place → major (v2), priority 4.
/// - 2-c, 2-d: not assessed. Completeness 4/6 = 0.667 < 0.8 → provisional.
///
/// Level (2·2 + 1 + 1.5·1 + 0)/5.5 = 1.18; percent 100·(2·2/3 + 1/3 + 1.5/3)/5.5 = 39.4.
/// Gap list: 2-b (4), 2-a (3), 1.1-b (1).
@Suite("Scoring v2 reports")
struct ScoringV2ReportTests {
    static let workspace = "Tests/Fixtures/v2"

    private func report(_ arguments: [String]) throws -> Command.Output {
        try Command.run(["report", Self.workspace, "--as-of", "2026-11-26"] + arguments)
    }

    @Test func jsonHasTheHandComputedFigures() throws {
        let output = try report(["--format", "json"])
        #expect(output.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let combined = try #require(json["combined"] as? [String: Any])
        #expect(combined["percent"] as? Double == 39.4)
        #expect(combined["completeness"] as? Double == 0.667)
        #expect(combined["provisional"] as? Bool == true)
        let checklist = try #require((json["checklists"] as? [[String: Any]])?.first)
        #expect(checklist["level"] as? Double == 1.18 && checklist["provisional"] as? Bool == true)
        #expect(checklist["nature"] as? String == "guidance")
        let requirements = try #require(checklist["requirements"] as? [[String: Any]])
        #expect(requirements.map { $0["effective"] as? Int } == [2, 1, 1, 0, nil, nil])
        #expect(
            requirements.map { $0["grade"] as? String } == [
                "conforming", "observation", "observation", "major", nil, nil,
            ])
        let statuses = requirements.map { ($0["evidence"] as? [[String: Any]] ?? []).map { $0["status"] as? String } }
        #expect(statuses == [["valid", "changed"], ["valid", "valid"], ["missing"], [], [], []])
        let first = try #require(requirements[0]["unsupported"] as? [String: Any])
        #expect(first["level"] as? Int == 3 && first["rule"] as? String == "min_evidence")
        #expect(first["needed"] as? Int == 2 && first["valid"] as? Int == 1 && (first["types"] as? [String]) == [])
        let second = try #require(requirements[1]["unsupported"] as? [String: Any])
        #expect(second["level"] as? Int == 2 && second["rule"] as? String == "evidence_types")
        #expect(second["needed"] as? Int == 1 && second["valid"] as? Int == 2)
        #expect(second["types"] as? [String] == ["record", "observation"])
        #expect(requirements[2]["unsupported"] is NSNull && requirements[4]["unsupported"] is NSNull)
        #expect(requirements[0]["notes"] as? String == "The walk-through notes were edited after they were locked.")
        #expect(requirements[0]["justification"] is NSNull)
        let gaps = try #require(json["gaps"] as? [[String: Any]])
        #expect(gaps.map { $0["requirement"] as? String } == ["2-b", "2-a", "1.1-b"])
    }

    @Test func validateWarnsAboutMissingAndChangedFilesAndSucceeds() throws {
        let output = try Command.run(["validate", Self.workspace])
        #expect(output.status == 0)
        #expect(
            output.stderr.contains(
                "Tests/Fixtures/v2/assessments/v2-guidance.yaml:9:9: warning: evidence file 'evidence/walk.txt' has changed since it was locked"
            ))
        #expect(
            output.stderr.contains(
                "Tests/Fixtures/v2/assessments/v2-guidance.yaml:19:9: warning: evidence file 'evidence/gone.pdf' is not in the workspace"
            ))
    }

    @Test func reasonsMarksAndGuidanceWordsInEveryFormat() throws {
        let reason = "level 2 needs a record or an observation; the valid evidence is 2 interviews"
        let markdown = try report(["--format", "md"]).stdout
        #expect(markdown.contains(reason))
        #expect(markdown.contains("**Combined score: 39.4%** (provisional)"))
        #expect(markdown.contains("Sample Guidance Basics is a guidance standard"))
        #expect(markdown.contains("| Criterion |"))
        let html = try report(["--format", "html"]).stdout
        #expect(html.contains(reason))
        #expect(html.contains("<small class=\"provisional\">(provisional)</small>"))
        #expect(html.contains("Meets target"))
        let csv = try report(["--format", "csv"]).stdout
        #expect(csv.contains(",\(reason),true,,"), "the measured column is empty without measures")
        let score = try Command.run(["score", Self.workspace]).stdout
        #expect(score.contains("Combined score: 39.4% (provisional)"))
        #expect(score.contains("v2-guidance:1.1-b: \(reason)"))
        let arabic = try report(["--format", "md", "--lang", "ar"]).stdout
        #expect(arabic.contains("يتطلب المستوى 2 دليلاً سارياً من نوع: سجل أو ملاحظة ميدانية؛ الأدلة السارية: مقابلتان"))
        #expect(arabic.contains("(مؤقتة)"))
    }

    static let goldenCases: [(arguments: [String], golden: String)] = [
        (["--format", "md"], "report/v2.md"),
        (["--format", "md", "--lang", "ar"], "report/v2-ar.md"),
        (["--format", "json"], "report/v2.json"),
        (["--format", "csv"], "report/v2.csv"),
    ]

    @Test(arguments: goldenCases)
    func goldens(arguments: [String], golden: String) throws {
        let output = try report(arguments)
        #expect(output.status == 0)
        try Golden.check(output.stdout, against: golden)
    }

    @Test func scoreTextGolden() throws {
        let output = try Command.run(["score", Self.workspace])
        #expect(output.status == 0)
        try Golden.check(output.stdout, against: "report/v2-score.txt")
    }
}
