import Foundation
import Testing

/// The pages the browser tests look at, written once and opened by one headless Chromium run (a
/// launch costs about a second of CPU; the suite used to pay it once a page). Each page is a frame
/// of one harness page, whose script serialises each frame's DOM (what `--dump-dom` prints for a
/// page of its own) and measures the layout frames at 768, 1024 and 1280 pixels; the results come
/// back in the harness's DOM. Made once (``written``, then ``shared``), shared by every test of the
/// process, read only.
struct BrowserPages: Sendable {
    /// The folder holding the pages: `sample/` (the sample workspace's pages, for
    /// ``BrowserTests``), `busy/` (the busy Al Noor workspace and its pages, for
    /// ``PrintLayoutTests``) and `escaping/` (the escaping corpus's report).
    var root: URL
    /// Each DOM page's serialised DOM, by name (`report-en`, `report-en-hostile`, …).
    var doms: [String: String]
    /// Each layout page's problems at the three widths, by name (`report-en`, `portfolio-ar`, …):
    /// `fits` when there are none.
    var layouts: [String: String]

    /// The sample workspace's pages whose DOM is checked: command, language, hostile text.
    static let domPages: [(command: String, lang: String, hostile: Bool)] = [
        ("report", "en", false), ("report", "ar", false), ("report", "en", true), ("plan", "ar", false),
    ]

    static func domName(command: String, lang: String, hostile: Bool) -> String {
        "\(command)-\(lang)\(hostile ? "-hostile" : "")"
    }

    /// The busy workspace's pages whose layout is measured.
    static let layoutDocuments =
        PrintLayoutTests.documents + [
            PrintLayoutTests.Document(command: "portfolio", lang: "en"),
            PrintLayoutTests.Document(command: "portfolio", lang: "ar"),
        ]

    static let widths = [768, 1024, 1280]

    /// The busy Al Noor workspace (``PrintLayoutTests/busyWorkspace()``) inside ``root``.
    var busyWorkspace: URL { root.appendingPathComponent("busy/alnoor") }

    /// The page of a document of the busy workspace.
    func busyPage(_ document: PrintLayoutTests.Document) -> URL {
        root.appendingPathComponent("busy/\(document.command)-\(document.lang).html")
    }

    /// The escaping corpus's HTML report.
    var escapingReport: URL { root.appendingPathComponent("escaping/report.html") }

    /// The pages written, not yet opened (``doms`` and ``layouts`` empty): for tests that open a
    /// page themselves (``PrintLayoutTests``).
    static let written = SharedRun { try write() }

    /// The pages, their DOMs and their layouts: one Chromium run over the ``written`` pages.
    static let shared = SharedRun { try measure(written.get()) }

    /// Starts writing the pages and the Chromium run (``StartSharedRuns``).
    static func start() { shared.start() }

    static func get() async throws -> BrowserPages { try await shared.value() }

