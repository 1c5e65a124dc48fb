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
    ///
    /// A log may hold a million complaints, so each is visited a few times with no hashing and no
    /// sorting: periods and categories get dense numbers, working days come from a table over the
    /// log's days, day counts are tallied per value for the percentiles, and repeats are found by
    /// grouping complaints per customer.
    public func measure(_ log: ComplaintLog, volumes: VolumeTable?) -> (
        all: ComplaintMeasures, periods: [PeriodMeasures]
    ) {
        let complaints = log.complaints
        let (periodKeys, slots) = periodSlots(complaints)
        // Categories numbered densely in order of first use (their counts are sorted by name later).
        var categoryOfName = [Int32](repeating: -1, count: log.names.count)
        var categoryOfOther: [Int32: Int32] = [:]
        var categoryNames: [Int32] = []
        var categories = [Int32](repeating: -1, count: complaints.count)
        for (index, complaint) in complaints.enumerated() where complaint.category >= 0 {
            let name = Int(complaint.category)
            if name < categoryOfName.count {
                if categoryOfName[name] < 0 {
                    categoryOfName[name] = Int32(categoryNames.count)
                    categoryNames.append(complaint.category)
                }
                categories[index] = categoryOfName[name]
            } else {
                // Not an index into the names (a log made in code).
                if categoryOfOther[complaint.category] == nil {
                    categoryOfOther[complaint.category] = Int32(categoryNames.count)
                    categoryNames.append(complaint.category)
                }
                categories[index] = categoryOfOther[complaint.category] ?? -1
            }
        }
        let workingDays = WorkingDayTable(complaints, calendar: calendar)
        let repeats = repeatFlags(complaints)
        // open_at_end: complaints received by each period's last day minus those closed by it.
        let lastDays = periodKeys.map { period.lastDay(ofKey: $0) }
        let limits = lastDays.map { Int32($0.dayNumber) }
        var receivedBy = [Int](repeating: 0, count: limits.count + 1)
        var closedBy = [Int](repeating: 0, count: limits.count + 1)
        // Accumulate per period; the last accumulator is for all data.
        var accumulators = (0...periodKeys.count).map { _ in Accumulator(categories: categoryNames.count) }
        let allIndex = periodKeys.count
        complaints.withUnsafeBufferPointer { buffer in
            for index in buffer.indices {
                // Working days once per complaint, counted in its period and in all data.
                let row = Accumulator.Row(
                    buffer[index], category: categories[index], repeatFlag: repeats[index], measurer: self,
                    workingDays: workingDays)
                accumulators[Int(slots[index])].add(row)
                accumulators[allIndex].add(row)
                receivedBy[Self.firstAtLeast(buffer[index].received, in: limits)] += 1
                if buffer[index].closed != Complaint.none {
                    closedBy[Self.firstAtLeast(buffer[index].closed, in: limits)] += 1
                }
            }
        }
        var open: [Int] = []
        var received = 0, closed = 0
        for index in limits.indices {
            received += receivedBy[index]
            closed += closedBy[index]
            open.append(received - closed)
        }
        let volumeByKey: [Int: Int]? =
            volumes.flatMap { table in
                table.period == period
                    ? Dictionary(table.rows.map { ($0.key, $0.transactions) }, uniquingKeysWith: +) : nil
            }
        var periods: [PeriodMeasures] = []
        for (index, key) in periodKeys.enumerated() {
            var measures = accumulators[index].measures(log: log, categoryNames: categoryNames)
            measures.openAtEnd = open[index]
            if let transactions = volumeByKey?[key], transactions > 0 {
                measures.per1000 = 1000 * Double(measures.received) / Double(transactions)
            }
            periods.append(
                PeriodMeasures(period: period.label(ofKey: key), lastDay: lastDays[index], measures: measures))
        }
        var all = accumulators[allIndex].measures(log: log, categoryNames: categoryNames)
        if let last = open.last { all.openAtEnd = last }
        if let volumes, volumes.period == period {
            let transactions = volumes.rows.reduce(0) { $0 + $1.transactions }
            if transactions > 0 { all.per1000 = 1000 * Double(all.received) / Double(transactions) }
        }
        return (all, periods)
    }

    /// The period keys in time order, and each complaint's index among them.
    private func periodSlots(_ complaints: [Complaint]) -> (keys: [Int], slots: [Int32]) {
        if complaints.isEmpty { return ([], []) }
        var keys = [Int](repeating: 0, count: complaints.count)
        var lowest = Int.max, highest = Int.min
        for (index, complaint) in complaints.enumerated() {
            let key = period.key(of: CalendarDate(dayNumber: Int(complaint.received)))
            keys[index] = key
            lowest = min(lowest, key)
            highest = max(highest, key)
        }
        var periodKeys: [Int] = []
        var slots = [Int32](repeating: 0, count: complaints.count)
        if highest - lowest < 1 << 20 {
            // The periods of real data lie close together: a table over them numbers them.
            var slotOfKey = [Int32](repeating: -1, count: highest - lowest + 1)
            for key in keys { slotOfKey[key - lowest] = 0 }
            for offset in slotOfKey.indices where slotOfKey[offset] == 0 {
                slotOfKey[offset] = Int32(periodKeys.count)
                periodKeys.append(lowest + offset)
            }
            for index in keys.indices { slots[index] = slotOfKey[keys[index] - lowest] }
        } else {
            periodKeys = Set(keys).sorted()
            let slotOfKey = Dictionary(uniqueKeysWithValues: periodKeys.enumerated().map { ($1, Int32($0)) })
            for index in keys.indices { slots[index] = slotOfKey[keys[index]] ?? 0 }
        }
        return (periodKeys, slots)
    }

    /// The index of the first of the ascending `limits` that is at least `day` (`limits.count`
    /// when none is).
    private static func firstAtLeast(_ day: Int32, in limits: [Int32]) -> Int {
        var low = 0, high = limits.count
        while low < high {
            let middle = (low + high) / 2
            if limits[middle] < day { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// For each complaint: `nil` without a customer, else whether it repeats an earlier complaint
    /// of the same customer (received before, or the same day and earlier in the file) at most
    /// `repeatWindowDays` calendar days before.
    func repeatFlags(_ complaints: [Complaint]) -> [Bool?] {
        var flags = [Bool?](repeating: nil, count: complaints.count)
        var highest: Int32 = -1
        for complaint in complaints { highest = max(highest, complaint.customer) }
        guard highest >= 0 else { return flags }
        // Customers are indexes into the log's names, so complaints are grouped per customer by
        // counting, in file order; only each customer's few complaints are then sorted.
        guard Int(highest) <= 4 * complaints.count + 1024 else { return sparseRepeatFlags(complaints) }
        var starts = [Int](repeating: 0, count: Int(highest) + 2)
        for complaint in complaints where complaint.customer >= 0 { starts[Int(complaint.customer) + 1] += 1 }
        for index in starts.indices.dropFirst() { starts[index] += starts[index - 1] }
        var order = [(received: Int32, index: Int32)](repeating: (0, 0), count: starts[starts.count - 1])
        var next = starts
        for (index, complaint) in complaints.enumerated() where complaint.customer >= 0 {
            let customer = Int(complaint.customer)
            order[next[customer]] = (complaint.received, Int32(index))
            next[customer] += 1
        }
        for customer in 0...Int(highest) {
            let range = starts[customer]..<starts[customer + 1]
            if range.count > 1 { order[range].sort { ($0.received, $0.index) < ($1.received, $1.index) } }
            var previous: Int32?
            for position in range {
                let entry = order[position]
                if let previous {
                    flags[Int(entry.index)] = Int(entry.received) - Int(previous) <= targets.repeatWindowDays
                } else {
                    flags[Int(entry.index)] = false
                }
                previous = entry.received
            }
        }
        return flags
    }

    /// ``repeatFlags(_:)`` for customer numbers far larger than the log (not a log read from a
    /// file): one sort of all complaints with a customer.
    private func sparseRepeatFlags(_ complaints: [Complaint]) -> [Bool?] {
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

/// `wd(a, b)` for the days of one log: the working days before each day of its span, counted once.
private struct WorkingDayTable {
    /// The span's first day.
    private let first: Int
    /// `before[i]`: working days from `first` up to `first + i`, that day excluded.
    private let before: [Int32]

    /// The table over the days from the earliest `received` to the latest date a complaint is
    /// counted to; `nil` for an empty log or a span of more than 4,000,000 days (longer than
    /// years 1 to 9999, so only a log made in code).
    init?(_ complaints: [Complaint], calendar: WorkingCalendar) {
        var first = Int.max, last = Int.min
        for complaint in complaints {
            first = min(first, Int(complaint.received))
            last = max(last, Int(complaint.received))
            if complaint.acknowledged != Complaint.none { last = max(last, Int(complaint.acknowledged)) }
            if complaint.closed != Complaint.none { last = max(last, Int(complaint.closed)) }
        }
        guard first <= last, last - first < 4_000_000 else { return nil }
        var before = [Int32](repeating: 0, count: last - first + 2)
        var count: Int32 = 0
        for day in first...last {
            if calendar.isWorkingDay(CalendarDate(dayNumber: day)) { count += 1 }
            before[day - first + 1] = count
        }
        self.first = first
        self.before = before
    }

    /// Working days `d` with `a < d ≤ b`; both days lie in the span.
    func count(after a: Int32, through b: Int32) -> Int {
        guard b > a else { return 0 }
        return Int(before[Int(b) - first + 1] - before[Int(a) - first + 1])
    }
}

/// Whole numbers of days tallied per value, for percentiles of a million values without sorting
/// them: 0 to 4,095 are counted in a table, anything else (a date typed years off) is kept and
/// sorted when read.
private struct DayCounts {
    private var table: [Int] = []
    private var others: [Int] = []
    private(set) var count = 0

    mutating func add(_ value: Int) {
        count += 1
        guard value >= 0, value < 4096 else {
            others.append(value)
            return
        }
        if value >= table.count { table += repeatElement(0, count: value + 1 - table.count) }
        table[value] += 1
    }

    /// The `p`-th percentile, as ``Statistics/percentile(sorted:_:)`` gives it for the values sorted.
    func percentile(_ p: Double) -> Double? {
        let others = others.sorted()
        let negative = others.prefix { $0 < 0 }.count
        return Statistics.percentile(count: count, p) { rank in
            if rank < negative { return Double(others[rank]) }
            var remaining = rank - negative
            for (value, count) in table.enumerated() {
                if remaining < count { return Double(value) }
                remaining -= count
            }
            return Double(others[negative + remaining])
        }
    }
}

/// Running totals of one period's complaints.
private struct Accumulator {
    var received = 0
    var ackDays = DayCounts()
    var ackWithin = 0
    var resolutionDays = DayCounts()
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
    /// Complaints per category number.
    var categories: [Int]

    init(categories: Int) {
        self.categories = Array(repeating: 0, count: categories)
    }

    /// What one complaint contributes, computed once.
    struct Row {
        var ackDays: Int?
        var ackWithin = false
        var resolutionDays: Int?
        var closedWithin = false
        var reopened: Bool
        var outcome: ComplaintOutcome?
        var stage: Int8
        var satisfaction: Int8
        /// Category number, or -1.
        var category: Int32
        var repeatFlag: Bool?

        init(
            _ complaint: borrowing Complaint, category: Int32, repeatFlag: Bool?, measurer: ComplaintMeasurer,
            workingDays: WorkingDayTable?
        ) {
            self.category = category
            self.repeatFlag = repeatFlag
            reopened = complaint.reopened != Complaint.none
            outcome = complaint.outcome
            stage = complaint.stage
            satisfaction = complaint.satisfaction
            func workingDaysUntil(_ day: Int32) -> Int {
                workingDays?.count(after: complaint.received, through: day)
                    ?? measurer.workingDays(after: complaint.received, through: day)
            }
            if complaint.acknowledged != Complaint.none {
                let days = workingDaysUntil(complaint.acknowledged)
                ackDays = days
                ackWithin = days <= measurer.targets.ackDays
            }
            if complaint.closed != Complaint.none {
                let days = workingDaysUntil(complaint.closed)
                resolutionDays = days
                closedWithin = days <= measurer.targets.resolutionDays
            }
        }
    }

    mutating func add(_ row: Row) {
        received += 1
        if let days = row.ackDays {
            ackDays.add(days)
            if row.ackWithin { ackWithin += 1 }
        }
        if let days = row.resolutionDays {
            resolutionDays.add(days)
            if row.closedWithin { closedWithin += 1 }
            if row.reopened { reopened += 1 }
            if let outcome = row.outcome {
                withOutcome += 1
                if outcome == .upheld || outcome == .partiallyUpheld { upheld += 1 }
            }
            if row.stage != 0 {
                withStage += 1
                if row.stage == 1 { firstStage += 1 }
            }
        }
        if let repeatFlag = row.repeatFlag {
            withCustomer += 1
            if repeatFlag { repeats += 1 }
        }
        if row.satisfaction != 0 {
            withSatisfaction += 1
            if row.satisfaction >= 4 { satisfied += 1 }
        }
        if row.category >= 0 { categories[Int(row.category)] += 1 }
    }

    /// The measures; `categoryNames` gives the name index of each category number.
    func measures(log: ComplaintLog, categoryNames: [Int32]) -> ComplaintMeasures {
        let counted = categories.indices.filter { categories[$0] > 0 }.map {
            (name: log.name(categoryNames[$0]) ?? "", count: categories[$0])
        }.sorted {
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
            ackDaysMedian: ackDays.percentile(50),
            ackDaysP90: ackDays.percentile(90), acknowledgedCount: ackDays.count,
            ackWithinTarget: Share(hits: ackWithin, of: ackDays.count),
            resolutionDaysMedian: resolutionDays.percentile(50),
            resolutionDaysP90: resolutionDays.percentile(90), closedCount: resolutionDays.count,
            closedWithinTarget: Share(hits: closedWithin, of: resolutionDays.count), openAtEnd: 0,
            reopenRate: Share(hits: reopened, of: resolutionDays.count),
            upheldRate: Share(hits: upheld, of: withOutcome),
            firstStageRate: Share(hits: firstStage, of: withStage),
            repeatRate: Share(hits: repeats, of: withCustomer),
            handlingSatisfaction: Share(hits: satisfied, of: withSatisfaction),
            categories: categoryCounts, vitalFew: vitalFew)
    }
}
