import Foundation
import Testing

/// Runs the real `isogap` executable and checks stdout, stderr and the exit status.
@Suite("Commands")
struct CommandTests {
    @Test func initWritesAWorkspaceThatValidates() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let created = try Command.run(
            [
                "init", "ws", "--organization", "Acme \"Retail\": LLC", "--checklist", "iso-10004-2018", "--date",
                "2026-11-20",
            ],
            in: folder)
        #expect(created.status == 0)
        #expect(created.stderr.isEmpty)
        #expect(
            created.stdout.hasPrefix(
                "Created workspace ws for Acme \"Retail\": LLC: iso-10004-2018 (79 requirements to assess)."))
        for file in ["isogap.yaml", "assessments/iso-10004-2018.yaml", "actions.yaml", "narrative.yaml"] {
            try Golden.check(
                String(contentsOf: folder.appendingPathComponent("ws/\(file)"), encoding: .utf8),
                against: "init/\(file)")
        }
        var isDirectory: ObjCBool = false
        #expect(
            FileManager.default.fileExists(
                atPath: folder.appendingPathComponent("ws/evidence").path, isDirectory: &isDirectory)
                && isDirectory.boolValue)

        let validated = try Command.run(["validate", "ws"], in: folder)
        #expect(validated.status == 0)
        #expect(validated.stdout == "ws: ok: workspace of Acme \"Retail\": LLC (iso-10004-2018 0/79 answered)\n")
        #expect(validated.stderr.isEmpty)
    }

    @Test func initInArabicWritesArabicQuestions() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let created = try Command.run(
            ["init", "ws", "--organization", "شركة النور", "--lang", "ar", "--date", "2026-11-20"], in: folder)
        #expect(created.status == 0)
        let manifest = try String(contentsOf: folder.appendingPathComponent("ws/isogap.yaml"), encoding: .utf8)
        #expect(manifest.contains("organization: \"شركة النور\"\n") && manifest.contains("language: ar\n"))
        let assessment = try String(
            contentsOf: folder.appendingPathComponent("ws/assessments/iso-10002-2018.yaml"), encoding: .utf8)
        #expect(assessment.contains("# 4.2 الالتزام\n"))
        #expect(try Command.run(["validate", "ws"], in: folder).status == 0)
    }

    @Test func initRefusesToOverwrite() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try Command.run(["init", "ws", "--organization", "A", "--date", "2026-11-20"], in: folder).status == 0)
        let manifest = folder.appendingPathComponent("ws/isogap.yaml")
        try Data("# edited by the assessor\n".utf8).write(to: manifest)
        let again = try Command.run(["init", "ws", "--organization", "B"], in: folder)
        #expect(again.status == 73)
        #expect(again.stderr == "error: ws/isogap.yaml already exists; isogap init does not overwrite a workspace\n")
        #expect(try String(contentsOf: manifest, encoding: .utf8) == "# edited by the assessor\n")
    }

    @Test func showPrintsTheOutline() throws {
        let english = try Command.run(["show", "Tests/Fixtures/sample/sample-checklist.yaml"])
        #expect(english.status == 0)
        try Golden.check(english.stdout, against: "show/sample-en.txt")
        let arabic = try Command.run(["show", "Tests/Fixtures/sample/sample-checklist.yaml", "--lang", "ar"])
        #expect(arabic.status == 0)
        try Golden.check(arabic.stdout, against: "show/sample-ar.txt")
    }

    @Test func showBuiltInChecklist() throws {
        let shown = try Command.run(["show", "iso-10002-2018", "--lang", "ar"])
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("4 المبادئ التوجيهية"))
        #expect(shown.stdout.contains("7.4-a"))
    }

    @Test func checklistsListsTheBuiltIns() throws {
        let listed = try Command.run(["checklists"])
        #expect(listed.status == 0)
        #expect(
            listed.stdout.split(separator: "\n").map { $0.split(separator: " ").first.map(String.init) ?? "" }
                == ["iso-10002-2018", "iso-10004-2018", "iso-9001-2015"])
    }

    static let exitCases: [(arguments: [String], status: Int32)] = [
        (["frobnicate"], 64),
        (["init"], 64),
        (["init", "x", "--organization", "A", "--date", "2026-02-30"], 64),
        (["init", "x", "--organization", "A", "--checklist", "iso-1002-2018"], 64),
        (["show", "--lang", "fr", "iso-10002-2018"], 64),
        (["validate", "no/such/folder"], 66),
        (["show", "no-such-checklist"], 66),
        (["show", "missing.yaml"], 66),
        (["validate", "Tests/Fixtures/sample"], 0),
        (["validate", "checklists"], 0),
    ]

    @Test(arguments: exitCases)
    func exitCodes(arguments: [String], status: Int32) throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let absolute = arguments.map {
            $0.hasPrefix("Tests/") || $0 == "checklists" ? Fixtures.packageRoot.appendingPathComponent($0).path : $0
        }
        let result = try Command.run(absolute, in: folder)
        #expect(result.status == status, "stderr: \(result.stderr)")
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack dump"))
    }

    @Test func validateReportsEveryProblemWithExit65() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(
            """
            isogap: 1
            kind: assessment
            checklist: iso-10002-2018
            responses:
              "4.2-a": {level: 5}
              "4.2-z": {level: 1}
              "4.3-a": {level: 2, notes: [not, text]}

            """.utf8
        ).write(to: folder.appendingPathComponent("a.yaml"))
        let result = try Command.run(["validate", "a.yaml"], in: folder)
        #expect(result.status == 65)
        #expect(result.stdout == "a.yaml: invalid: assessment for iso-10002-2018, 3 responses\n")
        #expect(
            result.stderr == """
                a.yaml:5:20: error: level 5 is outside the scale 0–4 of checklist iso-10002-2018
                a.yaml:6:3: error: '4.2-z' is not a requirement of checklist 'iso-10002-2018'; did you mean '4.2-a'?
                a.yaml:7:30: error: 'notes' must be text, found a list
                3 errors, 0 warnings

                """)
    }

    @Test func diagnosticsShowTheSourceLineOnlyOnATerminal() throws {
        // Command output here goes to files, not a terminal: no caret lines, no colour codes.
        let result = try Command.run(["validate", Fixtures.url("sample").path], environment: ["NO_COLOR": "1"])
        #expect(!result.stderr.contains("\u{1B}["))
    }
}