    /// The pages (in their harness page's frames) and the harness page.
    private static func write() throws -> BrowserPages {
        let root = try Fixtures.temporaryFolder()
        var frames: [String] = []

        // The sample workspace's pages, whose DOM is serialised.
        let sample = root.appendingPathComponent("sample")
        try FileManager.default.createDirectory(at: sample, withIntermediateDirectories: true)
        let hostile = try HostileWorkspace.make()
        defer { try? FileManager.default.removeItem(at: hostile) }
        for page in domPages {
            let name = domName(command: page.command, lang: page.lang, hostile: page.hostile)
            let workspace = page.hostile ? hostile : Fixtures.url("sample")
            let written = try Command.run([
                page.command, workspace.path, "--as-of", "2026-11-26", "--format", "html", "--lang", page.lang,
                "--out", sample.appendingPathComponent("\(name).html").path,
            ])
            guard written.status == 0 else { throw CheckFailure(description: "\(name): \(written.stderr)") }
            frames.append(#"<iframe data-check="dom" data-name="\#(name)" src="sample/\#(name).html"></iframe>"#)
        }

        // The escaping corpus's report, whose DOM is serialised.
        let escaping = root.appendingPathComponent("escaping")
        try FileManager.default.createDirectory(at: escaping, withIntermediateDirectories: true)
        _ = try EscapingTests.output(["report", "--format", "html"], into: escaping, name: "report.html")
        frames.append(#"<iframe data-check="dom" data-name="escaping" src="escaping/report.html"></iframe>"#)

        // The busy workspace's pages, measured at three widths.
        let busy = root.appendingPathComponent("busy")
        try FileManager.default.createDirectory(at: busy, withIntermediateDirectories: true)
        let made = try PrintLayoutTests.busyWorkspace()
        try FileManager.default.moveItem(at: made, to: busy.appendingPathComponent("alnoor"))
        try? FileManager.default.removeItem(at: made.deletingLastPathComponent())
        let pages = BrowserPages(root: root, doms: [:], layouts: [:])
        for document in layoutDocuments {
            let page = pages.busyPage(document)
            var arguments = [document.command, pages.busyWorkspace.path]
            if document.command == "portfolio" {
                arguments = ["portfolio", busy.path, Fixtures.url("portfolio").path]
            }
            if document.command != "plan" { arguments += ["--as-of", "2026-11-26"] }
            let written = try Command.run(
                arguments + ["--format", "html", "--lang", document.lang, "--out", page.path])
            // A portfolio fixture workspace is broken on purpose: exit 65, the page written all the same.
            guard written.status == (document.command == "portfolio" ? 65 : 0) else {
                throw CheckFailure(description: "\(document): exit \(written.status), \(written.stderr)")
            }
            for width in widths {
                frames.append(
                    #"<iframe data-check="layout" data-name="\#(document.command)-\#(document.lang)" src="busy/\#(page.lastPathComponent)" style="width:\#(width)px;height:400px;border:0"></iframe>"#
                )
            }
        }

        try """
        <!DOCTYPE html><html><body>
        \(frames.joined(separator: "\n"))
        <pre id="result">not measured</pre>
        <script>\(script)</script>
        </body></html>
        """.write(to: pages.harness, atomically: true, encoding: .utf8)
        return pages
    }

    /// The harness page of ``write()``.
    private var harness: URL { root.appendingPathComponent("harness.html") }

    /// `pages` with the DOMs and layouts the harness page reports in Chromium.
    private static func measure(_ pages: BrowserPages) throws -> BrowserPages {
        let chromium = try Chromium(executable: Chromium.locate())
        let dom = try chromium.checkedRun(
            ["--allow-file-access-from-files", "--dump-dom", pages.harness.absoluteString], timeout: 300
        ).stdout
        guard let encoded = dom.firstMatch(of: #/(?s)<pre id="result">(.*?)</pre>/#)?.output.1 else {
            throw CheckFailure(description: "Chromium printed no result: \(dom.prefix(500))")
        }
        guard let json = String(encoded).removingPercentEncoding,
            let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: [String: String]],
            let doms = object["dom"], let layouts = object["layout"]
        else { throw CheckFailure(description: "the harness did not finish: \(encoded.prefix(500))") }
        return BrowserPages(root: pages.root, doms: doms, layouts: layouts)
    }

    /// Serialises the DOM frames and measures the layout frames: in each layout frame, no page that
    /// scrolls sideways, no id or figure broken across lines, every table within its container
    /// and no cell whose content spills out of it. The result, as percent-encoded JSON (so the
    /// serialised DOM needs no unescaping), goes into `#result`.
    static let script = """
        window.addEventListener('load', () => {
          const dom = {}, problems = {};
          for (const frame of document.querySelectorAll('iframe')) {
            const doc = frame.contentDocument, name = frame.dataset.name;
            if (frame.dataset.check === 'dom') { dom[name] = doc.documentElement.outerHTML; continue; }
            const out = problems[name] || (problems[name] = []);
            const view = frame.contentWindow, width = view.innerWidth;
            const root = doc.documentElement;
            if (root.scrollWidth > root.clientWidth + 1) out.push(`${width}: the page scrolls sideways (${root.scrollWidth} > ${root.clientWidth})`);
            doc.querySelectorAll('td.num, .id, .chip').forEach(element => {
              const walker = doc.createTreeWalker(element, NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                if (!node.textContent.trim()) continue;
                const range = doc.createRange(); range.selectNodeContents(node);
                const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
                if (tops.size > 1) out.push(`${width}: '${node.textContent.trim()}' breaks across lines`);
              }
            });
            doc.querySelectorAll('table').forEach((table, index) => {
              const parent = table.parentElement, style = view.getComputedStyle(parent), box = parent.getBoundingClientRect();
              const left = box.left + parseFloat(style.paddingLeft) + parseFloat(style.borderLeftWidth);
              const right = box.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
              const r = table.getBoundingClientRect();
              const name = `${width}: table ${index + 1} (${table.className || 'no class'}) in ${parent.closest('section')?.id || parent.tagName}`;
              if (r.left < left - 0.5 || r.right > right + 0.5) out.push(`${name} spans ${r.left.toFixed(1)}..${r.right.toFixed(1)}, its container ${left.toFixed(1)}..${right.toFixed(1)}`);
              table.querySelectorAll('td, th').forEach(cell => {
                if (cell.scrollWidth > cell.clientWidth + 1) out.push(`${name}: a cell overflows (${cell.scrollWidth} > ${cell.clientWidth}): ${cell.textContent.slice(0, 60)}`);
              });
            });
          }
          const layout = {};
          for (const [name, out] of Object.entries(problems)) layout[name] = out.length ? out.join('\\n') : 'fits';
          document.getElementById('result').textContent = encodeURIComponent(JSON.stringify({dom, layout}));
        });
        """
}
