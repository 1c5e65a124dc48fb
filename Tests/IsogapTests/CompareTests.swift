import IsogapModel
import Testing

@Suite("Comparison of two assessments (SPEC §13)")
struct CompareTests {
    static let earlier = CalendarDate(year: 2026, month: 2, day: 24) ?? CalendarDate(dayNumber: 0)
    static let later = CalendarDate(year: 2026, month: 11, day: 20) ?? CalendarDate(dayNumber: 0)

    typealias Requirement = Snapshot.Requirement

    static func assessed(_ id: String, _ level: Int, target: Int = 3) -> Requirement {
        Requirement(id: id, clause: "4", claimed: level, effective: level, target: target, gap: max(0, target - level))
    }

    static func snapshot(
        _ requirements: [Requirement], date: CalendarDate = later, organization: String = "Acme",
        percent: Double? = 50, clauses: [Snapshot.Clause] = [], actions: [Snapshot.Action] = [],
        checklist: String = "c", version: String = "1.0.0"
    ) -> Snapshot {
        Snapshot(
            organization: organization, assessmentDate: date, combined: percent,
            checklists: [
                Snapshot.Checklist(
                    id: checklist, version: version, title: LocalizedText("C"), percent: percent, clauses: clauses,
                    requirements: requirements)
            ], actions: actions)
    }

    /// One pair per `change` value: (old, new, expected change).
    static let pairs: [(Requirement?, Requirement?, Comparison.Change)] = [
        (assessed("r", 1), assessed("r", 3), .improved),
        (assessed("r", 3), assessed("r", 2), .regressed),
        (assessed("r", 2), assessed("r", 2), .unchanged),
        (Requirement(id: "r"), assessed("r", 2), .newlyAssessed),
        (assessed("r", 2), Requirement(id: "r"), .noLongerAssessed),
        (Requirement(id: "r", applicable: false), assessed("r", 1), .nowApplicable),
        (assessed("r", 1), Requirement(id: "r", applicable: false), .nowNotApplicable),
        (nil, assessed("r", 1), .added),
        (assessed("r", 1), nil, .removed),
    ]

    @Test("every change value of SPEC §13 from a hand-built pair", arguments: 0..<9)
    func everyChange(index: Int) throws {
        let (old, new, expected) = Self.pairs[index]
        let comparison = Comparison(
            old: Self.snapshot([old].compactMap { $0 } + [Self.assessed("keep", 1)], date: Self.earlier),
            new: Self.snapshot([new].compactMap { $0 } + [Self.assessed("keep", 1)]))
        let change = try #require(comparison.requirements.first { $0.requirement == "r" })
        #expect(change.change == expected)
        #expect(change.key == "c:r")
        #expect(change.oldLevel == (old?.isAssessed == true ? old?.effective : nil))
        #expect(change.newLevel == (new?.isAssessed == true ? new?.effective : nil))
    }

    @Test("the pairs cover every change value")
    func coverage() {
        #expect(Set(Self.pairs.map(\.2)) == Set(Comparison.Change.allCases))
    }

    @Test("pairs that say nothing are left out: unassessed in both, or not applicable in both")
    func silentPairs() {
        let comparison = Comparison(
            old: Self.snapshot([Requirement(id: "a"), Requirement(id: "b", applicable: false)], date: Self.earlier),
            new: Self.snapshot([Requirement(id: "a"), Requirement(id: "b", applicable: false)]))
        #expect(comparison.requirements.isEmpty)
    }

    @Test("gaps closed, opened and persisting; a gap not re-assessed is not closed")
    func gaps() {
        let old = Self.snapshot(
            [
                Self.assessed("closes", 1), Self.assessed("opens", 3), Self.assessed("stays", 1),
                Self.assessed("dropped", 1), Requirement(id: "new-gap"),
            ], date: Self.earlier)
        let new = Self.snapshot(
            [
                Self.assessed("closes", 3), Self.assessed("opens", 2), Self.assessed("stays", 2),
                Requirement(id: "dropped"), Self.assessed("new-gap", 0),
            ])
        let comparison = Comparison(old: old, new: new)
        #expect(comparison.closedGaps == ["c:closes"])
        #expect(comparison.openedGaps == ["c:opens", "c:new-gap"])
        #expect(comparison.persistingGaps == ["c:stays"])
    }

