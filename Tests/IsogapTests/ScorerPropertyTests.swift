import IsogapModel
import Testing

/// A small deterministic random generator (SplitMix64), so property tests repeat exactly.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Properties of the scoring rules on many generated checklists and assessments.
@Suite("Scoring properties")
struct ScorerPropertyTests {
    static let date = CalendarDate(year: 2026, month: 11, day: 20) ?? CalendarDate(dayNumber: 0)

    struct Case {
        var checklist: Checklist
        var assessment: Assessment
        var scorer: Scorer
    }

    /// A random checklist (scale of 1 to 6 levels, nested clauses) with a random assessment.
    static func randomCase(_ rng: inout SeededGenerator) -> Case {
        let top = Int.random(in: 1...5, using: &rng)
        var minimum = 0
        let scale = (0...top).map { level -> ScaleLevel in
            if level > 0 { minimum += Int.random(in: 0...1, using: &rng) }
            return ScaleLevel(
                level: level, label: LocalizedText("\(level)"), description: nil, minEvidence: minimum,
                expectedType: level > 1 && Bool.random(using: &rng),
                evidenceTypes: level > 1 && Int.random(in: 0..<3, using: &rng) == 0
                    ? EvidenceType.allCases.filter { _ in Bool.random(using: &rng) } : [])
        }
        var count = 0
        func requirements() -> [Requirement] {
            (0..<Int.random(in: 1...4, using: &rng)).map { _ in
                count += 1
                return Requirement(
                    id: "r\(count)", text: LocalizedText("q"),
                    evidence: EvidenceType.allCases.filter { _ in Bool.random(using: &rng) },
                    weight: [0.5, 1, 2, 3][Int.random(in: 0...3, using: &rng)],
                    criticality: Criticality.allCases.randomElement(using: &rng) ?? .medium)
            }
        }
        let clauses = (0..<Int.random(in: 1...4, using: &rng)).map { index in
            Bool.random(using: &rng)
                ? Clause(id: "\(index)", title: LocalizedText("c"), requirements: requirements())
                : Clause(
                    id: "\(index)", title: LocalizedText("c"),
                    clauses: [Clause(id: "\(index).1", title: LocalizedText("c"), requirements: requirements())],
                    requirements: requirements())
        }
        let checklist = Checklist(
            id: "p", standard: "P", title: LocalizedText("P"), version: "1", scale: scale, roles: [], clauses: clauses)
        let responses = checklist.requirementsInOrder.map { entry -> Response in
            let roll = Int.random(in: 0..<10, using: &rng)
            if roll == 0 { return Response(requirement: entry.requirement.id, applicable: false, justification: "n/a") }
            if roll == 1 { return Response(requirement: entry.requirement.id) }
            return Response(
                requirement: entry.requirement.id, level: Int.random(in: 0...top, using: &rng),
                target: Bool.random(using: &rng) ? Int.random(in: 0...top, using: &rng) : nil,
                evidence: (0..<Int.random(in: 0...3, using: &rng)).map { _ in randomItem(&rng) })
        }
        let scorer = Scorer(
            assessmentDate: date, evidenceMaxAgeDays: Bool.random(using: &rng) ? 365 : nil,
            targetLevel: Int.random(in: 0...top, using: &rng), files: files)
        return Case(checklist: checklist, assessment: Assessment(checklist: "p", responses: responses), scorer: scorer)
    }

    /// Cited files of generated cases: two present, one missing (no fact at all).
    static let files = EvidenceFileFacts([
        "evidence/a.pdf": .present(sha256: String(repeating: "a", count: 64)),
        "evidence/b.pdf": .present(sha256: String(repeating: "b", count: 64)),
    ])

