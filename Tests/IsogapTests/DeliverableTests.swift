import Foundation
import IsogapLoading
import IsogapModel
import Testing

/// The consultant's deliverable: the narrative and document control (SPEC §11), the findings annex
/// (SPEC §9 v2) and the sign-off table, on the workspace `Tests/Fixtures/deliverable` (the v2
/// workspace with a narrative full of hostile text, a not-applicable criterion and one sign-off
/// whose digest matches nothing).
@Suite("Deliverable: narrative, findings annex, sign-off table")
struct DeliverableReportTests {
    static let workspace = "Tests/Fixtures/deliverable"

    private func report(_ arguments: [String]) throws -> Command.Output {
        try Command.run(["report", Self.workspace, "--as-of", "2026-11-26"] + arguments)
    }

    @Test(arguments: [
        (["--format", "md"], "report/deliverable.md"),
        (["--format", "md", "--lang", "ar"], "report/deliverable-ar.md"),
        (["--format", "html"], "report/deliverable.html"),
        (["--format", "html", "--lang", "ar"], "report/deliverable-ar.html"),
    ])
    func goldens(arguments: [String], golden: String) throws {
        let output = try report(arguments)
        #expect(output.status == 0, "\(output.stderr)")
        try Golden.check(output.stdout, against: golden)
    }

    @Test func markdownHasEveryPartInPlaceAndHostileTextStaysText() throws {
        let markdown = try report(["--format", "md"]).stdout
        // Document control rows in the cover table, then the narrative, then the sign-offs, then
        // the numbers; the annex last.
        let order = [
            "| Reference | GA-2026-014 |", "| Status | **Draft** |", "## Assessor's summary", "### Strengths",
            "### Recommendations", "### How the assessment was done", "## Sign-off", "## Executive summary",
            "## Findings annex",
        ]
        let positions = order.map { markdown.range(of: $0)?.lowerBound }
        #expect(!positions.contains(nil), "missing: \(zip(order, positions).filter { $1 == nil }.map(\.0))")
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        #expect(markdown.contains("Complaints are recorded, but \\*not\\* analysed."))
        #expect(markdown.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!markdown.contains("<script>") && !markdown.contains("<b>") && !markdown.contains("<i>"))
        #expect(markdown.contains("| Distribution | Managing director; Quality \\| compliance |"))
        #expect(markdown.contains("- Analyse trends \\# monthly"))
        // The sign-off whose digest matches nothing is outdated.
        #expect(markdown.contains("| **outdated: files changed since** | Approved \\| pending \\*one\\* fix |"))
    }

    @Test func clauseCommentarySitsUnderItsClauseInTheAnnex() throws {
        let markdown = try report(["--format", "md"]).stdout
        let annex = try #require(markdown.range(of: "## Findings annex")).upperBound
        let text = String(markdown[annex...])
        let clause = try #require(text.range(of: "#### 1.1 Recording"))
        let commentary = try #require(text.range(of: "Recording works at the desk; &lt;i&gt;not&lt;/i&gt; by phone."))
        let firstRequirement = try #require(text.range(of: "**1.1-a**"))
        #expect(clause.upperBound < commentary.lowerBound && commentary.upperBound < firstRequirement.lowerBound)
        let clause2 = try #require(text.range(of: "#### 2 Learning from complaints"))
        let commentary2 = try #require(text.range(of: "Nobody owns the data."))
        #expect(clause2.upperBound < commentary2.lowerBound)
        // Every criterion is in the annex, with its facts.
        for id in ["1.1-a", "1.1-b", "2-a", "2-b", "2-c", "2-d"] { #expect(text.contains("**\(id)**")) }
        #expect(text.contains("- Claimed: 3 · Supported: 2 · Target: 2 · Gap: 0 · Criticality: high"))
        #expect(text.contains("**file changed since locked** · observation: Walk-through notes · evidence/walk.txt"))
        #expect(text.contains("**file missing** · record: Trend report · evidence/gone.pdf"))
        #expect(text.contains("- Justification: Only walk-in customers &lt;b&gt;here&lt;/b&gt; \\| no web channel"))
        #expect(text.contains("- Why not supported: level 2 needs a record or an observation"))
        #expect(text.contains("**2-c** · Not applicable ·") && text.contains("**2-d** · Not assessed ·"))
    }

    @Test func htmlEscapesOnScalarsAndHasTheSections() throws {
        let html = try report(["--format", "html"]).stdout
        #expect(!html.contains("<script>") && !html.contains("<b>Al") && !html.contains("<i>not"))
        // A quote followed by a combining mark is still escaped.
        #expect(html.contains("&quot;\u{0301}"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        for id in ["narrative", "signoffs", "annex"] {
            #expect(html.contains("<section id=\"\(id)\""))
            #expect(html.contains("<a href=\"#\(id)\">"))
        }
        #expect(html.contains("<p class=\"document-title\"><bdi>Front desk review &lt;2026&gt;</bdi></p>"))
        #expect(html.contains("<tr class=\"outdated\">"))
        #expect(html.contains("id=\"finding-v2-guidance-2-c\""))
    }

