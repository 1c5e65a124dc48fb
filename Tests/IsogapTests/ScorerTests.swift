import IsogapModel
import Testing

/// The scoring rules of SPEC §6, one by one, on small hand-built checklists.
@Suite("Scoring rules")
struct ScorerTests {
    static let date = CalendarDate(year: 2026, month: 11, day: 20) ?? CalendarDate(dayNumber: 0)

    /// A 0–4 scale with the evidence rules of the built-in checklists.
    static let scale: [ScaleLevel] = [(0, false), (0, false), (1, false), (1, true), (2, true)].enumerated().map {
        ScaleLevel(
            level: $0.offset, label: LocalizedText("L\($0.offset)"), description: nil, minEvidence: $0.element.0,
            expectedType: $0.element.1)
    }

    static func requirement(
        _ id: String, weight: Double = 1, criticality: Criticality = .medium, evidence: [EvidenceType] = [.record]
    ) -> Requirement {
        Requirement(id: id, text: LocalizedText(id), evidence: evidence, weight: weight, criticality: criticality)
    }

    static func checklist(_ id: String = "c", scale: [ScaleLevel] = scale, clauses: [Clause]) -> Checklist {
        Checklist(
            id: id, standard: id, title: LocalizedText(id), version: "1", scale: scale, roles: [], clauses: clauses)
    }

    static func item(_ type: EvidenceType, date: String? = nil, expires: String? = nil) -> EvidenceItem {
        EvidenceItem(
            type: type, ref: "x", date: date.flatMap { CalendarDate($0) }, expires: expires.flatMap { CalendarDate($0) }
        )
    }

    let scorer = Scorer(assessmentDate: date, evidenceMaxAgeDays: nil, targetLevel: 3)

    private func effective(
        _ claimed: Int, _ evidence: [EvidenceItem], types: [EvidenceType] = [.record], scorer: Scorer? = nil
    ) -> Int {
        (scorer ?? self.scorer).effectiveLevel(
            claimed: claimed, evidence: evidence, requirement: Self.requirement("r", evidence: types), scale: Self.scale
        )
    }

    @Test func claimOfFourWithOneDocumentIsCapped() {
        // One document: enough items for levels 2 and 3, but 3 needs an expected type (record).
        #expect(effective(4, [Self.item(.document)]) == 2)
        #expect(effective(4, [Self.item(.record)]) == 3)
        #expect(effective(4, [Self.item(.record), Self.item(.document)]) == 4)
        #expect(effective(4, []) == 1)
        #expect(effective(2, [Self.item(.record), Self.item(.record)]) == 2)
        #expect(effective(0, []) == 0)
    }

    @Test func expiredAndFutureEvidenceDoNotCount() {
        #expect(effective(3, [Self.item(.record, expires: "2026-11-19")]) == 1)
        #expect(effective(3, [Self.item(.record, expires: "2026-11-20")]) == 3)
        #expect(effective(3, [Self.item(.record, date: "2026-11-21")]) == 1)
        #expect(effective(3, [Self.item(.record, date: "2026-11-20")]) == 3)
    }

    @Test func evidenceMaxAge() {
        let strict = Scorer(assessmentDate: Self.date, evidenceMaxAgeDays: 730, targetLevel: 3)
        // 2026-11-20 minus 730 days is 2024-11-20 (2024 is a leap year, so 730 days, not two calendar years plus one).
        #expect(Self.date.adding(days: -730) == CalendarDate("2024-11-20"))
        #expect(effective(3, [Self.item(.record, date: "2024-11-20")], scorer: strict) == 3)
        #expect(effective(3, [Self.item(.record, date: "2024-11-19")], scorer: strict) == 1)
        #expect(effective(3, [Self.item(.record)], scorer: strict) == 3, "undated evidence is never stale")
        #expect(effective(3, [Self.item(.record, date: "2020-01-01")]) == 3, "no age limit without the setting")
    }

    @Test func expectedTypeRuleOnlyWhereTypesAreListed() {
        #expect(effective(3, [Self.item(.interview)], types: [.record]) == 2)
        #expect(effective(3, [Self.item(.interview)], types: []) == 3)
        #expect(effective(4, [Self.item(.interview), Self.item(.observation)], types: []) == 4)
    }

