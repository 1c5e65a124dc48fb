import Foundation
import Testing

/// `isogap init` options (site, target level, weekend), refused duplicates, and strict custom labels.
@Suite("Init options and custom labels")
struct InitOptionTests {
    @Test func siteTargetLevelAndWeekendReachTheManifest() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Command.run(
            [
                "init", "ws", "--organization", "Acme", "--site", "Jeddah \"north\"", "--target-level", "2",
                "--weekend", "fri, sat", "--checklist", "iso-10002-2018", "--date", "2026-11-20",
            ], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let manifest = try String(contentsOf: folder.appendingPathComponent("ws/isogap.yaml"), encoding: .utf8)
        #expect(manifest.contains("\nsite: \"Jeddah \\\"north\\\"\"\n"))
        #expect(manifest.contains("\ntarget_level: 2\n"))
        #expect(manifest.contains("\n  weekend: [fri, sat]\n"))
        #expect(!manifest.contains("# site:"))
        let validated = try Command.run(["validate", "ws"], in: folder)
        #expect(validated.status == 0, "\(validated.stderr)")

        let plain = try Command.run(["init", "plain", "--organization", "A", "--weekend", "none"], in: folder)
        #expect(plain.status == 0)
        let plainManifest = try String(contentsOf: folder.appendingPathComponent("plain/isogap.yaml"), encoding: .utf8)
        #expect(plainManifest.contains("\n# site: Head office\n") && plainManifest.contains("\n  weekend: []\n"))
        #expect(try Command.run(["validate", "plain"], in: folder).status == 0)
    }

    @Test(arguments: [
        (
            ["--checklist", "iso-10002-2018", "--checklist", "iso-10002-2018"],
            "--checklist 'iso-10002-2018' is given twice"
        ),
        (["--target-level", "9"], "--target-level 9 is above the top level 4"),
        (["--target-level=-1"], "--target-level must be 0 or more"),
        (["--weekend", "fri,fri"], "--weekend names 'fri' twice"),
        (["--weekend", "mon,tue,wed,thu,fri,sat,sun"], "--weekend cannot cover all seven days"),
        (["--weekend", "fri,holiday"], "'holiday' is not a day"),
        (["--site", " "], "--site must not be empty"),
    ])
    func badOptionsAreUsageErrors(arguments: [String], message: String) throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Command.run(["init", "ws", "--organization", "A"] + arguments, in: folder)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("ws/isogap.yaml").path))
    }

    @Test func aMisspeltLabelKeyIsAnError() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(
            "isogap: 1\nkind: labels\nlabels:\n  report_title: {en: R, ar: ر}\n  gapz: {en: G, ar: غ}\n".utf8
        ).write(to: folder.appendingPathComponent("labels.yaml"))
        let result = try Command.run(["report", "Tests/Fixtures/sample", "--templates", folder.path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("labels.yaml:5:9: error: unknown label 'gapz'; did you mean 'gaps'?"))
        try Data("isogap: 1\nkind: labels\nlabels:\n  gaps: {en: G, ar: غ}\n".utf8)
            .write(to: folder.appendingPathComponent("labels.yaml"))
        #expect(try Command.run(["report", "Tests/Fixtures/sample", "--templates", folder.path]).status == 0)
    }
}
