import Foundation
import Testing

/// The HTML report opened in a real browser: headless Chromium from the system packages (Debian's
/// `chromium`, which `.ci/run` installs). Checks run on the DOM Chromium serialises after parsing,
/// so they see what a reader's browser makes of the file, not what the template meant to write
/// (the pages are frames of one Chromium run shared with the other browser tests: ``BrowserPages``).
/// Screenshots of the first page go to `.build/artifacts/report-LANG.png` (and `plan-ar.png`) for
/// people to look at.
@Suite("HTML report in a browser", .startingSharedRuns { BrowserPages.start() })
struct BrowserTests {
    struct Case: Sendable, CustomTestStringConvertible {
        /// `report` or `plan`.
        var command: String
        var lang: String
        var hostile = false
        var testDescription: String { "\(command) \(lang)\(hostile ? ", hostile text" : "")" }
        var sections: [String] { command == "report" ? HTMLReportTests.sections : HTMLReportTests.planSections }
    }

    static let cases = [
        Case(command: "report", lang: "en"), Case(command: "report", lang: "ar"),
        Case(command: "report", lang: "en", hostile: true), Case(command: "plan", lang: "ar"),
    ]

    @Test(arguments: cases)
    func domHasEverySectionNoScriptAndTextAsText(_ testCase: Case) async throws {
        let chromium = try Chromium.require()
        let pages = try await BrowserPages.get()
        let name = BrowserPages.domName(command: testCase.command, lang: testCase.lang, hostile: testCase.hostile)
        let page = pages.root.appendingPathComponent("sample/\(name).html")
        let dom = try #require(pages.doms[name], "Chromium serialised no DOM for \(name)")
        try #require(dom.contains("</html>"), "Chromium printed no DOM")
        let direction = testCase.lang == "ar" ? "rtl" : "ltr"
        #expect(dom.contains("<html lang=\"\(testCase.lang)\" dir=\"\(direction)\">"))
        for id in testCase.sections {
            #expect(dom.contains("<section id=\"\(id)\">"), "no section \(id) in the DOM")
        }
        #expect(!dom.contains("<script"), "a script element exists")
        #expect(!dom.contains("<img"), "an img element exists")
        #expect(HTMLChecks.resourceReferences(in: dom).isEmpty)
        // The charts are in the DOM as SVG: the plan's phases (Gantt) and work per role, and in the
        // report one chart per checklist and one of actions; in the plan, a Gantt chart per phase.
        let charts = dom.components(separatedBy: "<svg ").count - 1
        let gantts = dom.components(separatedBy: "<svg class=\"chart gantt\"").count - 1
        #expect(testCase.command == "report" ? charts == 4 && gantts == 1 : charts == 11 && gantts == 10)
        #expect(dom.contains("<line class=\"today\""), "today's line")

        if testCase.hostile {
            // Text nodes serialise with <, > and & escaped; quotes stay as they are.
            let text = "\"&gt;&lt;img src=x onerror=alert(1)&gt;"
            #expect(dom.contains("<h1><bdi>\(text)</bdi></h1>"))
            #expect(dom.contains("<p class=\"notes\"><span class=\"notes-label\">Notes:</span> <bdi>\(text)</bdi></p>"))
            #expect(dom.contains(">\(text)</text>"), "the chart's clause title is SVG text")
            #expect(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        } else if testCase.command == "report" {
            #expect(
                dom.contains(
                    "<p class=\"notes\"><span class=\"notes-label\">\(testCase.lang == "ar" ? "ملاحظات" : "Notes"):</span> <bdi>Pipe | star * and &lt;script&gt;alert(1)&lt;/script&gt;; شكاوى</bdi></p>"
                ))
            #expect(dom.contains("Sample &amp; Sons &lt;Trading&gt; | Co."))
        }
        if !testCase.hostile {
            try await screenshot(page, name: "\(testCase.command)-\(testCase.lang)", chromium: chromium)
        }
    }

    /// The first page at A4 proportions (1240 × 1754 pixels, A4 at 150 dpi).
    private func screenshot(_ page: URL, name: String, chromium: Chromium) async throws {
        let folder = Fixtures.packageRoot.appendingPathComponent(".build/artifacts")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let image = folder.appendingPathComponent("\(name).png")
        try? FileManager.default.removeItem(at: image)
        _ = try await chromium.run([
            "--hide-scrollbars", "--window-size=1240,1754", "--screenshot=\(image.path)", page.absoluteString,
        ])
        let bytes = [UInt8](try Data(contentsOf: image))
        try #require(bytes.count > 24 && bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), "no PNG at \(image.path)")
        func bigEndian(_ offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        #expect(bigEndian(16) == 1240 && bigEndian(20) == 1754)
    }

    @Test func printsOnA4() async throws {
        let chromium = try Chromium.require()
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html")
        let pdf = folder.appendingPathComponent("report.pdf")
        let written = try Command.run([
            "report", ReportTests.workspace, "--as-of", "2026-11-26", "--format", "html", "--out", page.path,
        ])
        try #require(written.status == 0)
        _ = try await chromium.run(["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", page.absoluteString])
        let text = String(decoding: try Data(contentsOf: pdf), as: UTF8.self)
        // Chromium's default paper is US Letter (612 × 792 pt); A4 is 595.28 × 841.89 pt.
        let boxes = text.matches(of: #/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]/#).map {
            (Double($0.output.1) ?? 0, Double($0.output.2) ?? 0)
        }
        #expect(boxes.count >= HTMLReportTests.sections.count, "each section starts a page")
        #expect(boxes.allSatisfy { abs($0.0 - 595) < 1 && abs($0.1 - 842) < 1 }, "\(boxes)")
    }
}

/// Headless Chromium, run as a child process with a time limit and a profile of its own.
struct Chromium {
    let executable: URL

    /// The browser named by `CHROMIUM`, else Debian's `chromium`; a test fails when there is none.
    static func require(sourceLocation: SourceLocation = #_sourceLocation) throws -> Chromium {
        do {
            return Chromium(executable: try locate())
        } catch {
            Issue.record("\(error)", sourceLocation: sourceLocation)
            throw error
        }
    }

    /// The executable, or a failure that says how to install it.
    static func locate() throws -> URL {
        let environment = ProcessInfo.processInfo.environment
        let candidates = [environment["CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser"].compactMap { $0 }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw CheckFailure(
                description:
                    "Chromium is not installed (looked for \(candidates.joined(separator: ", "))); install Debian's package with 'apt-get install -y chromium' or set CHROMIUM"
            )
        }
        return URL(fileURLWithPath: found)
    }

    /// Runs Chromium for a test, waited for off the tests' threads; a failure fails the test.
    func run(_ arguments: [String], timeout: TimeInterval = 120) async throws -> Command.Output {
        let scratch = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let output = try await ChildProcess.run(executable, Self.flags(scratch) + arguments, timeout: timeout)
        #expect(output.status == 0, "Chromium failed: \(output.stderr.suffix(2000))")
        return output
    }

    /// ``run(_:timeout:)`` for shared work (``SharedRun``): a failure is thrown.
    func checkedRun(_ arguments: [String], timeout: TimeInterval = 120) throws -> Command.Output {
        let scratch = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        return try ChildProcess.checkedRun(executable, Self.flags(scratch) + arguments, timeout: timeout)
    }

    /// Headless, with a profile of its own in `scratch`.
    private static func flags(_ scratch: URL) -> [String] {
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--user-data-dir=\(scratch.appendingPathComponent("profile").path)",
        ]
    }
}
