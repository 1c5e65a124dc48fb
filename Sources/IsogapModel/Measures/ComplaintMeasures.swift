/// Targets the complaint measures count against (`targets:` of `kpis.yaml`).
public struct MeasureTargets: Sendable, Hashable {
    /// Working days allowed for an acknowledgement.
    public var ackDays: Int
    /// Working days allowed for closing a complaint.
    public var resolutionDays: Int
    /// Calendar days back in which an earlier complaint of the same customer makes a repeat.
    public var repeatWindowDays: Int

    public init(ackDays: Int = 2, resolutionDays: Int = 20, repeatWindowDays: Int = 90) {
        self.ackDays = ackDays
        self.resolutionDays = resolutionDays
        self.repeatWindowDays = repeatWindowDays
    }
}

/// A category's count and the cumulative share of the categories up to it.
public struct CategoryCount: Sendable, Hashable {
    public var name: String
    public var count: Int
    /// Percent of complaints with a category, this one and those above it.
    public var cumulativeShare: Double

    public init(name: String, count: Int, cumulativeShare: Double) {
        self.name = name
        self.count = count
        self.cumulativeShare = cumulativeShare
    }
}

/// The complaint measures of one period (or of all data), unrounded.
public struct ComplaintMeasures: Sendable, Hashable {
    public var received: Int
    public var per1000: Double?
    public var ackDaysMedian: Double?
    public var ackDaysP90: Double?
    /// Complaints with an acknowledgement date (the n of the median and p90).
    public var acknowledgedCount: Int
    public var ackWithinTarget: Share
    public var resolutionDaysMedian: Double?
    public var resolutionDaysP90: Double?
    public var closedCount: Int
    public var closedWithinTarget: Share
    public var openAtEnd: Int
    public var reopenRate: Share
    public var upheldRate: Share
    public var firstStageRate: Share
    public var repeatRate: Share
    public var handlingSatisfaction: Share
    public var categories: [CategoryCount]
    public var vitalFew: [String]
}

/// One period's measures with its name and last day.
public struct PeriodMeasures: Sendable, Hashable {
    public var period: String
    public var lastDay: CalendarDate
    public var measures: ComplaintMeasures
}

/// Computes the complaint measures of SPEC §12.
public struct ComplaintMeasurer: Sendable {
    public var calendar: WorkingCalendar
    public var targets: MeasureTargets
    public var period: MeasurePeriod

    public init(calendar: WorkingCalendar, targets: MeasureTargets, period: MeasurePeriod) {
        self.calendar = calendar
        self.targets = targets
        self.period = period
    }

    /// `wd(a, b)`: working days `d` with `a < d ≤ b`.
    public func workingDays(after a: Int32, through b: Int32) -> Int {
        guard b > a else { return 0 }
        return calendar.workingDays(
            from: CalendarDate(dayNumber: Int(a) + 1), through: CalendarDate(dayNumber: Int(b)))
    }

    /// The measures per period (periods with at least one complaint, in time order) and for all
    /// data. `volumes` give `per_1000` when their form is the one in use.
    public func measure(_ log: ComplaintLog, volumes: VolumeTable?) -> (
        all: ComplaintMeasures, periods: [PeriodMeasures]
    ) {
        let complaints = log.complaints
        // Period key of each complaint, and the periods in time order.
        var keys = [Int](repeating: 0, count: complaints.count)
        var seen: Set<Int> = []
        for (index, complaint) in complaints.enumerated() {
            let key = period.key(of: CalendarDate(dayNumber: Int(complaint.received)))
            keys[index] = key
            seen.insert(key)
        }
        let periodKeys = seen.sorted()
        let slot = Dictionary(uniqueKeysWithValues: periodKeys.enumerated().map { ($1, $0) })
        let repeats = repeatFlags(complaints)
        // Accumulate per period; the last accumulator is for all data.
        var accumulators = (0...periodKeys.count).map { _ in Accumulator() }
        let allIndex = periodKeys.count
        for (index, complaint) in complaints.enumerated() {
            let periodIndex = slot[keys[index]] ?? allIndex
            // Working days once per complaint, counted in its period and in all data.
            let row = Accumulator.Row(complaint, repeatFlag: repeats[index], measurer: self)
            accumulators[periodIndex].add(row)
            accumulators[allIndex].add(row)
        }
        // open_at_end: received by the day minus closed by the day.
        let receivedDays = complaints.map(\.received).sorted()
        let closedDays = complaints.map(\.closed).filter { $0 != Complaint.none }.sorted()
        func openAt(_ day: CalendarDate) -> Int {
            let limit = Int32(day.dayNumber)
            return countAtMost(receivedDays, limit) - countAtMost(closedDays, limit)
        }
        let volumeByKey: [Int: Int]? =
            volumes.flatMap { table in
                table.period == period
                    ? Dictionary(table.rows.map { ($0.key, $0.transactions) }, uniquingKeysWith: +) : nil
            }
        var periods: [PeriodMeasures] = []
        for (index, key) in periodKeys.enumerated() {
            let last = period.lastDay(ofKey: key)
            var measures = accumulators[index].measures(log: log)
            measures.openAtEnd = openAt(last)
            if let transactions = volumeByKey?[key], transactions > 0 {
                measures.per1000 = 1000 * Double(measures.received) / Double(transactions)
            }
            periods.append(PeriodMeasures(period: period.label(ofKey: key), lastDay: last, measures: measures))
        }
        var all = accumulators[allIndex].measures(log: log)
        if let last = periods.last { all.openAtEnd = openAt(last.lastDay) }
        if let volumes, volumes.period == period {
            let transactions = volumes.rows.reduce(0) { $0 + $1.transactions }
            if transactions > 0 { all.per1000 = 1000 * Double(all.received) / Double(transactions) }
        }
        return (all, periods)
    }

