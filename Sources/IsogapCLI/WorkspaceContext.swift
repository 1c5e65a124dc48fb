import ArgumentParser
import Foundation
import IsogapDiagnostics
import IsogapLoading
import IsogapModel
import IsogapRendering
import IsogapResources

/// The workspace folder argument shared by the commands that read a workspace.
///
/// The rule on every command: what the command acts on (an action id, a file) comes first, the
/// workspace folder comes last and defaults to the current folder.
struct WorkspaceArgument: ParsableArguments {
    @Argument(help: "The workspace folder (last; default: the current folder).")
    var directory: String = "."

    /// Fails with a usage error (64) that shows the right order when the arguments look swapped:
    /// the workspace argument is no folder while the operand before it is one. `command` is the
    /// command line up to the operand (`actions set`), for the example of the right order.
    static func checkOrder(
        operand: String, what: String, command: String, workspace: String, context: CommandContext
    ) throws {
        var isDirectory: ObjCBool = false
        let workspaceIsFolder =
            FileManager.default.fileExists(atPath: context.resolve(workspace), isDirectory: &isDirectory)
            && isDirectory.boolValue
        let operandIsFolder =
            FileManager.default.fileExists(atPath: context.resolve(operand), isDirectory: &isDirectory)
            && isDirectory.boolValue
        if !workspaceIsFolder, operandIsFolder {
            throw context.console.fail(
                "'\(operand)' is a folder and '\(workspace)' is not: the \(what) comes first and the workspace folder last (for example: isogap \(command) \(workspace) ... \(operand))",
                ExitStatus.usage)
        }
    }
}

/// A loaded, valid workspace and its scores (a ``WorkspaceEvaluation``), or the exit that a
/// command should take: the command line's side of loading, which reads the folder, prints what the
/// evaluation found and turns failures into exit statuses.
struct WorkspaceContext {
    var evaluation: WorkspaceEvaluation
    /// The bytes of `actions.yaml` as loaded (`nil` when the workspace has none), for commands that
    /// edit the register: the edit applies to exactly the bytes that were checked.
    var actionsBytes: [UInt8]? = nil

    var workspace: Workspace { evaluation.workspace }
    var score: WorkspaceScore { evaluation.score }
    /// The workspace's sign-offs, each judged current or outdated against its files as they are now.
    var signoffs: [SignoffStatus] = []

    /// Loads and validates the workspace in `directory`, printing diagnostics; throws the exit
    /// status when it is missing (66) or invalid (65). With `measure`, a workspace with `measures:`
    /// has its KPIs read once and the sufficient ones added as evidence before scoring (SPEC §12).
    static func load(_ directory: String, context: CommandContext, measure: Bool = false) throws
        -> WorkspaceContext
    {
        let console = context.console
        let files = try folder(directory, context: context)
        let outcome = WorkspaceEvaluation.evaluate(from: files, library: BuiltInResources.library)
        if !outcome.diagnostics.isEmpty { console.report(outcome.diagnostics) }
        guard let evaluation = outcome.evaluation else { throw ExitStatus.dataError }
        var result = WorkspaceContext(
            evaluation: evaluation, actionsBytes: files.preloaded[WorkspaceLoader.actionsFile])
        if !evaluation.workspace.signoffs.isEmpty {
            result.signoffs = SignoffStatus.statuses(
                evaluation.workspace.signoffs, current: WorkspaceDigest.digest(of: evaluation.workspace, from: files))
        }
        if measure, evaluation.workspace.manifest.measures != nil {
            let data = try MeasureData.load(result, directory: directory, context: context, period: nil)
            result.evaluation.addMeasuredEvidence(data.report().kpis)
        }
        return result
    }

    /// The workspace folder with its manifest (and register) read: the manifest is read once, here,
    /// so a missing or unreadable one is exit 66 with one wording.
    private static func folder(_ directory: String, context: CommandContext) throws -> DiskFiles {
        let console = context.console
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: context.resolve(directory), isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            throw console.fail("\(directory): no such folder", ExitStatus.noInput)
        }
        var files = DiskFiles(folder: directory, in: context)
        switch files.readResult(WorkspaceLoader.manifestFile) {
        case .success(let bytes): files.preloaded[WorkspaceLoader.manifestFile] = bytes
        case .failure(let failure) where failure.kind == .missing:
            throw console.fail(
                "\(directory) has no \(WorkspaceLoader.manifestFile); is it an isogap workspace? (create one with 'isogap init')",
                ExitStatus.noInput)
        case .failure(let failure):
            throw console.fail(
                "\(files.displayPath(WorkspaceLoader.manifestFile)): \(failure.reason)", ExitStatus.noInput)
        }
        if case .success(let bytes) = files.readResult(WorkspaceLoader.actionsFile) {
            files.preloaded[WorkspaceLoader.actionsFile] = bytes
        }
        return files
    }

    /// The action register read against the scores as of `date`.
    func actionTracker(asOf date: CalendarDate) -> ActionTracker {
        evaluation.actionTracker(asOf: date)
    }

    /// The implementation plan, after printing its problems; throws 65 when it cannot be scheduled.
    func plan(console: Console) throws -> Plan {
        let (plan, diagnostics) = evaluation.plan()
        if !diagnostics.isEmpty { console.report(diagnostics) }
        guard let plan else { throw ExitStatus.dataError }
        return plan
    }

    /// The report input for this workspace.
    func reportInput(asOf: CalendarDate, language: ReportLanguage?, labels: LabelCatalog, plan: Plan? = nil)
        -> ReportInput
    {
        ReportInput(
            manifest: workspace.manifest, score: score, asOf: asOf,
            language: language ?? workspace.manifest.language, labels: labels,
            actions: workspace.actions.map { ActionTracker(register: $0, score: score, asOf: asOf) }, plan: plan,
            measured: evaluation.measured, notBorneOut: evaluation.notBorneOut, kpis: evaluation.kpis,
            narrative: workspace.narrative, signoffs: signoffs)
    }
}
