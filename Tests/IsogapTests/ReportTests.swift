import Foundation
import Testing

/// Reports of the sample workspace (`Tests/Fixtures/sample`), whose figures are worked out by hand:
///
/// - 1.1-a: claimed 3, two valid items including a record (an expected type) → effective 3;
///   target 2 → gap 0; effective is the top of the 0–3 scale → good practice. Weight 2, s = 1.
/// - 1.1-b: claimed 2, its only item (2025-06-01) is older than 365 days → no valid evidence →
///   effective 1; target 3 → gap 2; low → minor; priority 2·1·1 = 2. Weight 1, s = 1/3.
/// - 2-a: claimed 1, no evidence needed → effective 1; target 2 → gap 1; medium → observation;
///   priority 1·1.5·2 = 3. Weight 1.5, s = 1/3.
/// - 2-b: not applicable.
///
/// Clause 1: level (2·3 + 1·1)/3 = 2.33; percent 100·(2 + 1/3)/3 = 77.8.
/// Clause 2: level 1; percent 33.3.
/// Checklist: level (6 + 1 + 1.5)/4.5 = 1.89; percent 100·(2 + 1/3 + 0.5)/4.5 = 62.96 → 63.0.
/// Completeness 3/3 = 1. Gap list: 2-a (priority 3), then 1.1-b (priority 2).
@Suite("Reports")
struct ReportTests {
    static let workspace = "Tests/Fixtures/sample"

    private func report(_ arguments: [String]) throws -> Command.Output {
        try Command.run(["report", Self.workspace, "--as-of", "2026-11-26"] + arguments)
    }

    @Test func jsonHasTheHandComputedFigures() throws {
        let output = try report(["--format", "json"])
        #expect(output.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(json["isogap"] as? Int == 1)
        #expect(json["assessment_date"] as? String == "2026-11-20")
        #expect(json["as_of"] as? String == "2026-11-26")
        let combined = try #require(json["combined"] as? [String: Any])
        #expect(combined["percent"] as? Double == 63.0)
        #expect(combined["completeness"] as? Double == 1)
        let checklist = try #require((json["checklists"] as? [[String: Any]])?.first)
        #expect(checklist["level"] as? Double == 1.89)
        #expect(checklist["percent"] as? Double == 63.0)
        #expect(checklist["assessed"] as? Int == 3)
        #expect(checklist["applicable"] as? Int == 3)
        #expect(checklist["requirements_total"] as? Int == 4)
        let clauses = try #require(checklist["clauses"] as? [[String: Any]])
        #expect(clauses.map { $0["level"] as? Double } == [2.33, 1])
        #expect(clauses.map { $0["percent"] as? Double } == [77.8, 33.3])
        let requirements = try #require(checklist["requirements"] as? [[String: Any]])
        #expect(requirements.map { $0["effective"] as? Int } == [3, 1, 1, nil])
        #expect(requirements.map { $0["evidence_ok"] as? Bool } == [true, false, true, nil])
        #expect(requirements.map { $0["grade"] as? String } == ["good-practice", "minor", "observation", nil])
        #expect(requirements.map { $0["priority"] as? Double } == [0, 2, 3, nil])
        #expect(requirements[3]["claimed"] is NSNull && requirements[3]["applicable"] as? Bool == false)
        let gaps = try #require(json["gaps"] as? [[String: Any]])
        #expect(gaps.map { $0["requirement"] as? String } == ["2-a", "1.1-b"])
        #expect(gaps.map { $0["checklist"] as? String } == ["sample-complaints", "sample-complaints"])
    }

    static let goldenCases: [(arguments: [String], golden: String)] = [
        (["--format", "md"], "report/sample.md"),
        (["--format", "md", "--lang", "ar"], "report/sample-ar.md"),
        (["--format", "html"], "report/sample.html"),
        (["--format", "html", "--lang", "ar"], "report/sample-ar.html"),
        (["--format", "json"], "report/sample.json"),
        (["--format", "csv"], "report/sample.csv"),
    ]

    @Test(arguments: goldenCases)
    func goldens(arguments: [String], golden: String) throws {
        let output = try report(arguments)
        #expect(output.status == 0)
        #expect(output.stderr.isEmpty)
        try Golden.check(output.stdout, against: golden)
    }

    @Test func reportIsDeterministic() throws {
        #expect(try report(["--format", "md"]).stdout == report(["--format", "md"]).stdout)
    }

