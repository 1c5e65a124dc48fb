import Foundation
import IsogapModel
import Testing

/// `isogap portfolio` over `Tests/Fixtures/portfolio`: three valid sites (the sample checklist),
/// one broken workspace (`south/broken`) and a hidden folder that must be skipped.
///
/// Hand-computed for branch-b: 1.1-a claimed 2 with one record → effective 2, s = 2/3, weight 2;
/// 1.1-b claimed 1 → s = 1/3, weight 1; 2-a claimed 0 → s = 0, weight 1.5; 2-b not applicable.
/// Combined = 100 · (4/3 + 1/3 + 0) / 4.5 = 37.0. Overdue on 2026-11-26: A-1 (open, due 11-01) and
/// A-2 (in progress, due 11-15) → 2.
@Suite("Portfolio")
struct PortfolioTests {
    private func portfolio(_ arguments: [String]) throws -> Command.Output {
        try Command.run(["portfolio", "portfolio", "--as-of", "2026-11-26"] + arguments, in: Fixtures.root)
    }

    @Test(arguments: ["text", "json", "csv", "md"])
    func goldens(format: String) throws {
        let output = try portfolio(["--format", format])
        #expect(output.status == 65, "one workspace is broken: \(output.stderr)")
        try Golden.check(output.stdout, against: "portfolio/portfolio.\(format == "text" ? "txt" : format)")
    }

    /// `--lang ar`: the words, clause titles and requirement texts in Arabic; the figures as in English.
    @Test(arguments: ["text", "md"])
    func arabic(format: String) throws {
        let output = try portfolio(["--format", format, "--lang", "ar"])
        #expect(output.status == 65)
        #expect(output.stdout.contains("المحفظة حتى 2026-11-26"))
        #expect(!output.stdout.contains("Portfolio"))
        try Golden.check(output.stdout, against: "portfolio/portfolio-ar.\(format == "text" ? "txt" : format)")
    }

    @Test func brokenWorkspaceIsReportedOnStderrAndTheRestProcessed() throws {
        let output = try portfolio(["--format", "json"])
        #expect(output.status == 65)
        #expect(
            output.stderr == """
                portfolio/south/broken/assessments/sample-complaints.yaml:6:12: error: level 7 is outside the scale 0–3 of checklist sample-complaints
                portfolio/south/broken/assessments/sample-complaints.yaml:7:3: error: '9.9-z' is not a requirement of checklist 'sample-complaints'
                3 sites read, 1 failed; 2 errors, 0 warnings

                """)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(json["isogap"] as? Int == 1)
        #expect(json["as_of"] as? String == "2026-11-26")
        let sites = try #require(json["sites"] as? [[String: Any]])
        #expect(
            sites.map { $0["path"] as? String } == [
                "portfolio/north/branch-a", "portfolio/north/branch-b", "portfolio/south/branch-c",
            ])
        let branchB = sites[1]
        #expect(branchB["organization"] as? String == "Sample & Sons <Trading> | Co.")
        #expect(branchB["site"] as? String == "Branch B, Jeddah")
        #expect((branchB["combined"] as? [String: Any])?["percent"] as? Double == 37.0)
        #expect((branchB["combined"] as? [String: Any])?["completeness"] as? Double == 1)
        #expect((branchB["checklists"] as? [[String: Any]])?.first?["id"] as? String == "sample-complaints")
        #expect(branchB["overdue_actions"] as? Int == 2)
        #expect(sites[2]["site"] is NSNull)
        let failed = try #require(json["failed"] as? [[String: Any]])
        #expect(failed.count == 1)
        #expect(failed.first?["path"] as? String == "portfolio/south/broken")
        #expect((failed.first?["diagnostics"] as? [String])?.count == 2)
        let clauses = try #require(json["clauses"] as? [[String: Any]])
        #expect(clauses.map { $0["id"] as? String } == ["1", "1.1", "2"])
        // Clause 2 per site: a 20.0 (2-a at 1/3, 2-b at 0: (0.5 + 0)/2.5), b 0, c 66.7 → mean 28.9.
        #expect(clauses[2]["mean_percent"] as? Double == 28.9)
        #expect(clauses[2]["min_percent"] as? Double == 0)
        #expect(clauses[2]["sites"] as? Int == 3)
        for key in ["checklist", "id", "mean_percent", "min_percent", "sites"] { #expect(clauses[0][key] != nil) }
    }

    @Test func outputDoesNotDependOnTheNumberOfJobs() throws {
        let one = try portfolio(["--format", "json", "--jobs", "1"])
        let four = try portfolio(["--format", "json", "--jobs", "4"])
        #expect(one.stdout == four.stdout)
        #expect(one.stderr == four.stderr)
    }

    @Test func onlyValidSitesExitZero() throws {
        let output = try Command.run(
            ["portfolio", "portfolio/north", "portfolio/south/branch-c", "--as-of", "2026-11-26", "--format", "csv"],
            in: Fixtures.root)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.isEmpty)
        #expect(output.stdout.components(separatedBy: "\r\n").count == 5)  // header, three sites, end
    }

    @Test func missingFolderExits66() throws {
        let output = try Command.run(["portfolio", "portfolio", "no-such-folder"], in: Fixtures.root)
        #expect(output.status == 66)
        #expect(output.stderr == "error: no-such-folder: no such folder\n")
        #expect(output.stdout.isEmpty)
    }

    @Test func folderWithoutWorkspacesExits66() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try Command.run(["portfolio", folder.path])
        #expect(output.status == 66)
        #expect(output.stderr.contains("no workspace"))
    }

    @Test func symbolicLinksAreNotFollowed() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createSymbolicLink(
            at: folder.appendingPathComponent("link"), withDestinationURL: Fixtures.url("portfolio/north"))
        try FileManager.default.createSymbolicLink(
            at: folder.appendingPathComponent("loop"), withDestinationURL: folder)
        let output = try Command.run(["portfolio", folder.path])
        #expect(output.status == 66, "a linked workspace is not searched: \(output.stdout)")
    }

    @Test func progressBarOnlyOnATerminal() throws {
        // `script` gives the command a terminal; without one (every other test) stderr stays clean.
        let script = URL(fileURLWithPath: "/usr/bin/script")
        try #require(FileManager.default.isExecutableFile(atPath: script.path), "util-linux 'script' is missing")
        let executable = try #require(Command.executable)
        let process = Process()
        process.executableURL = script
        process.arguments = [
            "-qec", "\(executable.path) portfolio portfolio/north --as-of 2026-11-26 --format csv", "/dev/null",
        ]
        process.currentDirectoryURL = Fixtures.root
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(output.contains("2/2 workspaces"))
        #expect(output.contains("\r\u{1B}[K"), "the bar is erased before the results")
        #expect(output.contains("portfolio/north/branch-b,ok,"))
    }

    @Test func badJobsIsAUsageError() throws {
        let output = try portfolio(["--jobs", "0"])
        #expect(output.status == 64)
    }
}