    @Test("percent deltas for the combined score, checklists and clauses at every depth")
    func deltas() {
        let oldClauses = [
            Snapshot.Clause(
                id: "4", title: LocalizedText("Four"), percent: 40,
                clauses: [Snapshot.Clause(id: "4.1", title: LocalizedText("One"), percent: 33.3)]),
            Snapshot.Clause(id: "5", title: LocalizedText("Five"), percent: nil),
        ]
        let newClauses = [
            Snapshot.Clause(
                id: "4", title: LocalizedText("Four"), percent: 55.5,
                clauses: [Snapshot.Clause(id: "4.1", title: LocalizedText("One"), percent: 66.7)]),
            Snapshot.Clause(id: "5", title: LocalizedText("Five"), percent: 20),
        ]
        let comparison = Comparison(
            old: Self.snapshot([], date: Self.earlier, percent: 42.1, clauses: oldClauses),
            new: Self.snapshot([], percent: 57.8, clauses: newClauses))
        #expect(comparison.combined.delta == 15.7)
        #expect(comparison.checklists.first?.figure.delta == 15.7)
        let four = comparison.checklists.first?.clauses.first
        #expect(four?.figure.delta == 15.5)
        #expect(four?.clauses.first?.figure.delta == 33.4)
        // Nothing assessed before: no delta.
        #expect(comparison.checklists.first?.clauses.last?.figure.delta == nil)
        #expect(comparison.checklists.first?.clauses.last?.figure.new == 20)
    }

    @Test("actions completed in between, with the best change among their requirements")
    func actions() {
        let done = Snapshot.Action(
            id: "CA-1", title: "Fix", status: .done, requirements: ["c:up", "c:down"], completed: Self.earlier)
        let verified = Snapshot.Action(id: "CA-2", title: "Hold", status: .verified, requirements: ["c:down"])
        let already = Snapshot.Action(id: "CA-3", title: "Old", status: .verified, requirements: ["c:up"])
        let open = Snapshot.Action(id: "CA-4", title: "Later", status: .inProgress, requirements: ["c:up"])
        let unknown = Snapshot.Action(id: "CA-5", title: "Elsewhere", status: .done, requirements: ["x:y"])
        let old = Self.snapshot(
            [Self.assessed("up", 1), Self.assessed("down", 2)], date: Self.earlier,
            actions: [already, Snapshot.Action(id: "CA-1", title: "Fix", status: .open, requirements: ["c:up"])])
        let new = Self.snapshot(
            [Self.assessed("up", 3), Self.assessed("down", 1)], actions: [done, verified, already, open, unknown])
        let comparison = Comparison(old: old, new: new)
        #expect(comparison.actions.map(\.id) == ["CA-1", "CA-2", "CA-5"])
        #expect(comparison.actions.map(\.change) == [.improved, .regressed, nil])
        #expect(comparison.actions.first?.completed == Self.earlier)
    }

    @Test("different organisations and checklists with nothing in common are warnings, not failures")
    func warnings() {
        let comparison = Comparison(
            old: Self.snapshot([Self.assessed("a", 1)], date: Self.earlier, organization: "Acme", version: "1"),
            new: Self.snapshot([Self.assessed("b", 2)], organization: "Other", version: "2"))
        #expect(comparison.warnings.count == 2)
        #expect(comparison.warnings.first?.description.contains("different organisations") == true)
        #expect(comparison.warnings.last?.description.contains("no requirement in common") == true)
        #expect(comparison.requirements.map(\.change) == [.added, .removed])
    }

