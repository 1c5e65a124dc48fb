/// The scoring rules of SPEC §6: valid evidence, supported and effective levels, targets, gaps,
/// priorities, grades, and weighted clause, checklist and combined scores.
public struct Scorer: Sendable {
    public var assessmentDate: CalendarDate
    public var evidenceMaxAgeDays: Int?
    /// Default target for requirements whose response sets none.
    public var targetLevel: Int

    public init(assessmentDate: CalendarDate, evidenceMaxAgeDays: Int?, targetLevel: Int) {
        self.assessmentDate = assessmentDate
        self.evidenceMaxAgeDays = evidenceMaxAgeDays
        self.targetLevel = targetLevel
    }

    /// A scorer with the manifest's date, evidence age limit and target.
    public init(manifest: WorkspaceManifest) {
        self.init(
            assessmentDate: manifest.assessmentDate, evidenceMaxAgeDays: manifest.evidenceMaxAgeDays,
            targetLevel: manifest.targetLevel)
    }

    /// Whether an evidence item counts on the assessment date, and if not, why.
    public func status(of item: EvidenceItem) -> EvidenceStatus {
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
        let valid = evidence.filter(isValid)
        let hasExpectedType = valid.contains { requirement.evidence.contains($0.type) }
        for level in scale.reversed() where level.level <= claimed && level.level > 0 {
            let enoughItems = valid.count >= level.minEvidence
            let typeOK = !level.expectedType || requirement.evidence.isEmpty || hasExpectedType
            if enoughItems && typeOK { return level.level }
        }
        return 0
    }

    /// The automatic grade of a gap (SPEC §6).
    public static func grade(gap: Int, effective: Int, maxLevel: Int, criticality: Criticality) -> Grade {
        switch gap {
        case ...0: effective == maxLevel ? .goodPractice : .conforming
        case 1: criticality == .high ? .minor : .observation
        default: criticality == .high ? .major : .minor
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
        var result = RequirementScore(
            checklist: checklist.id, requirement: requirement, clausePath: clausePath, position: position,
            response: response, applicable: applicable, claimed: claimed, effective: nil,
            validEvidence: evidence.filter(isValid).count, target: target, gap: nil, priority: nil, grade: nil,
            maxLevel: maxLevel)
        guard let claimed else { return result }
        let effective = effectiveLevel(
            claimed: claimed, evidence: evidence, requirement: requirement, scale: checklist.scale)
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
        var responses: [String: Response] = [:]
        for response in assessment.responses where responses[response.requirement] == nil {
            responses[response.requirement] = response
        }
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
                        requirement, in: checklist, response: responses[requirement.id], clausePath: here,
                        position: all.count))
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
        let all = scores.flatMap(\.requirements)
        // Sorted as indices into `all` (which is in manifest, then document order), so that the
        // large score values are not moved around while sorting.
        let gapIndices = all.indices.filter { (all[$0].gap ?? 0) > 0 }.sorted { a, b in
            let (pa, pb) = (all[a].priority ?? 0, all[b].priority ?? 0)
            if pa != pb { return pa > pb }
            return a < b
        }
        return WorkspaceScore(checklists: scores, combined: Aggregate(all), gaps: gapIndices.map { all[$0] })
    }
}

/// Whether an evidence item counts, and if not, why.
public enum EvidenceStatus: String, Sendable, Hashable, CaseIterable {
    /// Counts towards supporting a level.
    case valid
    /// Its `expires` date is before the assessment date.
    case expired
    /// Its `date` is after the assessment date.
    case future
    /// Its `date` is older than the workspace's `evidence_max_age_days`.
    case stale
}
