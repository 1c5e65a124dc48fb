import IsogapModel
import Testing

@testable import IsogapRendering

/// Plain words for findings and counted units, in English and Arabic.
@Suite("Finding words and number formats")
struct FindingWordsTests {
    private func score(_ claim: UnsupportedClaim, _ statuses: [(EvidenceType, EvidenceStatus)]) -> RequirementScore {
        var score = Scorer(assessmentDate: ScorerTests.date, evidenceMaxAgeDays: nil, targetLevel: 3).score(
            ScorerTests.requirement("r"),
            in: ScorerTests.checklist(clauses: []), response: Response(requirement: "r", level: 3), clausePath: [],
            position: 0)
        score.unsupported = claim
        score.evidence = statuses.map { ScoredEvidence(item: EvidenceItem(type: $0.0, ref: "x"), status: $0.1) }
        return score
    }

    @Test func reasonsInEnglish() {
        let types = score(
            UnsupportedClaim(level: 3, rule: .evidenceTypes, needed: 1, valid: 2, types: [.record, .observation]),
            [(.interview, .valid), (.interview, .valid)])
        #expect(
            FindingWords.unsupported(types, .en)
                == "level 3 needs a record or an observation; the valid evidence is 2 interviews")
        let count = score(
            UnsupportedClaim(level: 4, rule: .minEvidence, needed: 2, valid: 1, types: []),
            [(.document, .valid), (.record, .missing), (.record, .changed), (.interview, .expired)])
        #expect(
            FindingWords.unsupported(count, .en)
                == "level 4 needs 2 valid evidence items; the valid evidence is 1 document (not counted: 1 missing, 1 changed, 1 expired)"
        )
        let none = score(UnsupportedClaim(level: 2, rule: .minEvidence, needed: 1, valid: 0, types: []), [])
        #expect(
            FindingWords.unsupported(none, .en) == "level 2 needs 1 valid evidence item; there is no valid evidence")
        let mixed = score(
            UnsupportedClaim(
                level: 3, rule: .expectedType, needed: 1, valid: 3, types: [.document, .record, .observation]),
            [(.interview, .valid), (.interview, .valid), (.document, .stale), (.record, .valid)])
        #expect(
            FindingWords.unsupported(mixed, .en)
                == "level 3 needs a document, a record or an observation; the valid evidence is 1 record and 2 interviews (not counted: 1 stale)"
        )
    }

    @Test func reasonsInArabic() {
        let types = score(
            UnsupportedClaim(level: 3, rule: .evidenceTypes, needed: 1, valid: 2, types: [.record, .observation]),
            [(.interview, .valid), (.interview, .valid)])
        #expect(
            FindingWords.unsupported(types, .ar)
                == "يتطلب المستوى 3 دليلاً سارياً من نوع: سجل أو ملاحظة ميدانية؛ الأدلة السارية: مقابلتان")
        let none = score(
            UnsupportedClaim(level: 2, rule: .minEvidence, needed: 1, valid: 0, types: []), [(.record, .missing)])
        #expect(
            FindingWords.unsupported(none, .ar)
                == "يتطلب المستوى 2 ما لا يقل عن 1 من الأدلة السارية؛ ولا يوجد أي دليل سارٍ (لا يُحتسب: ملف مفقود (1))")
    }

    @Test(arguments: [
        (1, EvidenceType.record, "سجل واحد"), (2, .record, "سجلان"), (3, .record, "3 سجلات"),
        (10, .document, "10 وثائق"),
        (11, .interview, "11 مقابلة"), (1, .observation, "ملاحظة ميدانية واحدة"),
    ])
    func arabicCountsAgree(count: Int, type: EvidenceType, expected: String) {
        #expect(FindingWords.arabicCount(count, of: type) == expected)
    }

    @Test func personDaysAgreeInNumber() {
        #expect(FindingWords.personDays(1, .en) == "1 person-day")
        #expect(FindingWords.personDays(2, .en) == "2 person-days")
        #expect(FindingWords.personDays(0.5, .en) == "0.5 person-days")
        #expect(FindingWords.personDays(1, .ar) == "يوم/فرد واحد")
        #expect(FindingWords.personDays(2, .ar) == "يومان/فرد")
        #expect(FindingWords.personDays(4, .ar) == "4 أيام/فرد")
        #expect(FindingWords.personDays(12, .ar) == "12 يوم/فرد")
        #expect(FindingWords.personDays(1.5, .ar) == "1.5 يوم/فرد")
    }

    @Test(arguments: [
        (36.0, "36.0%"), (51.5, "51.5%"), (100.0, "100.0%"), (0.0, "0.0%"), (57.25, "57.3%"), (66.666, "66.7%"),
        (0.04, "0.0%"),
    ])
    func percentAlwaysHasOneDecimal(value: Double, expected: String) {
        #expect(Figures.percent(value) == expected)
    }
}
