public import IsogapDiagnostics
public import IsogapModel

/// A workspace loaded, validated and scored: what every command that reads a workspace starts
/// from. The files come through a ``FileSource``, so the evaluation runs on a folder on disk or on
/// files held in memory alike.
public struct WorkspaceEvaluation: Sendable {
    public let workspace: Workspace
    /// The scores, with the KPI evidence added when the workspace was measured.
    public private(set) var score: WorkspaceScore
    /// Positions in the manifest, for problems found after loading (such as the plan's).
    public let manifestMap: SourceMap?
    /// The KPIs read against the latest period or wave, when the workspace was measured.
    public private(set) var kpis: [KPIResult] = []
    /// Every KPI reading per supported requirement (SPEC §12), when the workspace was measured.
    public private(set) var measured: [MeasuredEvidence.Reading] = []
    /// KPIs that miss their target on a claim of level 3 or more.
    public private(set) var notBorneOut: [MeasuredEvidence.Reading] = []

    /// The outcome of evaluating: every diagnostic of every file (sorted by location), and the
    /// evaluation when the workspace loaded without an error.
    public struct Outcome: Sendable {
        public var evaluation: WorkspaceEvaluation?
        public var diagnostics: [Diagnostic]
    }

    /// Loads, validates and scores the workspace whose manifest is `manifest` in `source`.
    public static func evaluate(
        from source: some FileSource, library: ChecklistLibrary, manifest: String = WorkspaceLoader.manifestFile
    ) -> Outcome {
        let loaded = WorkspaceLoader.load(from: source, library: library, manifest: manifest)
        guard let workspace = loaded.value, !loaded.diagnostics.containsErrors else {
            return Outcome(evaluation: nil, diagnostics: loaded.diagnostics)
        }
        let score = Scorer(workspace: workspace).score(
            checklists: workspace.checklists, assessments: workspace.assessments)
        return Outcome(
            evaluation: WorkspaceEvaluation(workspace: workspace, score: score, manifestMap: loaded.sourceMap),
            diagnostics: loaded.diagnostics)
    }

    /// Adds the sufficient KPIs of `results` as evidence and scores again (SPEC §12 "KPIs and
    /// evidence"); the readings and the KPIs that do not bear out their claims are kept for reports.
    public mutating func addMeasuredEvidence(_ results: [KPIResult]) {
        kpis = results
        measured = MeasuredEvidence.readings(results)
        notBorneOut = MeasuredEvidence.notBorneOut(results, assessments: workspace.assessments)
        score = Scorer(workspace: workspace).score(
            checklists: workspace.checklists, assessments: MeasuredEvidence.apply(results, to: workspace.assessments))
    }

    /// The action register read against the scores as of `date` (an empty register when the
    /// workspace has none).
    public func actionTracker(asOf date: CalendarDate) -> ActionTracker {
        ActionTracker(register: workspace.actions ?? ActionRegister(actions: []), score: score, asOf: date)
    }

    /// The implementation plan and its problems, located in the manifest where they lie. The plan
    /// is `nil` when it cannot be made (an error among the diagnostics says why).
    public func plan() -> (plan: Plan?, diagnostics: [Diagnostic]) {
        guard let template = workspace.phaseTemplate else {
            return (
                nil,
                [
                    .error(
                        "the built-in plan phase template did not load; run 'isogap validate templates/plan-phases.yaml'",
                        at: nil)
                ]
            )
        }
        let manifest = workspace.manifest
        let outcome = Planner.plan(
            score: score, template: template, settings: manifest.plan, assessmentDate: manifest.assessmentDate,
            size: manifest.size)
        return (outcome.hasErrors ? nil : outcome.plan, outcome.problems.map(diagnostic))
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

    /// The workspace reduced to the figures a portfolio compares, named `path`: the manifest's
    /// texts in `language` (the workspace's own when `nil`), clause and requirement texts in
    /// `language` (English when `nil`).
    public func siteSummary(path: String, asOf date: CalendarDate, language: ReportLanguage? = nil) -> SiteSummary {
        let overdue = workspace.actions.map { ActionTracker.overdueCount(in: $0, asOf: date) } ?? 0
        return SiteSummary(
            path: path, manifest: workspace.manifest.localized(language ?? workspace.manifest.language), score: score,
            overdueActions: overdue, language: language ?? .en)
    }
}

/// One workspace of a portfolio: loaded, validated, scored and reduced to its summary; everything
/// but the summary is released when ``load(from:path:library:asOf:language:)`` returns.
public enum PortfolioSite {
    public enum Result: Sendable {
        case site(SiteSummary)
        case failed(path: String)
    }

    public struct Outcome: Sendable {
        public var result: Result
        public var diagnostics: [Diagnostic]
    }

    public static func load(
        from source: some FileSource, path: String, library: ChecklistLibrary, asOf: CalendarDate,
        language: ReportLanguage? = nil
    ) -> Outcome {
        let outcome = WorkspaceEvaluation.evaluate(from: source, library: library)
        guard let evaluation = outcome.evaluation else {
            var diagnostics = outcome.diagnostics
            if diagnostics.isEmpty { diagnostics = [.error("\(path): the workspace could not be read", at: nil)] }
            return Outcome(result: .failed(path: path), diagnostics: diagnostics)
        }
        return Outcome(
            result: .site(evaluation.siteSummary(path: path, asOf: asOf, language: language)),
            diagnostics: outcome.diagnostics)
    }
}
