import Foundation
import IsogapModel
import Testing

@testable import IsogapRendering

/// What the client reads, checked as text: one precision for percentages, right-to-left Markdown
/// with isolated Latin names, no reference to project files, evidence linked, long id lists
/// grouped, charts that keep their full titles, and the portfolio as an HTML page.
@Suite("Deliverable text")
struct DeliverableTextTests {
    static let alnoor = "examples/alnoor-retail"

    private func render(
        _ command: String, _ workspace: String, format: String, lang: String = "en", extra: [String] = []
    ) throws -> String {
        var arguments = [command, workspace, "--format", format, "--lang", lang] + extra
        if command == "report" { arguments += ["--as-of", "2026-11-26"] }
        let output = try Command.run(arguments)
        try #require(output.status == 0, "\(output.stderr)")
        return output.stdout
    }

    /// Every percentage outside the stylesheet and the charts' axes, with its decimals.
    private func percentages(_ text: String) -> [String] {
        let figures = text.replacing(#/(?s)<svg.*?</svg>/#, with: "").replacing(#/(?s)<style>.*?</style>/#, with: "")
        return figures.matches(of: #/([0-9]+(?:\.[0-9]+)?)%/#).map { String($0.output.0) }
    }

    /// The thresholds the labels name in whole percents ("under 25%", "95% interval").
    private func thresholds() throws -> Set<String> {
        let labels = try String(
            contentsOf: Fixtures.packageRoot.appendingPathComponent("templates/labels.yaml"), encoding: .utf8)
        return Set(labels.matches(of: #/[0-9]+%/#).map { String($0.output) })
    }

    /// On the sample, whose free text names no percentage: every figure has one decimal.
    @Test(arguments: ["report", "plan"], ["md", "html"])
    func percentagesHaveOneDecimalEverywhere(command: String, format: String) throws {
        let thresholds = try thresholds()
        for lang in ["en", "ar"] {
            let text = try render(command, ReportTests.workspace, format: format, lang: lang)
            let found = percentages(text)
            #expect(found.contains { $0.contains(".") })
            let other = found.filter { $0.wholeMatch(of: #/[0-9]+\.[0-9]%/#) == nil && !thresholds.contains($0) }
            #expect(other.isEmpty, "\(command) \(format) \(lang): \(Set(other).sorted())")
        }
    }

    @Test(arguments: ["report", "plan"])
    func arabicMarkdownIsWrappedRightToLeftWithLatinNamesIsolated(command: String) throws {
        let arabic = try render(command, ReportTests.workspace, format: "md", lang: "ar")
        #expect(arabic.hasPrefix("<div dir=\"rtl\">\n\n# "), "\(arabic.prefix(40))")
        #expect(arabic.hasSuffix("\n\n</div>\n"))
        // The name ends in a full stop: isolated, the stop stays at the end of "Co." instead of
        // moving to the far (left) end of the Arabic line.
        #expect(arabic.contains("\u{2068}Sample &amp; Sons &lt;Trading&gt; \\| Co.\u{2069}"))
        // Arabic words are not wrapped; English documents get neither wrapper nor isolates.
        #expect(!arabic.contains("\u{2068}المؤسسة"))
        let english = try render(command, ReportTests.workspace, format: "md", lang: "en")
        #expect(!english.contains("<div dir=") && !english.contains("\u{2068}"))
    }

    @Test(arguments: ["report", "plan"], ["md", "html"])
    func nothingTheClientReadsNamesAProjectFile(command: String, format: String) throws {
        for lang in ["en", "ar"] {
            let text = try render(command, Self.alnoor, format: format, lang: lang)
            #expect(!text.contains("docs/") && !text.contains("scoring.md") && !text.contains("planning.md"))
        }
    }

    @Test func evidenceFilesAreLinkedRelativeToWhereTheReportIsSaved() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("out/report.html")
        try FileManager.default.createDirectory(
            at: page.deletingLastPathComponent(), withIntermediateDirectories: true)
        let written = try Command.run(
            ["report", Self.alnoor, "--as-of", "2026-11-26", "--format", "html", "--out", page.path])
        try #require(written.status == 0, "\(written.stderr)")
        let html = try String(contentsOf: page, encoding: .utf8)
        let links = html.matches(of: #/<a href="([^"#][^"]*)">/#).map { String($0.output.1) }
        #expect(links.count >= 5)
        for link in links {
            #expect(!link.hasPrefix("/") && !link.contains("://"), "\(link) is not relative")
            let target = URL(
                fileURLWithPath: link.removingPercentEncoding ?? link, relativeTo: page.deletingLastPathComponent())
            #expect(FileManager.default.fileExists(atPath: target.standardizedFileURL.path), "\(link) leads nowhere")
        }
        // A missing file is named but not linked.
        #expect(html.contains("<bdi dir=\"ltr\">evidence/escalation-procedure-ep04.pdf</bdi>"))
        #expect(!links.contains { $0.hasSuffix("escalation-procedure-ep04.pdf") })
        // Saved inside the workspace, links are the workspace's own relative paths.
        let inside = try render("report", Self.alnoor, format: "html", extra: [])
        #expect(inside.contains("<a href=\"evidence/complaints-policy-v2.1.txt\">"))
    }

    @Test func linkPathsArePercentEncoded() {
        #expect(ReportView.percentEncoded("evidence/a b#1?.pdf") == "evidence/a%20b%231%3F.pdf")
        #expect(ReportView.percentEncoded("javascript:alert(1)") == "javascript%3Aalert%281%29")
        #expect(ReportView.percentEncoded("شكاوى.txt") == "%D8%B4%D9%83%D8%A7%D9%88%D9%89.txt")
    }

    @Test func gapsWithoutAnActionAreGroupedByClause() throws {
        let html = try render("report", Self.alnoor, format: "html")
        let json = try render("report", Self.alnoor, format: "json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let actions = try #require(object["actions"] as? [String: Any])
        let uncovered = try #require(actions["uncovered_gaps"] as? [[String: Any]])
        let table = try #require(html.firstMatch(of: #/(?s)<table class="uncovered">.*?</table>/#)).output
        let counts = table.matches(of: #/<td class="num">([0-9]+)</td>/#).compactMap { Int($0.output.1) }
        #expect(counts.reduce(0, +) == uncovered.count && counts.count < uncovered.count)
        let ids = table.matches(of: #/<bdi dir="ltr" class="id">([^<]+)</bdi> /#).map { String($0.output.1) }
        let expected = uncovered.compactMap { $0["requirement"] as? String }
        #expect(Set(ids).isSuperset(of: expected))
        let markdown = try render("report", Self.alnoor, format: "md")
        #expect(markdown.contains("- iso-10002-2018 · 4 "))
    }

    @Test func truncatedChartLabelsKeepTheirFullTitle() {
        let title = String(repeating: "Customer-focused approach and ", count: 3) + "openness"
        let svg = SVGBarChart(
            bars: [.init(key: "4.3", label: title, percent: 50, figure: "50.0%")], title: "t", rightToLeft: false
        ).svg
        #expect(svg.contains("<g><title>4.3 \(title)</title><text class=\"label\""))
        #expect(svg.contains("…</text></g>"))
        let short = SVGBarChart(
            bars: [.init(key: "4.3", label: "Openness", percent: 50, figure: "50.0%")], title: "t",
            rightToLeft: false
        ).svg
        #expect(!short.contains("<g>"))
    }

    @Test func hatchedHeatMapFiguresSitOnASolidChip() throws {
        let html = try render("report", Self.alnoor, format: "html")
        #expect(html.contains("td.band-critical .chip { display: inline-block; padding: 0 .6mm;"))
        let critical = html.matches(of: #/<td class="cell band-critical"[^>]*>(.*?)</td>/#)
        #expect(!critical.isEmpty)
        for cell in critical {
            #expect(cell.output.1.hasPrefix("<span class=\"cell-id chip\">"), "\(cell.output.1)")
        }
    }

    @Test func ganttMonthNamesStandOverTheirOwnMonths() throws {
        func day(_ text: String) throws -> CalendarDate { try #require(CalendarDate(text)) }
        let names = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ]
        // A phase from 25 January: January shows a week only, too little for its name.
        let svg = SVGGantt(
            rows: [], range: try day("2027-01-25")...day("2027-04-10"), today: nil, todayLabel: "",
            monthNames: names, holidays: [], title: "t", rightToLeft: false
        ).svg
        let labels = svg.matches(of: #/<text class="month-label" x="([0-9.]+)"[^>]*>([^<]*)</text>/#).map {
            (x: Double($0.output.1) ?? 0, text: String($0.output.2))
        }
        let lines = svg.matches(of: #/<line class="month" x1="([0-9.]+)" y1="([0-9.]+)"/#).map {
            (x: Double($0.output.1) ?? 0, top: Double($0.output.2) ?? 0)
        }
        // January's week has room for its short name only; the year goes on February's.
        #expect(labels.map(\.text) == ["Jan", "February 2027", "March", "April"])
        #expect(lines.count == 3 && labels.first?.x == SVGGantt.chartStart + 3)
        for (label, line) in zip(labels.dropFirst(), lines) {
            #expect(abs(label.x - (line.x + 3)) < 0.01, "\(label.text) starts at its month's line")
        }
        #expect(lines.allSatisfy { $0.top >= 18 }, "lines begin below the names")
    }

    @Test(arguments: ["en", "ar"])
    func portfolioIsAnHTMLPageInTheReportsStyle(lang: String) throws {
        let output = try Command.run(
            ["portfolio", "portfolio", "--as-of", "2026-11-26", "--format", "html", "--lang", lang],
            in: Fixtures.root)
        #expect(output.status == 65, "one workspace is broken: \(output.stderr)")
        let html = output.stdout
        #expect(html.contains("<html lang=\"\(lang)\" dir=\"\(lang == "ar" ? "rtl" : "ltr")\">"))
        for id in ["sites", "clauses", "weakest", "failed"] {
            #expect(html.contains("<section id=\"\(id)\">"), "no section \(id)")
        }
        #expect(html.contains("--band-critical"), "the report's stylesheet")
        #expect(HTMLChecks.resourceReferences(in: html).isEmpty && !html.contains("<script"))
        // Each site with its own assessment date.
        let dates = html.matches(of: #/<td class="id"><bdi dir="ltr">([0-9-]{10})</bdi></td>/#).map {
            String($0.output.1)
        }
        #expect(dates.count == 3)
        if lang == "ar" {
            #expect(html.contains("تقرير المحفظة") && html.contains("استلام الشكاوى"))
        } else {
            #expect(html.contains("Portfolio report") && html.contains("Receiving complaints"))
        }
    }
}