    /// Number of values in sorted `values` that are at most `limit`.
    private func countAtMost(_ values: [Int32], _ limit: Int32) -> Int {
        var low = 0, high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] <= limit { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// For each complaint: `nil` without a customer, else whether it repeats an earlier complaint
    /// of the same customer (received before, or the same day and earlier in the file) at most
    /// `repeatWindowDays` calendar days before.
    func repeatFlags(_ complaints: [Complaint]) -> [Bool?] {
        var flags = [Bool?](repeating: nil, count: complaints.count)
        var order: [(customer: Int32, received: Int32, index: Int32)] = []
        order.reserveCapacity(complaints.count)
        for (index, complaint) in complaints.enumerated() where complaint.customer >= 0 {
            order.append((complaint.customer, complaint.received, Int32(index)))
        }
        order.sort { ($0.customer, $0.received, $0.index) < ($1.customer, $1.received, $1.index) }
        var previous: (customer: Int32, received: Int32, index: Int32)?
        for entry in order {
            if let earlier = previous, earlier.customer == entry.customer,
                Int(entry.received) - Int(earlier.received) <= targets.repeatWindowDays
            {
                flags[Int(entry.index)] = true
            } else {
                flags[Int(entry.index)] = false
            }
            previous = entry
        }
        return flags
    }
}

/// Running totals of one period's complaints.
private struct Accumulator {
    var received = 0
    var ackDays: [Double] = []
    var ackWithin = 0
    var resolutionDays: [Double] = []
    var closedWithin = 0
    var reopened = 0
    var withOutcome = 0
    var upheld = 0
    var withStage = 0
    var firstStage = 0
    var withCustomer = 0
    var repeats = 0
    var withSatisfaction = 0
    var satisfied = 0
    var categories: [Int32: Int] = [:]

    /// What one complaint contributes, computed once.
    struct Row {
        var ackDays: Int?
        var ackWithin = false
        var resolutionDays: Int?
        var closedWithin = false
        var complaint: Complaint
        var repeatFlag: Bool?

        init(_ complaint: Complaint, repeatFlag: Bool?, measurer: ComplaintMeasurer) {
            self.complaint = complaint
            self.repeatFlag = repeatFlag
            if complaint.acknowledged != Complaint.none {
                let days = measurer.workingDays(after: complaint.received, through: complaint.acknowledged)
                ackDays = days
                ackWithin = days <= measurer.targets.ackDays
            }
            if complaint.closed != Complaint.none {
                let days = measurer.workingDays(after: complaint.received, through: complaint.closed)
                resolutionDays = days
                closedWithin = days <= measurer.targets.resolutionDays
            }
        }
    }

    mutating func add(_ row: Row) {
        let complaint = row.complaint
        received += 1
        if let days = row.ackDays {
            ackDays.append(Double(days))
            if row.ackWithin { ackWithin += 1 }
        }
        if let days = row.resolutionDays {
            resolutionDays.append(Double(days))
            if row.closedWithin { closedWithin += 1 }
            if complaint.reopened != Complaint.none { reopened += 1 }
            if let outcome = complaint.outcome {
                withOutcome += 1
                if outcome == .upheld || outcome == .partiallyUpheld { upheld += 1 }
            }
            if complaint.stage != 0 {
                withStage += 1
                if complaint.stage == 1 { firstStage += 1 }
            }
        }
        if let repeatFlag = row.repeatFlag {
            withCustomer += 1
            if repeatFlag { repeats += 1 }
        }
        if complaint.satisfaction != 0 {
            withSatisfaction += 1
            if complaint.satisfaction >= 4 { satisfied += 1 }
        }
        if complaint.category >= 0 { categories[complaint.category, default: 0] += 1 }
    }

    mutating func measures(log: ComplaintLog) -> ComplaintMeasures {
        ackDays.sort()
        resolutionDays.sort()
        let counted = categories.map { (name: log.name($0.key) ?? "", count: $0.value) }.sorted {
            $0.count != $1.count
                ? $0.count > $1.count : Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8))
        }
        let total = counted.reduce(0) { $0 + $1.count }
        var running = 0
        var categoryCounts: [CategoryCount] = []
        var vitalFew: [String] = []
        for entry in counted {
            let reachedBefore = total > 0 && Double(running) >= 0.8 * Double(total)
            running += entry.count
            if !reachedBefore { vitalFew.append(entry.name) }
            categoryCounts.append(
                CategoryCount(
                    name: entry.name, count: entry.count, cumulativeShare: 100 * Double(running) / Double(total)))
        }
        return ComplaintMeasures(
            received: received, per1000: nil,
            ackDaysMedian: Statistics.percentile(sorted: ackDays, 50),
            ackDaysP90: Statistics.percentile(sorted: ackDays, 90), acknowledgedCount: ackDays.count,
            ackWithinTarget: Share(hits: ackWithin, of: ackDays.count),
            resolutionDaysMedian: Statistics.percentile(sorted: resolutionDays, 50),
            resolutionDaysP90: Statistics.percentile(sorted: resolutionDays, 90), closedCount: resolutionDays.count,
            closedWithinTarget: Share(hits: closedWithin, of: resolutionDays.count), openAtEnd: 0,
            reopenRate: Share(hits: reopened, of: resolutionDays.count),
            upheldRate: Share(hits: upheld, of: withOutcome),
            firstStageRate: Share(hits: firstStage, of: withStage),
            repeatRate: Share(hits: repeats, of: withCustomer),
            handlingSatisfaction: Share(hits: satisfied, of: withSatisfaction),
            categories: categoryCounts, vitalFew: vitalFew)
    }
}
