/// One approval of an assessment (`signoffs.yaml`, SPEC §15): who signed, in what role, what they
/// decided and a digest of the workspace files as they were when they signed.
public struct Signoff: Sendable, Hashable {
    public var by: String
    public var role: String
    public var decision: SignoffDecision
    public var date: CalendarDate
    public var note: String?
    /// The workspace digest of ``WorkspaceDigest`` at the time of signing (64 hexadecimal digits).
    public var digest: String

    public init(
        by: String, role: String, decision: SignoffDecision, date: CalendarDate, note: String? = nil, digest: String
    ) {
        self.by = by
        self.role = role
        self.decision = decision
        self.date = date
        self.note = note
        self.digest = digest
    }

    /// Whether the approval still covers the workspace as it is: its digest equals `current`.
    public func isCurrent(digest current: String) -> Bool {
        digest.lowercased() == current.lowercased()
    }
}

/// What a signer decided.
public enum SignoffDecision: String, Sendable, Hashable, CaseIterable, Codable {
    case approved
    case changesRequested = "changes-requested"
    case rejected
}

/// A sign-off with whether it still matches the workspace, as reports show it.
public struct SignoffStatus: Sendable, Hashable {
    public var signoff: Signoff
    /// The workspace's files are as they were when it was signed.
    public var isCurrent: Bool

    public init(signoff: Signoff, isCurrent: Bool) {
        self.signoff = signoff
        self.isCurrent = isCurrent
    }

    /// Every sign-off of `signoffs`, in file order, judged against the workspace digest `current`.
    public static func statuses(_ signoffs: [Signoff], current: String) -> [SignoffStatus] {
        signoffs.map { SignoffStatus(signoff: $0, isCurrent: $0.isCurrent(digest: current)) }
    }
}

/// The digest that makes a sign-off tamper-evident (SPEC §15): the SHA-256, in hexadecimal, of one
/// line `<sha256 of the file>  <relative path>\n` per file, in bytewise order of the paths.
public enum WorkspaceDigest {
    /// What stands in place of the hash of a file that should be there and is not.
    public static let missing = "missing"

    /// The digest of `files` (relative path, its SHA-256 in hexadecimal or `nil` when missing).
    /// A path listed twice counts once.
    public static func digest(of files: [(path: String, sha256: String?)]) -> String {
        SHA256.hex(of: Array(text(of: files).utf8))
    }

    /// The text that is hashed: the lines in bytewise order of path, each path once.
    public static func text(of files: [(path: String, sha256: String?)]) -> String {
        var seen: Set<String> = []
        let unique = files.filter { seen.insert($0.path).inserted }
        let sorted = unique.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return sorted.map { "\($0.sha256 ?? missing)  \($0.path)\n" }.joined()
    }
}
