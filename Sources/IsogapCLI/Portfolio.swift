import ArgumentParser
import Foundation
import IsogapDiagnostics
import IsogapLoading
import IsogapModel
import IsogapRendering

/// `isogap portfolio DIR...`: every workspace under the given folders, scored and summarised side
/// by side.
struct Portfolio: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "portfolio",
        abstract:
            "Score every workspace under the given folders and compare them: sites, clauses, weakest requirements.",
        discussion: """
            A workspace is a folder with an isogap.yaml. Folders are searched recursively in sorted order, without \
            following symbolic links, skipping hidden folders and not looking inside a workspace. A workspace that \
            does not load is listed under 'failed' with its diagnostics (also printed on standard error), the others \
            are still reported, and the exit status is then 65.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, csv, md, html
    }

    @Argument(help: "Folders holding workspaces (searched recursively).")
    var directories: [String]

    @Option(help: "Output format: text, json, csv, md or html.")
    var format: Format = .text

    @Option(
        name: .customLong("as-of"), help: "Date for overdue actions, YYYY-MM-DD (default: today).",
        transform: CalendarDate.argument)
    var asOf: CalendarDate?

    @Option(
        name: .long,
        help:
            "Language of the output: en or ar (default: English words, each workspace's own organisation and site names)."
    )
    var lang: ReportLanguage?

    @Option(help: "Workspaces loaded at once, 1 to 256 (default: the number of processor cores).")
    var jobs: Int?

    @OptionGroup var output: OutputOption

    func validate() throws {
        guard !directories.isEmpty else { throw ValidationError("name at least one folder") }
        if let jobs, !(1...256).contains(jobs) { throw ValidationError("--jobs must be between 1 and 256") }
    }

    func run(in context: CommandContext) throws {
        let console = context.console
        var missing = false
        for directory in directories where !PortfolioDiscovery.isDirectory(context.resolve(directory)) {
            console.emit(.error("\(directory): no such folder", at: nil))
            missing = true
        }
        if missing { throw ExitStatus.noInput }
        // The built-in checklists are parsed while the folders are searched (the first use of the
        // library below waits for it).
        Thread.detachNewThread { _ = BuiltInResources.library }
        let discovery = PortfolioDiscovery.workspaces(under: directories, in: context)
        for folder in discovery.unreadable {
            console.emit(.warning("\(folder): cannot read the folder; skipped", at: nil))
        }
        guard !discovery.workspaces.isEmpty else {
            throw console.fail(
                "no workspace (a folder with \(WorkspaceLoader.manifestFile)) under \(directories.joined(separator: ", "))",
                ExitStatus.noInput)
        }

        let date = asOf ?? context.today
        // Parsed once for the whole run: every workspace shares the same built-in checklists.
        let library = BuiltInResources.library
        let progress = ProgressBar(total: discovery.workspaces.count, console: console)
        var portfolio = PortfolioSummary()
        var errors = 0
        var warnings = 0
        OrderedPipeline.run(
            count: discovery.workspaces.count, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount
        ) { index in
            let path = discovery.workspaces[index]
            return PortfolioSite.load(
                from: DiskFiles(folder: path, in: context), path: path, library: library, asOf: date, language: lang)
        } consume: { _, outcome in
            if !outcome.diagnostics.isEmpty {
                progress.clear()
                for diagnostic in outcome.diagnostics { console.emit(diagnostic) }
                errors += outcome.diagnostics.filter { $0.severity == .error }.count
                warnings += outcome.diagnostics.filter { $0.severity == .warning }.count
            }
            switch outcome.result {
            case .site(let site): portfolio.add(site)
            case .failed(let path):
                portfolio.add(.init(path: path, diagnostics: outcome.diagnostics))
            }
            progress.advance()
        }
        progress.clear()
        if errors + warnings > 0 {
            console.status(
                "\(portfolio.sites.count) site\(portfolio.sites.count == 1 ? "" : "s") read, \(portfolio.failed.count) failed; "
                    + "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        }

        // Only the text and Markdown outputs use the labels: JSON and CSV do without the templates.
        func words() throws -> LabelWords {
            LabelWords(try TemplateSet.load(overrides: nil, context: context).labels, lang ?? .en)
        }
        let text: String
        switch format {
        case .text: text = PortfolioReport.text(portfolio, asOf: date, words: try words())
        case .json: text = PortfolioReport.json(portfolio, asOf: date).serialized()
        case .csv: text = PortfolioReport.csv(portfolio)
        case .md: text = PortfolioReport.markdown(portfolio, asOf: date, words: try words())
        case .html:
            let templates = try TemplateSet.load(overrides: nil, context: context)
            do {
                text = try PortfolioHTML.render(
                    portfolio, asOf: date, language: lang ?? .en, labels: templates.labels,
                    templates: templates.library)
            } catch {
                throw console.fail(error.diagnostic, ExitStatus.dataError)
            }
        }
        if format == .text {
            try OutputTarget.writeText(text, to: output.out, context: context)
        } else {
            try OutputTarget.write(text, to: output.out, context: context)
        }
        if !portfolio.failed.isEmpty { throw ExitStatus.dataError }
    }
}

/// Finds workspaces under folders.
enum PortfolioDiscovery {
    struct Found {
        /// Workspace folders: per folder named, in sorted path order.
        var workspaces: [String]
        /// Folders that could not be listed.
        var unreadable: [String]
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Every folder with an `isogap.yaml` under `roots`. Symbolic links below a root are not
    /// followed (so nothing outside the named folders is read and no link cycle can loop), hidden
    /// folders are skipped, and a workspace's own subfolders are not searched.
    static func workspaces(under roots: [String], in context: CommandContext) -> Found {
        var found = Found(workspaces: [], unreadable: [])
        var seen: Set<String> = []
        for root in roots {
            var trimmed = root
            while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
            // Depth first, children in sorted order: a stack holding the reverse.
            var stack = [trimmed]
            while let folder = stack.popLast() {
                let location = context.resolve(folder)
                if isWorkspace(location) {
                    if seen.insert(folder).inserted { found.workspaces.append(folder) }
                    continue
                }
                guard let names = try? FileManager.default.contentsOfDirectory(atPath: location) else {
                    found.unreadable.append(folder)
                    continue
                }
                var children: [String] = []
                for name in names.sorted() where !name.hasPrefix(".") {
                    let child = folder == "/" ? "/\(name)" : "\(folder)/\(name)"
                    var info = stat()
                    guard lstat(context.resolve(child), &info) == 0 else {
                        // A path longer than PATH_MAX (or one that vanished) is reported, never dropped.
                        found.unreadable.append(child)
                        continue
                    }
                    if info.st_mode & S_IFMT == S_IFDIR { children.append(child) }
                }
                stack += children.reversed()
            }
        }
        return found
    }

    private static func isWorkspace(_ folder: String) -> Bool {
        // Any kind of entry counts: a folder or a dangling link named isogap.yaml is a broken
        // workspace that the loader reports, not a reason to search inside.
        var info = stat()
        return lstat("\(folder)/\(WorkspaceLoader.manifestFile)", &info) == 0
    }
}