    @Test func jsonCarriesNarrativeSignoffsAndQuestions() throws {
        let output = try report(["--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let narrative = try #require(json["narrative"] as? [String: Any])
        let document = try #require(narrative["document"] as? [String: Any])
        #expect(document["reference"] as? String == "GA-2026-014" && document["status"] as? String == "draft")
        #expect(document["distribution"] as? [String] == ["Managing director", "Quality | compliance"])
        #expect((narrative["recommendations"] as? [String])?.count == 2)
        let clauses = try #require(narrative["clauses"] as? [[String: Any]])
        #expect(clauses.map { $0["clause"] as? String } == ["1.1", "2"])
        let signoffs = try #require(json["signoffs"] as? [[String: Any]])
        #expect(signoffs.count == 1 && signoffs[0]["current"] as? Bool == false)
        #expect(signoffs[0]["decision"] as? String == "approved" && signoffs[0]["note"] as? String != nil)
        let requirement = try #require(
            ((json["checklists"] as? [[String: Any]])?.first?["requirements"] as? [[String: Any]])?.first)
        #expect(requirement["question"] as? String == "Is every complaint recorded with a unique reference?")

        let arabic = try report(["--format", "json", "--lang", "ar"]).stdout
        let arabicJSON = try #require(try JSONSerialization.jsonObject(with: Data(arabic.utf8)) as? [String: Any])
        #expect((arabicJSON["narrative"] as? [String: Any])?["method"] as? String == "زيارتان وست مقابلات.")
    }

    @Test func jsonNarrativeIsNullAndSignoffsEmptyWithoutTheFiles() throws {
        let output = try Command.run(["report", "Tests/Fixtures/v2", "--as-of", "2026-11-26", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(json["narrative"] is NSNull)
        #expect((json["signoffs"] as? [Any])?.isEmpty == true)
    }

    @Test func csvRowsCarryEvidenceCommentaryAndSignoffs() throws {
        let output = try report(["--format", "csv"])
        let rows = try CSVTestReader.rows(output.stdout)
        let header = try #require(rows.first)
        func column(_ name: String) throws -> Int { try #require(header.firstIndex(of: name)) }
        let record = try column("record")
        let requirements = rows.dropFirst().filter { $0[record] == "requirement" }
        let signoffs = rows.dropFirst().filter { $0[record] == "signoff" }
        #expect(requirements.count == 6 && signoffs.count == 1)
        let first = try #require(requirements.first)
        #expect(
            first[try column("evidence")]
                == "record | Register extract |  |  | evidence/register.csv | valid\nobservation | Walk-through notes |  |  | evidence/walk.txt | changed"
        )
        #expect(first[try column("clause_commentary")] == "1.1: Recording works at the desk; <i>not</i> by phone.")
        let last = try #require(requirements.last)
        #expect(last[try column("clause_commentary")] == "2: Nobody owns the data.")
        let signoff = try #require(signoffs.first)
        #expect(signoff[try column("signoff_by")] == "Huda <b>Al-Mansouri</b>")
        #expect(signoff[try column("signoff_current")] == "false")
        #expect(signoff[try column("requirement")] == "")
    }
}

/// Provisional marks and the guidance sentence (SPEC §4, §6 v2).
@Suite("Provisional marks and guidance wording")
struct ProvisionalWordingTests {
    @Test func combinedFigureIsNeverBareWhenProvisional() throws {
        let markdown = try Command.run(["report", "Tests/Fixtures/v2", "--as-of", "2026-11-26"]).stdout
        #expect(markdown.contains("**Combined score: 39.4%** (provisional)"))
        // Not in the action table either (the v2 workspace has no register; the sample one has).
        let html = try Command.run(["report", "Tests/Fixtures/v2", "--as-of", "2026-11-26", "--format", "html"])
            .stdout
        #expect(
            html.contains(
                "<span class=\"value\"><bdi dir=\"ltr\">39.4%</bdi> <span class=\"provisional\">(provisional)</span></span>"
            ))
    }

    @Test func actionFiguresCarryTheMarkWhenTheCombinedScoreIsProvisional() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let workspace = folder.appendingPathComponent("ws")
        try FileManager.default.copyItem(at: Fixtures.url("v2"), to: workspace)
        try Data(
            """
            isogap: 1
            kind: actions
            actions:
              - {id: CA-001, title: Name a data owner, requirements: ["v2-guidance:2-b"], type: corrective,
                 owner_role: owner, opened: 2026-11-21, due: 2026-12-20, status: open, raises_to: 2}

            """.utf8
        ).write(to: workspace.appendingPathComponent("actions.yaml"))
        let markdown = try Command.run(["report", "ws", "--as-of", "2026-11-26"], in: folder).stdout
        #expect(markdown.contains("| Combined score | 39.4% (provisional) |"))
        #expect(markdown.contains("| Score achieved by completed actions | 39.4% (provisional) |"))
    }

    @Test func guidanceIsSaidOnceInOneSentence() throws {
        // Both built-in checklists are guidance standards.
        for format in ["md", "html"] {
            let output = try Command.run([
                "report", "examples/alnoor-retail", "--as-of", "2026-11-26", "--format", format,
            ])
            #expect(output.status == 0)
            let sentence =
                "ISO 10002:2018 and ISO 10004:2018 are guidance standards: their recommendations are assessed as criteria, and falling short of one is a gap, not a nonconformity."
            #expect(output.stdout.components(separatedBy: sentence).count == 2, "\(format)")
            #expect(output.stdout.components(separatedBy: "is a guidance standard").count == 1, "\(format)")
        }
        let arabic = try Command.run(["report", "examples/alnoor-retail", "--as-of", "2026-11-26", "--lang", "ar"])
        #expect(arabic.stdout.components(separatedBy: "مواصفات إرشادية").count == 2)
    }
}

/// A small RFC 4180 reader for checking CSV outputs in tests (quoted fields, doubled quotes, line
/// breaks inside quotes, a leading byte order mark).
enum CSVTestReader {
    struct Failure: Error {}

