/// Scores across several assessments (SPEC §13 `isogap history`): the combined percent, each
/// checklist's and each top-level clause's, one point per snapshot in order of assessment date.
public struct ScoreHistory: Sendable, Hashable {
    /// One line over time: a figure per snapshot (`nil` where that assessment has none).
    public struct Series: Sendable, Hashable {
        /// The checklist id, `nil` for the combined score.
        public var checklist: String?
        /// The top-level clause id, `nil` for a checklist's (or the combined) score.
        public var clause: String?
        public var title: LocalizedText
        /// One value per snapshot, in the history's order.
        public var values: [Double?]

        /// The change from the first figure to the last, to one decimal.
        public var change: Double? {
            guard let first = values.compactMap({ $0 }).first, let last = values.compactMap({ $0 }).last else {
                return nil
            }
            return Rounding.percent(last - first)
        }
    }

    /// The snapshots, ordered by assessment date (ties keep the order given).
    public var snapshots: [Snapshot]
    public var combined: Series
    /// Per checklist, in order of first appearance: its own series, then one per top-level clause.
    public var checklists: [(checklist: Series, clauses: [Series])]
    public var warnings: [Comparison.Warning]

    public init(_ snapshots: [Snapshot]) {
        let ordered = snapshots.enumerated().sorted {
            ($0.element.assessmentDate, $0.offset) < ($1.element.assessmentDate, $1.offset)
        }.map(\.element)
        self.snapshots = ordered
        combined = Series(
            checklist: nil, clause: nil, title: LocalizedText("Combined"), values: ordered.map(\.combined))
        let ids = ordered.reduce(into: [String]()) { ids, snapshot in
            for checklist in snapshot.checklists where !ids.contains(checklist.id) { ids.append(checklist.id) }
        }
        checklists = ids.map { id in
            let found = ordered.map { $0.checklist(id) }
            let latest = found.last { $0 != nil }.flatMap { $0 }
            let clauseIds = Comparison.union(
                latest?.clauses.map(\.id) ?? [], found.flatMap { $0?.clauses.map(\.id) ?? [] })
            let clauses = clauseIds.map { clauseId in
                let title =
                    found.reversed().lazy.compactMap { $0?.clauses.first { $0.id == clauseId }?.title }.first
                    ?? LocalizedText(clauseId)
                return Series(
                    checklist: id, clause: clauseId, title: title,
                    values: found.map { $0?.clauses.first { $0.id == clauseId }?.percent })
            }
            return (
                Series(
                    checklist: id, clause: nil, title: LocalizedText(latest?.standard ?? id),
                    values: found.map { $0?.percent }),
                clauses
            )
        }
        // One organisation when every snapshot shares a form of its name with the first.
        let first = Set(ordered.first?.organizationNames ?? [])
        warnings =
            ordered.allSatisfy({ !first.isDisjoint(with: $0.organizationNames) })
            ? [] : [Comparison.Warning(.differentOrganizations(Comparison.union(ordered.map(\.organization), [])))]
    }

    public static func == (lhs: ScoreHistory, rhs: ScoreHistory) -> Bool {
        lhs.snapshots == rhs.snapshots
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(snapshots)
    }
}
