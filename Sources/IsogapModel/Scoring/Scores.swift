/// The scoring result of one requirement (SPEC §6).
///
/// The values that hold references live in one shared copy-on-write box, so copying a score (into
/// the gap list, into a report's view) retains one object rather than every text and list it
/// holds; the box refers to the requirement and the response by position in the checklist's and
/// the assessment's lists rather than holding copies of them.
public struct RequirementScore: Sendable, Hashable {
    public var checklist: String
    public var requirement: Requirement {
        get { shared.requirement }
        set {
            let shared = uniquelyShared()
            shared.requirements = [newValue]
            shared.requirementIndex = 0
        }
    }
    /// Ids of the clauses above the requirement, outermost first.
    public var clausePath: [String] {
        get { shared.clausePath }
        set { uniquelyShared().clausePath = newValue }
    }
    /// Position of the requirement in its checklist (document order).
    public var position: Int
    public var response: Response? {
        get { shared.response }
        set {
            let shared = uniquelyShared()
            shared.responses = newValue.map { [$0] } ?? []
            shared.responseIndex = newValue == nil ? nil : 0
        }
    }
    public var applicable: Bool
    /// Claimed level; `nil` when not assessed.
    public var claimed: Int?
    /// Highest level up to the claim that the valid evidence supports; `nil` when not assessed.
    public var effective: Int?
    /// Number of evidence items that count (not expired, not future-dated, not stale).
    public var validEvidence: Int
    /// The target level, capped at the top of the scale.
    public var target: Int
    /// `max(0, target − effective)`; `nil` when not assessed.
    public var gap: Int?
    /// `gap × weight × k`; `nil` when not assessed.
    public var priority: Double?
    /// The grade (manual override or automatic); `nil` when not assessed.
    public var grade: Grade?
    /// Top of the checklist's scale (`N`).
    public var maxLevel: Int
    /// Every evidence item of the response with its status, in source order.
    public var evidence: [ScoredEvidence] {
        get { shared.evidence.array }
        set { uniquelyShared().evidence = ScoredEvidenceList(newValue) }
    }
    /// Why the claim is not supported (the first unsupported level); `nil` when it is, or when
    /// nothing is claimed.
    public var unsupported: UnsupportedClaim? {
        get { shared.unsupported }
        set { uniquelyShared().unsupported = newValue }
    }

    private var shared: Shared

    /// A score of `requirements[requirementIndex]` answered by `responses[responseIndex]`.
    init(
        checklist: String, requirements: [Requirement], requirementIndex: Int, clausePath: [String], position: Int,
        responses: [Response], responseIndex: Int?, applicable: Bool, claimed: Int?, effective: Int?,
        validEvidence: Int, target: Int, gap: Int?, priority: Double?, grade: Grade?, maxLevel: Int,
        evidence: ScoredEvidenceList, unsupported: UnsupportedClaim?
    ) {
        self.checklist = checklist
        self.position = position
        self.applicable = applicable
        self.claimed = claimed
        self.effective = effective
        self.validEvidence = validEvidence
        self.target = target
        self.gap = gap
        self.priority = priority
        self.grade = grade
        self.maxLevel = maxLevel
        shared = Shared(
            requirements: requirements, requirementIndex: requirementIndex, clausePath: clausePath,
            responses: responses, responseIndex: responseIndex, evidence: evidence, unsupported: unsupported)
    }

    /// The shared box, copied first when another score holds it too.
    private mutating func uniquelyShared() -> Shared {
        if !isKnownUniquelyReferenced(&shared) { shared = shared.copy() }
        return shared
    }

    /// The values of a score that hold references. Mutated only through ``uniquelyShared()``, that
    /// is only while one score holds it, which makes it safe to send.
    private final class Shared: Hashable, @unchecked Sendable {
        /// The list holding the requirement (its clause's), and the requirement's index in it.
        var requirements: [Requirement]
        var requirementIndex: Int
        var clausePath: [String]
        /// The list holding the response (the assessment's), and the response's index in it;
        /// `nil` when there is no response.
        var responses: [Response]
        var responseIndex: Int?
        var evidence: ScoredEvidenceList
        var unsupported: UnsupportedClaim?

        init(
            requirements: [Requirement], requirementIndex: Int, clausePath: [String], responses: [Response],
            responseIndex: Int?, evidence: ScoredEvidenceList, unsupported: UnsupportedClaim?
        ) {
            self.requirements = requirements
            self.requirementIndex = requirementIndex
            self.clausePath = clausePath
            self.responses = responses
            self.responseIndex = responseIndex
            self.evidence = evidence
            self.unsupported = unsupported
        }

        func copy() -> Shared {
            Shared(
                requirements: requirements, requirementIndex: requirementIndex, clausePath: clausePath,
                responses: responses, responseIndex: responseIndex, evidence: evidence, unsupported: unsupported)
        }

        var requirement: Requirement { requirements[requirementIndex] }
        var response: Response? { responseIndex.map { responses[$0] } }

        static func == (lhs: Shared, rhs: Shared) -> Bool {
            lhs === rhs
                || (lhs.requirement == rhs.requirement && lhs.clausePath == rhs.clausePath
                    && lhs.response == rhs.response && lhs.evidence == rhs.evidence
                    && lhs.unsupported == rhs.unsupported)
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(requirement)
            hasher.combine(clausePath)
            hasher.combine(response)
            hasher.combine(evidence)
            hasher.combine(unsupported)
        }
    }

    /// Applicable and claimed.
    public var isAssessed: Bool { applicable && claimed != nil }

