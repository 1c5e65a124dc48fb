public import IsogapDiagnostics
public import IsogapModel

/// Evidence integrity at load time (SPEC §6 v2): each cited file is looked at once per run through
/// the file source, and items whose file is missing or changed get a warning at the item.
public enum EvidenceFileCheck {
    /// The fact for every file the assessments cite, each file hashed once.
    public static func facts(for assessments: [Assessment], from source: some FileSource) -> EvidenceFileFacts {
        var facts = EvidenceFileFacts()
        for file in EvidenceFileFacts.citedFiles(in: assessments) {
            // A path that may not be used is an error of the assessment; it is never read.
            guard WorkspacePath.problem(with: file) == nil, let digest = source.sha256(of: file) else {
                facts[file] = .missing
                continue
            }
            facts[file] = .present(sha256: digest)
        }
        return facts
    }

    /// A warning for every evidence item whose file is missing or has changed since it was locked;
    /// such items do not count as evidence.
    public static func findings(for assessment: Assessment, scorer: Scorer) -> [Finding] {
        var findings: [Finding] = []
        for response in assessment.responses {
            for (index, item) in response.evidence.enumerated() {
                guard let file = item.file, WorkspacePath.problem(with: file) == nil else { continue }
                let path = DocumentPath.root["responses"][response.requirement]["evidence"][index]
                switch scorer.status(of: item) {
                case .missing:
                    findings.append(
                        .warning(
                            "evidence file '\(file)' is not in the workspace (missing, unreadable, or a link leading out of it); the item does not count as evidence",
                            at: path))
                case .changed:
                    findings.append(
                        .warning(
                            "evidence file '\(file)' has changed since it was locked (its SHA-256 no longer matches); the item does not count as evidence until the file is restored or locked again with 'isogap evidence lock'",
                            at: path))
                default:
                    break
                }
            }
        }
        return findings
    }
}

extension Scorer {
    /// A scorer for a loaded workspace: its manifest's settings and what loading found about its
    /// evidence files.
    public init(workspace: Workspace) {
        self.init(manifest: workspace.manifest, files: workspace.evidenceFiles)
    }
}
