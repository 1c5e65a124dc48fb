/// A change of an action's status as `isogap actions set` makes it, checked against the life cycle
/// open → in-progress → done → verified (with cancelled and re-opening where they make sense).
public struct ActionTransition: Sendable, Hashable {
    public var to: ActionStatus
    public var date: CalendarDate
    public var by: String?
    public var note: String?
    /// The verification to record: required to verify; with `effective: false` it reopens a done action.
    public var verification: Verification?

    public init(
        to: ActionStatus, date: CalendarDate, by: String? = nil, note: String? = nil, verification: Verification? = nil
    ) {
        self.to = to
        self.date = date
        self.by = by
        self.note = note
        self.verification = verification
    }

    /// Why the transition is refused for `action`, or `nil` when it is allowed.
    ///
    /// The life cycle is checked before the date, so that a change the life cycle never allows is
    /// not blamed on its date. With `today`, a change dated after it is refused: the history records
    /// what has happened.
    public func refusal(for action: Action, today: CalendarDate? = nil) -> String? {
        if let refusal = lifeCycleRefusal(for: action) { return refusal }
        let id = action.id
        if let today, date > today {
            return "the date \(date) is in the future (today is \(today)); record a change on the day it happens"
        }
        if let last = action.history.last?.date, date < last {
            return
                "the date \(date) is before the last history entry of \(id) (\(last)); history does not go back in time"
        }
        if date < action.opened { return "the date \(date) is before \(id) was opened (\(action.opened))" }
        return nil
    }

    private func lifeCycleRefusal(for action: Action) -> String? {
        let from = action.status
        let id = action.id
        if from == to { return "\(id) is already \(to.rawValue)" }
        if from == .verified {
            return "\(id) is verified and closed; raise a new action if the problem has come back"
        }
        if let verification {
            switch (verification.effective, to) {
            case (true, .verified), (false, .inProgress): break
            case (true, _):
                return
                    "--verified-by records a verification, which goes with --status verified (or with --status in-progress and --effective false when it found the action not effective)"
            case (false, _):
                return
                    "an action found not effective is not verified: use --status in-progress --effective false to reopen it"
            }
        }
        switch (from, to) {
        case (.open, .verified), (.inProgress, .verified):
            return "\(id) is \(from.rawValue); it must be done before it can be verified"
        case (.done, .verified):
            if verification == nil {
                return "verifying \(id) needs a verification: give --verified-by NAME (and --effective true)"
            }
        case (.done, .inProgress):
            break
        case (.done, .open), (.done, .cancelled):
            return
                "\(id) is done; reopen it with --status in-progress (with --effective false if a verification found it not effective)"
        case (.cancelled, .open):
            break
        case (.cancelled, _):
            return "\(id) is cancelled; reinstate it with --status open first"
        default:
            // Open and in-progress actions may move to any other status but verified; equal
            // statuses were refused above.
            break
        }
        if verification?.effective == false, from != .done {
            return "only a done action can be found not effective; \(id) is \(from.rawValue)"
        }
        return nil
    }
}