    @Test("a snapshot compared with itself has zero deltas and only unchanged requirements")
    func itself() {
        let snapshot = Self.snapshot(
            [Self.assessed("a", 1), Self.assessed("b", 3), Requirement(id: "c", applicable: false)],
            clauses: [Snapshot.Clause(id: "4", title: LocalizedText("Four"), percent: 44.4)])
        let comparison = Comparison(old: snapshot, new: snapshot)
        #expect(comparison.combined.delta == 0)
        #expect(
            comparison.checklists.allSatisfy { $0.figure.delta == 0 && $0.clauses.allSatisfy { $0.figure.delta == 0 } })
        #expect(comparison.requirements.allSatisfy { $0.change == .unchanged })
        #expect(comparison.closedGaps.isEmpty && comparison.openedGaps.isEmpty)
        #expect(comparison.persistingGaps == ["c:a"])
    }

    // MARK: Property: compare(A, B) and compare(B, A) are mirror images

    /// A small deterministic generator (SplitMix64), so a failure can be reproduced from its seed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func randomSnapshot(_ generator: inout Generator, date: CalendarDate) -> Snapshot {
        func percent() -> Double? {
            Int.random(in: 0..<5, using: &generator) == 0
                ? nil : Rounding.percent(Double.random(in: 0...100, using: &generator))
        }
        var requirements: [Requirement] = []
        for index in 0..<12 where Int.random(in: 0..<6, using: &generator) > 0 {
            let id = "r\(index)"
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: requirements.append(Requirement(id: id))
            case 1: requirements.append(Requirement(id: id, applicable: false))
            default: requirements.append(assessed(id, Int.random(in: 0...4, using: &generator)))
            }
        }
        let clauses = ["4", "5", "6"].filter { _ in Bool.random(using: &generator) }.map {
            Snapshot.Clause(
                id: $0, title: LocalizedText($0), percent: percent(),
                clauses: [Snapshot.Clause(id: "\($0).1", title: LocalizedText($0), percent: percent())])
        }
        return Snapshot(
            organization: "Acme", assessmentDate: date, combined: percent(),
            checklists: [
                Snapshot.Checklist(
                    id: "c", version: "1", title: LocalizedText("C"), percent: percent(), clauses: clauses,
                    requirements: requirements)
            ])
    }

    static func mirror(_ change: Comparison.Change) -> Comparison.Change {
        switch change {
        case .improved: .regressed
        case .regressed: .improved
        case .unchanged: .unchanged
        case .newlyAssessed: .noLongerAssessed
        case .noLongerAssessed: .newlyAssessed
        case .nowApplicable: .nowNotApplicable
        case .nowNotApplicable: .nowApplicable
        case .added: .removed
        case .removed: .added
        }
    }

    @Test("compare(A, B) and compare(B, A) have opposite deltas and mirrored changes", arguments: 0..<200)
    func antisymmetric(seed: Int) {
        var generator = Generator(state: UInt64(seed))
        let a = Self.randomSnapshot(&generator, date: Self.earlier)
        let b = Self.randomSnapshot(&generator, date: Self.later)
        let forward = Comparison(old: a, new: b), backward = Comparison(old: b, new: a)
        func opposite(_ x: Comparison.Figure, _ y: Comparison.Figure) -> Bool {
            // -0.0 == 0.0, so a zero delta is its own opposite.
            x.delta == y.delta.map { -$0 }
        }
        #expect(opposite(forward.combined, backward.combined))
        func clauses(_ comparison: Comparison) -> [String: Comparison.Figure] {
            var result: [String: Comparison.Figure] = [:]
            func walk(_ list: [Comparison.ClauseDelta]) {
                for clause in list {
                    result[clause.id] = clause.figure
                    walk(clause.clauses)
                }
            }
            for checklist in comparison.checklists {
                result["checklist"] = checklist.figure
                walk(checklist.clauses)
            }
            return result
        }
        let there = clauses(forward), back = clauses(backward)
        #expect(Set(there.keys) == Set(back.keys))
        for (id, figure) in there {
            if let other = back[id] { #expect(opposite(figure, other), "clause \(id), seed \(seed)") }
        }
        let changes = Dictionary(uniqueKeysWithValues: backward.requirements.map { ($0.key, $0.change) })
        #expect(forward.requirements.count == backward.requirements.count)
        for change in forward.requirements {
            #expect(changes[change.key] == Self.mirror(change.change), "\(change.key), seed \(seed)")
        }
        #expect(
            Set(forward.closedGaps)
                == Set(
                    backward.openedGaps.filter { key in
                        forward.requirements.first { $0.key == key }?.newLevel != nil
                    }))
        #expect(Set(forward.persistingGaps) == Set(backward.persistingGaps))
    }

    @Test("history orders snapshots by assessment date and follows each checklist and top-level clause")
    func history() {
        let first = Self.snapshot(
            [], date: Self.earlier, percent: 40,
            clauses: [Snapshot.Clause(id: "4", title: LocalizedText("Four"), percent: 30)])
        let middle = Self.snapshot(
            [], date: CalendarDate(year: 2026, month: 6, day: 1) ?? Self.earlier, percent: 45,
            clauses: [Snapshot.Clause(id: "5", title: LocalizedText("Five"), percent: 10)])
        let last = Self.snapshot(
            [], percent: 60, clauses: [Snapshot.Clause(id: "4", title: LocalizedText("Four"), percent: 70)])
        let history = ScoreHistory([last, first, middle])
        #expect(history.snapshots.map(\.assessmentDate) == [first, middle, last].map(\.assessmentDate))
        #expect(history.combined.values == [40, 45, 60])
        #expect(history.combined.change == 20)
        #expect(history.checklists.first?.checklist.values == [40, 45, 60])
        #expect(history.checklists.first?.clauses.map(\.clause) == ["4", "5"])
        #expect(history.checklists.first?.clauses.first?.values == [30, nil, 70])
        #expect(history.warnings.isEmpty)
        #expect(ScoreHistory([first, Self.snapshot([], organization: "Other")]).warnings.count == 1)
    }
}
