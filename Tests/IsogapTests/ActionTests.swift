import Foundation
import IsogapDiagnostics
import IsogapLoading
import IsogapModel
import Testing

/// The action register (SPEC §7) on the sample workspace, whose figures are worked out by hand:
///
/// - A-2 (open, due 2026-11-10) is 16 days overdue on 2026-11-26; A-4 (due 2026-12-10) is due soon.
/// - 1.1-b is a gap that only a cancelled action names: uncovered.
/// - Achieved levels (done and verified actions): 1.1-a 3, 1.1-b 1, 2-a 2 (A-5, raises to 2).
///   Percent 100·(2·1 + 1·1/3 + 1.5·2/3)/4.5 = 74.1.
/// - Projected levels (every action but cancelled): 1.1-a 3, 1.1-b 1, 2-a 3 (A-4 raises to 3).
///   Percent 100·(2·1 + 1/3 + 1.5·1)/4.5 = 85.2.
@Suite("Action register")
struct ActionTests {
    static let workspace = "Tests/Fixtures/sample"

    private func tracker() throws -> ActionTracker {
        let library = ChecklistLibrary(builtInChecklists: [], phaseTemplate: ("p.yaml", []))
        let files = try Fixtures.inMemory("sample")
        let loaded = WorkspaceLoader.load(from: files, library: library)
        let workspace = try #require(loaded.value)
        let score = Scorer(manifest: workspace.manifest).score(
            checklists: workspace.checklists, assessments: workspace.assessments)
        return ActionTracker(
            register: try #require(workspace.actions), score: score,
            asOf: CalendarDate(year: 2026, month: 11, day: 26) ?? CalendarDate(dayNumber: 0))
    }

    @Test func handComputedFigures() throws {
        let tracker = try tracker()
        #expect(tracker.overdue.map { "\($0.action.id) \($0.daysOverdue)" } == ["A-2 16"])
        #expect(tracker.dueSoon().map(\.id) == ["A-4"])
        #expect(tracker.uncoveredGaps.map(\.key) == ["sample-complaints:1.1-b"])
        #expect(tracker.achieved.percent.map(Rounding.percent) == 74.1)
        #expect(tracker.projected.percent.map(Rounding.percent) == 85.2)
        #expect(tracker.countsByStatus.map(\.count) == [1, 1, 1, 1, 1])
        #expect(tracker.countsByOwnerRole.map { "\($0.role)=\($0.count)" } == ["owner=2", "analyst=3"])
        let levels = tracker.score.requirements.map {
            "\($0.requirement.id):\(tracker.achievedLevel($0).map(String.init) ?? "-")/\(tracker.projectedLevel($0).map(String.init) ?? "-")"
        }
        #expect(levels == ["1.1-a:3/3", "1.1-b:1/1", "2-a:2/3", "2-b:-/-"])
    }

    static let registerHeader = """
        isogap: 1
        kind: actions
        actions:

        """

    static let validAction = """
          - id: CA-1
            title: T
            requirements: ["sample-complaints:1.1-a"]
            type: corrective
            owner_role: owner
            opened: 2026-01-10
            due: 2026-02-10
            status: open

        """

    static let ruleCases: [(String, String)] = [
        (
            validAction.replacingOccurrences(of: "1.1-a", with: "1.1-z"),
            "'1.1-z' is not a requirement of checklist 'sample-complaints'; did you mean '1.1-a'?"
        ),
        (validAction.replacingOccurrences(of: "sample-complaints:", with: "sample:"), "unknown checklist 'sample'"),
        (
            validAction.replacingOccurrences(of: "owner_role: owner", with: "owner_role: ownr"),
            "unknown role 'ownr' (roles: 'owner', 'analyst'); did you mean 'owner'?"
        ),
        (
            validAction.replacingOccurrences(of: "due: 2026-02-10", with: "due: 2026-01-09"),
            "due date 2026-01-09 is before the date the action was opened (2026-01-10)"
        ),
        (
            validAction.replacingOccurrences(of: "status: open", with: "status: verified"),
            "a verified action needs a 'verification' block (date, by, effective)"
        ),
        (
            validAction.replacingOccurrences(
                of: "status: open",
                with: "status: verified\n    verification: {date: 2026-03-01, by: QA, effective: false}"),
            "a verification that found the action not effective cannot close it; set the status back to in-progress or raise a new action"
        ),
        (
            validAction + "    history: [{date: 2026-01-12, status: open}, {date: 2026-01-11, status: open}]\n",
            "history goes back in time: 2026-01-11 comes after 2026-01-12"
        ),
        (
            validAction.replacingOccurrences(of: "[\"sample-complaints:1.1-a\"]", with: "[]"),
            "action 'CA-1' must name at least one requirement"
        ),
        (validAction + validAction, "duplicate action id 'CA-1'"),
        (
            validAction.replacingOccurrences(of: "status: open", with: "status: closed"),
            "'closed' is not a valid status; expected one of open, in-progress, done, verified, cancelled"
        ),
        (
            validAction.replacingOccurrences(of: "type: corrective", with: "type: corective"),
            "'corective' is not a valid type; expected one of correction, corrective, preventive, improvement; did you mean 'corrective'?"
        ),
        (
            validAction.replacingOccurrences(of: "title: T", with: "titel: T"),
            "unknown key 'titel' in an action; did you mean 'title'?"
        ),
    ]

