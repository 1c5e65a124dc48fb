import Foundation
import IsogapLoading
import IsogapModel
import IsogapResources
import Testing

/// The HTML report as text: self-contained, escaped, right-to-left in Arabic. (What a browser makes
/// of it is checked in `BrowserTests`.)
@Suite("HTML report")
struct HTMLReportTests {
    static let sections = [
        "summary", "clause-scores", "gaps", "unsupported", "not-applicable", "actions", "plan", "evidence",
    ]
    static let planSections = ["plan", "schedule", "tasks"]

    private func html(_ workspace: String = ReportTests.workspace, lang: String = "en") throws -> String {
        let output = try Command.run([
            "report", workspace, "--as-of", "2026-11-26", "--format", "html", "--lang", lang,
        ])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.isEmpty)
        return output.stdout
    }

    @Test(arguments: ["en", "ar"])
    func selfContained(lang: String) throws {
        let page = try html(lang: lang)
        #expect(page.hasPrefix("<!DOCTYPE html>\n"))
        for violation in HTMLChecks.resourceReferences(in: page) {
            Issue.record("the report refers to something outside the file: \(violation)")
        }
        for tag in ["<script", "<link", "<img", "<iframe", "<object", "<embed", "<base", "<form", "<meta http-equiv"] {
            #expect(!page.lowercased().contains(tag), "the report contains \(tag)")
        }
        for id in Self.sections {
            #expect(page.contains("<section id=\"\(id)\">"), "no section \(id)")
        }
        #expect(
            page.components(separatedBy: "<svg ").count - 1 == 4,
            "one chart per checklist, one of actions, the plan's phases and its work per role")
        #expect(page.contains("<svg class=\"chart gantt\""))
        #expect(page.contains("@page {\n  size: A4;"))
        #expect(page.contains("tr { break-inside: avoid; }"))
    }

    @Test func resourceReferencesAreFound() {
        let found = HTMLChecks.resourceReferences(
            in: """
                <a href="#gaps">ok</a><a href="https://x.example/">no</a><img src=//cdn.example/x.png>
                <a href="evidence/log%20v2.csv">ok</a><a href="//x.example/">no</a><a href="javascript:x()">no</a>
                <p style="background: url( 'http://x' )">text about http://x is fine</p>
                <style>@import "y.css"; b { background: url(data:image/png;base64,AAAA) }</style>
                """)
        #expect(
            found == [
                "href=https://x.example/", "src=//cdn.example/x.png", "href=//x.example/", "href=javascript:x()",
                "url(http://x", "@import",
                "url(data:image/png;base64,AAAA",
            ])
    }

    @Test func sampleFreeTextIsEscaped() throws {
        let page = try html()
        #expect(page.contains("<h1><bdi>Sample &amp; Sons &lt;Trading&gt; | Co.</bdi></h1>"))
        #expect(
            page.contains(
                "<p class=\"notes\"><span class=\"notes-label\">Notes:</span> <bdi>Pipe | star * and &lt;script&gt;alert(1)&lt;/script&gt;; شكاوى</bdi></p>"
            ))
        #expect(page.contains("<bdi>=HYPERLINK(&quot;http://x&quot;) acknowledgement log</bdi>"))
        #expect(!page.contains("<Trading>"))
    }

    @Test(arguments: ["en", "ar"])
    func hostileTextEverywhereShowsAsText(lang: String) throws {
        let workspace = try HostileWorkspace.make()
        defer { try? FileManager.default.removeItem(at: workspace) }
        let page = try html(workspace.path, lang: lang)
        #expect(!page.lowercased().contains("<img"))
        #expect(!page.lowercased().contains("<script"))
        #expect(HTMLChecks.resourceReferences(in: page).isEmpty)
        // Organisation (title and heading), site, assessor, clause titles (chart, heat map), sub-clause
        // title (heat-map tooltip), checklist title, requirement text, notes, evidence reference,
        // justification, action title and owner.
        let escaped = "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
        #expect(page.components(separatedBy: escaped).count - 1 >= 14)
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        // Inside the chart, drawn by isogap rather than the template.
        let chart = try #require(page.range(of: "<svg ").map { page[$0.lowerBound...] })
        let svg = chart[..<(chart.range(of: "</svg>")?.upperBound ?? chart.endIndex)]
        #expect(svg.contains(">\(escaped)</text>"))
        #expect(svg.contains("aria-label=\"&lt;script&gt;alert(1)&lt;/script&gt;: "))
    }

    @Test func arabicIsRightToLeftWithArabicText() throws {
        let arabic = try html(lang: "ar")
        #expect(arabic.contains("<html lang=\"ar\" dir=\"rtl\">"))
        #expect(arabic.contains("<h2>الملخص التنفيذي</h2>"))
        #expect(arabic.contains("<bdi>استلام الشكاوى</bdi>"), "clause titles from the checklist's Arabic text")
        #expect(arabic.contains("<bdi>هل تُراجَع اتجاهات الشكاوى شهرياً؟</bdi>"), "requirement text in Arabic")
        #expect(arabic.contains("<td class=\"id\"><bdi dir=\"ltr\">1.1-b</bdi>"), "ids stay left to right")
        #expect(arabic.contains("direction=\"rtl\""))
        // Bars grow from the right: a 77.8% bar ends at the start of the bar area, mirrored.
        #expect(arabic.contains("<rect class=\"bar band-strong\" x=\"146.67\" y=\"28\" width=\"261.33\""))
        #expect(!arabic.contains("Executive summary"))

        let english = try html()
        #expect(english.contains("<html lang=\"en\" dir=\"ltr\">"))
        #expect(english.contains("<rect class=\"bar band-strong\" x=\"312\" y=\"28\" width=\"261.33\""))
    }

    private func planHTML(_ workspace: String = ReportTests.workspace, lang: String = "en") throws -> String {
        let output = try Command.run([
            "plan", workspace, "--as-of", "2026-11-26", "--format", "html", "--lang", lang,
        ])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.isEmpty)
        return output.stdout
    }

    @Test(arguments: ["en", "ar"])
    func planIsSelfContainedWithItsCharts(lang: String) throws {
        let page = try planHTML(lang: lang)
        #expect(page.hasPrefix("<!DOCTYPE html>\n"))
        #expect(page.contains("<html lang=\"\(lang)\" dir=\"\(lang == "ar" ? "rtl" : "ltr")\">"))
        #expect(HTMLChecks.resourceReferences(in: page).isEmpty)
        #expect(!page.lowercased().contains("<script"))
        for id in Self.planSections {
            #expect(page.contains("<section id=\"\(id)\">"), "no section \(id)")
        }
        // The overview and one chart per phase with tasks (nine in the sample), nine milestones,
        // today's line in the overview (2026-11-26 lies inside the plan) and in the first phase.
        #expect(page.components(separatedBy: "<svg class=\"chart gantt\"").count - 1 == 10)
        #expect(page.components(separatedBy: "<polygon class=\"milestone\"").count - 1 == 9)
        #expect(page.components(separatedBy: "<line class=\"today\"").count - 1 == 2)
        #expect(page.contains("<td class=\"raci-cell accountable responsible\">A/R</td>"))
    }

    /// The report and the plan draw the same overview; in Arabic every bar is mirrored.
    @Test func planChartsRunRightToLeftInArabic() throws {
        let bars = #/<rect class="gantt-bar phase" x="([0-9.]+)" y="([0-9.]+)" width="([0-9.]+)"/#
        func phaseBars(_ page: String) -> [(x: Double, y: Double, width: Double)] {
            page.matches(of: bars).map {
                (Double($0.output.1) ?? 0, Double($0.output.2) ?? 0, Double($0.output.3) ?? 0)
            }
        }
        let english = phaseBars(try planHTML()), arabic = phaseBars(try planHTML(lang: "ar"))
        #expect(english.count == 9 && arabic.count == 9)
        for (left, right) in zip(english, arabic) {
            #expect(abs(right.x - (720 - left.x - left.width)) < 0.02 && left.y == right.y)
        }
        #expect(zip(english, english.dropFirst()).allSatisfy { $0.x <= $1.x }, "later phases further along")
        #expect(phaseBars(try html()).map(\.x) == english.map(\.x))
        #expect(phaseBars(try html(lang: "ar")).map(\.x) == arabic.map(\.x))
    }

    @Test(arguments: ["en", "ar"])
    func planShowsHostileTextAsText(lang: String) throws {
        let workspace = try HostileWorkspace.make()
        defer { try? FileManager.default.removeItem(at: workspace) }
        let page = try planHTML(workspace.path, lang: lang)
        #expect(!page.lowercased().contains("<img") && !page.lowercased().contains("<script"))
        #expect(HTMLChecks.resourceReferences(in: page).isEmpty)
        // Organisation, site, a task title (table, Gantt label and tooltip) and a role name (RACI,
        // work per role, its chart, the task table).
        let escaped = "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
        #expect(page.components(separatedBy: escaped).count - 1 >= 8)
        #expect(page.contains(">\(escaped)</text>"), "in a chart, escaped by isogap")
    }

    @Test func aTemplatesFolderReplacesTheStylesheetOfReportAndPlan() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("html"), withIntermediateDirectories: true)
        try Data(":root { --accent: #7a0019; }\n".utf8).write(
            to: folder.appendingPathComponent("html/style.css.mustache"))
        for command in ["report", "plan"] {
            let output = try Command.run([
                command, ReportTests.workspace, "--as-of", "2026-11-26", "--format", "html", "--templates", folder.path,
            ])
            #expect(output.status == 0)
            // The report's own parts (narrative, sign-offs, annex) keep their small stylesheet,
            // html/deliverable.css, which a templates folder replaces by that name.
            #expect(
                output.stdout.contains("<style>\n:root { --accent: #7a0019; }\n</style>")
                    || output.stdout.contains("<style>\n:root { --accent: #7a0019; }\n/* Document control"))
            #expect(output.stdout.contains("<section id=\"plan\">"))
        }
    }

    @Test func everyLabelOfEveryTemplateExistsInBothLanguages() throws {
        let loaded = LabelsLoader.load(
            Array(try #require(EmbeddedFiles.contents(of: "templates/labels.yaml"))), file: "labels.yaml")
        // The loader reports a key defined twice, and the renderer would use the first silently.
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        let catalog = try #require(loaded.value)
        let keys = Set(catalog.entries.map(\.key))
        #expect(catalog.validate().isEmpty, "every label has an Arabic text")
        let templates = EmbeddedFiles.files(under: "templates").filter { $0.path.hasSuffix(".mustache") }
        #expect(templates.contains { $0.path == "templates/report/report.html.mustache" })
        let pattern = try Regex(#"labels\.([a-z0-9_]+)"#)
        for template in templates {
            let text = String(decoding: template.contents, as: UTF8.self)
            for match in text.matches(of: pattern) {
                let key = String(text[match.range].dropFirst("labels.".count))
                #expect(keys.contains(key), "\(template.path) uses labels.\(key), which labels.yaml lacks")
            }
        }
    }

    @Test func reportIsDeterministic() throws {
        #expect(try html(lang: "ar") == html(lang: "ar"))
    }
}

/// Checks on HTML text shared by the text and browser tests.
enum HTMLChecks {
    /// Every reference to a resource, which a browser would fetch or decode, in the page's markup
    /// (not its text): `src`, `srcset`, `href` that is not a fragment (`#id`), `action`, `poster`,
    /// `data`, `xlink:href`, and CSS `url(...)` or `@import` in `<style>` or `style=""`. A
    /// self-contained page that works offline has none.
    static func resourceReferences(in html: String) -> [String] {
        let tag = #/<[a-zA-Z][^\s/>]*((?:\s*[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*/?>/#
        let attribute = #/([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/#
        let fetching: Set = [
            "src", "srcset", "href", "xlink:href", "action", "formaction", "poster", "data", "background",
        ]
        var found: [String] = []
        for element in html.matches(of: tag) {
            for match in element.output.1.matches(of: attribute) {
                let name = match.output.1.lowercased()
                let value = String(match.output.2 ?? match.output.3 ?? match.output.4 ?? "")
                if name == "style" {
                    found += cssReferences(in: value)
                } else if fetching.contains(name) && !(name == "href" && value.hasPrefix("#"))
                    && !(name == "href" && element.output.0.hasPrefix("<a ") && isRelativePath(value))
                {
                    found.append("\(name)=\(value)")
                }
            }
        }
        for style in html.matches(of: #/(?s)<style[^>]*>(.*?)</style>/#) {
            found += cssReferences(in: String(style.output.1))
        }
        return found
    }

    /// A link to a file beside the page (an evidence file): no scheme, no host, not absolute.
    /// Following it is the reader's choice; nothing is fetched when the page opens.
    private static func isRelativePath(_ value: String) -> Bool {
        !value.isEmpty && !value.hasPrefix("/") && !value.hasPrefix("\\")
            && value.firstMatch(of: #/^[A-Za-z][A-Za-z0-9+.\-]*:/#) == nil
    }

    private static func cssReferences(in css: String) -> [String] {
        css.matches(of: #/(?i)url\(\s*['"]?([^'")\s]*)|@import/#).map {
            $0.output.1.map { "url(\($0)" } ?? "@import"
        }
    }
}

/// A copy of the sample workspace with hostile text in every free-text field a report shows.
enum HostileWorkspace {
    static let image = #"'"><img src=x onerror=alert(1)>'"#
    static let script = "'<script>alert(1)</script>'"

    static func make() throws -> URL {
        let folder = try Fixtures.temporaryFolder()
        let source = Fixtures.url("sample")
        for file in [
            "isogap.yaml", "actions.yaml", "sample-checklist.yaml", "assessments/sample-complaints.yaml",
            "evidence/register.csv",
        ] {
            var text = try String(contentsOf: source.appendingPathComponent(file), encoding: .utf8)
            for (old, new) in replacements[file] ?? [] {
                // Thrown, not expected: the workspace is also made outside any test (``BrowserPages``).
                guard text.contains(old) else { throw CheckFailure(description: "\(file) no longer contains \(old)") }
                text = text.replacingOccurrences(of: old, with: new)
            }
            let target = folder.appendingPathComponent(file)
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: target)
        }
        return folder
    }

    private static let replacements: [String: [(String, String)]] = [
        "isogap.yaml": [
            (#"organization: "Sample & Sons <Trading> | Co.""#, "organization: \(image)"),
            ("site: Main office", "site: \(image)"),
            ("scope: Complaints received at the front desk", "scope: \(script)"),
            ("{name: Lina Haddad, role: lead assessor}", "{name: \(image), role: \(script)}"),
        ],
        "sample-checklist.yaml": [
            ("standard: Sample Complaints Basics", "standard: \(script)"),
            (
                #"title: {en: "Complaints basics (sample)", ar: "أساسيات معالجة الشكاوى (نموذج)"}"#,
                "title: {en: \(image), ar: \(image)}"
            ),
            ("title: {en: Receiving complaints, ar: استلام الشكاوى}", "title: {en: \(image), ar: \(image)}"),
            ("title: {en: Recording, ar: التسجيل}", "title: {en: \(image), ar: \(image)}"),
            (
                #"text: {en: "Are complaint trends reviewed every month?", ar: "هل تُراجَع اتجاهات الشكاوى شهرياً؟"}"#,
                "text: {en: \(image), ar: \(image)}"
            ),
            (
                #"title: {en: "Write an acknowledgement template", ar: "إعداد نموذج للإقرار باستلام الشكوى"}"#,
                "title: {en: \(image), ar: \(image)}"
            ),
            ("name: {en: Process owner, ar: مالك العملية}", "name: {en: \(image), ar: \(image)}"),
        ],
        "assessments/sample-complaints.yaml": [
            (#"notes: "Register kept in the CRM; every ticket has a reference.""#, "notes: \(image)"),
            (#"ref: "Front desk walk-through""#, "ref: \(image)"),
            (#"notes: "=SUM(A1:A2), typed by the assessor, must stay text""#, "notes: \(image)"),
            (
                #"justification: "Complaint data quality belongs to the group IT function, outside this site's scope.""#,
                "justification: \(image)"
            ),
        ],
        "actions.yaml": [
            (#"title: "Keep the register reference on every ticket""#, "title: \(image)"),
            (#"owner: "سامي""#, "owner: \(image)"),
        ],
    ]
}