    private func scored(_ responses: [Response], requirements: [Requirement]? = nil) -> ChecklistScore {
        let requirements =
            requirements ?? [Self.requirement("a", weight: 2), Self.requirement("b"), Self.requirement("c")]
        let checklist = Self.checklist(clauses: [
            Clause(id: "1", title: LocalizedText("One"), requirements: requirements)
        ])
        return scorer.score(checklist, assessment: Assessment(checklist: "c", responses: responses))
    }

    @Test func weightedMeansAndNotApplicableAndUnassessedAreExcluded() {
        let two = [Self.item(.record), Self.item(.record)]
        let score = scored([
            Response(requirement: "a", level: 4, evidence: two),  // weight 2, effective 4
            Response(requirement: "b", level: 1),  // weight 1, effective 1
            Response(requirement: "c", applicable: false, justification: "n/a"),
        ])
        // level = (2·4 + 1·1) / 3 = 3; percent = 100 · (2·1 + 1·0.25) / 3 = 75
        #expect(score.aggregate.level == 3)
        #expect(score.aggregate.percent == 75)
        #expect(score.aggregate.assessed == 2 && score.aggregate.applicable == 2 && score.aggregate.total == 3)
        #expect(score.aggregate.completeness == 1)
        #expect(score.clauses[0].aggregate == score.aggregate)
        let c = score.requirements[2]
        #expect(!c.applicable && c.claimed == nil && c.gap == nil && c.grade == nil && c.priority == nil)

        let partial = scored([Response(requirement: "a", level: 2, evidence: [Self.item(.record)])])
        #expect(partial.aggregate.completeness == 1.0 / 3.0)
        #expect(partial.aggregate.level == 2 && partial.aggregate.percent == 50)
    }

    @Test func nullsWhereNothingIsAssessed() {
        let score = scored([
            Response(requirement: "a"), Response(requirement: "b", applicable: false, justification: "x"),
        ])
        #expect(score.aggregate.level == nil && score.aggregate.percent == nil)
        #expect(score.aggregate.completeness == 0)
        let none = scored(
            [Response(requirement: "a", applicable: false, justification: "x")], requirements: [Self.requirement("a")])
        #expect(none.aggregate.completeness == nil)
        #expect(none.requirements[0].evidenceOK == nil && none.requirements[0].score == nil)
    }

    @Test func targetsGapsPrioritiesAndGrades() {
        let requirements = [
            Self.requirement("h", weight: 2, criticality: .high),
            Self.requirement("m", weight: 1.5, criticality: .medium),
            Self.requirement("l", weight: 1, criticality: .low),
            Self.requirement("full", criticality: .high),
            Self.requirement("met"),
            Self.requirement("over"),
        ]
        let score = scored(
            [
                Response(requirement: "h", level: 1),  // gap 2, high → major, p = 2·2·3 = 12
                // gap 1, medium → observation, p = 1·1.5·2 = 3
                Response(requirement: "m", level: 2, evidence: [Self.item(.record)]),
                // target capped at 4: gap 4, low, but nothing in place (e = 0) → major (v2), p = 4
                Response(requirement: "l", level: 0, target: 9),
                Response(requirement: "full", level: 4, evidence: [Self.item(.record), Self.item(.record)]),
                Response(requirement: "met", level: 3, evidence: [Self.item(.record)], grade: .observation),
                Response(requirement: "over", level: 3, target: 1, evidence: [Self.item(.record)]),
            ], requirements: requirements)
        let byID = Dictionary(uniqueKeysWithValues: score.requirements.map { ($0.requirement.id, $0) })
        #expect(byID["h"]?.gap == 2 && byID["h"]?.priority == 12 && byID["h"]?.grade == .major)
        #expect(byID["m"]?.gap == 1 && byID["m"]?.priority == 3 && byID["m"]?.grade == .observation)
        #expect(byID["l"]?.target == 4 && byID["l"]?.gap == 4 && byID["l"]?.priority == 4 && byID["l"]?.grade == .major)
        #expect(byID["full"]?.gap == 0 && byID["full"]?.grade == .goodPractice)
        #expect(byID["met"]?.gap == 0 && byID["met"]?.grade == .observation, "manual grade overrides")
        #expect(byID["over"]?.gap == 0 && byID["over"]?.grade == .conforming)
    }

