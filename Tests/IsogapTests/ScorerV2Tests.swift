import IsogapDiagnostics
import IsogapLoading
import IsogapModel
import Testing

/// The v2 rules of SPEC §6, one by one: evidence integrity, cumulative support with
/// `evidence_types`, why a claim is not supported, the e = 0 grade, the severity tie-break and
/// provisional scores.
@Suite("Scoring rules v2")
struct ScorerV2Tests {
    typealias S = ScorerTests
    static let date = S.date
    static let present = String(repeating: "ab", count: 32)
    static let files = EvidenceFileFacts(["evidence/here.pdf": .present(sha256: present)])
    let scorer = Scorer(assessmentDate: date, evidenceMaxAgeDays: 365, targetLevel: 3, files: files)

    static func item(
        _ type: EvidenceType = .record, date: String? = nil, expires: String? = nil, file: String? = nil,
        sha256: String? = nil
    ) -> EvidenceItem {
        EvidenceItem(
            type: type, ref: "x", date: date.flatMap { CalendarDate($0) },
            expires: expires.flatMap { CalendarDate($0) },
            file: file, sha256: sha256)
    }

    @Test(arguments: [
        (item(file: "evidence/gone.pdf"), EvidenceStatus.missing),
        (item(file: "evidence/here.pdf", sha256: String(repeating: "0", count: 64)), .changed),
        (item(expires: "2026-11-19"), .expired),
        (item(date: "2026-11-21"), .future),
        (item(date: "2025-11-19"), .stale),
        (item(date: "2025-11-20", expires: "2026-11-20"), .valid),
        (item(file: "evidence/here.pdf"), .valid),
        (item(file: "./evidence//here.pdf", sha256: present), .valid),
        // The first that applies wins: missing before changed before expired before future before stale.
        (item(expires: "2026-01-01", file: "evidence/gone.pdf", sha256: present), .missing),
        (item(date: "2027-01-01", expires: "2026-01-01", file: "evidence/here.pdf", sha256: "1"), .changed),
        (item(date: "2027-01-01", expires: "2026-01-01"), .expired),
    ])
    func everyEvidenceStatus(item: EvidenceItem, status: EvidenceStatus) {
        #expect(scorer.status(of: item) == status)
    }

    @Test func aFileNobodyLookedAtIsMissing() {
        let blind = Scorer(assessmentDate: Self.date, evidenceMaxAgeDays: nil, targetLevel: 3)
        #expect(blind.status(of: Self.item(file: "evidence/here.pdf")) == .missing)
        #expect(blind.status(of: Self.item()) == .valid, "an item without a file needs no file")
    }

    /// 0–3: level 1 needs nothing, level 2 an observation or a record, level 3 one more item of any type.
    static let typedScale: [ScaleLevel] = [
        ScaleLevel(level: 0, label: LocalizedText("0"), description: nil, minEvidence: 0, expectedType: false),
        ScaleLevel(level: 1, label: LocalizedText("1"), description: nil, minEvidence: 0, expectedType: false),
        ScaleLevel(
            level: 2, label: LocalizedText("2"), description: nil, minEvidence: 1, expectedType: false,
            evidenceTypes: [.record, .observation]),
        ScaleLevel(level: 3, label: LocalizedText("3"), description: nil, minEvidence: 2, expectedType: false),
    ]

    private func scored(_ response: Response, scale: [ScaleLevel] = typedScale, types: [EvidenceType] = [.document])
        -> RequirementScore
    {
        let checklist = S.checklist(
            scale: scale,
            clauses: [Clause(id: "1", title: LocalizedText("1"), requirements: [S.requirement("r", evidence: types)])])
        return scorer.score(checklist, assessment: Assessment(checklist: "c", responses: [response])).requirements[0]
    }

