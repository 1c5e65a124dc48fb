/// An assessor's answers for one checklist (`assessments/<checklist-id>.yaml`).
public struct Assessment: Sendable, Hashable {
    public var checklist: String
    /// Responses keyed by requirement id, in source order.
    public var responses: [Response]

    public init(checklist: String, responses: [Response]) {
        self.checklist = checklist
        self.responses = responses
    }

    /// The response for a requirement, if any.
    public func response(for requirement: String) -> Response? {
        responses.first { $0.requirement == requirement }
    }
}

/// The answer to one requirement.
public struct Response: Sendable, Hashable {
    public var requirement: String
    /// Claimed level; `nil` when the requirement has not been assessed yet.
    public var level: Int?
    /// Target level overriding the workspace's `target_level`.
    public var target: Int?
    public var evidence: [EvidenceItem]
    public var notes: String?
    /// A manual grade that overrides the automatic one.
    public var grade: Grade?
    public var applicable: Bool
    /// Why the requirement does not apply; required when `applicable` is false.
    public var justification: String?
    /// The justification in every language, when it comes from the manifest's `not_applicable:`.
    public var justificationText: LocalizedText? = nil

    public init(
        requirement: String, level: Int? = nil, target: Int? = nil, evidence: [EvidenceItem] = [],
        notes: String? = nil, grade: Grade? = nil, applicable: Bool = true, justification: String? = nil
    ) {
        self.requirement = requirement
        self.level = level
        self.target = target
        self.evidence = evidence
        self.notes = notes
        self.grade = grade
        self.applicable = applicable
        self.justification = justification
    }
}

/// One piece of evidence behind a claimed level.
public struct EvidenceItem: Sendable, Hashable {
    public var type: EvidenceType
    /// What the evidence is, in the assessor's words.
    public var ref: String
    /// When the evidence was produced.
    public var date: CalendarDate?
    public var expires: CalendarDate?
    /// A file inside the workspace, relative to it.
    public var file: String?
    /// SHA-256 of `file`, as recorded by `isogap evidence lock`.
    public var sha256: String?
    /// Added from a KPI by ``MeasuredEvidence`` rather than written by the assessor (SPEC §12).
    public var measured = false

    public init(
        type: EvidenceType, ref: String, date: CalendarDate? = nil, expires: CalendarDate? = nil,
        file: String? = nil, sha256: String? = nil
    ) {
        self.type = type
        self.ref = ref
        self.date = date
        self.expires = expires
        self.file = file
        self.sha256 = sha256
    }
}

/// How serious a gap is.
public enum Grade: String, Sendable, Hashable, CaseIterable, Codable {
    case goodPractice = "good-practice"
    case conforming
    case observation
    case minor
    case major
}
