internal import IsogapDiagnostics
public import IsogapModel

/// A workspace with everything it names loaded: manifest, checklists and assessments.
public struct Workspace: Sendable {
    public var manifest: WorkspaceManifest
    /// The checklists in manifest order.
    public var checklists: [Checklist]
    /// One assessment per checklist, in the same order (empty when the file is absent).
    public var assessments: [Assessment]
    public var phaseTemplate: PhaseTemplate?
    /// The action register, when `actions.yaml` exists.
    public var actions: ActionRegister?
    /// What loading found about each evidence file the assessments cite.
    public var evidenceFiles: EvidenceFileFacts
    /// The assessor's narrative, when `narrative.yaml` exists (SPEC §11).
    public var narrative: Narrative?
    /// The approvals of `signoffs.yaml` in file order (empty when it does not exist, SPEC §15).
    public var signoffs: [Signoff] = []

    public init(
        manifest: WorkspaceManifest, checklists: [Checklist], assessments: [Assessment],
        phaseTemplate: PhaseTemplate?, actions: ActionRegister?, evidenceFiles: EvidenceFileFacts = EvidenceFileFacts()
    ) {
        self.evidenceFiles = evidenceFiles
        self.manifest = manifest
        self.checklists = checklists
        self.assessments = assessments
        self.phaseTemplate = phaseTemplate
        self.actions = actions
    }
}

/// Loads and validates a workspace folder through a ``FileSource``.
public enum WorkspaceLoader {
    /// The manifest's file name.
    public static let manifestFile = "isogap.yaml"
    /// The action register's file name.
    public static let actionsFile = "actions.yaml"

    /// Why a file that exists was not read.
    static let unreadable =
        "cannot be read (it is not a regular file inside the workspace, or access is denied)"

    /// Whether a manifest's checklist entry names a file rather than a built-in checklist.
    public static func isChecklistPath(_ name: String) -> Bool {
        name.hasSuffix(".yaml") || name.hasSuffix(".yml") || name.contains("/")
    }

    /// The path of the assessment file for a checklist.
    public static func assessmentFile(for checklistID: String) -> String {
        "assessments/\(checklistID).yaml"
    }

