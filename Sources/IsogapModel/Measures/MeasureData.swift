/// How complaint measures are grouped in time.
public enum MeasurePeriod: String, Sendable, Hashable, CaseIterable {
    case month, quarter, year

    /// A number that orders periods and is the same for every day of one period.
    public func key(of date: CalendarDate) -> Int {
        switch self {
        case .month: date.year * 12 + date.month - 1
        case .quarter: date.year * 4 + (date.month - 1) / 3
        case .year: date.year
        }
    }

    /// The period's name: `2026-07`, `2026-Q3` or `2026`.
    public func label(ofKey key: Int) -> String {
        func year(_ value: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        }
        switch self {
        case .month:
            let month = key % 12 + 1
            return year(key / 12) + (month < 10 ? "-0" : "-") + String(month)
        case .quarter: return year(key / 4) + "-Q" + String(key % 4 + 1)
        case .year: return year(key)
        }
    }

    /// The last day of the period.
    public func lastDay(ofKey key: Int) -> CalendarDate {
        let (year, lastMonth): (Int, Int) =
            switch self {
            case .month: (key / 12, key % 12 + 1)
            case .quarter: (key / 4, (key % 4) * 3 + 3)
            case .year: (key, 12)
            }
        let day = CalendarDate.daysIn(month: lastMonth, year: year)
        return CalendarDate(year: year, month: lastMonth, day: day) ?? CalendarDate(dayNumber: 0)
    }

    /// The period a `period` cell of a volumes file names (`YYYY-MM`, `YYYY-Qn` or `YYYY`), with
    /// its form; `nil` when it is none of them.
    public static func parse(_ text: String) -> (period: MeasurePeriod, key: Int)? {
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard bytes.count >= 4, let year = digits(0..<4), year >= 1 else { return nil }
        if bytes.count == 4 { return (.year, year) }
        guard bytes[4] == UInt8(ascii: "-") else { return nil }
        if bytes.count == 7, bytes[5] == UInt8(ascii: "Q"), let quarter = digits(6..<7), (1...4).contains(quarter) {
            return (.quarter, year * 4 + quarter - 1)
        }
        if bytes.count == 7, let month = digits(5..<7), (1...12).contains(month) {
            return (.month, year * 12 + month - 1)
        }
        return nil
    }
}

/// The outcome of a complaint.
public enum ComplaintOutcome: String, Sendable, Hashable, CaseIterable {
    case upheld
    case partiallyUpheld = "partially-upheld"
    case notUpheld = "not-upheld"
    case withdrawn
}

/// One complaint of the log, held compactly: dates as day numbers, names as indexes into the
/// log's name tables (a million complaints must fit in memory with room to spare).
public struct Complaint: Sendable, Hashable {
    public var id: String
    public var received: Int32
    /// Day numbers, or ``Complaint/none``.
    public var acknowledged: Int32
    public var responded: Int32
    public var closed: Int32
    public var reopened: Int32
    /// Indexes into ``ComplaintLog/names``, or -1.
    public var channel: Int32
    public var category: Int32
    public var site: Int32
    public var customer: Int32
    /// 0 for none.
    public var stage: Int8
    /// 0 for none, else 1–5.
    public var satisfaction: Int8
    public var outcome: ComplaintOutcome?
    public var action: String?

    /// The day number that stands for "no date".
    public static let none = Int32.min

    public init(id: String, received: CalendarDate) {
        self.id = id
        self.received = Int32(received.dayNumber)
        acknowledged = Self.none
        responded = Self.none
        closed = Self.none
        reopened = Self.none
        channel = -1
        category = -1
        site = -1
        customer = -1
        stage = 0
        satisfaction = 0
    }
}

/// A complaint log: the complaints in file order and the names they refer to.
public struct ComplaintLog: Sendable {
    public var complaints: [Complaint]
    /// Channel, category, site and customer names; complaints hold indexes into it.
    public var names: [String]

    public init(complaints: [Complaint] = [], names: [String] = []) {
        self.complaints = complaints
        self.names = names
    }

    /// The name at `index`, or `nil` for -1.
    public func name(_ index: Int32) -> String? {
        index >= 0 && Int(index) < names.count ? names[Int(index)] : nil
    }
}

/// One answer row of a survey wave.
public struct SurveyResponse: Sendable, Hashable {
    public var respondent: String
    public var date: CalendarDate?
    public var site: String?
    public var segment: String?
    public var overall: Int?
    public var nps: Int?
    public var ces: Int?
    /// Per attribute (in ``SurveyWave/attributes`` order): performance and importance, or nil.
    public var performance: [Int?]
    public var importance: [Int?]
    public var weight: Double

    public init(respondent: String, attributeCount: Int = 0) {
        self.respondent = respondent
        performance = Array(repeating: nil, count: attributeCount)
        importance = Array(repeating: nil, count: attributeCount)
        weight = 1
    }
}

/// One survey wave: its name, how many were invited, and its answers.
public struct SurveyWave: Sendable, Hashable {
    public var wave: String
    public var invited: Int?
    /// Attribute names in the order their `perf:` or `imp:` column first appears.
    public var attributes: [String]
    /// Whether each attribute has an `imp:` column.
    public var hasImportance: [Bool]
    public var responses: [SurveyResponse]

    public init(
        wave: String, invited: Int? = nil, attributes: [String] = [], hasImportance: [Bool] = [],
        responses: [SurveyResponse] = []
    ) {
        self.wave = wave
        self.invited = invited
        self.attributes = attributes
        self.hasImportance = hasImportance
        self.responses = responses
    }
}

/// Transactions per period, for rates per 1,000 complaints.
public struct VolumeTable: Sendable, Hashable {
    /// The period form the file uses (the form of its first row).
    public var period: MeasurePeriod
    /// `(period key, transactions)` in file order.
    public var rows: [(key: Int, transactions: Int)]

    public init(period: MeasurePeriod, rows: [(key: Int, transactions: Int)]) {
        self.period = period
        self.rows = rows
    }

    public static func == (lhs: VolumeTable, rhs: VolumeTable) -> Bool {
        lhs.period == rhs.period && lhs.rows.elementsEqual(rhs.rows) { $0 == $1 }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(period)
        for row in rows {
            hasher.combine(row.key)
            hasher.combine(row.transactions)
        }
    }
}