/// The reducer on its own.
@Suite("Portfolio summary")
struct PortfolioSummaryTests {
    private func site(_ path: String, clause percent: Double?, requirement: Double?) -> SiteSummary {
        let date = CalendarDate(dayNumber: 20_454)
        var summary = SiteSummary(
            path: path,
            manifest: WorkspaceManifest(
                organization: "Org", scope: "s", assessmentDate: date, targetLevel: 2, checklists: ["c"]),
            score: Scorer(assessmentDate: date, evidenceMaxAgeDays: nil, targetLevel: 2)
                .score(checklists: [], assessments: []),
            overdueActions: 1)
        summary.clauses = [SiteSummary.ClauseFigure(checklist: "c", id: "1", title: "One", percent: percent)]
        if let requirement {
            summary.requirements = [
                SiteSummary.RequirementFigure(
                    checklist: "c", id: "1-a", text: "Q", percent: requirement, gap: requirement < 100 ? 1 : 0,
                    priority: 2)
            ]
        }
        return summary
    }

    @Test func meanMinimumAndWorstSites() {
        var portfolio = PortfolioSummary()
        portfolio.add(site("a", clause: 50, requirement: 50))
        portfolio.add(site("b", clause: 20, requirement: 100))
        portfolio.add(site("c", clause: nil, requirement: nil))
        portfolio.add(site("d", clause: 20, requirement: 0))
        portfolio.add(site("e", clause: 80, requirement: 100))
        let clause = portfolio.clauses[0]
        #expect(clause.sites == 4)
        #expect(clause.meanPercent == 42.5)
        #expect(clause.minPercent == 20)
        #expect(clause.worstSites.map(\.path) == ["b", "d", "a"])
        let weakest = portfolio.weakestRequirements()
        #expect(weakest.count == 1)
        #expect(weakest[0].sites == 4)
        #expect(weakest[0].sitesWithGap == 2)
        #expect(weakest[0].meanPercent == 62.5)
        #expect(weakest[0].minPercent == 0)
        #expect(weakest[0].totalPriority == 8)
    }

    @Test func keepsOnlyTheRowOfEachSite() {
        var portfolio = PortfolioSummary()
        portfolio.add(site("a", clause: 50, requirement: 50))
        #expect(portfolio.sites[0].clauses.isEmpty)
        #expect(portfolio.sites[0].requirements.isEmpty)
        #expect(portfolio.sites[0].overdueActions == 1)
    }

    @Test func weakestAreOrderedByMeanThenGapsThenPriority() {
        var portfolio = PortfolioSummary()
        var one = site("a", clause: 10, requirement: nil)
        one.requirements = [
            SiteSummary.RequirementFigure(checklist: "c", id: "x", text: "", percent: 50, gap: 1, priority: 1),
            SiteSummary.RequirementFigure(checklist: "c", id: "y", text: "", percent: 50, gap: 1, priority: 4),
            SiteSummary.RequirementFigure(checklist: "c", id: "z", text: "", percent: 25, gap: 1, priority: 1),
            SiteSummary.RequirementFigure(checklist: "c", id: "w", text: "", percent: 50, gap: 0, priority: 0),
        ]
        portfolio.add(one)
        #expect(portfolio.weakestRequirements().map(\.id) == ["z", "y", "x", "w"])
        #expect(portfolio.weakestRequirements(2).map(\.id) == ["z", "y"])
    }
}
