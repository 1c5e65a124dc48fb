import ArgumentParser
import Foundation
import IsogapDiagnostics
import IsogapLoading
import IsogapModel
import IsogapRendering

/// `isogap export xlsx [DIR]`: the questionnaire workbook (SPEC §14).
struct ExportXLSX: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "xlsx",
        abstract: "Write the questionnaire workbook (.xlsx): one sheet per checklist with the current answers.",
        discussion:
            "Instructions, one protected sheet per checklist (only the answer columns can be edited; the protection has no password), the scale, and a hidden sheet that 'isogap import xlsx' checks. Default file: <workspace folder name>-questionnaire.xlsx in the current folder. --lang ar makes the sheets right to left with Arabic labels."
    )

    @OptionGroup var workspace: WorkspaceArgument
    @OptionGroup var options: ExportOptions

    func run(in context: CommandContext) throws {
        let loaded = try WorkspaceContext.load(workspace.directory, context: context)
        let workspace = loaded.workspace
        let book = QuestionnaireWorkbook.workbook(
            manifest: workspace.manifest, checklists: workspace.checklists, assessments: workspace.assessments,
            language: options.lang ?? workspace.manifest.language)
        let data: Data
        do { data = try book.data() } catch {
            throw context.console.fail("the workbook could not be written: \(error)", ExitStatus.cannotCreate)
        }
        let folder = URL(fileURLWithPath: context.resolve(self.workspace.directory)).standardized.lastPathComponent
        let out = options.output.out ?? "\(folder.isEmpty || folder == "/" ? "workspace" : folder)-questionnaire.xlsx"
        try OutputTarget.write(data: data, to: out, context: context)
        context.console.status("wrote \(out)")
    }
}

/// `isogap import xlsx FILE [DIR]`: answers from a filled-in questionnaire into the assessment files.
struct ImportXLSX: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "xlsx",
        abstract: "Read a filled-in questionnaire workbook back into the assessment files.",
        discussion:
            "Every cell is checked and every problem reported at once as FILE:SHEET!CELL: error: ... (exit 65); nothing is written then. The changes (requirement, field, old → new) go to standard output; only the changed responses are rewritten, every other byte of the assessment files stays, and each write is atomic. --dry-run prints the changes and writes nothing. The workbook is untrusted: size, entries and compression are capped and XML with a DTD is refused."
    )

    @Argument(help: "The questionnaire workbook (.xlsx).")
    var file: String

    @OptionGroup var workspace: WorkspaceArgument

    @Flag(name: .customLong("dry-run"), help: "Print the changes without writing them.")
    var dryRun = false

    func run(in context: CommandContext) throws {
        let console = context.console
        let limits = XLSXReader.Limits()
        let bytes: [UInt8]
        switch FileReader.read(context.resolve(file), limit: limits.fileSize + 1) {
        case .success(let read): bytes = read
        case .failure(let failure): throw console.fail("\(file): \(failure.reason)", ExitStatus.noInput)
        }
        let loaded = try WorkspaceContext.load(workspace.directory, context: context)
        let sheets: [XLSXReader.Sheet]
        do {
            sheets = try XLSXReader.read(Data(bytes), limits: limits)
        } catch {
            let location = error.sheet.map { SourceLocation(file: file, sheet: $0, cell: error.cell) }
            throw console.fail(
                Diagnostic.error(
                    location == nil ? "\(file): \(error.message)" : error.message, at: location),
                ExitStatus.dataError)
        }
        let current = loaded.workspace
        let outcome = QuestionnaireImport.read(
            sheets, file: file, organization: current.manifest.organization, checklists: current.checklists,
            assessments: current.assessments)
        if !outcome.diagnostics.isEmpty { console.report(outcome.diagnostics) }
        if outcome.diagnostics.containsErrors { throw ExitStatus.dataError }
        guard !outcome.changes.isEmpty else {
            console.status("no changes: the workbook holds the answers the assessment files already have")
            return
        }
        console.out(outcome.changes.map(\.description).joined(separator: "\n"))
        if dryRun {
            console.status("\(outcome.changes.count) change(s); --dry-run: nothing was written")
            return
        }
        let disk = DiskFiles(folder: workspace.directory, in: context)
        for (index, responses) in outcome.responses.sorted(by: { $0.key < $1.key }) {
            let checklist = current.checklists[index].id
            let relative = WorkspaceLoader.assessmentFile(for: checklist)
            let path = disk.displayPath(relative)
            let target = disk.filePath(relative)
            try? FileManager.default.createDirectory(
                atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            // Read, edit and replace under the folder's lock, so concurrent runs never lose a change.
            let lock: FileLock?
            do {
                lock = try FileLock.forFolder(of: target)
            } catch {
                throw console.fail(error.description, ExitStatus.cannotCreate)
            }
            defer { withExtendedLifetime(lock) {} }
            let edited: [UInt8]
            if let old = disk.read(relative) {
                switch AssessmentEditor.replacing(responses, in: old, file: path) {
                case .success(let bytes): edited = bytes
                case .failure(let failure): throw console.fail(failure.diagnostic, ExitStatus.dataError)
                }
            } else {
                edited = AssessmentEditor.newFile(checklist: checklist, responses: responses)
            }
            do {
                try AtomicFile.write(Data(edited), to: URL(fileURLWithPath: target))
            } catch {
                throw console.fail("cannot write \(path): \(error.localizedDescription)", ExitStatus.cannotCreate)
            }
        }
        console.status("\(outcome.changes.count) change(s) written")
    }
}