    /// Loads the workspace, reporting every problem of every file. The value is present when the
    /// manifest could be read, even if other files have errors.
    public static func load(
        from source: some FileSource, library: ChecklistLibrary, manifest manifestFile: String = manifestFile
    ) -> Loaded<Workspace> {
        let manifestName = source.displayPath(manifestFile)
        guard let manifestBytes = source.read(manifestFile) else {
            let message =
                source.exists(manifestFile)
                ? "\(manifestName): \(unreadable)"
                : "no \(manifestFile) here; is this an isogap workspace? (create one with 'isogap init')"
            return Loaded(value: nil, diagnostics: [.error(message, at: nil)], sourceMap: nil)
        }
        let loadedManifest = ManifestLoader.load(manifestBytes, file: manifestName)
        var diagnostics = loadedManifest.diagnostics
        guard let manifest = loadedManifest.value, let manifestMap = loadedManifest.sourceMap else {
            return Loaded(value: nil, diagnostics: diagnostics.sortedByLocation(), sourceMap: nil)
        }

        // Checklists: built-in ids, or files relative to the workspace.
        var library = library
        var checklists: [Checklist] = []
        /// The manifest position of each loaded checklist, for locating warnings about it.
        var manifestIndex: [String: Int] = [:]
        var workspaceEntries: [ChecklistLibrary.Entry] = []
        for (index, name) in manifest.checklists.enumerated() where !name.isEmpty {
            // A name listed twice is reported by the manifest's validation and loaded once.
            guard !manifest.checklists[..<index].contains(name) else { continue }
            let entryPath = DocumentPath.root["checklists"][index]
            if let builtIn = library.checklist(name) {
                checklists.append(builtIn)
                manifestIndex[builtIn.id] = index
            } else if isChecklistPath(name) {
                if let problem = WorkspacePath.problem(with: name) {
                    diagnostics += manifestMap.diagnostics(for: [
                        .error("checklist path '\(name)' \(problem)", at: entryPath)
                    ])
                    continue
                }
                guard let bytes = source.read(name) else {
                    let problem = source.exists(name) ? unreadable : "does not exist"
                    diagnostics += manifestMap.diagnostics(for: [
                        .error("checklist file '\(name)' \(problem)", at: entryPath)
                    ])
                    continue
                }
                let file = source.displayPath(name)
                let loadedChecklist = ChecklistLoader.load(bytes, file: file)
                if let clash = library.builtInClash(loadedChecklist) {
                    diagnostics += loadedChecklist.diagnostics + [clash]
                    continue
                }
                let diagnosticsBefore = library.diagnostics.count
                guard let entry = library.add(loadedChecklist, file: file) else {
                    diagnostics += library.diagnostics[diagnosticsBefore...]
                    continue
                }
                checklists.append(entry.checklist)
                manifestIndex[entry.checklist.id] = index
                workspaceEntries.append(entry)
            } else {
                diagnostics += manifestMap.diagnostics(for: [
                    TaskGraph.unknown("built-in checklist", name, at: entryPath, candidates: library.ids)
                ])
            }
        }
        // The workspace's own checklists are validated here; built-in ones have their own tests.
        for entry in workspaceEntries { diagnostics += library.validation(of: entry) }

        let template = library.phaseTemplate.value
        var roles = checklists.flatMap { $0.roles.map(\.id) } + (template?.roles.map(\.id) ?? [])
        roles = roles.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        diagnostics += manifestMap.diagnostics(for: manifest.validate(checklists: checklists, roles: roles))

        // Assessments, one per checklist.
        var assessments: [Assessment] = []
        var assessmentMaps: [(index: Int, map: SourceMap)] = []
        for checklist in checklists {
            let path = assessmentFile(for: checklist.id)
            guard let bytes = source.read(path) else {
                if source.exists(path) {
                    diagnostics.append(.error("\(source.displayPath(path)): \(unreadable)", at: nil))
                    assessments.append(Assessment(checklist: checklist.id, responses: []))
                    continue
                }
                let index = manifestIndex[checklist.id] ?? 0
                diagnostics += manifestMap.diagnostics(for: [
                    .warning(
                        "\(path) does not exist; nothing of \(checklist.id) is assessed",
                        at: DocumentPath.root["checklists"][index])
                ])
                assessments.append(Assessment(checklist: checklist.id, responses: []))
                continue
            }
            let loaded = AssessmentLoader.load(bytes, file: source.displayPath(path))
            diagnostics += loaded.diagnostics
            if let assessment = loaded.value, let map = loaded.sourceMap {
                diagnostics += map.diagnostics(for: assessment.validate(against: checklist))
                assessments.append(assessment)
                assessmentMaps.append((assessments.count - 1, map))
            } else {
                assessments.append(Assessment(checklist: checklist.id, responses: []))
            }
        }
        // Groups of the manifest's `not_applicable:` apply before anything is scored or checked.
        let grouped = manifest.applyNotApplicable(to: assessments, checklists: checklists)
        assessments = grouped.assessments
        diagnostics += manifestMap.diagnostics(for: grouped.findings)
        // Evidence integrity: each cited file looked at once; missing and changed files are warned about.
        let evidenceFiles = EvidenceFileCheck.facts(for: assessments, from: source)
        let evidenceScorer = Scorer(manifest: manifest, files: evidenceFiles)
        for (index, map) in assessmentMaps {
            diagnostics += map.diagnostics(
                for: EvidenceFileCheck.findings(for: assessments[index], scorer: evidenceScorer))
        }
        for name in source.files(in: "assessments") where name.hasSuffix(".yaml") {
            let id = String(name.dropLast(".yaml".count))
            if !checklists.contains(where: { $0.id == id }) {
                diagnostics.append(
                    .warning(
                        "assessments/\(name) is for no checklist listed in \(manifestFile); it is ignored",
                        at: SourceLocation(file: source.displayPath("assessments/\(name)"), line: 1, column: 1)))
            }
        }

        var actions: ActionRegister?
        let actionBytes = source.read(actionsFile)
        if actionBytes == nil, source.exists(actionsFile) {
            diagnostics.append(.error("\(source.displayPath(actionsFile)): \(unreadable)", at: nil))
        }
        if let bytes = actionBytes {
            let loaded = ActionRegisterLoader.load(bytes, file: source.displayPath(actionsFile))
            diagnostics += loaded.diagnostics
            if let register = loaded.value, let map = loaded.sourceMap {
                diagnostics += map.diagnostics(for: register.validate(checklists: checklists, roles: roles))
                actions = register
            }
        }

        var workspace = Workspace(
            manifest: manifest, checklists: checklists, assessments: assessments, phaseTemplate: template,
            actions: actions, evidenceFiles: evidenceFiles)
        if let bytes = readOptional(NarrativeLoader.file, from: source, diagnostics: &diagnostics) {
            let loaded = NarrativeLoader.load(bytes, file: source.displayPath(NarrativeLoader.file))
            diagnostics += loaded.diagnostics
            if let narrative = loaded.value, let map = loaded.sourceMap {
                diagnostics += map.diagnostics(for: narrative.validate(checklists: checklists))
                workspace.narrative = narrative
            }
        }
        if let bytes = readOptional(SignoffsLoader.file, from: source, diagnostics: &diagnostics) {
            let loaded = SignoffsLoader.load(bytes, file: source.displayPath(SignoffsLoader.file))
            diagnostics += loaded.diagnostics
            workspace.signoffs = loaded.value ?? []
        }
        return Loaded(value: workspace, diagnostics: diagnostics.sortedByLocation(), sourceMap: manifestMap)
    }
}

extension WorkspaceLoader {
    /// The bytes of an optional workspace file, or `nil` when it does not exist; one that exists
    /// and cannot be read is an error.
    static func readOptional(
        _ path: String, from source: some FileSource, diagnostics: inout [Diagnostic]
    ) -> [UInt8]? {
        let bytes = source.read(path)
        if bytes == nil, source.exists(path) {
            diagnostics.append(.error("\(source.displayPath(path)): \(unreadable)", at: nil))
        }
        return bytes
    }
}

extension Workspace {
    /// Every role an action or task may name: the checklists' roles, then the phase template's, each
    /// id once (the first definition wins).
    public var roles: [Role] {
        var seen: Set<String> = []
        return (checklists.flatMap(\.roles) + (phaseTemplate?.roles ?? [])).filter { seen.insert($0.id).inserted }
    }
}
