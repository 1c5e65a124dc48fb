import Foundation
import Testing

@testable import IsogapRendering

/// The Excel questionnaire round trip and the Excel report (SPEC §14), checked with programs that
/// are not isogap: openpyxl changes the answers, LibreOffice converts the workbooks to PDF.
@Suite("Excel workbooks", .startingSharedRuns { OfficePDFs.start() })
struct XLSXTests {
    static let example = Fixtures.packageRoot.appendingPathComponent("examples/alnoor-retail")

    /// A copy of the Al Noor example in a new scratch folder (`ws`).
    static func workspace() throws -> URL {
        let scratch = try Fixtures.temporaryFolder()
        try FileManager.default.copyItem(at: example, to: scratch.appendingPathComponent("ws"))
        return scratch
    }

    /// Whether python3 has openpyxl (asked once: a Python start costs a fraction of a second).
    static let openpyxl: Bool = (try? PythonScript.run("import openpyxl", []).status) == 0

    static func python(_ script: URL, _ arguments: [String]) throws -> Command.Output {
        let python = Python.command([script.path] + arguments)
        return try ChildProcess.run(python.executable, python.arguments)
    }

    /// The same ten changes as `change-answers.py`, made by hand in the YAML: what the import must
    /// produce byte for byte (so nothing but those responses changes).
    static let handEdits: [String: [(String, String)]] = [
        "iso-10002-2018.yaml": [
            ("  \"4.1-a\":\n    level: 1\n", "  \"4.1-a\":\n    level: 3\n    target: 4\n"),
            (
                "  \"4.1-b\":\n    level: 0\n",
                "  \"4.1-b\":\n    level: 2\n    evidence:\n      - type: record\n        ref: \"Change form CHG-09 with a principles check\"\n        date: 2026-11-12\n"
            ),
            (
                "    notes: \"The CEO described following a delayed refund for a Jeddah customer through to closure.\"",
                "    notes: \"Checked again on site.\\nتمت المراجعة\""
            ),
            (
                "  \"4.3-a\":\n    level: 2\n",
                "  \"4.3-a\":\n    applicable: false\n    justification: \"Handled by the group office, outside the scope.\"\n"
            ),
        ],
        "iso-10004-2018.yaml": [
            ("  \"4.1-a\":\n    level: 0\n", "  \"4.1-a\":\n    level: 4\n"),
            (
                "    notes: \"Surveys are run by marketing and complaints data sits in Customer Care; the two are not linked.\"",
                "    notes: \"Survey wave 2026-Q3 reviewed.\""
            ),
            ("  \"4.2-a\":\n    level: 1\n", "  \"4.2-a\":\n    level: 0\n"),
        ],
    ]

    @Test func roundTripThroughOpenpyxlChangesOnlyTheChangedResponses() throws {
        try #require(Self.openpyxl, "python3 with openpyxl is not installed (CI installs it: pip install openpyxl)")
        let scratch = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let export = try Command.run(["export", "xlsx", "ws", "--out", "q.xlsx"], in: scratch)
        try #require(export.status == 0, "\(export.stderr)")
        let changed = try Self.python(
            Fixtures.url("office/change-answers.py"),
            [scratch.appendingPathComponent("q.xlsx").path, scratch.appendingPathComponent("filled.xlsx").path])
        try #require(changed.status == 0, "\(changed.stderr)")

        // --dry-run prints the changes and writes nothing.
        let before = try Data(contentsOf: scratch.appendingPathComponent("ws/assessments/iso-10002-2018.yaml"))
        let dry = try Command.run(["import", "xlsx", "filled.xlsx", "ws", "--dry-run"], in: scratch)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(try Data(contentsOf: scratch.appendingPathComponent("ws/assessments/iso-10002-2018.yaml")) == before)

        let imported = try Command.run(["import", "xlsx", "filled.xlsx", "ws"], in: scratch)
        try #require(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout == dry.stdout)
        #expect(
            imported.stdout.split(separator: "\n").map(String.init) == [
                "iso-10002-2018 4.1-a level: 1 → 3",
                "iso-10002-2018 4.1-a target: (none) → 4",
                "iso-10002-2018 4.1-b level: 0 → 2",
                "iso-10002-2018 4.1-b evidence: (none) → record | Change form CHG-09 with a principles check | 2026-11-12",
                "iso-10002-2018 4.2-a notes: The CEO described following a delayed refund for a Jeddah customer through to closure. → Checked again on site.\\nتمت المراجعة",
                "iso-10002-2018 4.3-a applicable: true → false",
                "iso-10002-2018 4.3-a level: 2 → (none)",
                "iso-10002-2018 4.3-a justification: (none) → Handled by the group office, outside the scope.",
                "iso-10004-2018 4.1-a level: 0 → 4",
                "iso-10004-2018 4.1-b notes: Surveys are run by marketing and complaints data sits in Customer Care; the two are not linked. → Survey wave 2026-Q3 reviewed.",
                "iso-10004-2018 4.2-a level: 1 → 0",
            ])

