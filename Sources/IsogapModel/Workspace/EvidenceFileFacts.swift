/// What a run found on disk about each evidence file the assessments cite: whether it is there
/// (inside the workspace, a regular readable file) and its SHA-256.
///
/// The scorer stays pure: the loader gathers these facts through its file source, once per file and
/// run, and the scorer only looks them up (SPEC §6 v2, evidence integrity).
public struct EvidenceFileFacts: Sendable, Hashable {
    /// What was found for one file.
    public enum Fact: Sendable, Hashable {
        /// Not there, not readable, not a regular file, or outside the workspace.
        case missing
        /// There, with the SHA-256 of its bytes as 64 lowercase hexadecimal digits.
        case present(sha256: String)
    }

    private var facts: [String: Fact]

    /// Facts keyed by workspace-relative path (normalised when looked up).
    public init(_ facts: [String: Fact] = [:]) {
        self.facts = [:]
        for (file, fact) in facts { self.facts[Self.normalized(file)] = fact }
    }

    /// The fact for a cited file; `nil` when nobody looked (the scorer counts that as missing).
    public subscript(file: String) -> Fact? {
        get { facts[Self.normalized(file)] }
        set { facts[Self.normalized(file)] = newValue }
    }

    /// The SHA-256 of a cited file that is present; `nil` when it is missing or nobody looked.
    public func digest(_ file: String) -> String? {
        guard case .present(let sha256) = self[file] else { return nil }
        return sha256
    }

    /// `path` without `./` segments or doubled slashes, so that `evidence//a.pdf` and
    /// `./evidence/a.pdf` are one file.
    public static func normalized(_ path: String) -> String {
        path.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }

    /// Every file the assessments cite, normalised, each once, in the order first cited.
    public static func citedFiles(in assessments: [Assessment]) -> [String] {
        var seen: Set<String> = []
        var result: [String] = []
        for assessment in assessments {
            for response in assessment.responses {
                for item in response.evidence {
                    guard let file = item.file else { continue }
                    let key = normalized(file)
                    if seen.insert(key).inserted { result.append(key) }
                }
            }
        }
        return result
    }
}
