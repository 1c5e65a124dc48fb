/// Why the evidence does not support a claimed level: the first level above the effective one and
/// the rule of SPEC §6 it fails (v2).
///
/// `needed` and `valid` are always the level's `min_evidence` and the count of valid items, whatever
/// the rule, so they mean one thing everywhere; `types` names the types the failed type rule asks
/// for (empty for `min_evidence`).
public struct UnsupportedClaim: Sendable, Hashable {
    /// The rule of a scale level that failed, by its checklist key.
    public enum Rule: String, Sendable, Hashable, CaseIterable {
        /// Fewer valid items than the level's `min_evidence`.
        case minEvidence = "min_evidence"
        /// `expected_type: true` and no valid item of a type the requirement expects.
        case expectedType = "expected_type"
        /// No valid item of one of the level's `evidence_types`.
        case evidenceTypes = "evidence_types"
    }

    /// The first level above the effective level (the lowest unsupported one).
    public var level: Int
    public var rule: Rule
    /// The level's `min_evidence`.
    public var needed: Int
    /// The number of valid evidence items.
    public var valid: Int
    /// The types the failed type rule asks for; empty for `min_evidence`.
    public var types: [EvidenceType]

    public init(level: Int, rule: Rule, needed: Int, valid: Int, types: [EvidenceType]) {
        self.level = level
        self.rule = rule
        self.needed = needed
        self.valid = valid
        self.types = types
    }
}

/// An evidence item with the status the scorer gave it.
public struct ScoredEvidence: Sendable, Hashable {
    public var item: EvidenceItem
    public var status: EvidenceStatus

    public init(item: EvidenceItem, status: EvidenceStatus) {
        self.item = item
        self.status = status
    }
}
