import Foundation
import Testing

/// Pages that hold in real consumers (SPEC §9 v2 layout): the HTML report, plan and portfolio
/// printed to A4 by headless Chromium and read back with poppler's `pdftotext -bbox`, and laid
/// out by Chromium at 768, 1024 and 1280 pixels. The workspace is the Al Noor example plus an
/// action that names twelve requirements, so lists of ids are long. The pages are written once
/// (``BrowserPages``); one Chromium launch prints a document (the four at once, started with the
/// suite: ``PrintedDocuments``), and one launch shared by every browser test lays all of them out at the
/// three widths (three frames a document, in one page).
@Suite(
    "Layout in print and on narrow screens",
    .startingSharedRuns {
        BrowserPages.start()
        PrintedDocuments.start()
    })
struct PrintLayoutTests {
    struct Document: Sendable, CustomTestStringConvertible {
        var command: String
        var lang: String
        var testDescription: String { "\(command) \(lang)" }
    }

    static let documents = [
        Document(command: "report", lang: "en"), Document(command: "report", lang: "ar"),
        Document(command: "plan", lang: "en"), Document(command: "plan", lang: "ar"),
    ]

    static let busyAction = """

          - id: CA-099
            title: Rewrite the complaints procedure and its forms end to end, with every clause it touches
            requirements: ["iso-10002-2018:4.11-a", "iso-10002-2018:5.1-a", "iso-10002-2018:6.3-d",
              "iso-10002-2018:7.4-a", "iso-10002-2018:8.4-a", "iso-10004-2018:4.3.13-a", "iso-10002-2018:7.1-a",
              "iso-10002-2018:7.2-a", "iso-10002-2018:7.3-a", "iso-10002-2018:7.5-a", "iso-10002-2018:7.6-a",
              "iso-10002-2018:7.7-a"]
            type: corrective
            owner_role: quality-manager
            owner: Omar Farouk
            opened: 2026-11-20
            due: 2026-11-24
            status: open

        """

    /// A copy of the Al Noor example with ``busyAction`` added to its register.
    static func busyWorkspace() throws -> URL {
        let folder = try Fixtures.temporaryFolder()
        let workspace = folder.appendingPathComponent("alnoor")
        try FileManager.default.copyItem(
            at: Fixtures.packageRoot.appendingPathComponent("examples/alnoor-retail"), to: workspace)
        let register = workspace.appendingPathComponent("actions.yaml")
        var text = try String(contentsOf: register, encoding: .utf8)
        text += busyAction
        try text.write(to: register, atomically: true, encoding: .utf8)
        return workspace
    }

    /// The ids a page prints in its tables: every `class="id"` element and id cell.
    static func tableIDs(in html: String) -> Set<String> {
        var ids: Set<String> = []
        for table in html.matches(of: #/(?s)<table.*?</table>/#) {
            let text = String(table.output)
            for match in text.matches(of: #/class="id[^"]*">(?:<strong>)?(?:<bdi dir="ltr">)?([^<]+)</#) {
                let id = String(match.output.1)
                if id.wholeMatch(of: #/[A-Za-z0-9][A-Za-z0-9.:_\-]*/#) != nil { ids.insert(id) }
            }
        }
        return ids
    }

    @Test(arguments: documents)
    func printedTablesKeepEveryIDWholeInsideThePage(_ document: Document) async throws {
        let pages = try await BrowserPages.written.value()
        let workspace = pages.busyWorkspace
        let page = pages.busyPage(document)
        let html = try String(contentsOf: page, encoding: .utf8)
        let ids = Self.tableIDs(in: html)

        // The id list is not empty by accident: it holds what the JSON says the tables show.
        let json = try Command.run(
            [document.command, workspace.path, "--format", "json"]
                + (document.command == "report" ? ["--as-of", "2026-11-26"] : []))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        if document.command == "report" {
            let gaps = try #require(object["gaps"] as? [[String: Any]])
            let gapIDs = Set(gaps.compactMap { $0["requirement"] as? String })
            #expect(gapIDs.count > 20 && gapIDs.isSubset(of: ids), "\(gapIDs.subtracting(ids).sorted())")
            #expect(ids.contains("CA-099") && ids.contains("iso-10002-2018:4.11-a"))
        } else {
            let plan = try #require(object["plan"] as? [String: Any])
            let tasks = try #require(plan["tasks"] as? [[String: Any]])
            let requirements: [String] = tasks.reduce(into: []) { $0 += ($1["requirements"] as? [String]) ?? [] }
            let keys = Set(requirements.compactMap { $0.split(separator: ":").last.map(String.init) })
            #expect(keys.count > 20 && keys.isSubset(of: ids), "\(keys.subtracting(ids).sorted())")
        }

        let boxes = try #require(
            PrintedDocuments.printed["\(document.command)-\(document.lang)"], "\(document) is not printed")
        let layout = try PDFWords.parse(await boxes.value())
        #expect(layout.pages.count >= 5)
        #expect(layout.pages.allSatisfy { abs($0.width - 595.28) < 1 && abs($0.height - 841.89) < 1 }, "A4 portrait")

        var outside: [String] = []
        for (index, page) in layout.pages.enumerated() {
            for word in page.words
            where word.xMin < 0 || word.yMin < 0 || word.xMax > page.width + 0.5 || word.yMax > page.height + 0.5 {
                outside.append("page \(index + 1): \(word.text) at \(word.xMin)…\(word.xMax)")
            }
        }
        #expect(outside.isEmpty, "words outside the page box: \(outside.prefix(10))")
        // A long task id may break after its checklist's ':' (its two parts are two ids of the
        // page); printed on one line, the word holds both.
        var printed: Set<String> = []
        for word in layout.pages.flatMap(\.words) {
            printed.insert(word.text)
            if let colon = word.text.firstIndex(of: ":"), word.text.index(after: colon) < word.text.endIndex {
                printed.insert(String(word.text[...colon]))
                printed.insert(String(word.text[word.text.index(after: colon)...]))
            }
        }
        let broken = ids.filter { !printed.contains($0) }.sorted()
        #expect(broken.isEmpty, "\(broken.count) of \(ids.count) ids are not printed whole: \(broken.prefix(12))")
    }