    @Test(arguments: ruleCases)
    func validationRules(actions: String, message: String) throws {
        var files = try Fixtures.inMemory("sample")
        files.files["actions.yaml"] = Array((Self.registerHeader + actions).utf8)
        let library = ChecklistLibrary(builtInChecklists: [], phaseTemplate: ("p.yaml", []))
        let diagnostics = WorkspaceLoader.load(from: files, library: library).diagnostics.filter {
            $0.severity == .error
        }
        #expect(diagnostics.map(\.message).contains(message), "\(diagnostics.map(\.description))")
        #expect(diagnostics.allSatisfy { $0.location?.file == "actions.yaml" })
    }

    static func action(_ status: ActionStatus) -> Action {
        let day = CalendarDate(year: 2026, month: 1, day: 1) ?? CalendarDate(dayNumber: 0)
        return Action(
            id: "CA-1", title: "T", requirements: [], type: .corrective, ownerRole: "owner", opened: day, due: day,
            status: status,
            history: [HistoryEntry(date: day, status: status)])
    }

    static let day = CalendarDate(year: 2026, month: 2, day: 1) ?? CalendarDate(dayNumber: 0)
    static let effective = Verification(date: day, by: "QA", effective: true)
    static let notEffective = Verification(date: day, by: "QA", effective: false)

    static let transitionCases: [(ActionStatus, ActionStatus, Verification?, String?)] = [
        (.open, .inProgress, nil, nil), (.open, .done, nil, nil), (.open, .cancelled, nil, nil),
        (.inProgress, .done, nil, nil), (.inProgress, .open, nil, nil), (.done, .verified, effective, nil),
        (.done, .inProgress, notEffective, nil), (.done, .inProgress, nil, nil), (.cancelled, .open, nil, nil),
        (.open, .open, nil, "CA-1 is already open"),
        (.open, .verified, effective, "CA-1 is open; it must be done before it can be verified"),
        (.done, .verified, nil, "verifying CA-1 needs a verification: give --verified-by NAME (and --effective true)"),
        (
            .done, .verified, notEffective,
            "an action found not effective is not verified: use --status in-progress --effective false to reopen it"
        ),
        (.verified, .inProgress, nil, "CA-1 is verified and closed; raise a new action if the problem has come back"),
        (
            .done, .cancelled, nil,
            "CA-1 is done; reopen it with --status in-progress (with --effective false if a verification found it not effective)"
        ),
        (.cancelled, .done, nil, "CA-1 is cancelled; reinstate it with --status open first"),
        (.inProgress, .inProgress, nil, "CA-1 is already in-progress"),
        (.open, .inProgress, notEffective, "only a done action can be found not effective; CA-1 is open"),
        (
            .open, .done, effective,
            "--verified-by records a verification, which goes with --status verified (or with --status in-progress and --effective false when it found the action not effective)"
        ),
    ]

    @Test(arguments: transitionCases)
    func transitions(from: ActionStatus, to: ActionStatus, verification: Verification?, refusal: String?) {
        let transition = ActionTransition(to: to, date: Self.day, verification: verification)
        #expect(transition.refusal(for: Self.action(from)) == refusal)
    }

    @Test func transitionDatesCannotGoBack() {
        let early = CalendarDate(year: 2025, month: 12, day: 31) ?? CalendarDate(dayNumber: 0)
        #expect(
            ActionTransition(to: .done, date: early).refusal(for: Self.action(.open))
                == "the date 2025-12-31 is before the last history entry of CA-1 (2026-01-01); history does not go back in time"
        )
        // A change the life cycle refuses is not blamed on its date.
        #expect(
            ActionTransition(to: .inProgress, date: early).refusal(for: Self.action(.verified))
                == "CA-1 is verified and closed; raise a new action if the problem has come back")
        // A change dated after today is refused; today itself is fine.
        let tomorrow = Self.day.adding(days: 1)
        #expect(
            ActionTransition(to: .done, date: tomorrow).refusal(for: Self.action(.open), today: Self.day)
                == "the date 2026-02-02 is in the future (today is 2026-02-01); record a change on the day it happens")
        #expect(ActionTransition(to: .done, date: Self.day).refusal(for: Self.action(.open), today: Self.day) == nil)
    }
}

extension Fixtures {
    /// A fixture folder read into memory, so a test can change a file without touching the fixture.
    static func inMemory(_ relative: String) throws -> InMemoryFiles {
        let folder = url(relative)
        var files: [String: [UInt8]] = [:]
        let walker = FileManager.default.enumerator(atPath: folder.path)
        while let path = walker?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(
                atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                files[path] = Array(try Data(contentsOf: folder.appendingPathComponent(path)))
            }
        }
        return InMemoryFiles(bytes: files)
    }
}
