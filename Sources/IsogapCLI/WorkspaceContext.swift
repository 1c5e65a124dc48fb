import ArgumentParser
import Foundation
import IsogapDiagnostics
import IsogapLoading
import IsogapModel
import IsogapRendering
import IsogapResources

/// The workspace folder argument shared by the commands that read a workspace.
struct WorkspaceArgument: ParsableArguments {
    @Argument(help: "The workspace folder.")
    var directory: String = "."
}

/// A loaded, valid workspace and its scores, or the exit that a command should take.
struct WorkspaceContext {
    let workspace: Workspace
    let score: WorkspaceScore
    let scorer: Scorer

    /// Loads and validates the workspace in `directory`, printing diagnostics; throws the exit
    /// status when it is missing (66) or invalid (65).
    static func load(_ directory: String, console: Console) throws -> WorkspaceContext {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            console.err("error: \(directory): no such folder")
            throw ExitStatus.noInput
        }
        let files = DiskFiles(folder: directory)
        guard files.exists(WorkspaceLoader.manifestFile) else {
            console.err(
                "error: \(directory) has no \(WorkspaceLoader.manifestFile); is it an isogap workspace? (create one with 'isogap init')"
            )
            throw ExitStatus.noInput
        }
        guard files.read(WorkspaceLoader.manifestFile) != nil else {
            console.err(
                "error: \(files.displayPath(WorkspaceLoader.manifestFile)): cannot be read (it is not a regular file, or access is denied)"
            )
            throw ExitStatus.noInput
        }
        let loaded = WorkspaceLoader.load(from: files, library: BuiltInResources.library())
        if !loaded.diagnostics.isEmpty { console.report(loaded.diagnostics) }
        guard let workspace = loaded.value, !loaded.diagnostics.containsErrors else { throw ExitStatus.dataError }
        let scorer = Scorer(manifest: workspace.manifest)
        return WorkspaceContext(
            workspace: workspace,
            score: scorer.score(checklists: workspace.checklists, assessments: workspace.assessments),
            scorer: scorer)
    }

    /// The action register read against the scores as of `date` (an empty register when the
    /// workspace has no `actions.yaml`).
    func actionTracker(asOf date: CalendarDate) -> ActionTracker {
        ActionTracker(register: workspace.actions ?? ActionRegister(actions: []), score: score, asOf: date)
    }

    /// The report input for this workspace.
    func reportInput(asOf: CalendarDate, language: ReportLanguage?, labels: LabelCatalog) -> ReportInput {
        ReportInput(
            manifest: workspace.manifest, score: score, scorer: scorer, asOf: asOf,
            language: language ?? workspace.manifest.language, labels: labels,
            actions: workspace.actions.map { ActionTracker(register: $0, score: score, asOf: asOf) })
    }
}
