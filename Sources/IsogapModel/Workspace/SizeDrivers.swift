/// What makes an organisation's implementation work bigger (docs/planning.md "Size drivers"): the
/// manifest's `size:` gives the counts, a task's `scales_with:` names the one its effort grows with.
public enum SizeDriver: String, Sendable, Hashable, CaseIterable {
    /// Sites, stores or branches in scope.
    case sites
    /// Staff in scope (front-line and back-office people the programme must reach).
    case staff

    /// How many of the driver one unit of a task's written effort covers when the task names no
    /// `scale_per`: ten sites, fifty staff.
    public var defaultPer: Int {
        switch self {
        case .sites: 10
        case .staff: 50
        }
    }
}

/// The size of the organisation in scope (manifest `size:`); a count left out scales nothing.
public struct OrganisationSize: Sendable, Hashable {
    public var sites: Int?
    public var staff: Int?

    /// The most a count may be: larger numbers are refused as mistakes.
    public static let maxCount = 1_000_000

    public init(sites: Int? = nil, staff: Int? = nil) {
        self.sites = sites
        self.staff = staff
    }

    public func count(of driver: SizeDriver) -> Int? {
        switch driver {
        case .sites: sites
        case .staff: staff
        }
    }

    /// How many times a task's written effort is done: ⌈count / per⌉, at least 1, and 1 when the
    /// manifest gives no count for the driver.
    public func multiplier(_ driver: SizeDriver, per: Int?) -> Int {
        guard let count = count(of: driver), count > 0 else { return 1 }
        let per = max(1, per ?? driver.defaultPer)
        return max(1, (count + per - 1) / per)
    }

    /// The person-days of `task` for this organisation: the written effort times the multiplier of
    /// its driver, never above ``PlanLimits/maxEffortDays``; the written effort for a task that
    /// does not scale.
    public func effort(of task: PlanTask) -> Double {
        guard let driver = task.scalesWith else { return task.effortDays }
        let scaled = task.effortDays * Double(multiplier(driver, per: task.scalePer))
        return min(max(task.effortDays, PlanLimits.maxEffortDays), scaled)
    }
}
