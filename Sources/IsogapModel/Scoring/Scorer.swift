/// The scoring rules of SPEC §6: valid evidence, supported and effective levels, targets, gaps,
/// priorities, grades, and weighted clause, checklist and combined scores.
public struct Scorer: Sendable {
    public var assessmentDate: CalendarDate
    public var evidenceMaxAgeDays: Int?
    /// Default target for requirements whose response sets none.
    public var targetLevel: Int
    /// What the run found about each cited evidence file; a file with no fact counts as missing.
    public var files: EvidenceFileFacts

    public init(
        assessmentDate: CalendarDate, evidenceMaxAgeDays: Int?, targetLevel: Int,
        files: EvidenceFileFacts = EvidenceFileFacts()
    ) {
        self.assessmentDate = assessmentDate
        self.evidenceMaxAgeDays = evidenceMaxAgeDays
        self.targetLevel = targetLevel
        self.files = files
    }

    /// A scorer with the manifest's date, evidence age limit and target.
    public init(manifest: WorkspaceManifest, files: EvidenceFileFacts = EvidenceFileFacts()) {
        self.init(
            assessmentDate: manifest.assessmentDate, evidenceMaxAgeDays: manifest.evidenceMaxAgeDays,
            targetLevel: manifest.targetLevel, files: files)
    }

    /// Whether an evidence item counts on the assessment date, and if not, why: the first that
    /// applies of missing, changed, expired, future and stale.
    public func status(of item: EvidenceItem) -> EvidenceStatus {
        if let file = item.file {
            guard case .present(let digest) = files[file] else { return .missing }
            if let recorded = item.sha256, recorded.lowercased() != digest.lowercased() { return .changed }
        }
        if let expires = item.expires, expires < assessmentDate { return .expired }
        if let date = item.date {
            if date > assessmentDate { return .future }
            if let maxAge = evidenceMaxAgeDays, date < assessmentDate.adding(days: -maxAge) { return .stale }
        }
        return .valid
    }

    /// Whether an evidence item counts on the assessment date.
    public func isValid(_ item: EvidenceItem) -> Bool {
        status(of: item) == .valid
    }

    /// The highest level up to `claimed` that `evidence` supports for `requirement`.
    public func effectiveLevel(claimed: Int, evidence: [EvidenceItem], requirement: Requirement, scale: [ScaleLevel])
        -> Int
    {
        support(claimed: claimed, valid: evidence.filter(isValid), requirement: requirement, scale: scale).effective
    }

    /// Cumulative support (SPEC §6 v2): level ℓ is supported when ℓ − 1 is and ℓ's own rules hold.
    /// Returns the highest supported level up to `claimed`, and why the next level is not
    /// supported when that is below the claim.
    public func support(claimed: Int, valid: [EvidenceItem], requirement: Requirement, scale: [ScaleLevel])
        -> (effective: Int, unsupported: UnsupportedClaim?)
    {
        var effective = 0
        for level in scale where level.level > 0 && level.level <= claimed {
            if let failure = Self.failedRule(of: level, valid: valid, requirement: requirement) {
                return (effective, failure)
            }
            effective = level.level
        }
        return (effective, nil)
    }

    /// The first of a level's own rules that the valid evidence fails, in the order min_evidence,
    /// expected_type, evidence_types; `nil` when all hold.
    public static func failedRule(of level: ScaleLevel, valid: [EvidenceItem], requirement: Requirement)
        -> UnsupportedClaim?
    {
        func failure(_ rule: UnsupportedClaim.Rule, _ types: [EvidenceType]) -> UnsupportedClaim {
            UnsupportedClaim(
                level: level.level, rule: rule, needed: level.minEvidence, valid: valid.count, types: types)
        }
        if valid.count < level.minEvidence { return failure(.minEvidence, []) }
        if level.expectedType, !requirement.evidence.isEmpty,
            !valid.contains(where: { requirement.evidence.contains($0.type) })
        {
            return failure(.expectedType, requirement.evidence)
        }
        if !level.evidenceTypes.isEmpty, !valid.contains(where: { level.evidenceTypes.contains($0.type) }) {
            return failure(.evidenceTypes, level.evidenceTypes)
        }
        return nil
    }

    /// The automatic grade of a gap (SPEC §6).
    public static func grade(gap: Int, effective: Int, maxLevel: Int, criticality: Criticality) -> Grade {
        switch gap {
        case ...0: effective == maxLevel ? .goodPractice : .conforming
        case 1: criticality == .high ? .minor : .observation
        default: criticality == .high || effective == 0 ? .major : .minor
        }
    }

    /// How serious a grade is, for ordering gaps with equal priority: major first.
    public static func severityRank(_ grade: Grade?) -> Int {
        switch grade {
        case .major: 0
        case .minor: 1
        case .observation: 2
        case .conforming: 3
        case .goodPractice: 4
        case nil: 5
        }
    }

    /// The factor `k` of the priority formula.
    public static func criticalityFactor(_ criticality: Criticality) -> Double {
        switch criticality {
        case .high: 3
        case .medium: 2
        case .low: 1
        }
    }

