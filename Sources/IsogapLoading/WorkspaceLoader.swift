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
    ///
    /// - Parameter parsedManifest: the manifest when the caller has parsed it already (`validate
    ///   isogap.yaml` reads its header first); it is then neither read nor parsed again.
    public static func load(
        from source: some FileSource, library: ChecklistLibrary, manifest manifestFile: String = manifestFile,
        parsedManifest: ParsedDocument? = nil
    ) -> Loaded<Workspace> {
        let loadedManifest: Loaded<WorkspaceManifest>
        if let parsedManifest {
            loadedManifest = ManifestLoader.load(parsedManifest)
        } else {
            let manifestName = source.displayPath(manifestFile)
            switch source.contents(of: manifestFile) {
            case .bytes(let manifestBytes):
                loadedManifest = ManifestLoader.load(manifestBytes, file: manifestName)
            case .missing:
                let message = "no \(manifestFile) here; is this an isogap workspace? (create one with 'isogap init')"
                return Loaded(value: nil, diagnostics: [.error(message, at: nil)], sourceMap: nil)
            case .unreadable(let reason):
                return Loaded(value: nil, diagnostics: [.error("\(manifestName): \(reason)", at: nil)], sourceMap: nil)
            }
        }
        guard let manifest = loadedManifest.value, let manifestMap = loadedManifest.sourceMap else {
            return Loaded(value: nil, diagnostics: loadedManifest.diagnostics.sortedByLocation(), sourceMap: nil)
        }
        var loading = WorkspaceLoading(
            source: source, manifest: manifest, manifestMap: manifestMap, library: library,
            diagnostics: loadedManifest.diagnostics)
        let checklists = loading.checklists()
        let template = library.phaseTemplate.value
        var roles = checklists.flatMap { $0.roles.map(\.id) } + (template?.roles.map(\.id) ?? [])
        roles = roles.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        loading.diagnostics += manifestMap.diagnostics(for: manifest.validate(checklists: checklists, roles: roles))
        var assessments = loading.assessments(of: checklists)
        // Groups of the manifest's `not_applicable:` apply before anything is scored or checked.
        let grouped = manifest.applyNotApplicable(to: assessments.map(\.assessment), checklists: checklists)
        for index in assessments.indices { assessments[index].assessment = grouped.assessments[index] }
        loading.diagnostics += manifestMap.diagnostics(for: grouped.findings)
        let evidenceFiles = loading.evidence(of: assessments)
        loading.warnAboutStrayAssessments(checklists: checklists)
        let actions = loading.actions(checklists: checklists, roles: roles)
        var workspace = Workspace(
            manifest: manifest, checklists: checklists, assessments: assessments.map(\.assessment),
            phaseTemplate: template, actions: actions, evidenceFiles: evidenceFiles)
        workspace.narrative = loading.narrative(checklists: checklists)
        workspace.signoffs = loading.signoffs()
        return Loaded(value: workspace, diagnostics: loading.diagnostics.sortedByLocation(), sourceMap: manifestMap)
    }
}

/// The steps of loading one workspace, each adding its diagnostics to the rest.
private struct WorkspaceLoading<Source: FileSource> {
    let source: Source
    let manifest: WorkspaceManifest
    let manifestMap: SourceMap
    var library: ChecklistLibrary
    var diagnostics: [Diagnostic]
    /// The manifest position of each loaded checklist, for locating warnings about it.
    var manifestIndex: [String: Int] = [:]
    /// The requirement ids of each loaded checklist, made once per checklist in the library.
    var requirementIDs: [String: Checklist.RequirementIDs] = [:]

    /// The checklists the manifest names: built-in ids, or files relative to the workspace. The
    /// workspace's own checklists are validated here; built-in ones have their own tests.
    mutating func checklists() -> [Checklist] {
        var checklists: [Checklist] = []
        var workspaceEntries: [ChecklistLibrary.Entry] = []
        for (index, name) in manifest.checklists.enumerated() where !name.isEmpty {
            // A name listed twice is reported by the manifest's validation and loaded once.
            guard !manifest.checklists[..<index].contains(name) else { continue }
            let entryPath = DocumentPath.root["checklists"][index]
            if let builtIn = library.entry(name) {
                checklists.append(builtIn.checklist)
                manifestIndex[builtIn.checklist.id] = index
                requirementIDs[builtIn.checklist.id] = builtIn.requirementIDs
            } else if WorkspaceLoader.isChecklistPath(name) {
                guard let entry = checklistFile(name, at: entryPath) else { continue }
                checklists.append(entry.checklist)
                manifestIndex[entry.checklist.id] = index
                requirementIDs[entry.checklist.id] = entry.requirementIDs
                workspaceEntries.append(entry)
            } else {
                diagnostics += manifestMap.diagnostics(for: [
                    TaskGraph.unknown("built-in checklist", name, at: entryPath, candidates: library.ids)
                ])
            }
        }
        for entry in workspaceEntries { diagnostics += library.validation(of: entry) }
        return checklists
    }