    @Test(arguments: [
        (0, 4, Criticality.high, Grade.goodPractice), (0, 3, .high, .conforming), (1, 2, .high, .minor),
        (1, 2, .medium, .observation), (1, 2, .low, .observation), (2, 1, .high, .major), (3, 1, .medium, .minor),
        (2, 1, .low, .minor), (2, 0, .low, .major), (3, 0, .medium, .major), (1, 0, .low, .observation),
    ])
    func gradeTable(gap: Int, effective: Int, criticality: Criticality, grade: Grade) {
        #expect(Scorer.grade(gap: gap, effective: effective, maxLevel: 4, criticality: criticality) == grade)
    }

    @Test func combinedAcrossScalesOfDifferentLength() {
        let short = [0, 1].map {
            ScaleLevel(level: $0, label: LocalizedText("\($0)"), description: nil, minEvidence: 0, expectedType: false)
        }
        let a = Self.checklist(
            "a", clauses: [Clause(id: "1", title: LocalizedText("1"), requirements: [Self.requirement("x", weight: 3)])]
        )
        let b = Self.checklist(
            "b", scale: short,
            clauses: [Clause(id: "1", title: LocalizedText("1"), requirements: [Self.requirement("y")])])
        let score = scorer.score(
            checklists: [a, b],
            assessments: [
                Assessment(
                    checklist: "a", responses: [Response(requirement: "x", level: 2, evidence: [Self.item(.record)])]),
                Assessment(checklist: "b", responses: [Response(requirement: "y", level: 1)]),
            ])
        // s(x) = 2/4 with weight 3, s(y) = 1/1 with weight 1: 100 · (1.5 + 1) / 4 = 62.5
        #expect(score.combined.percent == 62.5)
        #expect(score.checklists[1].aggregate.level == 1 && score.checklists[1].aggregate.percent == 100)
        #expect(score.checklists[1].requirements[0].target == 1, "target 3 is capped at the top of a 0–1 scale")
    }

    @Test func gapListTieBreaking() {
        let first = Self.checklist(
            "first",
            clauses: [
                Clause(
                    id: "1", title: LocalizedText("1"), requirements: [Self.requirement("p"), Self.requirement("q")])
            ])
        let second = Self.checklist(
            "second",
            clauses: [
                Clause(
                    id: "1", title: LocalizedText("1"),
                    requirements: [Self.requirement("r", weight: 3), Self.requirement("s")])
            ])
        let score = scorer.score(
            checklists: [second, first],
            assessments: [
                Assessment(
                    checklist: "second",
                    responses: [Response(requirement: "s", level: 1), Response(requirement: "r", level: 1)]),
                Assessment(
                    checklist: "first",
                    responses: [Response(requirement: "q", level: 1), Response(requirement: "p", level: 1)]),
            ])
        // r: 2·3·2 = 12; then s, p, q all 4: manifest order (second before first), then position.
        #expect(score.gaps.map(\.key) == ["second:r", "second:s", "first:p", "first:q"])
    }

    @Test(arguments: [
        (57.25, 1, 57.3), (57.24, 1, 57.2), (-57.25, 1, -57.3), (1.005, 2, 1.01), (2.675, 2, 2.68), (0.9525, 3, 0.953),
        (0.0004999, 3, 0.0), (100.0, 1, 100.0), (66.66666, 1, 66.7), (0.125, 2, 0.13),
    ])
    func roundingHalfAwayFromZero(value: Double, places: Int, expected: Double) {
        #expect(Rounding.halfAwayFromZero(value, places: places) == expected)
    }

    @Test func nestedClausesAggregateEverythingBelow() {
        let checklist = Self.checklist(clauses: [
            Clause(
                id: "7", title: LocalizedText("7"),
                clauses: [
                    Clause(id: "7.1", title: LocalizedText("7.1"), requirements: [Self.requirement("a")]),
                    Clause(
                        id: "7.2", title: LocalizedText("7.2"),
                        clauses: [
                            Clause(
                                id: "7.2.1", title: LocalizedText("7.2.1"),
                                requirements: [Self.requirement("b", weight: 3)])
                        ]),
                ])
        ])
        let score = scorer.score(
            checklist,
            assessment: Assessment(
                checklist: "c",
                responses: [
                    Response(requirement: "a", level: 1),
                    Response(requirement: "b", level: 3, evidence: [Self.item(.record)]),
                ]))
        let top = score.clauses[0]
        #expect(top.aggregate.level == 2.5)  // (1 + 3·3) / 4
        #expect(top.children[0].aggregate.level == 1)
        #expect(top.children[1].aggregate.level == 3 && top.children[1].children[0].aggregate.percent == 75)
        #expect(score.requirements.map(\.position) == [0, 1])
    }
}