    /// Scores one requirement.
    public func score(
        _ requirement: Requirement, in checklist: Checklist, response: Response?, clausePath: [String], position: Int
    ) -> RequirementScore {
        let maxLevel = checklist.maxLevel
        let applicable = response?.applicable ?? true
        let claimed = applicable ? response?.level.map { min(max($0, 0), maxLevel) } : nil
        let target = min(max(response?.target ?? targetLevel, 0), maxLevel)
        let evidence = response?.evidence ?? []
        var statuses: [ScoredEvidence] = []
        var valid: [EvidenceItem] = []
        if !evidence.isEmpty {
            statuses.reserveCapacity(evidence.count)
            valid.reserveCapacity(evidence.count)
            for item in evidence {
                let status = status(of: item)
                statuses.append(ScoredEvidence(item: item, status: status))
                if status == .valid { valid.append(item) }
            }
        }
        var result = RequirementScore(
            checklist: checklist.id, requirement: requirement, clausePath: clausePath, position: position,
            response: response, applicable: applicable, claimed: claimed, effective: nil,
            validEvidence: valid.count, target: target, gap: nil, priority: nil, grade: nil,
            maxLevel: maxLevel, evidence: statuses)
        guard let claimed else { return result }
        let (effective, unsupported) = support(
            claimed: claimed, valid: valid, requirement: requirement, scale: checklist.scale)
        result.unsupported = unsupported
        let gap = max(0, target - effective)
        result.effective = effective
        result.gap = gap
        result.priority = Double(gap) * requirement.weight * Self.criticalityFactor(requirement.criticality)
        result.grade =
            response?.grade
            ?? Self.grade(gap: gap, effective: effective, maxLevel: maxLevel, criticality: requirement.criticality)
        return result
    }

    /// Scores a checklist with its assessment.
    public func score(_ checklist: Checklist, assessment: Assessment) -> ChecklistScore {
        // The position of the first response to each requirement (a later one for the same
        // requirement is ignored): positions, so that no response is copied into the table.
        let responses = assessment.responses
        var firstResponse: [String: Int] = [:]
        firstResponse.reserveCapacity(responses.count)
        for position in responses.indices.reversed() { firstResponse[responses[position].requirement] = position }
        // Requirements are scored in document order into one array; the requirements below a clause
        // are then one contiguous range of it (its own, then its sub-clauses'), so clause figures
        // are computed over slices without copying any score.
        var all: [RequirementScore] = []
        func walk(_ clause: Clause, _ path: [String]) -> ClauseScore {
            let here = path + [clause.id]
            let start = all.count
            for requirement in clause.requirements {
                all.append(
                    score(
                        requirement, in: checklist, response: firstResponse[requirement.id].map { responses[$0] },
                        clausePath: here, position: all.count))
            }
            let children = clause.clauses.map { walk($0, here) }
            return ClauseScore(clause: clause, aggregate: Aggregate(all[start...]), children: children)
        }
        let clauses = checklist.clauses.map { walk($0, []) }
        return ChecklistScore(checklist: checklist, aggregate: Aggregate(all), clauses: clauses, requirements: all)
    }

    /// Scores every checklist of a workspace and orders the gap list.
    public func score(checklists: [Checklist], assessments: [Assessment]) -> WorkspaceScore {
        let scores = zip(checklists, assessments).map { score($0, assessment: $1) }
        // The gaps are found and sorted as positions (checklist, then requirement: manifest, then
        // document order), so that the large score values are neither copied into one list nor
        // moved around while sorting.
        struct Gap {
            var checklist: Int
            var position: Int
            var priority: Double
            var severity: Int
        }
        var gaps: [Gap] = []
        for (checklist, score) in scores.enumerated() {
            score.requirements.withUnsafeBufferPointer { requirements in
                for position in requirements.indices where (requirements[position].gap ?? 0) > 0 {
                    gaps.append(
                        Gap(
                            checklist: checklist, position: position, priority: requirements[position].priority ?? 0,
                            severity: Self.severityRank(requirements[position].grade)))
                }
            }
        }
        gaps.sort { a, b in
            if a.priority != b.priority { return a.priority > b.priority }
            if a.severity != b.severity { return a.severity < b.severity }
            return (a.checklist, a.position) < (b.checklist, b.position)
        }
        return WorkspaceScore(
            checklists: scores, combined: Aggregate(effective: scores.map(\.requirements)),
            gaps: gaps.map { scores[$0.checklist].requirements[$0.position] })
    }
}

/// Whether an evidence item counts, and if not, why.
public enum EvidenceStatus: String, Sendable, Hashable, CaseIterable {
    /// Counts towards supporting a level.
    case valid
    /// Its `file` is not in the workspace (or cannot be read there).
    case missing
    /// Its `file` no longer matches the `sha256` recorded by `isogap evidence lock`.
    case changed
    /// Its `expires` date is before the assessment date.
    case expired
    /// Its `date` is after the assessment date.
    case future
    /// Its `date` is older than the workspace's `evidence_max_age_days`.
    case stale
}