    static func randomItem(_ rng: inout SeededGenerator) -> EvidenceItem {
        var item = EvidenceItem(
            type: EvidenceType.allCases.randomElement(using: &rng) ?? .record, ref: "e",
            date: Bool.random(using: &rng) ? date.adding(days: Int.random(in: -800...30, using: &rng)) : nil,
            expires: Bool.random(using: &rng) ? date.adding(days: Int.random(in: -30...300, using: &rng)) : nil)
        if Int.random(in: 0..<3, using: &rng) == 0 {
            item.file = ["evidence/a.pdf", "./evidence/b.pdf", "evidence/gone.pdf"].randomElement(using: &rng)
            // Unlocked, locked and matching, or locked and since changed.
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: item.sha256 = nil
            case 1: item.sha256 = item.file.flatMap { files.digest($0) }
            default: item.sha256 = String(repeating: "0", count: 64)
            }
        }
        return item
    }

    /// Every figure of a checklist score, to compare before and after a change.
    static func figures(_ score: ChecklistScore) -> [Double] {
        func clause(_ c: ClauseScore) -> [Double] {
            [c.aggregate.percent ?? -1, c.aggregate.level ?? -1] + c.children.flatMap(clause)
        }
        return [score.aggregate.percent ?? -1, score.aggregate.level ?? -1] + score.clauses.flatMap(clause)
            + score.requirements.map { $0.score ?? -1 }
    }

    @Test func percentIsAlwaysWithinZeroAndHundred() {
        var rng = SeededGenerator(seed: 1)
        for _ in 0..<500 {
            let generated = Self.randomCase(&rng)
            let score = generated.scorer.score(generated.checklist, assessment: generated.assessment)
            func check(_ aggregate: Aggregate) {
                if let percent = aggregate.percent { #expect((0...100).contains(percent)) }
                if let level = aggregate.level { #expect((0...Double(generated.checklist.maxLevel)).contains(level)) }
            }
            check(score.aggregate)
            func walk(_ clause: ClauseScore) {
                check(clause.aggregate)
                clause.children.forEach(walk)
            }
            score.clauses.forEach(walk)
            for requirement in score.requirements {
                if let effective = requirement.effective, let claimed = requirement.claimed {
                    #expect(effective <= claimed)
                }
            }
        }
    }

    @Test func raisingAClaimNeverLowersAnyScore() {
        var rng = SeededGenerator(seed: 2)
        for _ in 0..<300 {
            let generated = Self.randomCase(&rng)
            let before = Self.figures(generated.scorer.score(generated.checklist, assessment: generated.assessment))
            var raised = generated.assessment
            let candidates = raised.responses.indices.filter {
                raised.responses[$0].level.map { $0 < generated.checklist.maxLevel } ?? false
            }
            guard let index = candidates.randomElement(using: &rng) else { continue }
            raised.responses[index].level? += 1
            let after = Self.figures(generated.scorer.score(generated.checklist, assessment: raised))
            for (old, new) in zip(before, after) { #expect(new >= old - 1e-12) }
        }
    }

    @Test func addingValidEvidenceNeverLowersAnEffectiveLevel() {
        var rng = SeededGenerator(seed: 3)
        for _ in 0..<300 {
            let generated = Self.randomCase(&rng)
            let before = generated.scorer.score(generated.checklist, assessment: generated.assessment)
            var richer = generated.assessment
            for index in richer.responses.indices {
                var item = Self.randomItem(&rng)
                item.date = nil
                item.expires = nil
                item.file = nil
                #expect(generated.scorer.isValid(item))
                richer.responses[index].evidence.append(item)
            }
            let after = generated.scorer.score(generated.checklist, assessment: richer)
            for (old, new) in zip(before.requirements, after.requirements) {
                #expect((new.effective ?? -1) >= (old.effective ?? -1))
            }
        }
    }

    @Test func deletingAnEvidenceFileNeverRaisesAScore() {
        var rng = SeededGenerator(seed: 4)
        for _ in 0..<300 {
            let generated = Self.randomCase(&rng)
            let before = generated.scorer.score(generated.checklist, assessment: generated.assessment)
            var deleted = generated.scorer
            deleted.files[["evidence/a.pdf", "evidence/b.pdf"].randomElement(using: &rng) ?? ""] = .missing
            let after = deleted.score(generated.checklist, assessment: generated.assessment)
            for (old, new) in zip(Self.figures(before), Self.figures(after)) { #expect(new <= old + 1e-12) }
            for (old, new) in zip(before.requirements, after.requirements) {
                #expect((new.effective ?? -1) <= (old.effective ?? -1))
                #expect(new.validEvidence <= old.validEvidence)
            }
        }
    }

    @Test func lockingNeverChangesAScore() {
        var rng = SeededGenerator(seed: 5)
        for _ in 0..<300 {
            let generated = Self.randomCase(&rng)
            let before = generated.scorer.score(generated.checklist, assessment: generated.assessment)
            // What `isogap evidence lock` does: record the digest of every present file.
            var locked = generated.assessment
            for response in locked.responses.indices {
                for item in locked.responses[response].evidence.indices {
                    guard let file = locked.responses[response].evidence[item].file,
                        let digest = generated.scorer.files.digest(file),
                        locked.responses[response].evidence[item].sha256 == nil
                    else { continue }
                    locked.responses[response].evidence[item].sha256 = digest
                }
            }
            let after = generated.scorer.score(generated.checklist, assessment: locked)
            #expect(Self.figures(before) == Self.figures(after))
            #expect(before.requirements.map(\.unsupported) == after.requirements.map(\.unsupported))
            #expect(
                before.requirements.map { $0.evidence.map(\.status) }
                    == after.requirements.map { $0.evidence.map(\.status) })
        }
    }
}