    /// Whether the evidence supports the claimed level; `nil` when not assessed.
    public var evidenceOK: Bool? {
        guard let claimed, let effective else { return nil }
        return claimed == effective
    }

    /// `effective / N`; `nil` when not assessed.
    public var score: Double? {
        guard let effective, maxLevel > 0 else { return nil }
        return Double(effective) / Double(maxLevel)
    }

    /// The requirement's key, for code that needs its checklist or id.
    public var requirementKey: RequirementKey { RequirementKey(checklist: checklist, requirement: requirement.id) }

    /// The `checklist:requirement` key used in action registers and JSON.
    public var key: String { requirementKey.description }
}

/// Weighted figures over the assessed requirements below a clause or in a checklist.
public struct Aggregate: Sendable, Hashable {
    /// Weighted mean effective level; `nil` when nothing below is assessed.
    public var level: Double?
    /// Weighted mean score in percent; `nil` when nothing below is assessed.
    public var percent: Double?
    public var assessed: Int
    public var applicable: Int
    public var total: Int

    /// Assessed over applicable; `nil` when nothing is applicable.
    public var completeness: Double? {
        applicable == 0 ? nil : Double(assessed) / Double(applicable)
    }

    /// Completeness below which a score is provisional (SPEC §6 v2).
    public static let provisionalBelow = 0.8

    /// Whether the figures rest on too few assessed requirements to be final: completeness below
    /// 0.8. Nothing applicable is not provisional (there is nothing left to assess).
    public var isProvisional: Bool {
        completeness.map { $0 < Self.provisionalBelow } ?? false
    }

    /// Aggregates requirement scores with the §6 weighted means. `levels` can replace the
    /// effective level of each requirement (for projected or achieved scores).
    public init(_ scores: some Collection<RequirementScore>, levels: ((RequirementScore) -> Int?)? = nil) {
        if levels == nil, let aggregate = scores.withContiguousStorageIfAvailable(Self.init(effective:)) {
            self = aggregate
            return
        }
        var sums = Sums()
        for score in scores {
            let level = score.isAssessed ? levels?(score) ?? score.effective : nil
            sums.add(
                applicable: score.applicable, claimed: score.claimed != nil, level: level, maxLevel: score.maxLevel,
                weight: score.requirement.weight)
        }
        self = sums.aggregate
    }

    /// The same figures over the effective levels, read in place: no score is copied (a copy of
    /// a score retains and releases every text and list it holds).
    private init(effective scores: UnsafeBufferPointer<RequirementScore>) {
        var sums = Sums()
        sums.add(scores)
        self = sums.aggregate
    }

    /// The figures over the effective levels of several lists of scores in turn, as if they were
    /// one list.
    init(effective lists: [[RequirementScore]]) {
        var sums = Sums()
        for list in lists { list.withUnsafeBufferPointer { sums.add($0) } }
        self = sums.aggregate
    }

    private init(level: Double?, percent: Double?, assessed: Int, applicable: Int, total: Int) {
        self.level = level
        self.percent = percent
        self.assessed = assessed
        self.applicable = applicable
        self.total = total
    }

    /// Running sums of the weighted means, in the order the scores are added.
    private struct Sums {
        var weightSum = 0.0, levelSum = 0.0, scoreSum = 0.0
        var assessed = 0, applicable = 0, total = 0

        mutating func add(_ scores: UnsafeBufferPointer<RequirementScore>) {
            for index in scores.indices {
                add(
                    applicable: scores[index].applicable, claimed: scores[index].claimed != nil,
                    level: scores[index].effective, maxLevel: scores[index].maxLevel,
                    weight: scores[index].requirement.weight)
            }
        }

        /// Adds one requirement: counted in the total, in the applicable ones when applicable, and
        /// in the means when it is also claimed and has a level on a scale.
        mutating func add(applicable isApplicable: Bool, claimed: Bool, level: Int?, maxLevel: Int, weight: Double) {
            total += 1
            guard isApplicable else { return }
            applicable += 1
            guard claimed, let level, maxLevel > 0 else { return }
            weightSum += weight
            levelSum += weight * Double(level)
            scoreSum += weight * Double(level) / Double(maxLevel)
            assessed += 1
        }

        var aggregate: Aggregate {
            Aggregate(
                level: weightSum > 0 ? levelSum / weightSum : nil,
                percent: weightSum > 0 ? 100 * scoreSum / weightSum : nil,
                assessed: assessed, applicable: applicable, total: total)
        }
    }
}

/// Scores of one clause and the clauses below it.
public struct ClauseScore: Sendable, Hashable {
    public var clause: Clause
    public var aggregate: Aggregate
    public var children: [ClauseScore]
}

/// Scores of one checklist in a workspace.
public struct ChecklistScore: Sendable, Hashable {
    public var checklist: Checklist
    public var aggregate: Aggregate
    public var clauses: [ClauseScore]
    /// Every requirement in document order.
    public var requirements: [RequirementScore]

    /// Count of assessed requirements per grade.
    public var gradeCounts: [Grade: Int] {
        requirements.compactMap(\.grade).reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }
}

/// Scores of a whole workspace.
public struct WorkspaceScore: Sendable, Hashable {
    public var checklists: [ChecklistScore]
    /// All checklists together: percent over every assessed requirement (level omitted, since
    /// scales may differ), completeness over every applicable one.
    public var combined: Aggregate
    /// Assessed requirements with a gap, by priority, then grade severity, then manifest order, then
    /// position.
    public var gaps: [RequirementScore]

    /// Every requirement score of every checklist, in manifest then document order.
    public var requirements: [RequirementScore] { checklists.flatMap(\.requirements) }
}