    @Test func supportIsCumulative() {
        // Two interviews satisfy level 3's own rule (two items) but not level 2's (a record or an
        // observation): without cumulative support the claim of 3 would stand.
        let interviews = [Self.item(.interview), Self.item(.interview)]
        #expect(Scorer.failedRule(of: Self.typedScale[3], valid: interviews, requirement: S.requirement("r")) == nil)
        let score = scored(Response(requirement: "r", level: 3, evidence: interviews))
        #expect(score.effective == 1)
        #expect(score.evidenceOK == false)
        #expect(
            score.unsupported
                == UnsupportedClaim(
                    level: 2, rule: .evidenceTypes, needed: 1, valid: 2, types: [.record, .observation]))
        let withRecord = scored(Response(requirement: "r", level: 3, evidence: interviews + [Self.item(.record)]))
        #expect(withRecord.effective == 3 && withRecord.unsupported == nil)
    }

    @Test func unsupportedNamesTheFirstFailedRule() {
        // min_evidence: claim 3 with one record; level 2 holds, level 3 needs 2 items.
        let one = scored(Response(requirement: "r", level: 3, evidence: [Self.item(.record)]))
        #expect(one.effective == 2)
        #expect(one.unsupported == UnsupportedClaim(level: 3, rule: .minEvidence, needed: 2, valid: 1, types: []))
        // expected_type: the scale of the built-in checklists, level 3 wants the requirement's types.
        let typed = scored(
            Response(requirement: "r", level: 4, evidence: [Self.item(.interview), Self.item(.interview)]),
            scale: S.scale, types: [.record, .observation])
        #expect(typed.effective == 2)
        #expect(
            typed.unsupported
                == UnsupportedClaim(level: 3, rule: .expectedType, needed: 1, valid: 2, types: [.record, .observation]))
        // Invalid items do not count towards `valid`.
        let missing = scored(
            Response(requirement: "r", level: 2, evidence: [Self.item(.record, file: "evidence/gone.pdf")]))
        #expect(missing.unsupported == UnsupportedClaim(level: 2, rule: .minEvidence, needed: 1, valid: 0, types: []))
        #expect(missing.evidence.map(\.status) == [.missing])
        // Supported claims and unassessed requirements have no reason.
        #expect(scored(Response(requirement: "r", level: 1)).unsupported == nil)
        #expect(scored(Response(requirement: "r")).unsupported == nil)
    }

    @Test func scoresCarryEveryItemWithItsStatus() {
        let items = [
            Self.item(.record, file: "evidence/here.pdf"), Self.item(.interview, expires: "2020-01-01"),
            Self.item(.observation, file: "evidence/gone.pdf"),
        ]
        let score = scored(Response(requirement: "r", level: 2, evidence: items))
        #expect(score.evidence.map(\.item) == items)
        #expect(score.evidence.map(\.status) == [.valid, .expired, .missing])
        #expect(score.validEvidence == 1)
    }

    @Test func nothingInPlaceIsNeverMinor() {
        let low = S.requirement("r", weight: 1, criticality: .low)
        let checklist = S.checklist(clauses: [Clause(id: "1", title: LocalizedText("1"), requirements: [low])])
        let score = scorer.score(
            checklist, assessment: Assessment(checklist: "c", responses: [Response(requirement: "r", level: 0)]))
        #expect(score.requirements[0].gap == 3 && score.requirements[0].grade == .major)
        // A claim whose evidence supports nothing above 0 is graded on e, not on the claim.
        let unsupported = scorer.score(
            checklist, assessment: Assessment(checklist: "c", responses: [Response(requirement: "r", level: 2)]))
        #expect(unsupported.requirements[0].effective == 1 && unsupported.requirements[0].grade == .minor)
    }

    @Test func equalPrioritiesAreOrderedByGradeSeverity() {
        // Three gaps of priority 4, in document order observation, minor, major.
        let requirements = [
            S.requirement("obs", weight: 2, criticality: .medium),  // g 1 → observation, p = 1·2·2
            S.requirement("min", weight: 1, criticality: .medium),  // g 2, e 1 → minor, p = 2·1·2
            S.requirement("maj", weight: 2, criticality: .low),  // g 2, e 0 → major, p = 2·2·1
        ]
        let checklist = S.checklist(clauses: [Clause(id: "1", title: LocalizedText("1"), requirements: requirements)])
        let score = scorer.score(
            checklists: [checklist],
            assessments: [
                Assessment(
                    checklist: "c",
                    responses: [
                        Response(requirement: "obs", level: 2, evidence: [Self.item()]),
                        Response(requirement: "min", level: 1),
                        Response(requirement: "maj", level: 0, target: 2),
                    ])
            ])
        #expect(score.gaps.map(\.priority) == [4, 4, 4])
        #expect(score.gaps.map(\.requirement.id) == ["maj", "min", "obs"])
        #expect(score.gaps.map(\.grade) == [.major, .minor, .observation])
    }

    @Test func completenessBelowEightTenthsIsProvisional() {
        let requirements = (1...5).map { S.requirement("r\($0)") }
        let checklist = S.checklist(clauses: [Clause(id: "1", title: LocalizedText("1"), requirements: requirements)])
        func score(assessed: Int) -> ChecklistScore {
            scorer.score(
                checklist,
                assessment: Assessment(
                    checklist: "c", responses: (1...assessed).map { Response(requirement: "r\($0)", level: 1) }))
        }
        #expect(score(assessed: 3).aggregate.isProvisional, "3/5 = 0.6")
        #expect(!score(assessed: 4).aggregate.isProvisional, "4/5 = 0.8 is not below 0.8")
        let workspace = scorer.score(
            checklists: [checklist],
            assessments: [Assessment(checklist: "c", responses: [Response(requirement: "r1", level: 1)])])
        #expect(workspace.combined.isProvisional && workspace.checklists[0].aggregate.isProvisional)
        let none = scorer.score(
            S.checklist(clauses: [Clause(id: "1", title: LocalizedText("1"), requirements: [S.requirement("x")])]),
            assessment: Assessment(
                checklist: "c", responses: [Response(requirement: "x", applicable: false, justification: "n/a")]))
        #expect(!none.aggregate.isProvisional, "nothing applicable leaves nothing to assess")
    }
}