    static func rows(_ text: String) throws -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if quoted {
                if scalar == "\"" {
                    if index + 1 < scalars.count, scalars[index + 1] == "\"" {
                        field.unicodeScalars.append("\"")
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
            } else {
                switch scalar {
                case "\"": quoted = true
                case ",":
                    row.append(field)
                    field = ""
                case "\r": break
                case "\n":
                    row.append(field)
                    rows.append(row)
                    row = []
                    field = ""
                default: field.unicodeScalars.append(scalar)
                }
            }
            index += 1
        }
        if quoted { throw Failure() }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }
}

/// `narrative.yaml` is loaded and validated like every workspace file (SPEC §3, §11).
@Suite("Narrative file")
struct NarrativeFileTests {
    /// A copy of the v2 workspace with `narrative` as its `narrative.yaml`; the validate result.
    private func validate(_ narrative: String) throws -> Command.Output {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: Fixtures.url("v2"), to: folder.appendingPathComponent("ws"))
        try Data(narrative.utf8).write(to: folder.appendingPathComponent("ws/narrative.yaml"))
        return try Command.run(["validate", "ws"], in: folder)
    }

    @Test func everyProblemIsReportedWhereItIs() throws {
        let output = try validate(
            """
            isogap: 1
            kind: narrative
            document: {title: Review, status: final-ish, versoin: "1"}
            summary: {en: Fine, fr: Bien}
            strengths: A single string
            clauses:
              - {checklist: v2-guidanse, clause: "1.1", text: A}
              - {checklist: v2-guidance, clause: "1.2", text: B}
              - {checklist: v2-guidance, clause: "1.1"}
              - {checklist: v2-guidance, clause: "2", text: {en: C, ar: ج}}

            """)
        #expect(output.status == 65)
        let expected = [
            "ws/narrative.yaml:3:35: error: 'final-ish' is not a valid status; expected one of draft, final",
            "ws/narrative.yaml:3:46: error: unknown key 'versoin' in the document control; did you mean 'version'?",
            "ws/narrative.yaml:4:21: error: unsupported language 'fr' in 'summary'; isogap supports en and ar",
            "ws/narrative.yaml:5:12: error: 'strengths' must be a list, found",
            "ws/narrative.yaml:7:17: error: unknown checklist 'v2-guidanse'; did you mean 'v2-guidance'?",
            "ws/narrative.yaml:8:38: error: unknown clause '1.2' in v2-guidance; did you mean '1.1'?",
            "ws/narrative.yaml:9:5: error: a clause commentary is missing the required key 'text'",
        ]
        let lines = output.stderr.split(separator: "\n").map(String.init).filter { $0.hasPrefix("ws/narrative.yaml") }
        for line in expected { #expect(lines.contains { $0.hasPrefix(line) }, "\(line)\n\(output.stderr)") }
        // Sorted by position.
        let positions = lines.compactMap { line -> [Int]? in
            let parts = line.split(separator: ":")
            guard parts.count > 2, let row = Int(parts[1]), let column = Int(parts[2]) else { return nil }
            return [row, column]
        }
        #expect(positions == positions.sorted { $0.lexicographicallyPrecedes($1) })
    }

    @Test func aMissingTranslationIsAWarning() throws {
        let output = try validate(
            """
            isogap: 1
            kind: narrative
            summary: {en: Fine, ar: جيد}
            method: Only English

            """)
        #expect(output.status == 0)
        #expect(
            output.stderr.contains(
                "ws/narrative.yaml:4:9: warning: no 'ar' translation; the English text will be used"))
    }

    @Test func wrongKindAndVersionAreRefused() throws {
        let kind = try validate("isogap: 1\nkind: signoffs\nsummary: x\n")
        #expect(kind.status == 65)
        #expect(
            kind.stderr.contains(
                "ws/narrative.yaml:2:7: error: expected a file of kind 'narrative', found kind 'signoffs'"))
        let version = try validate("isogap: 2\nkind: narrative\n")
        #expect(version.status == 65)
        #expect(version.stderr.contains("ws/narrative.yaml:1:9: error: format version 2 is not supported"))
    }

    @Test func theExampleNarrativeIsCompleteInBothLanguages() throws {
        let output = try Command.run(["validate", "examples/alnoor-retail/narrative.yaml"])
        // On its own it is checked against the built-in checklists; no translation is missing.
        #expect(output.status == 0, "\(output.stderr)")
        #expect(!output.stderr.contains("translation"))
        let arabic = try Command.run(["report", "examples/alnoor-retail", "--lang", "ar", "--as-of", "2026-11-26"])
        #expect(arabic.stdout.contains("| المرجع | GA-2026-014 |") && arabic.stdout.contains("## ملخص المقيّم"))
        #expect(arabic.stdout.contains("> **تعليق المقيّم:**"))
    }
}
