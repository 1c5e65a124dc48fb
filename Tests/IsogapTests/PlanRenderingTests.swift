import Foundation
import IsogapLoading
import IsogapModel
import IsogapRendering
import Testing

/// Plan documents made from hand-built plans whose text is hostile to each format.
@Suite("Plan rendering")
struct PlanRenderingTests {
    static let hostileTitles = [
        "Back\\slash; semi, comma\nnew line",
        "Step 1: agree (and sign) the 100% target #1 `now` <b>bold</b> | pipe",
        "Weekend cover rota",
        String(repeating: "معالجة الشكاوى، ", count: 12),
    ]

    /// A plan of one task per hostile title, in English.
    static func hostileInput() throws -> PlanInput {
        let items = hostileTitles.enumerated().map { index, title in
            PlanItem(
                key: "t\(index)", origin: .programme, title: LocalizedText(title), role: "lead", effortDays: 1,
                phase: "p1")
        }
        let outcome = Planner.schedule(
            items, phases: [PlanFixture.phase("p1")], roles: PlanFixture.roles, settings: PlanSettings(),
            start: PlanFixture.date("2027-01-04"))
        let manifest = WorkspaceManifest(
            organization: "Org, Inc; \\ branch (north): #1", scope: "s", assessmentDate: PlanFixture.date("2026-11-20"),
            targetLevel: 3, checklists: ["x"])
        return PlanInput(
            manifest: manifest, plan: try #require(outcome.plan), asOf: PlanFixture.date("2026-11-26"),
            language: .en, labels: try labels())
    }

    /// The built-in labels, read from `templates/labels.yaml`.
    static func labels() throws -> LabelCatalog {
        let bytes = try Data(contentsOf: Fixtures.packageRoot.appendingPathComponent("templates/labels.yaml"))
        return try #require(LabelsLoader.load(Array(bytes), file: "labels.yaml").value)
    }

    static func templates() throws -> TemplateLibrary {
        let path = "plan/plan.md.mustache"
        let text = try String(
            contentsOf: Fixtures.packageRoot.appendingPathComponent("templates/\(path)"), encoding: .utf8)
        return try TemplateLibrary(files: [(path, text)])
    }

    @Test func mermaidBarsStayParseable() throws {
        let markdown = try PlanRenderer.markdown(try Self.hostileInput(), templates: try Self.templates())
        let block = try #require(
            markdown.components(separatedBy: "```mermaid\n").last?.components(separatedBy: "\n```").first)
        let lines = block.split(separator: "\n").map(String.init)
        #expect(lines.first == "gantt")
        let title = try #require(lines.first { $0.hasPrefix("    title ") })
        #expect(!title.contains { "#;:".contains($0) })
        let bar = /^    \d+\. [^#:;()%`<>\n]+ :(crit, )?t\d+, \d{4}-\d\d-\d\d, \d{4}-\d\d-\d\d$/
        let bars = lines.filter { $0.contains(" :t") || $0.contains(" :crit, t") }
        #expect(bars.count == Self.hostileTitles.count)
        for line in bars { #expect(line.wholeMatch(of: bar) != nil, "\(line)") }
        #expect(bars.contains { $0.contains("Step 1 - agree [and sign] the 100％ target No.1 'now' ‹b›b") })
        #expect(
            bars.contains { $0.hasPrefix("    3. Weekend cover rota :") },
            "the number keeps keywords off the line start")
        #expect(bars.allSatisfy { $0.count < 140 }, "long titles are shortened")
    }

    @Test func markdownTablesEscapeFreeText() throws {
        let markdown = try PlanRenderer.markdown(try Self.hostileInput(), templates: try Self.templates())
        let row = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("| 2 | t1 |") })
        #expect(row.contains("\\#1 \\`now\\` &lt;b&gt;bold&lt;/b&gt; \\| pipe"))
        #expect(row.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count == 17, "16 cells")
    }

    @Test func jsonAndCSVCarryTheTextVerbatim() throws {
        let input = try Self.hostileInput()
        let json = PlanJSON.document(input).serialized()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let tasks = try #require((object["plan"] as? [String: Any])?["tasks"] as? [[String: Any]])
        #expect(Set(tasks.compactMap { $0["title"] as? String }) == Set(Self.hostileTitles))
        let csv = PlanCSV.text(input)
        #expect(csv.contains("\"Back\\slash; semi, comma\nnew line\""))
    }
}
