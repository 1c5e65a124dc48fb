import Foundation
import Testing

@testable import IsogapRendering

/// `report --format docx` read back by independent programs: LibreOffice (headless, from Debian's
/// `libreoffice-writer`) turns it into a PDF whose text pdftotext extracts, and python-docx (the
/// library people script Word files with) reads its headings, tables and direction.
@Suite("Word report", .startingSharedRuns { OfficePDFs.start() })
struct WordReportTests {
    static let example = "examples/alnoor-retail"

    /// Writes the report of `workspace` as a Word file in `folder`.
    static func write(
        _ workspace: String, lang: String, into folder: URL, name: String? = nil, in directory: URL? = nil
    ) throws -> URL {
        let file = folder.appendingPathComponent(name ?? "report-\(lang).docx")
        let output = try Command.run(
            ["report", workspace, "--format", "docx", "--lang", lang, "--as-of", "2026-11-26", "--out", file.path],
            in: directory)
        // Thrown, not required: the shared LibreOffice runs (``OfficePDFs``) write reports too.
        guard output.status == 0, output.stdout.isEmpty else {
            throw CheckFailure(description: "report \(lang): exit \(output.status), \(output.stderr)")
        }
        return file
    }

    @Test func sameInputGivesSameBytes() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try Data(contentsOf: Self.write(Self.example, lang: "ar", into: folder, name: "1.docx"))
        let second = try Data(contentsOf: Self.write(Self.example, lang: "ar", into: folder, name: "2.docx"))
        let english = try Data(contentsOf: Self.write(Self.example, lang: "en", into: folder))
        #expect(first == second)
        #expect(first != english)
        // A zip file whose first entry is the content types part.
        #expect(first.prefix(4) == Data([0x50, 0x4B, 0x03, 0x04]))
        #expect(String(decoding: first.dropFirst(30).prefix(19), as: UTF8.self) == "[Content_Types].xml")
    }

    /// Without `--out` the bytes go to standard output as they are.
    @Test func withoutOutTheBytesGoToStandardOutput() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try Self.write("Tests/Fixtures/sample", lang: "en", into: folder)
        let executable = try #require(Command.executable, "the isogap executable is not built; run 'swift build' first")
        let process = Process()
        process.executableURL = executable
        process.arguments = ["report", "Tests/Fixtures/sample", "--format", "docx", "--as-of", "2026-11-26"]
        process.currentDirectoryURL = Fixtures.packageRoot
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let bytes = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(bytes == (try Data(contentsOf: file)))
    }

    @Test(arguments: ["en", "ar"])
    func libreOfficeMakesAPDFWithEveryGap(_ lang: String) async throws {
        let pdf = try await OfficePDFs.wordReport(lang)
        let text = try PDFText.extract(pdf)
        let json = try Command.run(["report", Self.example, "--format", "json", "--as-of", "2026-11-26"]).stdout
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let gaps = try #require(report["gaps"] as? [[String: Any]])
        try #require(gaps.count > 100)
        let missing = gaps.compactMap { $0["requirement"] as? String }.filter { !text.contains($0) }
        #expect(missing.isEmpty, "gap ids missing from the PDF: \(missing)")
        // The cover and the headings (pdftotext gives Arabic in presentation forms and visual order,
        // so the Arabic headings are checked through python-docx instead).
        if lang == "en" {
            for heading in [
                "Al Noor Retail Co.", "Executive summary", "Gaps by priority (\(gaps.count))", "Implementation plan",
                "Assessor's summary", "Measured indicators", "Findings annex",
            ] {
                let found = text.contains(heading)
                #expect(found, "no \(heading) in the PDF")
            }
            // The narrative's words, whatever the lines they wrap into.
            let flowing = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            for phrase in [
                "Al Noor already runs a working complaints process", "Assessor's commentary",
            ] {
                #expect(flowing.contains(phrase), "no \(phrase) in the PDF")
            }
        }
        // Page numbers in the footer: the last page says "N / N".
        let pages = try PDFText.pageCount(pdf)
        #expect(pages > 10)
        let lastPage = "\(pages) / \(pages)"
        let numbered = text.contains(lastPage) || text.contains(String(lastPage.reversed()))
        #expect(numbered, "no page number \(lastPage)")
    }

    @Test(arguments: ["en", "ar"])
    func pythonDocxReadsHeadingsTablesAndDirection(_ lang: String) throws {
        try #require(Python.isAvailable, "python3 is not installed")
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let document = try Self.write(Self.example, lang: lang, into: folder)
        let output = try PythonScript.run(Self.docxReader, [document.path])
        try #require(output.status == 0, "python-docx could not read the report: \(output.stderr)")
        let facts = try JSONDecoder().decode(Facts.self, from: Data(output.stdout.utf8))

        // Built-in heading styles, as Word names them, on the report's sections.
        let headings = facts.paragraphs.filter { $0.style.hasPrefix("Heading") || $0.style == "Title" }
        #expect(headings.first?.style == "Title")
        let sections =
            lang == "ar"
            ? [
                "الملخص التنفيذي", "النتائج حسب البند", "مستويات مُدّعاة لا تدعمها الأدلة", "الإجراءات التصحيحية",
                "خطة التطبيق",
            ]
            : [
                "Executive summary", "Scores by clause", "Claims the evidence does not support", "Corrective actions",
                "Implementation plan", "Evidence index",
            ]
        for section in sections {
            #expect(headings.contains { $0.style == "Heading 1" && $0.text == section }, "no Heading 1 '\(section)'")
        }
        #expect(headings.contains { $0.style == "Heading 2" })
        #expect(facts.outlineLevels == ["Heading1": 0, "Heading2": 1, "Heading3": 2])
        // A table of contents field over the headings.
        #expect(facts.fields.contains { $0.contains("TOC \\o \"1-2\"") })
        #expect(facts.footerFields.contains(" PAGE "))

        // Every table repeats its header row and keeps its rows whole; A4 portrait.
        #expect(facts.tables.count >= 15)
        #expect(facts.tables.allSatisfy { $0.headerRows == 1 && $0.rows > 0 && $0.rowsThatMaySplit == 0 })
        #expect(facts.tables.allSatisfy { $0.bidiVisual == (lang == "ar") })
        #expect(facts.page == [11906, 16838])
        #expect(
            facts.tables.contains { $0.header.first == "#" && $0.header.count == 8 && $0.rows == 163 },
            "a table of the gaps: a header and one row per gap")

        // Right to left: every paragraph of the Arabic report is bidi, its Arabic runs are rtl,
        // and complex-script text is set in Arabic.
        if lang == "ar" {
            #expect(facts.paragraphsWithoutBidi == 0)
            #expect(facts.rtlRuns > 1000)
            #expect(facts.sectionBidi)
            // The lists' bullets and numbers stand on the right, at the start of the line.
            #expect(facts.listLevels > 0 && facts.listLevelsWithBidi == facts.listLevels)
        } else {
            #expect(facts.paragraphs.count > 0 && facts.paragraphsWithoutBidi == facts.allParagraphs)
            #expect(!facts.sectionBidi)
            #expect(facts.listLevels > 0 && facts.listLevelsWithBidi == 0)
        }
        #expect(facts.bidiLanguage == "ar-SA")
    }

    /// The deliverable's parts (SPEC §9 v2) in the HTML report's order: the narrative (its summary
    /// paragraph, a strength as a bullet, a recommendation as a numbered item, a clause commentary
    /// as a quote in the annex), the sign-off row, and the baseline and measured-indicator sections
    /// where the workspace has them. Expected words come from the narrative file and the labels.
    @Test(arguments: ["en", "ar"])
    func deliverablePartsAreInTheHTMLReportsOrder(_ lang: String) throws {
        try #require(Python.isAvailable, "python3 is not installed")
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The example, its baseline named in the manifest.
        let baselined = folder.appendingPathComponent("example")
        try FileManager.default.copyItem(at: Fixtures.packageRoot.appendingPathComponent(Self.example), to: baselined)
        let manifest = baselined.appendingPathComponent("isogap.yaml")
        try Data(
            (try String(contentsOf: manifest, encoding: .utf8) + "baseline: baseline/report-2025-11-20.json\n").utf8
        )
        .write(to: manifest)
        let cases: [(workspace: String, expected: String)] = [
            (
                "Tests/Fixtures/deliverable",
                #"{"order": ["narrative_summary", "signoffs", "summary", "clause_scores", "annex"], "#
                    + #""absent": ["baseline", "measured_indicators"], "#
                    + #""row": ["Huda <b>Al-Mansouri</b>", "@signoff_approved", "2026-11-25", "@signoff_outdated"]}"#
            ),
            (
                baselined.path,
                #"{"order": ["narrative_summary", "summary", "baseline", "clause_scores", "#
                    + #""measured_indicators", "evidence_index", "annex"], "absent": ["signoffs"]}"#
            ),
        ]
        for (index, item) in cases.enumerated() {
            let document = try Self.write(item.workspace, lang: lang, into: folder, name: "\(index)-\(lang).docx")
            let output = try PythonScript.run(
                Self.deliverableChecker,
                [
                    document.path,
                    URL(fileURLWithPath: item.workspace, relativeTo: Fixtures.packageRoot)
                        .appendingPathComponent("narrative.yaml").path,
                    Fixtures.packageRoot.appendingPathComponent("templates/labels.yaml").path, lang, item.expected,
                ])
            try #require(output.status == 0, "python-docx could not read the report: \(output.stderr)")
            #expect(output.stdout == "[]\n", "\(item.workspace) \(lang): \(output.stdout)")
        }
    }

    /// Checks a report against its workspace's narrative.yaml and the labels; prints what is amiss
    /// as a JSON list (empty when all is well).
    static let deliverableChecker = #"""
        import json, re, sys
        import docx, yaml

        path, narrative_path, labels_path, lang, expected = sys.argv[1:6]
        expected = json.loads(expected)
        labels = yaml.safe_load(open(labels_path, encoding="utf-8"))["labels"]
        narrative = yaml.safe_load(open(narrative_path, encoding="utf-8"))
        controls = re.compile("[\u202a-\u202e\u2066-\u2069]")
        def clean(text): return controls.sub("", text)
        def words(value): return value.get(lang, value["en"]) if isinstance(value, dict) else value
        def label(key): return words(labels[key])
        def paragraphs(text):
            out, current = [], []
            for line in text.split("\n"):
                if line.strip():
                    current.append(line.strip())
                elif current:
                    out.append(" ".join(current)); current = []
            if current: out.append(" ".join(current))
            return out

        document = docx.Document(path)
        body = [(p.style.name, clean(p.text)) for p in document.paragraphs]
        rows = [[clean(cell.text) for cell in row.cells] for table in document.tables for row in table.rows]
        problems = []
        def need(condition, what):
            if not condition: problems.append(what)
        need(("Normal", paragraphs(words(narrative["summary"]))[0]) in body, "summary paragraph")
        need(("List Bullet", words(narrative["strengths"][0])) in body, "strength")
        need(("List Number", words(narrative["recommendations"][-1])) in body, "recommendation")
        commentary = paragraphs(words(narrative["clauses"][0]["text"]))[0]
        need(("Quote", commentary) in body, "clause commentary")
        need(("Quote", label("clause_commentary")) in body, "clause commentary label")
        quotes = [i for i, p in enumerate(body) if p == ("Quote", commentary)]
        annexes = [i for i, p in enumerate(body) if p == ("Heading 1", label("annex"))]
        need(quotes and annexes and quotes[0] > annexes[0], "commentary in the annex")
        reference = narrative["document"]["reference"]
        need(any(row[:2] == [label("document_reference"), reference] for row in rows), "document control")
        headings = [text for style, text in body if style == "Heading 1"]
        positions = [headings.index(label(key)) if label(key) in headings else -1 for key in expected["order"]]
        need(-1 not in positions and positions == sorted(positions), "headings in order: %s" % positions)
        for key in expected["absent"]:
            need(label(key) not in headings, "no heading " + key)
        if "row" in expected:
            cells = [label(cell[1:]) if cell.startswith("@") else cell for cell in expected["row"]]
            need(any(all(any(cell in text for text in row) for cell in cells) for row in rows), "sign-off row %s" % cells)
        print(json.dumps(problems, ensure_ascii=False))
        """#

    /// Text with markup, a CDATA end, control characters and combining marks in checklist titles,
    /// notes and the organisation name comes out as the same text, and the document stays well
    /// formed (python-docx parses it with a strict XML parser).
    @Test func hostileTextStaysText() throws {
        try #require(Python.isAvailable, "python3 is not installed")
        let workspace = try WordHostileWorkspace.make()
        defer { try? FileManager.default.removeItem(at: workspace) }
        for lang in ["en", "ar"] {
            let document = try Self.write(workspace.path, lang: lang, into: workspace)
            let output = try PythonScript.run(Self.docxReader, [document.path])
            try #require(output.status == 0, "python-docx could not read the report: \(output.stderr)")
            let facts = try JSONDecoder().decode(Facts.self, from: Data(output.stdout.utf8))
            // The writer may drop a character XML cannot hold or put U+FFFD in its place.
            let text = String(String.UnicodeScalarView(facts.text.unicodeScalars.filter { $0 != "\u{FFFD}" }))
            for expected in WordHostileWorkspace.expected {
                #expect(
                    text.contains(expected), "\(lang): the text \(expected.debugDescription) is not in the document")
            }
            let controls = text.unicodeScalars.filter { $0.value < 0x20 && $0 != "\n" && $0 != "\t" }
            #expect(controls.isEmpty, "\(lang): control characters in the text: \(controls.map(\.value))")
            #expect(!facts.xml.contains("<script"), "\(lang): markup from the input became XML")
            #expect(!facts.xml.contains("<![CDATA["))
        }
    }

    /// Runs in the other direction than the document's are embedded in their own direction.
    @Test func runsKeepTheirDirection() {
        func xml(_ run: WordDocument.Run, rightToLeft: Bool) -> String {
            var xml = XMLWriter()
            xml.open("w:body")
            WordprocessingML.BodyWriter(rightToLeft: rightToLeft).run(run, into: &xml)
            xml.close()
            return String(decoding: xml.data, as: UTF8.self)
        }
        let id = xml(.init("7.4-a", leftToRight: true), rightToLeft: true)
        #expect(id.contains("<w:t xml:space=\"preserve\">\u{202A}7.4-a\u{202C}</w:t>") && !id.contains("<w:rtl/>"))
        let arabic = xml(.init("ملاحظات", bold: true), rightToLeft: true)
        #expect(arabic.contains("<w:rPr><w:b/><w:bCs/><w:rtl/></w:rPr><w:t xml:space=\"preserve\">ملاحظات</w:t>"))
        let english = xml(.init("No route from complaint findings."), rightToLeft: true)
        #expect(
            english.contains(">\u{202A}No route from complaint findings.\u{202C}<") && !english.contains("<w:rtl/>"))
        let mixed = xml(.init("ISO 10002:2018 مواصفة إرشادية"), rightToLeft: true)
        #expect(mixed.contains("<w:rtl/>") && !mixed.contains("\u{202A}"))
        let figure = xml(.init("27"), rightToLeft: true)
        #expect(figure.contains("<w:rtl/>") && !figure.contains("\u{202A}"))
        let arabicInEnglish = xml(.init("شكاوى"), rightToLeft: false)
        #expect(arabicInEnglish.contains("<w:rtl/>") && arabicInEnglish.contains(">\u{202B}شكاوى\u{202C}<"))
        #expect(xml(.init("7.4-a", leftToRight: true), rightToLeft: false).contains(">7.4-a<"))
        // Line breaks and tabs are Word's own elements.
        #expect(
            xml(.init("a\tb\nc"), rightToLeft: false)
                == #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
                + #"<w:body><w:r><w:t xml:space="preserve">a</w:t><w:tab/><w:t xml:space="preserve">b</w:t><w:br/><w:t xml:space="preserve">c</w:t></w:r></w:body>"#
        )
    }

    @Test func columnsFillTheTextWidthAndTablesStayApart() {
        let widths = WordprocessingML.BodyWriter.columnWidths([5, 18, 34, 9, 9, 7, 8, 10], total: 9638)
        #expect(widths.reduce(0, +) == 9638 && widths.allSatisfy { $0 > 0 })
        #expect(WordprocessingML.BodyWriter.columnWidths([0, 0], total: 100) == [0, 100])
        let table = WordDocument.Table(
            widths: [1, 1], header: [.init("a"), .init("b")], rows: [[.init("1"), .init("2")]])
        var document = WordDocument(rightToLeft: false, language: "en-GB", title: "t", subject: "s")
        document.append(table)
        document.append(table)
        let xml = String(decoding: WordprocessingML.body(document).data, as: UTF8.self)
        #expect(xml.contains("</w:tbl><w:p></w:p><w:tbl>"), "two tables in a row would merge")
        #expect(xml.components(separatedBy: "<w:tblHeader/>").count == 3)
        #expect(xml.contains(#"<w:pgSz w:w="11906" w:h="16838"/>"#))
    }

    struct Facts: Decodable {
        struct Paragraph: Decodable {
            var style: String
            var text: String
        }

        struct Table: Decodable {
            var header: [String]
            var rows: Int
            var headerRows: Int
            var rowsThatMaySplit: Int
            var bidiVisual: Bool
        }

        var paragraphs: [Paragraph]
        var allParagraphs: Int
        var paragraphsWithoutBidi: Int
        var rtlRuns: Int
        var tables: [Table]
        var outlineLevels: [String: Int]
        var fields: [String]
        var footerFields: String
        var page: [Int]
        var sectionBidi: Bool
        var bidiLanguage: String
        /// Levels of the numbering part's lists, and how many of them are right to left.
        var listLevels: Int
        var listLevelsWithBidi: Int
        var text: String
        var xml: String
    }

    /// Reads a .docx with python-docx and prints what the tests check, as JSON.
    static let docxReader = #"""
        import json, sys
        import docx
        from docx.oxml.ns import qn

        document = docx.Document(sys.argv[1])
        body = document.element.body
        paragraphs = [{"style": p.style.name, "text": p.text} for p in document.paragraphs]
        all_paragraphs = body.iter(qn("w:p"))
        count = 0
        without_bidi = 0
        for p in all_paragraphs:
            count += 1
            ppr = p.find(qn("w:pPr"))
            if ppr is None or ppr.find(qn("w:bidi")) is None:
                without_bidi += 1
        rtl_runs = sum(1 for r in body.iter(qn("w:r")) if r.find(qn("w:rPr")) is not None and r.find(qn("w:rPr")).find(qn("w:rtl")) is not None)
        tables = []
        for table in document.tables:
            rows = table._tbl.findall(qn("w:tr"))
            def flag(row, name):
                trpr = row.find(qn("w:trPr"))
                return trpr is not None and trpr.find(qn(name)) is not None
            tblpr = table._tbl.find(qn("w:tblPr"))
            tables.append({
                "header": [cell.text for cell in table.rows[0].cells],
                "rows": len(rows),
                "headerRows": sum(1 for row in rows if flag(row, "w:tblHeader")),
                "rowsThatMaySplit": sum(1 for row in rows if not flag(row, "w:cantSplit")),
                "bidiVisual": tblpr.find(qn("w:bidiVisual")) is not None,
            })
        outline = {}
        for style in document.styles:
            ppr = style.element.find(qn("w:pPr"))
            level = None if ppr is None else ppr.find(qn("w:outlineLvl"))
            if level is not None:
                outline[style.style_id] = int(level.get(qn("w:val")))
        fields = [t.text for t in body.iter(qn("w:instrText"))]
        footer = document.sections[0].footer
        footer_fields = "".join(t.text for t in footer._element.iter(qn("w:instrText")))
        sectpr = body.find(qn("w:sectPr"))
        size = sectpr.find(qn("w:pgSz"))
        lang = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
        from docx.text.paragraph import Paragraph
        texts = [Paragraph(p, None).text for p in body.iter(qn("w:p"))]
        from lxml import etree
        levels = list(document.part.numbering_part.element.iter(qn("w:lvl")))
        levels_bidi = sum(1 for l in levels if l.find(qn("w:pPr")) is not None and l.find(qn("w:pPr")).find(qn("w:bidi")) is not None)
        print(json.dumps({
            "listLevels": len(levels), "listLevelsWithBidi": levels_bidi,
            "paragraphs": paragraphs, "allParagraphs": count, "paragraphsWithoutBidi": without_bidi,
            "rtlRuns": rtl_runs, "tables": tables, "outlineLevels": outline, "fields": fields,
            "footerFields": footer_fields, "page": [int(size.get(qn("w:w"))), int(size.get(qn("w:h")))],
            "sectionBidi": sectpr.find(qn("w:bidi")) is not None, "bidiLanguage": lang.get(qn("w:bidi")),
            "text": "\n".join(texts), "xml": etree.tostring(body, encoding="unicode"),
        }))
        """#
}

/// A copy of the sample workspace whose free text is hostile: markup, a CDATA end, control
/// characters (as YAML escapes) and combining marks.
enum WordHostileWorkspace {
    static let markup = "<w:p>&amp; ]]> <script>x</script>"
    static let combining = "e\u{301}\"\u{301}<\u{301}&\u{301}"

    /// Text that must come out as it went in (control characters aside).
    static let expected = [markup, combining, "before [31m after", "Tab\tinside"]

    static func make() throws -> URL {
        let folder = try Fixtures.temporaryFolder()
        try FileManager.default.copyItem(
            at: Fixtures.url("sample"), to: folder.appendingPathComponent("ws"))
        let workspace = folder.appendingPathComponent("ws")
        func edit(_ file: String, _ replacements: [(String, String)]) throws {
            let url = workspace.appendingPathComponent(file)
            var text = try String(contentsOf: url, encoding: .utf8)
            for (old, new) in replacements {
                #expect(text.contains(old), "\(file) no longer contains \(old)")
                text = text.replacingOccurrences(of: old, with: new)
            }
            try Data(text.utf8).write(to: url)
        }
        let quotedMarkup = "\"<w:p>&amp; ]]> <script>x</script>\""
        let quotedCombining = "\"e\u{301}\\\"\u{301}<\u{301}&\u{301}\""
        try edit(
            "isogap.yaml",
            [(#"organization: "Sample & Sons <Trading> | Co.""#, "organization: \(quotedMarkup)")])
        try edit(
            "sample-checklist.yaml",
            [
                ("title: {en: Recording, ar: التسجيل}", "title: {en: \(quotedCombining), ar: \(quotedCombining)}"),
                (
                    #"text: {en: "Are complaint trends reviewed every month?", ar: "هل تُراجَع اتجاهات الشكاوى شهرياً؟"}"#,
                    #"text: {en: "before \u0001\u001B[31m after", ar: "before \u0001\u001B[31m after"}"#
                ),
            ])
        try edit(
            "assessments/sample-complaints.yaml",
            [
                (#"notes: "Pipe | star * and <script>alert(1)</script>; شكاوى""#, "notes: \(quotedMarkup)"),
                (#"notes: "=SUM(A1:A2), typed by the assessor, must stay text""#, #"notes: "Tab\tinside\u0000\u0008""#),
            ])
        return workspace
    }
}

/// LibreOffice, headless, with a profile of its own for each run (two runs at once cannot share one).
struct LibreOffice {
    let executable: URL

    /// Debian's `soffice` (package libreoffice-writer), or `SOFFICE`.
    static func locate() throws -> LibreOffice {
        let environment = ProcessInfo.processInfo.environment
        let candidates = [environment["SOFFICE"], "/usr/bin/soffice", "/usr/bin/libreoffice"].compactMap { $0 }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw CheckFailure(
                description:
                    "LibreOffice is not installed (looked for \(candidates.joined(separator: ", "))); install Debian's libreoffice-writer or set SOFFICE"
            )
        }
        return LibreOffice(executable: URL(fileURLWithPath: found))
    }

    /// Converts `documents` to PDF in `folder`, in one LibreOffice run (a start costs seconds) with
    /// its profile in `folder`; the PDFs' URLs, in order. Their names must differ once the
    /// extension is taken off. For shared work: a failure is thrown.
    func convertToPDF(_ documents: [URL], in folder: URL, timeout: TimeInterval = 300) throws -> [URL] {
        let profile = folder.appendingPathComponent("lo-profile")
        let output = try ChildProcess.checkedRun(
            executable,
            [
                "-env:UserInstallation=\(profile.absoluteString)", "--headless", "--norestore", "--convert-to", "pdf",
                "--outdir", folder.path,
            ] + documents.map(\.path), timeout: timeout)
        return try documents.map { document in
            let pdf = folder.appendingPathComponent(document.deletingPathExtension().lastPathComponent + ".pdf")
            guard FileManager.default.fileExists(atPath: pdf.path) else {
                throw CheckFailure(
                    description:
                        "LibreOffice wrote no PDF of \(document.lastPathComponent): \(output.stdout) \(output.stderr.suffix(2000))"
                )
            }
            return pdf
        }
    }
}

/// The Office documents the tests have LibreOffice convert, converted once per test process in
/// two LibreOffice runs at once, each with its own profile: the Al Noor example's Word report in
/// Arabic (the longest conversion) alone, and in the other its Word report in English and its
/// Excel report and questionnaire (``XLSXTests``). Started when ``WordReportTests`` or
/// ``XLSXTests`` starts.
enum OfficePDFs {
    /// The PDF of the Arabic Word report.
    private static let arabic = SharedRun {
        let folder = try Fixtures.temporaryFolder()
        return try LibreOffice.locate().convertToPDF(
            [WordReportTests.write(WordReportTests.example, lang: "ar", into: folder)], in: folder)[0]
    }

    /// The folder of the English Word report's PDF and the workbooks' (``Workbooks``).
    private static let others = SharedRun {
        let folder = try Fixtures.temporaryFolder()
        let report = try WordReportTests.write(WordReportTests.example, lang: "en", into: folder)
        let made = try XLSXTests.workspace()
        let scratch = folder.appendingPathComponent("workbooks")
        try FileManager.default.moveItem(at: made, to: scratch)
        for arguments in [
            ["report", "ws", "--format", "xlsx", "--as-of", "2026-11-26", "--out", "report.xlsx"],
            ["export", "xlsx", "ws", "--out", "questionnaire.xlsx"],
        ] {
            let written = try Command.run(arguments, in: scratch)
            guard written.status == 0 else { throw CheckFailure(description: "\(arguments): \(written.stderr)") }
        }
        let workbooks = ["report", "questionnaire"].map { scratch.appendingPathComponent("\($0).xlsx") }
        _ = try LibreOffice.locate().convertToPDF([report] + workbooks, in: folder)
        return folder
    }

    static func start() {
        arabic.start()
        others.start()
    }

    /// The PDF of the Word report in `lang` (`en` or `ar`).
    static func wordReport(_ lang: String) async throws -> URL {
        lang == "ar"
            ? try await arabic.value() : try await others.value().appendingPathComponent("report-\(lang).pdf")
    }

    /// The workbooks' PDFs and the copy of the example they were made from.
    struct Workbooks {
        var folder: URL
        /// The PDF of the Excel report (`report`) or questionnaire (`questionnaire`).
        func pdf(_ name: String) -> URL { folder.appendingPathComponent("\(name).pdf") }
        /// The copy of the example the workbooks were made from (``XLSXTests/workspace()``).
        var scratch: URL { folder.appendingPathComponent("workbooks") }
    }

    static func workbooks() async throws -> Workbooks { Workbooks(folder: try await others.value()) }
}

/// Text and page count of a PDF, with poppler's pdftotext and pdfinfo.
enum PDFText {
    static func extract(_ pdf: URL) throws -> String {
        let output = try ChildProcess.run(Poppler.locate(), [pdf.path, "-"], timeout: 60)
        #expect(output.status == 0, "pdftotext failed: \(output.stderr)")
        return output.stdout
    }

    static func pageCount(_ pdf: URL) throws -> Int {
        let output = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/pdfinfo"), [pdf.path], timeout: 60)
        let line = output.stdout.split(separator: "\n").first { $0.hasPrefix("Pages:") } ?? ""
        return Int(line.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) ?? 0
    }
}
