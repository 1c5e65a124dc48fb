public import IsogapDiagnostics
public import IsogapModel

/// Checking one isogap file of any kind (`isogap validate FILE`): the file is parsed once, its
/// header names the kind, and the loader and the rules of that kind take the same tree.
public enum DocumentCheck {
    /// What a file turned out to hold.
    public enum Value: Sendable {
        case checklist(Checklist)
        case workspace(Workspace)
        case assessment(Assessment)
        case actions(ActionRegister)
        case planPhases(PhaseTemplate)
        case labels(LabelCatalog)
        case kpis(KPISet)
        case narrative(Narrative)
        case signoffs([Signoff])
    }

    /// The outcome of checking one file.
    public struct Result: Sendable {
        /// The kind the header names; `nil` when the file does not parse or its header is wrong.
        public var kind: DocumentKind?
        /// The value, when the file could be decoded (even with errors among the diagnostics).
        public var value: Value?
        public var diagnostics: [Diagnostic]
        /// One line for the user, `FILE: ok|invalid: what it holds`, when the file could be decoded.
        public var summary: String?

        public init(kind: DocumentKind?, value: Value?, diagnostics: [Diagnostic], summary: String?) {
            self.kind = kind
            self.value = value
            self.diagnostics = diagnostics
            self.summary = summary
        }
    }

    /// Checks the file `file` whose bytes are `bytes`. A checklist is added to `library`, so that
    /// files checked after it may name it. A workspace manifest is checked as the whole workspace:
    /// `folder` gives the files beside it and the folder's name for the summary (asked only for a
    /// manifest, whose parsed tree the workspace loader reuses), and `furtherChecks` adds what the
    /// caller checks of a loaded workspace beyond the files themselves.
    public static func check(
        _ bytes: [UInt8], file: String, library: inout ChecklistLibrary,
        folder: () -> (files: any FileSource, name: String),
        furtherChecks: (Workspace, SourceMap?) -> [Diagnostic] = { _, _ in [] }
    ) -> Result {
        let document = ParsedDocument(bytes, file: file)
        guard let kind = document.kind else {
            return Result(kind: nil, value: nil, diagnostics: document.diagnostics, summary: nil)
        }
        switch kind {
        case .checklist: return checklist(document, library: &library)
        case .workspace:
            let manifest = file.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? file
            let (files, name) = folder()
            return workspace(
                files, named: name, library: library, manifest: manifest, parsedManifest: document,
                furtherChecks: furtherChecks)
        case .assessment:
            let loaded = AssessmentLoader.load(document).validated { assessment in
                if let checklist = library.checklist(assessment.checklist) {
                    return assessment.validate(against: checklist)
                }
                guard !assessment.checklist.isEmpty else { return [] }
                return [
                    TaskGraph.unknown(
                        "checklist", assessment.checklist, at: .root["checklist"], candidates: library.ids)
                ]
            }
            return result(kind, loaded, file: file, value: Value.assessment) {
                "assessment for \($0.checklist), \($0.responses.count) responses"
            }
        case .actions:
            // A register on its own is checked against the built-in checklists and roles.
            let checklists = library.entries.map(\.checklist)
            let roles = checklists.flatMap { $0.roles.map(\.id) } + (library.phaseTemplate.value?.roles.map(\.id) ?? [])
            let loaded = ActionRegisterLoader.load(document).validated {
                $0.validate(checklists: checklists, roles: roles)
            }
            return result(kind, loaded, file: file, value: Value.actions) {
                "action register, \($0.actions.count) actions"
            }
        case .planPhases:
            let knownTags = library.knownTags
            let loaded = PhaseTemplateLoader.load(document).validated { $0.validate(knownTags: knownTags) }
            return result(kind, loaded, file: file, value: Value.planPhases) {
                "phase template, \($0.phases.count) phases"
            }
        case .labels:
            let loaded = LabelsLoader.load(document).validated { $0.validate() }
            return result(kind, loaded, file: file, value: Value.labels) { "report labels, \($0.entries.count) labels" }
        case .kpis:
            return result(kind, KPILoader.load(document), file: file, value: Value.kpis) {
                "KPI file, \($0.kpis.count) KPIs"
            }
        case .narrative:
            // A narrative on its own is checked against the built-in checklists.
            let checklists = library.entries.map(\.checklist)
            let loaded = NarrativeLoader.load(document).validated { $0.validate(checklists: checklists) }
            return result(kind, loaded, file: file, value: Value.narrative) {
                "narrative, \($0.clauses.count) clause commentaries"
            }
        case .signoffs:
            return result(kind, SignoffsLoader.load(document), file: file, value: Value.signoffs) {
                "sign-offs, \($0.count) entries"
            }
        }
    }

    /// Checks a whole workspace, the folder `name`: manifest, checklists, assessments and register.
    public static func workspace(
        _ source: some FileSource, named name: String, library: ChecklistLibrary,
        manifest: String = WorkspaceLoader.manifestFile, parsedManifest: ParsedDocument? = nil,
        furtherChecks: (Workspace, SourceMap?) -> [Diagnostic] = { _, _ in [] }
    ) -> Result {
        let loaded = WorkspaceLoader.load(
            from: source, library: library, manifest: manifest, parsedManifest: parsedManifest)
        guard let workspace = loaded.value else {
            return Result(kind: .workspace, value: nil, diagnostics: loaded.diagnostics, summary: nil)
        }
        let diagnostics = loaded.diagnostics + furtherChecks(workspace, loaded.sourceMap)
        let counts = zip(workspace.checklists, workspace.assessments).map { checklist, assessment in
            let total = checklist.requirementsInOrder.count
            let answered = assessment.responses.filter { $0.level != nil || !$0.applicable }.count
            return "\(checklist.id) \(answered)/\(total) answered"
        }
        return Result(
            kind: .workspace, value: .workspace(workspace), diagnostics: diagnostics,
            summary: line(
                name, diagnostics,
                "workspace of \(workspace.manifest.organization) (\(counts.joined(separator: ", ")))"))
    }

    private static func checklist(_ document: ParsedDocument, library: inout ChecklistLibrary) -> Result {
        let loaded = ChecklistLoader.load(document)
        let before = library.diagnostics.count
        guard let entry = library.add(loaded, file: document.file) else {
            return Result(
                kind: .checklist, value: nil, diagnostics: Array(library.diagnostics[before...]), summary: nil)
        }
        let diagnostics = library.validation(of: entry)
        let checklist = entry.checklist
        return Result(
            kind: .checklist, value: .checklist(checklist), diagnostics: diagnostics,
            summary: line(
                document.file, diagnostics,
                "checklist \(checklist.id), \(checklist.requirementsInOrder.count) requirements"
            ))
    }

    private static func result<T>(
        _ kind: DocumentKind, _ loaded: Loaded<T>, file: String, value: (T) -> Value, what: (T) -> String
    ) -> Result {
        Result(
            kind: kind, value: loaded.value.map(value), diagnostics: loaded.diagnostics,
            summary: loaded.value.map { line(file, loaded.diagnostics, what($0)) })
    }

    private static func line(_ path: String, _ diagnostics: [Diagnostic], _ what: String) -> String {
        "\(path): \(diagnostics.containsErrors ? "invalid" : "ok"): \(what)"
    }
}