    @Test func markdownEscapesFreeText() throws {
        let markdown = try report(["--format", "md"]).stdout
        #expect(markdown.contains("# Gap assessment report: Sample &amp; Sons &lt;Trading&gt; \\| Co."))
        #expect(!markdown.contains("<script>"))
        #expect(!markdown.contains("<Trading>"))
        // Every table row keeps its column count: escaped pipes do not split cells.
        for line in markdown.split(separator: "\n") where line.hasPrefix("| Organisation") {
            #expect(line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count == 3)
        }
    }

    @Test func csvIsRFC4180WithFormulasNeutralised() throws {
        let csv = try report(["--format", "csv"]).stdout
        #expect(csv.hasPrefix("\u{FEFF}checklist,clause,requirement,"))
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines.count == 6, "header, four requirements, and the empty string after the last CRLF")
        #expect(
            lines[2].contains(
                ",1,0,Pipe | star * and <script>alert(1)</script>; شكاوى,,0,0,0,0,1,level 2 needs 1 valid evidence item; there is no valid evidence (not counted: 1 stale),false,"
            ))
        #expect(lines[3].contains(",\"'=SUM(A1:A2), typed by the assessor, must stay text\",,0,0,0,0,0,,false,"))
        // The evidence items in one cell; a formula inside it does not start the cell.
        #expect(
            lines[2].contains(
                ",\"record | =HYPERLINK(\"\"http://x\"\") acknowledgement log | 2025-06-01 |  |  | stale\","))
        for line in lines.dropFirst().dropLast() { #expect(line.hasSuffix(",requirement,,,,,,,")) }
        #expect(lines[4].contains(",false,,,,2,,,,0,0,"), "not applicable: no claim, no effective level, no gap")
    }

    @Test func outWritesTheFileAndRefusesAMissingFolder() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("report.md")
        let written = try report(["--out", target.path])
        #expect(written.status == 0 && written.stdout.isEmpty)
        #expect(try String(contentsOf: target, encoding: .utf8).hasPrefix("# Gap assessment report"))
        let refused = try report(["--out", folder.appendingPathComponent("missing/report.md").path])
        #expect(refused.status == 73)
        #expect(refused.stderr.hasPrefix("error: cannot write "))
    }

    @Test func templatesFolderReplacesTemplatesAndLabelsByName() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("report"), withIntermediateDirectories: true)
        try Data(
            "{{% CONTENT_TYPE: MARKDOWN }}\n{{labels.report_title}} for {{organization}}: {{combinedPercent}}\n".utf8
        )
        .write(to: folder.appendingPathComponent("report/report.md.mustache"))
        try Data("isogap: 1\nkind: labels\nlabels:\n  report_title: {en: Readiness review, ar: مراجعة الجاهزية}\n".utf8)
            .write(to: folder.appendingPathComponent("labels.yaml"))
        let output = try report(["--templates", folder.path])
        #expect(output.status == 0)
        #expect(output.stdout == "Readiness review for Sample &amp; Sons &lt;Trading&gt; \\| Co.: 63.0%\n")

        try Data("{{#broken}}\n".utf8).write(to: folder.appendingPathComponent("report/report.md.mustache"))
        let broken = try report(["--templates", folder.path])
        #expect(broken.status == 65)
        #expect(
            broken.stderr
                == "\(folder.path)/report/report.md.mustache:2:1: error: the template does not parse: a section is not closed; expected '{{/name}}'\n"
        )
    }

    static let badArgumentCases: [(arguments: [String], status: Int32)] = [
        (["--format", "pdf"], 64), (["--as-of", "2026-13-01"], 64), (["--lang", "fr"], 64),
        (["--templates", "no/such/folder"], 66),
    ]

    @Test(arguments: badArgumentCases)
    func badArguments(arguments: [String], status: Int32) throws {
        #expect(try report(arguments).status == status)
    }

    @Test func scoreSummaryAndMissingWorkspace() throws {
        let summary = try Command.run(["score", Self.workspace])
        #expect(summary.status == 0)
        #expect(summary.stdout.contains("Combined score: 63.0% · Completeness: 100.0%"))
        #expect(summary.stdout.contains("1  sample-complaints:2-a    1→2"))
        let json = try Command.run(["score", Self.workspace, "--format", "json", "--as-of", "2026-11-26"])
        #expect(json.stdout == (try report(["--format", "json"])).stdout)
        #expect(try Command.run(["score", "no/such/workspace"]).status == 66)
        #expect(try Command.run(["report", "Tests/Fixtures"]).status == 66)
    }
}
