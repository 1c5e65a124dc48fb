import IsogapModel
import Testing

/// How the scorer finds responses and keeps evidence statuses, and how a score behaves as a value:
/// the shortcuts it takes must give what the plain rules give.
@Suite("Score storage")
struct ScoreStorageTests {
    let scorer = Scorer(assessmentDate: ScorerTests.date, evidenceMaxAgeDays: 365, targetLevel: 3)

    static let checklist = ScorerTests.checklist(clauses: [
        Clause(
            id: "1", title: LocalizedText("One"),
            clauses: [
                Clause(
                    id: "1.1", title: LocalizedText("1.1"),
                    requirements: ["c", "d"].map { ScorerTests.requirement($0) })
            ],
            requirements: ["a", "b"].map { ScorerTests.requirement($0) })
    ])

    @Test(arguments: [
        ["a", "b", "c", "d"],  // checklist order
        ["a", "c", "d"],  // one missing
        ["d", "c", "b", "a"],  // reversed
        ["a", "b", "b", "c", "d"],  // a later duplicate, in order
        ["b", "a", "d", "b", "c", "a"],  // duplicates out of order
        ["x", "a", "b", "c", "d"],  // an unknown id first
        [],
    ])
    func eachRequirementGetsItsFirstResponse(order: [String]) {
        let responses = order.enumerated().map { Response(requirement: $0.element, level: $0.offset % 5) }
        let assessment = Assessment(checklist: "c", responses: responses)
        let score = scorer.score(Self.checklist, assessment: assessment)
        #expect(score.requirements.map(\.requirement.id) == ["a", "b", "c", "d"])
        for requirement in score.requirements {
            #expect(requirement.response == assessment.response(for: requirement.requirement.id))
        }
    }

    @Test(arguments: [0, 1, 3, 21, 22, 40])
    func everyItemKeepsItsStatus(count: Int) {
        let dates = ["2026-11-01", "2030-01-01", "2020-01-01", "2026-06-30"]
        let items = (0..<count).map {
            EvidenceItem(
                type: EvidenceType.allCases[$0 % 4], ref: "item \($0)", date: CalendarDate(dates[$0 % dates.count]),
                expires: $0 % 5 == 4 ? CalendarDate("2026-01-01") : nil)
        }
        let score = scorer.score(
            Self.checklist,
            assessment: Assessment(checklist: "c", responses: [Response(requirement: "a", level: 4, evidence: items)]))
        let first = score.requirements[0]
        #expect(first.evidence.map(\.item) == items)
        #expect(first.evidence.map(\.status) == items.map(scorer.status(of:)))
        #expect(first.validEvidence == items.filter(scorer.isValid).count)
        #expect(
            first.effective
                == scorer.effectiveLevel(
                    claimed: 4, evidence: items, requirement: ScorerTests.requirement("a"), scale: ScorerTests.scale))
    }

    @Test func aChangedCopyLeavesTheOriginalAlone() throws {
        let evidence = [ScorerTests.item(.record, date: "2026-11-01")]
        let score = scorer.score(
            Self.checklist,
            assessment: Assessment(
                checklist: "c", responses: [Response(requirement: "b", level: 3, evidence: evidence)]))
        let original = try #require(score.requirements.first { $0.requirement.id == "b" })
        var copy = original
        #expect(copy == original && copy.hashValue == original.hashValue)
        copy.evidence = [ScoredEvidence(item: evidence[0], status: .valid)]
        #expect(copy == original && copy.hashValue == original.hashValue)
        copy.evidence = []
        copy.requirement.weight = 5
        copy.response = nil
        copy.clausePath = ["9"]
        copy.unsupported = UnsupportedClaim(level: 4, rule: .minEvidence, needed: 2, valid: 1, types: [])
        #expect(copy != original)
        #expect(original.evidence.map(\.status) == [.valid])
        #expect(original.requirement.weight == 1 && original.response?.level == 3)
        #expect(original.clausePath == ["1"] && original.unsupported == nil)
        #expect(copy.evidence.isEmpty && copy.requirement.weight == 5 && copy.response == nil)
    }
}
