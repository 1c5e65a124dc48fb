import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite("isogap compare and history")
struct CompareCommandTests {
    static let example = Fixtures.packageRoot.appendingPathComponent("examples/alnoor-retail").path
    static let baseline = example + "/baseline/report-2025-11-20.json"

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test(
        "compare of the example's baseline with the example matches its goldens",
        arguments: [
            ("text", "en"), ("md", "en"), ("html", "en"), ("json", "en"), ("csv", "en"), ("md", "ar"), ("html", "ar"),
            ("text", "ar"),
        ])
    func goldens(format: String, language: String) throws {
        let output = try Command.run(
            ["compare", Self.baseline, Self.example, "--format", format, "--lang", language])
        #expect(output.status == 0, "\(output.stderr)")
        try Golden.check(output.stdout, against: "compare/alnoor-\(language).\(format)")
    }

    @Test("the JSON has the names of SPEC §13 and the example's story")
    func jsonContract() throws {
        let output = try Command.run(["compare", Self.baseline, Self.example, "--format", "json"])
        let json = try Self.json(output.stdout)
        #expect(
            Set(json.keys).isSuperset(of: [
                "isogap", "old", "new", "combined", "checklists", "requirements", "gaps", "actions",
            ]))
        let old = try #require(json["old"] as? [String: Any])
        #expect(Set(old.keys) == ["organization", "assessment_date"])
        #expect(old["assessment_date"] as? String == "2025-11-20")
        let combined = try #require(json["combined"] as? [String: Any])
        #expect(combined["old"] as? Double == 29.3)
        #expect(combined["new"] as? Double == 40.1)
        #expect(combined["delta"] as? Double == 10.8)
        let checklist = try #require((json["checklists"] as? [[String: Any]])?.first)
        #expect(Set(checklist.keys).isSuperset(of: ["id", "old", "new", "delta", "clauses"]))
        let clause = try #require((checklist["clauses"] as? [[String: Any]])?.first)
        #expect(Set(clause.keys) == ["id", "old", "new", "delta", "clauses"])
        let requirements = try #require(json["requirements"] as? [[String: Any]])
        let requirement = try #require(requirements.first)
        #expect(
            Set(requirement.keys).isSuperset(of: [
                "checklist", "requirement", "old_level", "new_level", "old_gap", "new_gap", "change",
            ]))
        let changes = Set(requirements.compactMap { $0["change"] as? String })
        #expect(
            changes == [
                "improved", "regressed", "unchanged", "newly-assessed", "now-applicable", "now-not-applicable",
            ])
        let gaps = try #require(json["gaps"] as? [String: Any])
        #expect(Set(gaps.keys) == ["closed", "opened", "persisting"])
        #expect((gaps["opened"] as? [String])?.contains("iso-10002-2018:4.14-a") == true)
        let actions = try #require(json["actions"] as? [[String: Any]])
        #expect(actions.map { $0["id"] as? String } == ["CA-001", "CA-002", "CA-006", "CA-007"])
        #expect(actions.allSatisfy { ["done", "verified"].contains($0["status"] as? String) })
        #expect(actions.first?["requirements"] as? [String] == ["iso-10002-2018:6.3-d"])
        #expect(actions.first?["change"] as? String == "improved")
    }

    @Test("a workspace compared with its own saved report, or with itself, has zero deltas")
    func zeroDeltas() throws {
        let scratch = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let saved = scratch.appendingPathComponent("now.json").path
        let report = try Command.run(["report", Self.example, "--format", "json", "--out", saved])
        #expect(report.status == 0)
        for old in [saved, Self.example] {
            let output = try Command.run(["compare", old, Self.example, "--format", "json"])
            #expect(output.status == 0)
            let json = try Self.json(output.stdout)
            #expect((json["combined"] as? [String: Any])?["delta"] as? Double == 0)
            var deltas: [Any?] = []
            func walk(_ items: [[String: Any]]) {
                for item in items {
                    deltas.append(item["delta"] ?? nil)
                    walk(item["clauses"] as? [[String: Any]] ?? [])
                }
            }
            walk(json["checklists"] as? [[String: Any]] ?? [])
            #expect(deltas.count > 50)
            #expect(deltas.allSatisfy { $0 is NSNull || ($0 as? Double) == 0 })
            let requirements = json["requirements"] as? [[String: Any]] ?? []
            #expect(requirements.count == 189)
            #expect(requirements.allSatisfy { $0["change"] as? String == "unchanged" })
            let gaps = json["gaps"] as? [String: Any]
            #expect((gaps?["closed"] as? [Any])?.isEmpty == true)
            #expect((gaps?["opened"] as? [Any])?.isEmpty == true)
            #expect((json["actions"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("different organisations: a warning on standard error, the comparison still made")
    func differentOrganisations() throws {
        let scratch = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let text = try String(contentsOfFile: Self.baseline, encoding: .utf8)
            .replacingOccurrences(
                of: "\"organization\": \"Al Noor Retail Co.\"", with: "\"organization\": \"Other Co.\"")
        let other = scratch.appendingPathComponent("other.json")
        try Data(text.utf8).write(to: other)
        let output = try Command.run(["compare", other.path, Self.example])
        #expect(output.status == 0)
        #expect(output.stderr.contains("warning: the assessments are of different organisations"))
        #expect(
            output.stdout.contains(
                "Note: The assessments are of different organisations ('Other Co.', 'Al Noor Retail Co.')"))
    }

    @Test(
        "history of the baseline and the example matches its goldens",
        arguments: [
            ("md", "en"), ("html", "en"), ("json", "en"), ("csv", "en"), ("md", "ar"), ("html", "ar"),
        ])
    func historyGoldens(format: String, language: String) throws {
        // Given newest first: history orders by assessment date.
        let output = try Command.run(
            ["history", Self.example, Self.baseline, "--format", format, "--lang", language])
        #expect(output.status == 0, "\(output.stderr)")
        try Golden.check(output.stdout, against: "history/alnoor-\(language).\(format)")
    }

    @Test("history: the SVG chart reads right to left in Arabic; one snapshot is a usage error")
    func historyChartAndUsage() throws {
        let arabic = try Command.run(["history", Self.baseline, Self.example, "--format", "html", "--lang", "ar"])
        #expect(arabic.stdout.contains("<html lang=\"ar\" dir=\"rtl\">"))
        #expect(arabic.stdout.contains("direction=\"rtl\""))
        let english = try Command.run(["history", Self.baseline, Self.example, "--format", "html"])
        #expect(english.stdout.contains("direction=\"ltr\""))
        // The earlier date sits at the start edge: left in English, right in Arabic.
        func firstDateX(_ html: String) -> Double? {
            guard let match = html.firstMatch(of: #/<text class="tick" x="([0-9.]+)"[^>]*>2025-11-20</#) else {
                return nil
            }
            return Double(match.output.1)
        }
        let left = try #require(firstDateX(english.stdout)), right = try #require(firstDateX(arabic.stdout))
        #expect(left < 360 && right > 360)
        let single = try Command.run(["history", Self.baseline])
        #expect(single.status == 64)
        #expect(single.stderr.contains("two or more snapshots"))
    }

    @Test("--out writes the same document as standard output, for compare and history")
    func outFile() throws {
        let scratch = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        for command in ["compare", "history"] {
            let file = scratch.appendingPathComponent("\(command).md")
            let written = try Command.run([command, Self.baseline, Self.example, "--format", "md", "--out", file.path])
            #expect(written.status == 0)
            #expect(written.stdout.isEmpty)
            let printed = try Command.run([command, Self.baseline, Self.example, "--format", "md"])
            #expect(try String(contentsOf: file, encoding: .utf8) == printed.stdout)
        }
    }

    /// Whether an inline `<svg>` is well-formed XML, by Foundation's XML parser (not isogap's writer).
    static func isWellFormed(_ svg: String) -> Bool {
        // The HTML parser supplies the namespace of an inline SVG; a standalone parser needs it.
        let document = svg.replacingOccurrences(of: "<svg ", with: "<svg xmlns=\"http://www.w3.org/2000/svg\" ")
        return XMLParser(data: Data(document.utf8)).parse()
    }

    @Test("history charts are well-formed SVG with one line segment per pair of dates", arguments: ["en", "ar"])
    func historySVG(language: String) throws {
        let html = try Command.run(["history", Self.baseline, Self.example, "--format", "html", "--lang", language])
            .stdout
        let charts = html.matches(of: #/<svg .*?</svg>/#.dotMatchesNewlines()).map { String($0.output) }
        #expect(charts.count == 3)
        #expect(charts.allSatisfy(Self.isWellFormed))
        // Combined and two checklists: three lines of one segment each.
        #expect(charts.first?.matches(of: #/<line class="line s\d"/#).count == 3)
        #expect(!html.contains("<script"))
    }

    @Test("missing and invalid operands: 66 and 65 with located errors")
    func badOperands() throws {
        let missing = try Command.run(["compare", "no-such.json", Self.example])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("no-such.json: no such file"))
        let invalid = try Command.run(["compare", Self.example + "/isogap.yaml", Self.example])
        #expect(invalid.status == 65)
        #expect(invalid.stderr.contains("isogap.yaml:3:1: error: expected a JSON report"))
    }

    // MARK: The report's baseline (manifest `baseline:`)

    /// A copy of the example whose manifest names its baseline.
    static func exampleWithBaseline(_ value: String = "baseline/report-2025-11-20.json") throws -> URL {
        let scratch = try Fixtures.temporaryFolder()
        let copy = scratch.appendingPathComponent("alnoor-retail")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: example), to: copy)
        let manifest = copy.appendingPathComponent("isogap.yaml")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        try Data((text + "baseline: \(value)\n").utf8).write(to: manifest)
        return copy
    }

    /// The part of `text` from the line starting with `start` up to the next line starting with `end`.
    static func section(_ text: String, from start: String, to end: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.firstIndex(where: { $0.hasPrefix(start) }) else { return "" }
        let last = lines[(first + 1)...].firstIndex { $0.hasPrefix(end) } ?? lines.endIndex
        return lines[first..<last].joined(separator: "\n") + "\n"
    }

    @Test("the report shows each figure's change and a 'since the baseline' section", arguments: ["en", "ar"])
    func reportBaseline(language: String) throws {
        let copy = try Self.exampleWithBaseline()
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        let markdown = try Command.run(
            ["report", copy.path, "--lang", language, "--as-of", "2026-11-30"], in: copy.deletingLastPathComponent())
        #expect(markdown.status == 0, "\(markdown.stderr)")
        let heading = language == "en" ? "## Since the baseline" : "## منذ خط الأساس"
        try Golden.check(
            Self.section(markdown.stdout, from: heading, to: "## "), against: "report/baseline-section-\(language).md")
        #expect(markdown.stdout.contains(language == "en" ? "points: +10.8)" : "نقاط: +10.8)"))
        #expect(markdown.stdout.contains("| 43.3% (+12.4) |"))
        let html = try Command.run(
            ["report", copy.path, "--format", "html", "--lang", language, "--as-of", "2026-11-30"],
            in: copy.deletingLastPathComponent())
        #expect(html.status == 0)
        try Golden.check(
            Self.section(html.stdout, from: "<section id=\"baseline\">", to: "</section>"),
            against: "report/baseline-section-\(language).html")
        #expect(html.stdout.contains("<li><a href=\"#baseline\">"))
        #expect(html.stdout.contains("<small class=\"change\"><bdi dir=\"ltr\">+10.8</bdi></small>"))
        let json = try Self.json(
            try Command.run(["report", copy.path, "--format", "json"], in: copy.deletingLastPathComponent()).stdout)
        #expect(((json["baseline"] as? [String: Any])?["combined"] as? [String: Any])?["delta"] as? Double == 10.8)
    }

    @Test("validate accepts the example with its baseline named in the manifest")
    func validateBaseline() throws {
        let copy = try Self.exampleWithBaseline()
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        let output = try Command.run(["validate", "alnoor-retail"], in: copy.deletingLastPathComponent())
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("alnoor-retail: ok: workspace"))
    }

    @Test("a report without baseline has no baseline section or change figures")
    func reportWithoutBaseline() throws {
        let output = try Command.run(["report", Self.example, "--format", "html"])
        #expect(!output.stdout.contains("id=\"baseline\""))
        #expect(!output.stdout.contains("class=\"change\""))
    }

    @Test("a baseline outside the workspace, missing or invalid is refused with a located error")
    func badBaseline() throws {
        for (value, status, message) in [
            ("../outside.json", Int32(65), "isogap.yaml:46:11: error: 'baseline' must stay inside the workspace"),
            (
                "baseline/none.json", 66,
                "isogap.yaml:46:11: error: the baseline 'baseline/none.json' cannot be read: no such file"
            ),
            ("isogap.yaml", 65, "alnoor-retail/isogap.yaml:3:1: error: expected a JSON report"),
        ] {
            let copy = try Self.exampleWithBaseline(value)
            defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
            let output = try Command.run(["report", "alnoor-retail"], in: copy.deletingLastPathComponent())
            #expect(output.status == status, "\(value): \(output.stderr)")
            #expect(output.stderr.contains(message), "\(value): \(output.stderr)")
            // validate checks the baseline too, with the same located message, whether it is
            // given the workspace or its manifest.
            for target in ["alnoor-retail", "alnoor-retail/isogap.yaml"] {
                let validate = try Command.run(["validate", target], in: copy.deletingLastPathComponent())
                #expect(validate.status == 65, "\(target), \(value): \(validate.stderr)")
                #expect(validate.stderr.contains(message), "\(target), \(value): \(validate.stderr)")
            }
        }
    }

    @Test("a baseline that is a symbolic link leading out of the workspace is not read")
    func baselineLinkOut() throws {
        let copy = try Self.exampleWithBaseline("baseline/link.json")
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        let outside = copy.deletingLastPathComponent().appendingPathComponent("outside.json")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Self.baseline), to: outside)
        try FileManager.default.createSymbolicLink(
            at: copy.appendingPathComponent("baseline/link.json"), withDestinationURL: outside)
        let output = try Command.run(["report", "alnoor-retail"], in: copy.deletingLastPathComponent())
        #expect(output.status == 65)
        #expect(output.stderr.contains("outside the workspace"))
    }

    // MARK: Hostile snapshots, as a real process within the time and memory budget

    /// A hostile snapshot by name, made at run time (so test names stay short).
    static func hostileText(_ name: String) -> String {
        switch name {
        case "big": "{\"isogap\": 1, \"pad\": \"" + String(repeating: "x", count: 5 << 20) + "\"}"
        case "deep": String(repeating: "[", count: 200_000)
        case "nodes": "{\"isogap\": 1, \"x\": [" + String(repeating: "1,", count: 1_500_000) + "1]}"
        case "laughs": "{\"a\": &a [1, 1, 1], \"b\": &b [*a, *a, *a], \"c\": [*b, *b, *b]}"
        case "binary": String(repeating: "\u{0}\u{1}\u{2}", count: 1000)
        default: "{\"isogap\": 1, \"organization\": \"" + String(repeating: "é", count: 30_000) + "\", }"
        }
    }

    /// The budget is checked on CPU time (``HostileInputTests/checkClean(_:_:)``): wall time on a
    /// shared machine measures the machine's load, not isogap.
    @Test(
        "hostile snapshot files fail fast with a located error",
        arguments: ["big", "deep", "nodes", "laughs", "binary", "wide-line"])
    func hostile(name: String) throws {
        let text = Self.hostileText(name)
        let scratch = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        try Data(text.utf8).write(to: scratch.appendingPathComponent("\(name).json"))
        let result = try MeasuredCommand.run(["compare", "\(name).json", "\(name).json"], in: scratch)
        HostileInputTests.checkClean(result, name)
        #expect(result.status == 65, "\(name): \(result.stderr)")
        #expect(result.stderr.contains("\(name).json:"), "\(name): \(result.stderr)")
    }
}
