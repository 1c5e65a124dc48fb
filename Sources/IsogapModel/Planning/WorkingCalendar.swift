/// The days people work: every day except the weekend days and the holidays.
///
/// A calendar always has at least one working day a week, so "the next working day" exists for
/// every date; that is why the initialiser fails for a weekend of all seven days.
public struct WorkingCalendar: Sendable, Hashable {
    /// Days of the week nobody works.
    public let weekend: Set<Weekday>
    /// Dates nobody works (on top of the weekend).
    public let holidays: Set<CalendarDate>
    /// Holidays that fall on a working weekday, as day numbers in ascending order (for counting).
    private let workdayHolidays: [Int]

    /// A calendar, or `nil` when the weekend covers the whole week.
    public init?(weekend: some Sequence<Weekday>, holidays: some Sequence<CalendarDate>) {
        let weekend = Set(weekend)
        guard weekend.count < Weekday.allCases.count else { return nil }
        self.weekend = weekend
        self.holidays = Set(holidays)
        workdayHolidays = self.holidays.filter { !weekend.contains($0.weekday) }.map(\.dayNumber).sorted()
    }

    /// The calendar of a workspace's plan settings, or `nil` when the weekend covers the whole week.
    public init?(_ settings: PlanSettings) {
        self.init(weekend: settings.weekend, holidays: settings.holidays)
    }

    /// Whether people work on `date`.
    public func isWorkingDay(_ date: CalendarDate) -> Bool {
        !weekend.contains(date.weekday) && !holidays.contains(date)
    }

    /// `date` itself when it is a working day, else the first working day after it.
    public func nextWorkingDay(onOrAfter date: CalendarDate) -> CalendarDate {
        var day = date
        while !isWorkingDay(day) { day = day.adding(days: 1) }
        return day
    }

    /// `date` itself when it is a working day, else the last working day before it.
    public func previousWorkingDay(onOrBefore date: CalendarDate) -> CalendarDate {
        var day = date
        while !isWorkingDay(day) { day = day.adding(days: -1) }
        return day
    }

    /// The working day `count` working days after `date` (before it when `count` is negative).
    ///
    /// `date` is first moved to a working day (forwards for `count >= 0`, backwards otherwise), so
    /// `adding(workingDays: 0, to: saturday)` is the following Monday in a Saturday–Sunday week,
    /// and a task of `d` working days that starts on working day `s` finishes on
    /// `adding(workingDays: d - 1, to: s)`.
    public func adding(workingDays count: Int, to date: CalendarDate) -> CalendarDate {
        if count >= 0 {
            var day = nextWorkingDay(onOrAfter: date)
            for _ in 0..<count { day = nextWorkingDay(onOrAfter: day.adding(days: 1)) }
            return day
        }
        var day = previousWorkingDay(onOrBefore: date)
        for _ in 0..<(-count) { day = previousWorkingDay(onOrBefore: day.adding(days: -1)) }
        return day
    }

    /// The number of working days from `start` through `end`, both included; 0 when `end` is
    /// before `start`.
    public func workingDays(from start: CalendarDate, through end: CalendarDate) -> Int {
        let first = start.dayNumber, last = end.dayNumber
        guard last >= first else { return 0 }
        let span = last - first + 1
        let perWeek = Weekday.allCases.count - weekend.count
        var count = span / 7 * perWeek
        var day = start.adding(days: span / 7 * 7)
        for _ in 0..<(span % 7) {
            if !weekend.contains(day.weekday) { count += 1 }
            day = day.adding(days: 1)
        }
        return count - holidayCount(from: first, through: last)
    }

    /// Holidays on working weekdays between two day numbers, both included.
    private func holidayCount(from first: Int, through last: Int) -> Int {
        lowerBound(last + 1) - lowerBound(first)
    }

    /// The index of the first work-day holiday on or after `dayNumber`.
    private func lowerBound(_ dayNumber: Int) -> Int {
        var low = 0, high = workdayHolidays.count
        while low < high {
            let middle = (low + high) / 2
            if workdayHolidays[middle] < dayNumber { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