/// Evidence integrity through the loader: each cited file looked at once, warnings at the item.
@Suite("Evidence integrity while loading")
struct EvidenceIntegrityLoadingTests {
    /// Counts every digest asked for, to check each file is hashed once.
    final class CountingFiles: FileSource, @unchecked Sendable {
        let inner: InMemoryFiles
        var hashed: [String] = []
        init(_ inner: InMemoryFiles) { self.inner = inner }
        func read(_ path: String) -> [UInt8]? { inner.read(path) }
        func exists(_ path: String) -> Bool { inner.exists(path) }
        func files(in folder: String) -> [String] { inner.files(in: folder) }
        func displayPath(_ path: String) -> String { inner.displayPath(path) }
        func sha256(of path: String) -> String? {
            hashed.append(path)
            return inner.sha256(of: path)
        }
    }

    @Test func missingAndChangedFilesWarnAtTheItemAndDoNotCount() throws {
        let good = SHA256.hex(of: Array("kept".utf8))
        let source = CountingFiles(
            InMemoryFiles(
                [
                    "isogap.yaml": """
                    isogap: 1
                    kind: workspace
                    organization: Acme
                    scope: Complaints
                    assessment_date: 2026-11-20
                    target_level: 2
                    checklists: [sample-complaints]
                    """,
                    "assessments/sample-complaints.yaml": """
                    isogap: 1
                    kind: assessment
                    checklist: sample-complaints
                    responses:
                      "1.1-a":
                        level: 2
                        evidence:
                          - {type: record, ref: Kept, file: evidence/kept.csv, sha256: "\(good)"}
                          - {type: record, ref: Edited, file: evidence/edited.csv, sha256: "\(good)"}
                          - {type: record, ref: Gone, file: evidence/gone.csv}
                      "1.1-b":
                        level: 1
                        evidence:
                          - {type: record, ref: Kept again, file: ./evidence/kept.csv}
                    """,
                    "evidence/kept.csv": "kept",
                    "evidence/edited.csv": "edited",
                ], prefix: "ws"))
        let library = ChecklistLibrary(
            builtInChecklists: [("sample.yaml", try Fixtures.bytes("sample/sample-checklist.yaml"))],
            phaseTemplate: ("phases.yaml", Array("isogap: 1\nkind: plan-phases\nroles: []\nphases: []\n".utf8)))
        let loaded = WorkspaceLoader.load(from: source, library: library)
        #expect(
            loaded.diagnostics.map(\.description) == [
                "ws/assessments/sample-complaints.yaml:9:9: warning: evidence file 'evidence/edited.csv' has changed since it was locked (its SHA-256 no longer matches); the item does not count as evidence until the file is restored or locked again with 'isogap evidence lock'",
                "ws/assessments/sample-complaints.yaml:10:9: warning: evidence file 'evidence/gone.csv' is not in the workspace (missing, unreadable, or a link leading out of it); the item does not count as evidence",
            ])
        #expect(source.hashed == ["evidence/kept.csv", "evidence/edited.csv", "evidence/gone.csv"])
        let workspace = try #require(loaded.value)
        let score = Scorer(workspace: workspace).score(
            checklists: workspace.checklists, assessments: workspace.assessments)
        #expect(score.requirements[0].evidence.map(\.status) == [.valid, .changed, .missing])
        #expect(score.requirements[1].evidence.map(\.status) == [.valid])
    }
}

/// The streaming SHA-256: blocks hashed in place from contiguous buffers of any size.
@Suite("SHA-256 streaming")
struct SHA256StreamingTests {
    /// FIPS 180-2's long message: one million 'a'.
    static let millionA = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"

    @Test func unevenContiguousPiecesAndPlainSequencesAgree() {
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        var pieces = SHA256()
        var start = 0
        for size in [1, 63, 64, 65, 127, 4096, 65_536].cycled(until: bytes.count) {
            let end = min(bytes.count, start + size)
            pieces.update(bytes[start..<end])
            start = end
            if start == bytes.count { break }
        }
        #expect(pieces.hexDigest() == Self.millionA)
        var sequence = SHA256()
        sequence.update(repeatElement(UInt8(ascii: "a"), count: 1_000_000))
        #expect(sequence.hexDigest() == Self.millionA)
    }
}

extension Array {
    /// The elements repeated in order, enough times to cover `count` (for chunk sizes).
    fileprivate func cycled(until count: Int) -> [Element] {
        guard !isEmpty else { return [] }
        var result: [Element] = []
        while result.count < count { result += self }
        return result
    }
}