    /// The workspace checklist file `name`, added to the library; `nil` (with the reason among the
    /// diagnostics) when it cannot be read or loaded.
    private mutating func checklistFile(_ name: String, at entryPath: DocumentPath) -> ChecklistLibrary.Entry? {
        if let problem = WorkspacePath.problem(with: name) {
            diagnostics += manifestMap.diagnostics(for: [.error("checklist path '\(name)' \(problem)", at: entryPath)])
            return nil
        }
        let bytes: [UInt8]
        switch source.contents(of: name) {
        case .bytes(let contents): bytes = contents
        case .missing:
            diagnostics += manifestMap.diagnostics(for: [
                .error("checklist file '\(name)' does not exist", at: entryPath)
            ])
            return nil
        case .unreadable(let reason):
            diagnostics += manifestMap.diagnostics(for: [.error("checklist file '\(name)': \(reason)", at: entryPath)])
            return nil
        }
        let file = source.displayPath(name)
        let loadedChecklist = ChecklistLoader.load(bytes, file: file)
        if let clash = library.builtInClash(loadedChecklist) {
            diagnostics += loadedChecklist.diagnostics + [clash]
            return nil
        }
        let diagnosticsBefore = library.diagnostics.count
        guard let entry = library.add(loadedChecklist, file: file) else {
            diagnostics += library.diagnostics[diagnosticsBefore...]
            return nil
        }
        return entry
    }

    /// One assessment per checklist (empty when its file is missing or broken), with the source
    /// map of each file that loaded.
    mutating func assessments(of checklists: [Checklist]) -> [(assessment: Assessment, map: SourceMap?)] {
        checklists.map { checklist in
            let path = WorkspaceLoader.assessmentFile(for: checklist.id)
            let empty = (Assessment(checklist: checklist.id, responses: []), SourceMap?.none)
            let bytes: [UInt8]
            switch source.contents(of: path) {
            case .bytes(let contents): bytes = contents
            case .missing:
                diagnostics += manifestMap.diagnostics(for: [
                    .warning(
                        "\(path) does not exist; nothing of \(checklist.id) is assessed",
                        at: DocumentPath.root["checklists"][manifestIndex[checklist.id] ?? 0])
                ])
                return empty
            case .unreadable(let reason):
                diagnostics.append(.error("\(source.displayPath(path)): \(reason)", at: nil))
                return empty
            }
            let loaded = AssessmentLoader.load(bytes, file: source.displayPath(path)).validated {
                $0.validate(against: checklist, ids: requirementIDs[checklist.id])
            }
            diagnostics += loaded.diagnostics
            guard let assessment = loaded.value, let map = loaded.sourceMap else { return empty }
            return (assessment, map)
        }
    }

    /// Evidence integrity: each cited file looked at once; missing and changed files are warned about.
    mutating func evidence(of assessments: [(assessment: Assessment, map: SourceMap?)]) -> EvidenceFileFacts {
        let facts = EvidenceFileCheck.facts(for: assessments.map(\.assessment), from: source)
        let scorer = Scorer(manifest: manifest, files: facts)
        for (assessment, map) in assessments {
            guard let map else { continue }
            diagnostics += map.diagnostics(for: EvidenceFileCheck.findings(for: assessment, scorer: scorer))
        }
        return facts
    }

    /// Warns about assessment files for no checklist of the manifest.
    mutating func warnAboutStrayAssessments(checklists: [Checklist]) {
        for name in source.files(in: "assessments") where name.hasSuffix(".yaml") {
            let id = String(name.dropLast(".yaml".count))
            if !checklists.contains(where: { $0.id == id }) {
                diagnostics.append(
                    .warning(
                        "assessments/\(name) is for no checklist listed in \(WorkspaceLoader.manifestFile); it is ignored",
                        at: SourceLocation(file: source.displayPath("assessments/\(name)"), line: 1, column: 1)))
            }
        }
    }

    /// The action register, when `actions.yaml` exists and loads.
    mutating func actions(checklists: [Checklist], roles: [String]) -> ActionRegister? {
        let file = WorkspaceLoader.actionsFile
        guard let bytes = WorkspaceLoader.readOptional(file, from: source, diagnostics: &diagnostics) else {
            return nil
        }
        let loaded = ActionRegisterLoader.load(bytes, file: source.displayPath(file)).validated {
            $0.validate(
                checklists: checklists, roles: roles,
                ids: checklists.map { requirementIDs[$0.id] ?? Checklist.RequirementIDs($0) })
        }
        diagnostics += loaded.diagnostics
        return loaded.sourceMap == nil ? nil : loaded.value
    }

    /// The assessor's narrative (`narrative.yaml`, SPEC §11), when the workspace has one.
    mutating func narrative(checklists: [Checklist]) -> Narrative? {
        guard let bytes = WorkspaceLoader.readOptional(NarrativeLoader.file, from: source, diagnostics: &diagnostics)
        else { return nil }
        let loaded = NarrativeLoader.load(bytes, file: source.displayPath(NarrativeLoader.file))
        diagnostics += loaded.diagnostics
        guard let narrative = loaded.value, let map = loaded.sourceMap else { return nil }
        diagnostics += map.diagnostics(for: narrative.validate(checklists: checklists))
        return narrative
    }

    /// The recorded approvals (`signoffs.yaml`, SPEC §15), when the workspace has them.
    mutating func signoffs() -> [Signoff] {
        guard let bytes = WorkspaceLoader.readOptional(SignoffsLoader.file, from: source, diagnostics: &diagnostics)
        else { return [] }
        let loaded = SignoffsLoader.load(bytes, file: source.displayPath(SignoffsLoader.file))
        diagnostics += loaded.diagnostics
        return loaded.value ?? []
    }
}

extension WorkspaceLoader {
    /// The bytes of an optional workspace file, or `nil` when it does not exist; one that exists
    /// and cannot be read is an error.
    static func readOptional(
        _ path: String, from source: some FileSource, diagnostics: inout [Diagnostic]
    ) -> [UInt8]? {
        switch source.contents(of: path) {
        case .bytes(let bytes): return bytes
        case .missing: return nil
        case .unreadable(let reason):
            diagnostics.append(.error("\(source.displayPath(path)): \(reason)", at: nil))
            return nil
        }
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