        // The oracle: the example edited by hand the same way.
        let oracle = scratch.appendingPathComponent("oracle")
        try FileManager.default.copyItem(at: Self.example, to: oracle)
        for (name, edits) in Self.handEdits {
            let url = oracle.appendingPathComponent("assessments/\(name)")
            var text = try String(contentsOf: url, encoding: .utf8)
            for (old, new) in edits {
                try #require(text.components(separatedBy: old).count == 2, "\(name): '\(old)' is not there once")
                text = text.replacingOccurrences(of: old, with: new)
            }
            try Data(text.utf8).write(to: url)
            // git diff of the assessment file: nothing but the hand-made edits.
            let diff = try Self.gitDiff(
                oracle.appendingPathComponent("assessments/\(name)"),
                scratch.appendingPathComponent("ws/assessments/\(name)"))
            #expect(diff.isEmpty, "\(name) differs from the hand-edited file:\n\(diff)")
        }
        let validate = try Command.run(["validate", "ws"], in: scratch)
        #expect(validate.status == 0, "\(validate.stderr)")
        let score = try Command.run(["score", "ws", "--format", "json", "--as-of", "2026-11-26"], in: scratch)
        let expected = try Command.run(["score", "oracle", "--format", "json", "--as-of", "2026-11-26"], in: scratch)
        #expect(score.status == 0 && expected.status == 0)
        #expect(score.stdout == expected.stdout)
        #expect(score.stdout.contains("\"percent\""))
        // Importing the same workbook again changes nothing.
        let again = try Command.run(["import", "xlsx", "filled.xlsx", "ws"], in: scratch)
        #expect(again.status == 0 && again.stdout.isEmpty && again.stderr.contains("no changes"), "\(again.stderr)")
    }

    static func gitDiff(_ old: URL, _ new: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "diff", "--no-index", "--no-color", old.path, new.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func unmodifiedExportImportsAsNoChange() throws {
        let scratch = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: scratch) }
        for language in ["en", "ar"] {
            let export = try Command.run(["export", "xlsx", "ws", "--lang", language, "--out", "q.xlsx"], in: scratch)
            try #require(export.status == 0, "\(export.stderr)")
            let files = try FileManager.default.contentsOfDirectory(
                atPath: scratch.appendingPathComponent("ws/assessments").path)
            let before = try files.map { try Data(contentsOf: scratch.appendingPathComponent("ws/assessments/\($0)")) }
            let imported = try Command.run(["import", "xlsx", "q.xlsx", "ws"], in: scratch)
            #expect(imported.status == 0 && imported.stdout.isEmpty, "\(imported.stdout)\(imported.stderr)")
            let after = try files.map { try Data(contentsOf: scratch.appendingPathComponent("ws/assessments/\($0)")) }
            #expect(before == after)
        }
        // The same workspace gives the same bytes.
        let first = try Command.run(["export", "xlsx", "ws", "--out", "a.xlsx"], in: scratch)
        let second = try Command.run(["export", "xlsx", "ws", "--out", "b.xlsx"], in: scratch)
        #expect(first.status == 0 && second.status == 0)
        #expect(
            try Data(contentsOf: scratch.appendingPathComponent("a.xlsx"))
                == Data(contentsOf: scratch.appendingPathComponent("b.xlsx")))
    }

    @Test func everyBadCellIsReportedAtOnce() throws {
        try #require(Self.openpyxl, "python3 with openpyxl is not installed (CI installs it: pip install openpyxl)")
        let scratch = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let export = try Command.run(["export", "xlsx", "ws", "--out", "q.xlsx"], in: scratch)
        try #require(export.status == 0, "\(export.stderr)")
        let script = """
            import sys, openpyxl
            book = openpyxl.load_workbook(sys.argv[1])
            s = book["iso-10002-2018"]
            s["F2"] = "9 – Beyond"                     # level off the scale
            s["G3"] = "no"                             # not applicable without justification
            s["J4"] = "record"                         # evidence line with one field
            s["J5"] = "record | Log | 2026-13-45"      # bad date
            s["K6"] = "=1+1"                           # formula
            s["A7"] = "9.99-z"                         # unknown requirement id
            s["G8"] = "perhaps"                        # neither yes nor no
            s["I9"] = 12                               # target off the scale
            meta = book["isogap"]
            for row in meta.iter_rows(min_row=2):
                if row[0].value == "sheet" and row[2].value == "iso-10004-2018":
                    row[3].value = "1999"              # a sheet from another version
            book.save(sys.argv[2])
            """
        let run = try PythonScript.run(
            script, [scratch.appendingPathComponent("q.xlsx").path, scratch.appendingPathComponent("bad.xlsx").path])
        try #require(run.status == 0, "\(run.stderr)")
        let before = try Data(contentsOf: scratch.appendingPathComponent("ws/assessments/iso-10002-2018.yaml"))
        let result = try Command.run(["import", "xlsx", "bad.xlsx", "ws"], in: scratch)
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty)
        let errors = result.stderr.split(separator: "\n").filter { $0.contains(": error: ") }.map(String.init)
        #expect(
            errors == [
                "bad.xlsx:iso-10002-2018!F2: error: the level '9 – Beyond' is off the scale of iso-10002-2018 (0 to 4); pick one from the list",
                "bad.xlsx:iso-10002-2018!F3: error: a requirement that is not applicable has no level; clear the level",
                "bad.xlsx:iso-10002-2018!H3: error: a requirement that is not applicable needs a justification",
                "bad.xlsx:iso-10002-2018!J4: error: evidence line 1: it has 1 field(s); write type | ref | date | file (date and file optional)",
                "bad.xlsx:iso-10002-2018!J5: error: evidence line 1: '2026-13-45' is not a date; write YYYY-MM-DD",
                "bad.xlsx:iso-10002-2018!K6: error: the cell holds a formula; isogap reads typed values only",
                "bad.xlsx:iso-10002-2018!A7: error: unknown requirement id '9.99-z': iso-10002-2018 has no such requirement",
                "bad.xlsx:isogap!D7: error: the sheet 'iso-10004-2018' is for version 1999 of iso-10004-2018; the workspace uses version 2.1.0; export a new questionnaire",
                "bad.xlsx:iso-10002-2018!G8: error: 'perhaps' is not yes or no",
                "bad.xlsx:iso-10002-2018!I9: error: the target '12' is not a level of the scale (0 to 4)",
            ], "\(result.stderr)")
        #expect(try Data(contentsOf: scratch.appendingPathComponent("ws/assessments/iso-10002-2018.yaml")) == before)
    }

    @Test func libreOfficeConvertsBothWorkbooksAndTheReportShowsEveryGap() async throws {
        // Both workbooks, converted in a LibreOffice run shared with the Word report's tests.
        let pdfs = try await OfficePDFs.workbooks()
        let scratch = pdfs.scratch
        let json = try Command.run(["report", "ws", "--format", "json", "--as-of", "2026-11-26"], in: scratch)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let gaps = try #require(document["gaps"] as? [[String: Any]]).compactMap { $0["requirement"] as? String }
        try #require(!gaps.isEmpty)
        for name in ["report", "questionnaire"] {
            let pdf = pdfs.pdf(name)
            let text = try await ChildProcess.run(
                Poppler.locate(), ["-layout", pdf.path, "-"], timeout: 60)
            #expect(text.status == 0)
            if name == "report" {
                let missing = Set(gaps).filter { !text.stdout.contains($0) }
                #expect(missing.isEmpty, "gap ids missing from the PDF: \(missing.sorted())")
            } else {
                #expect(text.stdout.contains("4.1-a"))
            }
        }
    }

    @Test func reportCellsHaveTheirTypesAndArabicSheetsRunRightToLeft() throws {
        try #require(Self.openpyxl, "python3 with openpyxl is not installed (CI installs it: pip install openpyxl)")
        let scratch = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: scratch) }
        for language in ["en", "ar"] {
            let report = try Command.run(
                [
                    "report", "ws", "--format", "xlsx", "--lang", language, "--as-of", "2026-11-26", "--out",
                    "r-\(language).xlsx",
                ],
                in: scratch)
            try #require(report.status == 0, "\(report.stderr)")
        }
        let questionnaire = try Command.run(
            ["export", "xlsx", "ws", "--lang", "ar", "--out", "q-ar.xlsx"], in: scratch)
        try #require(questionnaire.status == 0, "\(questionnaire.stderr)")
        let script = """
            import sys, datetime, openpyxl
            en = openpyxl.load_workbook(sys.argv[1])
            print(en.sheetnames)
            clauses = en["Clauses"]
            ids = [row[1] for row in clauses.iter_rows(min_row=2, values_only=True)]
            print("clause ids text:", all(isinstance(i, str) for i in ids), "4.10" in ids or "10" in ids)
            req = en["Requirements"]
            first = next(req.iter_rows(min_row=2, values_only=True))
            print("claimed number:", type(first[5]).__name__, "priority number:", all(isinstance(r[9], (int, float)) or r[9] is None for r in req.iter_rows(min_row=2, values_only=True)))
            summary = en["Summary"]
            dates = [r[1] for r in summary.iter_rows(min_row=2, values_only=True) if isinstance(r[1], datetime.datetime)]
            print("dates:", [d.date().isoformat() for d in dates])
            print("frozen:", req.freeze_panes, "filter:", req.auto_filter.ref)
            ar = openpyxl.load_workbook(sys.argv[2])
            print("rtl report:", all(ws.sheet_view.rightToLeft for ws in ar.worksheets))
            q = openpyxl.load_workbook(sys.argv[3])
            print("rtl questionnaire:", q.worksheets[1].sheet_view.rightToLeft, q.worksheets[1]["F1"].value)
            print("protected:", q.worksheets[1].protection.sheet, q.worksheets[1].protection.password)
            print("hidden:", q["isogap"].sheet_state)
            print("validations:", sorted(str(dv.sqref) for dv in q.worksheets[1].data_validations.dataValidation))
            print("locked question:", q.worksheets[1]["C2"].protection.locked, "unlocked level:", q.worksheets[1]["F2"].protection.locked)
            """
        let run = try PythonScript.run(
            script, ["r-en.xlsx", "r-ar.xlsx", "q-ar.xlsx"].map { scratch.appendingPathComponent($0).path })
        try #require(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "['Summary', 'Clauses', 'Requirements', 'Gaps', 'Actions', 'Plan', 'Narrative']")
        #expect(lines.contains("clause ids text: True True"))
        #expect(lines.contains("claimed number: int priority number: True"))
        #expect(lines.contains("dates: ['2026-11-20', '2026-11-26']"))
        #expect(lines.contains { $0.hasPrefix("frozen: A2 filter: A1:P") })
        #expect(lines.contains("rtl report: True"))
        #expect(lines.contains("rtl questionnaire: True المستوى"))
        #expect(lines.contains("protected: True None"))
        #expect(lines.contains("hidden: hidden"))
        #expect(lines.contains { $0.hasPrefix("validations: ['F2:F") })
        #expect(lines.contains("locked question: True unlocked level: False"))
    }

    /// The narrative and sign-off sheets, with their names and headers from the labels: a labels file
    /// in `--templates` renames a sheet (a name made valid for a sheet tab) and a column.
    @Test func narrativeAndSignoffSheetsTakeTheirWordsFromTheLabels() throws {
        try #require(Self.openpyxl, "python3 with openpyxl is not installed (CI installs it: pip install openpyxl)")
        let scratch = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let templates = scratch.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try Data(
            """
            isogap: 1
            kind: labels
            labels:
              sheet_summary: {en: "Overview: all/any?", ar: "نظرة عامة"}
              narrative_text: {en: "Assessor's words", ar: "كلام المقيّم"}

            """.utf8
        ).write(to: templates.appendingPathComponent("labels.yaml"))
        let workspace = Fixtures.url("deliverable").path
        for (name, arguments) in [
            ("en", ["--lang", "en"]), ("ar", ["--lang", "ar"]), ("custom", ["--templates", templates.path]),
        ] {
            let report = try Command.run(
                ["report", workspace, "--format", "xlsx", "--as-of", "2026-11-26", "--out", "\(name).xlsx"] + arguments,
                in: scratch)
            try #require(report.status == 0, "\(report.stderr)")
        }
        let example = try Command.run(
            ["report", Self.example.path, "--format", "xlsx", "--as-of", "2026-11-26", "--out", "example.xlsx"],
            in: scratch)
        try #require(example.status == 0, "\(example.stderr)")
        let script = """
            import sys, datetime, openpyxl
            for name in sys.argv[1:]:
                book = openpyxl.load_workbook(name)
                print(name.rsplit("/", 1)[-1], book.sheetnames)
                for title in book.sheetnames[6:]:
                    rows = list(book[title].iter_rows(values_only=True))
                    print(" ", title, list(rows[0]))
                    for row in rows[1:]:
                        print("   ", [v.date().isoformat() if isinstance(v, datetime.datetime) else v for v in row])
            """
        let run = try PythonScript.run(
            script, ["en", "ar", "custom", "example"].map { scratch.appendingPathComponent("\($0).xlsx").path })
        try #require(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.contains(
                "en.xlsx ['Summary', 'Clauses', 'Requirements', 'Gaps', 'Actions', 'Plan', 'Narrative', 'Sign-off']"))
        #expect(lines.contains("  Narrative ['Section', 'Checklist', 'Clause', 'Text']"))
        #expect(lines.contains("    ['Reference', None, None, 'GA-2026-014']"))
        #expect(
            lines.contains("    [\"Assessor's summary\", None, None, 'Complaints are recorded, but *not* analysed.']"))
        #expect(lines.contains("    ['Strengths', None, None, 'A register that is kept | every day']"))
        #expect(lines.contains("    ['Recommendations', None, None, 'Name a data owner']"))
        #expect(
            lines.contains(
                "    [\"Assessor's commentary\", 'v2-guidance', '1.1', 'Recording works at the desk; <i>not</i> by phone.']"
            ))
        #expect(
            lines.contains("  Sign-off ['Signed by', 'Role', 'Decision', 'Date', 'Still matches', 'Note', 'Digest']"))
        #expect(
            lines.contains(
                "    ['Huda <b>Al-Mansouri</b>', 'Managing director', 'approved', '2026-11-25', 'outdated: files changed since', 'Approved | pending *one* fix', '\(String(repeating: "0", count: 64))']"
            ))
        #expect(
            lines.contains(
                "ar.xlsx ['الملخص', 'البنود', 'المتطلبات', 'الفجوات', 'الإجراءات', 'الخطة', 'نص التقرير', 'الاعتماد']"))
        #expect(lines.contains("    ['ملخص المقيّم', None, None, 'تُسجَّل الشكاوى لكنها لا تُحلَّل.']"))
        #expect(
            lines.contains {
                $0.hasPrefix("    ['هدى")
                    || $0.hasPrefix(
                        "    ['Huda <b>Al-Mansouri</b>', 'Managing director', 'معتمد', '2026-11-25', 'غير محدّث")
            })
        #expect(
            lines.contains(
                "custom.xlsx ['Overview allany', 'Clauses', 'Requirements', 'Gaps', 'Actions', 'Plan', 'Narrative', 'Sign-off']"
            ))
        #expect(lines.contains("  Narrative ['Section', 'Checklist', 'Clause', \"Assessor's words\"]"))
        // The example has a narrative and no sign-offs.
        #expect(
            lines.contains(
                "example.xlsx ['Summary', 'Clauses', 'Requirements', 'Gaps', 'Actions', 'Plan', 'Narrative']"))
    }
}
