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
        status(
            file: item.file, sha256: item.sha256, expires: item.expires, date: item.date, staleBefore: staleBefore)
    }

    /// The date before which evidence is stale; `nil` when evidence does not age.
    private var staleBefore: CalendarDate? {
        evidenceMaxAgeDays.map { assessmentDate.adding(days: -$0) }
    }

    /// ``status(of:)`` from the parts of an item it reads, with the stale limit worked out once by
    /// the caller. Taking the parts lets a caller read an item in place: a copy of the whole item
    /// would retain and release its texts.
    private func status(
        file: String?, sha256: String?, expires: CalendarDate?, date: CalendarDate?, staleBefore: CalendarDate?
    ) -> EvidenceStatus {
        if let file {
            guard case .present(let digest) = files[file] else { return .missing }
            if let recorded = sha256, recorded.lowercased() != digest.lowercased() { return .changed }
        }
        if let expires, expires < assessmentDate { return .expired }
        if let date {
            if date > assessmentDate { return .future }
            if let staleBefore, date < staleBefore { return .stale }
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
        Self.support(claimed: claimed, valid: ValidEvidence(valid), expected: requirement.evidence, scale: scale)
    }

    /// ``support(claimed:valid:requirement:scale:)`` over the count and types of the valid items,
    /// for a requirement that expects the types `expected`.
    static func support(claimed: Int, valid: ValidEvidence, expected: [EvidenceType], scale: [ScaleLevel])
        -> (effective: Int, unsupported: UnsupportedClaim?)
    {
        var effective = 0
        for index in scale.indices where scale[index].level > 0 && scale[index].level <= claimed {
            if let failure = failedRule(of: scale[index], valid: valid, expected: expected) {
                return (effective, failure)
            }
            effective = scale[index].level
        }
        return (effective, nil)
    }

    /// The first of a level's own rules that the valid evidence fails, in the order min_evidence,
    /// expected_type, evidence_types; `nil` when all hold.
    public static func failedRule(of level: ScaleLevel, valid: [EvidenceItem], requirement: Requirement)
        -> UnsupportedClaim?
    {
        failedRule(of: level, valid: ValidEvidence(valid), expected: requirement.evidence)
    }

    /// ``failedRule(of:valid:requirement:)`` over the count and types of the valid items, for a
    /// requirement that expects the types `expected`.
    static func failedRule(of level: ScaleLevel, valid: ValidEvidence, expected: [EvidenceType])
        -> UnsupportedClaim?
    {
        func failure(_ rule: UnsupportedClaim.Rule, _ types: [EvidenceType]) -> UnsupportedClaim {
            UnsupportedClaim(
                level: level.level, rule: rule, needed: level.minEvidence, valid: valid.count, types: types)
        }
        if valid.count < level.minEvidence { return failure(.minEvidence, []) }
        if level.expectedType, !expected.isEmpty, !valid.includesAny(of: expected) {
            return failure(.expectedType, expected)
        }
        if !level.evidenceTypes.isEmpty, !valid.includesAny(of: level.evidenceTypes) {
            return failure(.evidenceTypes, level.evidenceTypes)
        }
        return nil
    }

    /// What the level rules ask of a requirement's valid evidence items: how many there are and
    /// which types they cover. The rules read nothing else, so no list of valid items is built.
    struct ValidEvidence {
        private(set) var count = 0
        /// One bit per ``EvidenceType`` present.
        private var types: UInt8 = 0

        init() {}

        init(_ items: [EvidenceItem]) {
            for item in items { add(item.type) }
        }

        mutating func add(_ type: EvidenceType) {
            count += 1
            types |= Self.bit(type)
        }

        /// Whether an item is of one of `wanted`.
        func includesAny(of wanted: [EvidenceType]) -> Bool {
            wanted.contains { types & Self.bit($0) != 0 }
        }

        private static func bit(_ type: EvidenceType) -> UInt8 {
            switch type {
            case .document: 1
            case .record: 2
            case .interview: 4
            case .observation: 8
            }
        }
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
        score(
            requirements: [requirement], at: 0, in: ScoredChecklist(checklist, scorer: self),
            responses: response.map { [$0] } ?? [], at: response == nil ? nil : 0, clausePath: clausePath,
            position: position)
    }

    /// What scoring a requirement reads of its checklist and of the scorer, worked out once per
    /// checklist rather than per requirement.
    private struct ScoredChecklist {
        let id: String
        let scale: [ScaleLevel]
        let maxLevel: Int
        let staleBefore: CalendarDate?

        init(_ checklist: Checklist, scorer: Scorer) {
            id = checklist.id
            scale = checklist.scale
            maxLevel = checklist.maxLevel
            staleBefore = scorer.staleBefore
        }
    }

    /// Scores `requirements[requirementIndex]` with `responses[responseIndex]`. The score refers
    /// to both lists rather than copying the requirement and the response.
    private func score(
        requirements: [Requirement], at requirementIndex: Int, in checklist: ScoredChecklist, responses: [Response],
        at responseIndex: Int?, clausePath: [String], position: Int
    ) -> RequirementScore {
        let maxLevel = checklist.maxLevel
        let applicable = responseIndex.map { responses[$0].applicable } ?? true
        let claimed = applicable ? responseIndex.flatMap { responses[$0].level }.map { min(max($0, 0), maxLevel) } : nil
        let target = min(max(responseIndex.flatMap { responses[$0].target } ?? targetLevel, 0), maxLevel)
        var valid = ValidEvidence()
        let items = responseIndex.map { responses[$0].evidence } ?? []
        let evidence = ScoredEvidenceList(items: items) { index in
            let status = status(
                file: items[index].file, sha256: items[index].sha256, expires: items[index].expires,
                date: items[index].date, staleBefore: checklist.staleBefore)
            if status == .valid { valid.add(items[index].type) }
            return status
        }
        var effective: Int?
        var unsupported: UnsupportedClaim?
        var gap: Int?
        var priority: Double?
        var grade: Grade?
        if let claimed {
            let weight = requirements[requirementIndex].weight
            let criticality = requirements[requirementIndex].criticality
            let support = Self.support(
                claimed: claimed, valid: valid, expected: requirements[requirementIndex].evidence,
                scale: checklist.scale)
            let shortfall = max(0, target - support.effective)
            effective = support.effective
            unsupported = support.unsupported
            gap = shortfall
            priority = Double(shortfall) * weight * Self.criticalityFactor(criticality)
            grade =
                responseIndex.flatMap { responses[$0].grade }
                ?? Self.grade(
                    gap: shortfall, effective: support.effective, maxLevel: maxLevel, criticality: criticality)
        }
        return RequirementScore(
            checklist: checklist.id, requirements: requirements, requirementIndex: requirementIndex,
            clausePath: clausePath, position: position, responses: responses, responseIndex: responseIndex,
            applicable: applicable, claimed: claimed, effective: effective, validEvidence: valid.count,
            target: target, gap: gap, priority: priority, grade: grade, maxLevel: maxLevel, evidence: evidence,
            unsupported: unsupported)
    }

    /// Scores a checklist with its assessment.
    public func score(_ checklist: Checklist, assessment: Assessment) -> ChecklistScore {
        let scored = ScoredChecklist(checklist, scorer: self)
        let responses = assessment.responses
        var lookup = ResponseLookup(responses)
        // Requirements are scored in document order into one array; the requirements below a clause
        // are then one contiguous range of it (its own, then its sub-clauses'), so clause figures
        // are computed over slices without copying any score.
        var all: [RequirementScore] = []
        all.reserveCapacity(responses.count)
        func walk(
            _ clause: Clause, _ path: [String], into all: inout [RequirementScore], lookup: inout ResponseLookup
        ) -> ClauseScore {
            var here = path
            here.append(clause.id)
            let start = all.count
            let requirements = clause.requirements
            for index in requirements.indices {
                all.append(
                    score(
                        requirements: requirements, at: index, in: scored, responses: responses,
                        at: lookup.position(of: requirements[index].id), clausePath: here, position: all.count))
            }
            var children: [ClauseScore] = []
            children.reserveCapacity(clause.clauses.count)
            for child in clause.clauses { children.append(walk(child, here, into: &all, lookup: &lookup)) }
            return ClauseScore(clause: clause, aggregate: Aggregate(all[start...]), children: children)
        }
        var clauses: [ClauseScore] = []
        clauses.reserveCapacity(checklist.clauses.count)
        for clause in checklist.clauses { clauses.append(walk(clause, [], into: &all, lookup: &lookup)) }
        return ChecklistScore(checklist: checklist, aggregate: Aggregate(all), clauses: clauses, requirements: all)
    }

    /// Finds the first response to each requirement (a later one for the same requirement is
    /// ignored). Responses usually come in checklist order, so the one after the last found is
    /// tried first; a table of first positions is built only once that guess has failed.
    ///
    /// Until then every requirement has found the response at its own position, so an earlier
    /// response with the same id would mean two requirements with one id, which checklist
    /// validation rejects.
    private struct ResponseLookup {
        let responses: [Response]
        /// The position tried first: the one after the last response found.
        var next = 0
        /// The first position of each requirement id, once a guess has failed.
        var firstPositions: [String: Int]?
        /// Whether each position is the first for its requirement id, once a guess has failed.
        var isFirst: [Bool] = []

        init(_ responses: [Response]) {
            self.responses = responses
        }

        mutating func position(of requirement: String) -> Int? {
            if next < responses.count, responses[next].requirement == requirement,
                firstPositions == nil || isFirst[next]
            {
                next += 1
                return next - 1
            }
            let table = firstPositions ?? buildTable()
            guard let found = table[requirement] else { return nil }
            next = found + 1
            return found
        }

        private mutating func buildTable() -> [String: Int] {
            var table: [String: Int] = [:]
            table.reserveCapacity(responses.count)
            isFirst = Array(repeating: false, count: responses.count)
            for position in responses.indices where table[responses[position].requirement] == nil {
                table[responses[position].requirement] = position
                isFirst[position] = true
            }
            firstPositions = table
            return table
        }
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