    /// Every table of every document within its container at 768, 1024 and 1280 pixels, no
    /// cell whose content spills out of it, no id or figure broken across lines, and no page that
    /// scrolls sideways (measured in the browser tests' shared Chromium run: ``BrowserPages``).
    @Test(arguments: BrowserPages.layoutDocuments)
    func tablesFitTheirContainerOnNarrowScreens(_ document: Document) async throws {
        let pages = try await BrowserPages.get()
        let result = try #require(
            pages.layouts["\(document.command)-\(document.lang)"], "\(document) was not measured")
        #expect(result == "fits", "\(result)")
    }
}

/// The documents of ``PrintLayoutTests``, printed by Chromium (the four at once, started with the
/// suite; the prints are the longest Chromium runs).
enum PrintedDocuments {
    /// Each document printed to A4 by Chromium, as `pdftotext -bbox` reads the PDF back (an XHTML
    /// page per PDF page, a `<word>` element with its box per word); by document name.
    static let printed = Dictionary(
        uniqueKeysWithValues: PrintLayoutTests.documents.map { document in
            ("\(document.command)-\(document.lang)", SharedRun { try print(document) })
        })

    /// Starts the four prints, which wait for the pages (``BrowserPages/written``).
    static func start() {
        for run in printed.values { run.start() }
    }

    private static func print(_ document: PrintLayoutTests.Document) throws -> String {
        let page = try BrowserPages.written.get().busyPage(document)
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pdf = folder.appendingPathComponent("\(document.command)-\(document.lang).pdf")
        _ = try Chromium(executable: Chromium.locate()).checkedRun(
            ["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", page.absoluteString], timeout: 300)
        let boxes = folder.appendingPathComponent("boxes.html")
        _ = try ChildProcess.checkedRun(Poppler.locate(), ["-bbox", pdf.path, boxes.path])
        return try String(contentsOf: boxes, encoding: .utf8)
    }
}

/// poppler's `pdftotext` (Debian's `poppler-utils`, which `.ci/run` installs).
enum Poppler {
    static func locate() throws -> URL {
        let environment = ProcessInfo.processInfo.environment
        let candidates = [environment["PDFTOTEXT"], "/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].compactMap { $0 }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw CheckFailure(
                description:
                    "pdftotext is not installed (looked for \(candidates.joined(separator: ", "))); install Debian's package with 'apt-get install -y poppler-utils' or set PDFTOTEXT"
            )
        }
        return URL(fileURLWithPath: found)
    }
}

/// The words of a PDF with their boxes, from `pdftotext -bbox` (an XHTML page per PDF page, a
/// `<word>` element per word).
struct PDFWords {
    struct Word {
        var text: String
        var xMin: Double, yMin: Double, xMax: Double, yMax: Double
    }

    struct Page {
        var width: Double
        var height: Double
        var words: [Word]
    }

    var pages: [Page]

    static func parse(_ text: String) throws -> PDFWords {
        var pages: [Page] = []
        let pageTag = #/<page width="([0-9.]+)" height="([0-9.]+)">/#
        let wordTag =
            #/<word xMin="(-?[0-9.]+)" yMin="(-?[0-9.]+)" xMax="(-?[0-9.]+)" yMax="(-?[0-9.]+)">([^<]*)</word>/#
        for chunk in text.components(separatedBy: "</page>") {
            guard let page = chunk.firstMatch(of: pageTag) else { continue }
            let words = chunk.matches(of: wordTag).map { match in
                Word(
                    text: unescape(String(match.output.5)), xMin: Double(match.output.1) ?? 0,
                    yMin: Double(match.output.2) ?? 0, xMax: Double(match.output.3) ?? 0,
                    yMax: Double(match.output.4) ?? 0)
            }
            pages.append(Page(width: Double(page.output.1) ?? 0, height: Double(page.output.2) ?? 0, words: words))
        }
        return PDFWords(pages: pages)
    }

    private static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
