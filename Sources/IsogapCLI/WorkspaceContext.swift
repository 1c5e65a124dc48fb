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

/// A loaded, valid workspace and its scores, or the exit that a command should take.
struct WorkspaceContext {
    let workspace: Workspace
    var score: WorkspaceScore
    /// Positions in the manifest, for problems found after loading (such as the plan's).
    let manifestMap: SourceMap?
    /// The bytes of `actions.yaml` as loaded (`nil` when the workspace has none), for commands that
    /// edit the register: the edit applies to exactly the bytes that were checked.
    var actionsBytes: [UInt8]? = nil
    /// The KPIs read against the latest period or wave, when the workspace was measured.
    var kpis: [KPIResult] = []
    /// Every KPI reading per supported requirement (SPEC §12), when the workspace was measured.
    var measured: [MeasuredEvidence.Reading] = []
    /// KPIs that miss their target on a claim of level 3 or more.
    var notBorneOut: [MeasuredEvidence.Reading] = []
    /// The workspace's sign-offs, each judged current or outdated against its files as they are now.
    var signoffs: [SignoffStatus] = []

    /// Loads and validates the workspace in `directory`, printing diagnostics; throws the exit
    /// status when it is missing (66) or invalid (65). With `measure`, a workspace with `measures:`
    /// has its KPIs read once and the sufficient ones added as evidence before scoring (SPEC §12).
    static func load(_ directory: String, context: CommandContext, measure: Bool = false) throws
        -> WorkspaceContext
    {
        let console = context.console
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: context.resolve(directory), isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            throw console.fail("\(directory): no such folder", ExitStatus.noInput)
        }
        var files = DiskFiles(folder: directory, in: context)
        // The manifest is read once, here: a missing or unreadable one is exit 66 with one wording.
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
        let loaded = WorkspaceLoader.load(from: files, library: BuiltInResources.library)
        if !loaded.diagnostics.isEmpty { console.report(loaded.diagnostics) }
        guard let workspace = loaded.value, !loaded.diagnostics.containsErrors else { throw ExitStatus.dataError }
        var result = WorkspaceContext(
            workspace: workspace,
            score: Scorer(workspace: workspace).score(
                checklists: workspace.checklists, assessments: workspace.assessments),
            manifestMap: loaded.sourceMap, actionsBytes: files.preloaded[WorkspaceLoader.actionsFile])
        if !workspace.signoffs.isEmpty {
            result.signoffs = SignoffStatus.statuses(
                workspace.signoffs, current: WorkspaceDigest.digest(of: workspace, from: files))
        }
        if measure, workspace.manifest.measures != nil {
            let kpis = try MeasureData.load(result, directory: directory, context: context, period: nil).report().kpis
            result.kpis = kpis
            result.measured = MeasuredEvidence.readings(kpis)
            result.notBorneOut = MeasuredEvidence.notBorneOut(kpis, assessments: workspace.assessments)
            result.score = Scorer(workspace: workspace).score(
                checklists: workspace.checklists,
                assessments: MeasuredEvidence.apply(kpis, to: workspace.assessments))
        }
        return result
    }

    /// The action register read against the scores as of `date` (an empty register when the
    /// workspace has no `actions.yaml`).
    func actionTracker(asOf date: CalendarDate) -> ActionTracker {
        ActionTracker(register: workspace.actions ?? ActionRegister(actions: []), score: score, asOf: date)
    }

    /// The implementation plan, after printing its problems (located in the manifest where they
    /// lie); throws 65 when it cannot be scheduled.
    func plan(console: Console) throws -> Plan {
        guard let template = workspace.phaseTemplate else {
            throw console.fail(
                "the built-in plan phase template did not load; run 'isogap validate templates/plan-phases.yaml'",
                ExitStatus.dataError)
        }
        let manifest = workspace.manifest
        let outcome = Planner.plan(
            score: score, template: template, settings: manifest.plan, assessmentDate: manifest.assessmentDate,
            size: manifest.size)
        if !outcome.problems.isEmpty { console.report(outcome.problems.map(diagnostic)) }
        guard let plan = outcome.plan, !outcome.hasErrors else { throw ExitStatus.dataError }
        return plan
    }

    /// A planning problem as a diagnostic, located in the manifest when it lies there.
    private func diagnostic(_ problem: PlanProblem) -> Diagnostic {
        if let path = problem.manifestPath, let map = manifestMap,
            let located = map.diagnostics(for: [Finding(problem.severity, problem.message, at: path)]).first
        {
            return located
        }
        return Diagnostic(problem.severity, problem.message, at: nil)
    }

    /// The report input for this workspace.
    func reportInput(asOf: CalendarDate, language: ReportLanguage?, labels: LabelCatalog, plan: Plan? = nil)
        -> ReportInput
    {
        ReportInput(
            manifest: workspace.manifest, score: score, asOf: asOf,
            language: language ?? workspace.manifest.language, labels: labels,
            actions: workspace.actions.map { ActionTracker(register: $0, score: score, asOf: asOf) }, plan: plan,
            measured: measured, notBorneOut: notBorneOut, kpis: kpis, narrative: workspace.narrative,
            signoffs: signoffs)
    }
}
