public import IsogapModel

/// `isogap compare --format json`: the names of SPEC §13 are a contract other tools read. Members
/// beyond the contract come after the contract's own in each object.
public enum CompareJSON {
    public static func document(_ comparison: Comparison) -> JSONValue {
        .object([
            ("isogap", .number(1)),
            ("old", side(comparison.old)),
            ("new", side(comparison.new)),
            ("combined", figure(comparison.combined, [])),
            (
                "checklists",
                .array(
                    comparison.checklists.map { checklist in
                        figure(
                            checklist.figure, [("clauses", .array(checklist.clauses.map(clause)))], id: checklist.id,
                            extra: [
                                ("old_version", .string(checklist.oldVersion)),
                                ("new_version", .string(checklist.newVersion)),
                            ])
                    })
            ),
            (
                "requirements",
                .array(
                    comparison.requirements.map { change in
                        .object([
                            ("checklist", .string(change.checklist)),
                            ("requirement", .string(change.requirement)),
                            ("old_level", .integer(change.oldLevel)),
                            ("new_level", .integer(change.newLevel)),
                            ("old_gap", .integer(change.oldGap)),
                            ("new_gap", .integer(change.newGap)),
                            ("change", .string(change.change.rawValue)),
                            ("clause", .string(change.clause)),
                        ])
                    })
            ),
            (
                "gaps",
                .object([
                    ("closed", .array(comparison.closedGaps.map { .string($0) })),
                    ("opened", .array(comparison.openedGaps.map { .string($0) })),
                    ("persisting", .array(comparison.persistingGaps.map { .string($0) })),
                ])
            ),
            (
                "actions",
                .array(
                    comparison.actions.map { action in
                        .object([
                            ("id", .string(action.id)),
                            ("status", .string(action.status.rawValue)),
                            ("requirements", .array(action.requirements.map { .string($0) })),
                            ("change", .string(action.change?.rawValue)),
                            ("title", .string(action.title)),
                            ("completed", .string(action.completed?.description)),
                        ])
                    })
            ),
            ("warnings", .array(comparison.warnings.map { .string($0.description) })),
        ])
    }

    static func side(_ snapshot: Snapshot) -> JSONValue {
        .object([
            ("organization", .string(snapshot.organization)),
            ("assessment_date", .string(snapshot.assessmentDate.description)),
        ])
    }

    static func clause(_ clause: Comparison.ClauseDelta) -> JSONValue {
        figure(clause.figure, [("clauses", .array(clause.clauses.map(Self.clause)))], id: clause.id)
    }

    /// `{"id", "old", "new", "delta", ...}`, the id left out when `id` is `nil`.
    static func figure(
        _ figure: Comparison.Figure, _ after: [(String, JSONValue)], id: String? = nil,
        extra: [(String, JSONValue)] = []
    ) -> JSONValue {
        .object(
            (id.map { [("id", JSONValue.string($0))] } ?? []) + [
                ("old", .number(figure.old)), ("new", .number(figure.new)), ("delta", .number(figure.delta)),
            ] + after + extra)
    }
}
