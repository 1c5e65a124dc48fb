public import IsogapModel

extension WorkspaceDigest {
    /// The files a sign-off covers (SPEC §15), each with its SHA-256 or `nil` when it is missing:
    /// the manifest, `narrative.yaml` when present, `actions.yaml`, every file directly in
    /// `assessments/`, every checklist file the manifest names and every evidence file an assessment
    /// cites. `signoffs.yaml` itself is not covered, so that signing does not outdate earlier approvals.
    public static func files(of workspace: Workspace, from source: some FileSource) -> [(path: String, sha256: String?)]
    {
        var files: [(path: String, sha256: String?)] = []
        func add(_ path: String) { files.append((path, source.sha256(of: path))) }
        add(WorkspaceLoader.manifestFile)
        if source.exists(NarrativeLoader.file) { add(NarrativeLoader.file) }
        add(WorkspaceLoader.actionsFile)
        for name in source.files(in: "assessments") { add("assessments/\(name)") }
        for name in workspace.manifest.checklists where WorkspaceLoader.isChecklistPath(name) {
            // A path that may not be used is an error of the manifest; it is never read.
            let path = EvidenceFileFacts.normalized(name)
            files.append((path, WorkspacePath.problem(with: name) == nil ? source.sha256(of: name) : nil))
        }
        for file in EvidenceFileFacts.citedFiles(in: workspace.assessments) {
            files.append((file, workspace.evidenceFiles.digest(file)))
        }
        return files
    }

    /// The digest of the workspace as it is now.
    public static func digest(of workspace: Workspace, from source: some FileSource) -> String {
        digest(of: files(of: workspace, from: source))
    }
}
