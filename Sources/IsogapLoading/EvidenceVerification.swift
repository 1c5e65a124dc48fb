internal import IsogapModel

/// Checking the cited evidence files of a workspace against the digests recorded for them
/// (`isogap evidence verify`), and listing the files of `evidence/` that nobody cites.
public struct EvidenceVerification: Sendable {
    public enum Status: String, Sendable, CaseIterable {
        /// The file is there and matches its recorded digest.
        case ok
        /// The file is there but its digest differs from the recorded one.
        case changed
        /// The file cannot be read inside the workspace.
        case missing
        /// The file is there but no digest is recorded for it.
        case unlocked
        /// A file under `evidence/` that no assessment cites.
        case uncited
    }

    /// One cited (or uncited) file.
    public struct Entry: Sendable, Hashable {
        public var status: Status
        public var file: String
        /// The checklist and requirement that cite the file (`nil` for an uncited file).
        public var checklist: String?
        public var requirement: String?
    }

    /// Every citation in assessment order, then the uncited files in path order.
    public private(set) var entries: [Entry] = []

    /// Whether a cited file is missing or has changed.
    public var failed: Bool { entries.contains { $0.status == .missing || $0.status == .changed } }

    /// How many entries have each status, in words (`3 ok, 1 changed`), or a sentence when nothing
    /// is cited.
    public var summary: String {
        let counts = Status.allCases.compactMap { status -> String? in
            let count = entries.filter { $0.status == status }.count
            return count == 0 ? nil : "\(count) \(status.rawValue)"
        }
        return counts.isEmpty ? "no evidence files cited" : counts.joined(separator: ", ")
    }

    /// Checks every file the assessments of `workspace` cite. Digests are those loading computed
    /// (each cited file was read once then); the assessment files are read from `source` for their
    /// citations. `evidenceFolderFiles` are the regular files under `evidence/`, relative to the
    /// workspace.
    public init(_ workspace: Workspace, source: some FileSource, evidenceFolderFiles: [String]) {
        let digest = workspace.evidenceFiles.digest
        var cited: Set<String> = []
        for checklist in workspace.checklists {
            let relative = WorkspaceLoader.assessmentFile(for: checklist.id)
            guard let bytes = source.read(relative) else { continue }
            for citation in EvidenceLocks.citations(in: bytes, file: source.displayPath(relative)).citations {
                cited.insert(Self.normalized(citation.file))
                let status: Status
                switch (digest(citation.file), citation.recorded) {
                case (nil, _): status = .missing
                case (_, nil): status = .unlocked
                case (let actual?, let recorded?) where actual != recorded: status = .changed
                default: status = .ok
                }
                entries.append(
                    Entry(
                        status: status, file: citation.file, checklist: checklist.id, requirement: citation.requirement)
                )
            }
        }
        for file in evidenceFolderFiles where !cited.contains(Self.normalized(file)) {
            entries.append(Entry(status: .uncited, file: file))
        }
    }

    /// `path` without `./` segments or doubled slashes, for comparing citations with files found.
    public static func normalized(_ path: String) -> String {
        path.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }
}
