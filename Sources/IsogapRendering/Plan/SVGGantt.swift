internal import IsogapModel

/// A Gantt chart as inline SVG: a time axis of months, one bar per row from its first to the end
/// of its last day, diamonds for milestones, shaded holidays and a dashed line for today.
///
/// Time runs from the start edge, so in a right-to-left chart it runs from right to left. Several
/// charts drawn over the same `range` line up, which lets a long plan be split into charts that
/// each fit on a printed page.
struct SVGGantt {
    enum Style: String {
        case phase, task, critical
    }

    struct Row {
        /// A short left-to-right key (task number); empty for none.
        var key: String
        var label: String
        var start: CalendarDate
        /// The last day of the bar (inclusive).
        var finish: CalendarDate
        var style: Style
        /// A milestone drawn at the end of this day, with its date printed beside it.
        var milestone: CalendarDate?
        /// Hover text of the bar.
        var tooltip: String
    }

    var rows: [Row]
    /// The days the time axis covers (both ends included).
    var range: ClosedRange<CalendarDate>
    var today: CalendarDate?
    /// The word written at today's line.
    var todayLabel: String
    /// Month names, January first.
    var monthNames: [String]
    var holidays: [CalendarDate]
    var title: String
    var rightToLeft: Bool
    var rowHeight = 18.0
    /// Room kept after the time axis for the dates of milestones at its end.
    var trailingRoom = 0.0

    static let width = 720.0
    static let keyWidth = 26.0
    static let chartStart = 244.0
    static let chartEnd = 712.0
    static let headerHeight = 34.0
    /// Where month lines begin: below the month names, so that no line runs through a name.
    static let monthLineTop = 18.0
    /// Characters of a label that fit before the chart.
    static let labelCharacters = 38

    var svg: String {
        let height = Self.headerHeight + Double(rows.count) * rowHeight + 6
        let bottom = height - 4
        var writer = SVGWriter(width: Self.width, height: height, rightToLeft: rightToLeft)
        let first = range.lowerBound.dayNumber
        let days = Double(range.upperBound.dayNumber - first + 1)
        let chartEnd = Self.chartEnd - trailingRoom
        let dayWidth = (chartEnd - Self.chartStart) / days
        func x(_ date: CalendarDate, endOfDay: Bool = false) -> Double {
            Self.chartStart + Double(date.dayNumber - first + (endOfDay ? 1 : 0)) * dayWidth
        }

        for holiday in holidays where range.contains(holiday) {
            writer.rect(
                x: x(holiday), y: Self.headerHeight - 2, width: dayWidth, height: bottom - Self.headerHeight + 2,
                className: "holiday", tooltip: holiday.description)
        }
        drawMonths(&writer, x: { x($0) }, dayWidth: dayWidth, bottom: bottom)

        for (index, row) in rows.enumerated() {
            let top = Self.headerHeight + Double(index) * rowHeight
            let baseline = top + rowHeight / 2 + 3.5
            if !row.key.isEmpty {
                writer.text(row.key, x: 4, y: baseline, anchor: .start, className: "key", leftToRight: true)
            }
            let label = SVGWriter.truncated(
                row.label, to: row.key.isEmpty ? Self.labelCharacters + 4 : Self.labelCharacters)
            writer.text(
                label, x: row.key.isEmpty ? 4 : Self.keyWidth, y: baseline, anchor: .start,
                className: "label \(row.style)", tooltip: label == row.label ? nil : row.label)
            let start = max(row.start, range.lowerBound), finish = min(row.finish, range.upperBound)
            if start <= finish {
                let barHeight = row.style == .phase ? rowHeight * 0.5 : rowHeight * 0.6
                writer.rect(
                    x: x(start), y: top + (rowHeight - barHeight) / 2,
                    width: max(1.5, x(finish, endOfDay: true) - x(start)), height: barHeight,
                    className: "gantt-bar \(row.style)", tooltip: row.tooltip)
            }
            if let milestone = row.milestone, range.contains(milestone) {
                let centre = x(milestone, endOfDay: true), middle = top + rowHeight / 2, size = rowHeight * 0.36
                writer.polygon(
                    [
                        (centre, middle - size), (centre + size, middle), (centre, middle + size),
                        (centre - size, middle),
                    ], className: "milestone", tooltip: milestone.description)
                // The date beside the diamond, before it when there is no room after it.
                let after = centre + size + 3 + 58 <= Self.width - 2
                writer.text(
                    milestone.description, x: after ? centre + size + 3 : centre - size - 3, y: baseline,
                    anchor: after ? .start : .end, className: "milestone-date", leftToRight: true)
            }
        }

        if let today, range.contains(today) {
            let line = x(today) + dayWidth / 2
            writer.line(x1: line, y1: Self.headerHeight - 12, x2: line, y2: bottom, className: "today")
            let room = line + 4 + 80 <= chartEnd
            writer.text(
                // The date in a left-to-right isolate (LRI … PDI): right-to-left text around it
                // would otherwise reorder its parts.
                "\(todayLabel) \u{2066}\(today)\u{2069}", x: room ? line + 3 : line - 3, y: Self.headerHeight - 5,
                anchor: room ? .start : .end, className: "today-label")
        }
        return writer.markup(label: title, className: "chart gantt")
    }

    /// Month boundaries as lines below the header, and each month's name in the header starting
    /// at its own line, with the year on the first name of each year. The longest form that fits
    /// in the month is used (the year dropped, then a three-letter Latin abbreviation); a month too
    /// narrow for any may run into the next one when that leaves room, and the next month's name
    /// is then left out. A month cut by the start of the chart is named only when its name fits in
    /// the part shown, so the first name always stands over its own month.
    ///
    /// The year is due on the first name of each year: a form with it is preferred, and it may run
    /// into the next month (whose name is then left out), except for the month cut by the start.
    private func drawMonths(
        _ writer: inout SVGWriter, x: (CalendarDate) -> Double, dayWidth: Double, bottom: Double
    ) {
        var month = CalendarDate(year: range.lowerBound.year, month: range.lowerBound.month, day: 1) ?? range.lowerBound
        var labelledYear: Int?
        var free = Self.chartStart
        let end = x(range.upperBound) + dayWidth
        while month <= range.upperBound {
            let next =
                month.month == 12
                ? CalendarDate(year: month.year + 1, month: 1, day: 1)
                : CalendarDate(year: month.year, month: month.month + 1, day: 1)
            let whole = month >= range.lowerBound
            if whole {
                writer.line(x1: x(month), y1: Self.monthLineTop, x2: x(month), y2: bottom, className: "month")
            }
            if monthNames.count == 12 {
                let left = x(max(month, range.lowerBound)) + 3
                let right = min(next.map { x($0) } ?? end, end) - 3
                let needsYear = labelledYear != month.year
                let candidates = Self.monthLabels(monthNames[month.month - 1], year: needsYear ? month.year : nil)
                let withYear = candidates.filter { $0.hasSuffix(String(month.year)) }
                func fits(_ label: String) -> Bool { left + Self.textWidth(label) <= right }
                // A form with the year inside the month; else, for a whole month, the shortest form
                // with the year running into the next month; else a form without the year.
                let label =
                    withYear.first(where: fits)
                    ?? withYear.last.flatMap { whole && left + Self.textWidth($0) <= Self.width - 2 ? $0 : nil }
                    ?? candidates.first(where: fits)
                if let label, left >= free {
                    writer.text(label, x: left, y: 14, anchor: .start, className: "month-label")
                    if label.hasSuffix(String(month.year)) { labelledYear = month.year }
                    free = left + Self.textWidth(label) + 4
                }
            }
            guard let next else { break }
            month = next
        }
        writer.line(x1: Self.chartStart, y1: Self.monthLineTop, x2: Self.chartStart, y2: bottom, className: "axis")
    }

    /// The forms a month's name can take in the header, longest first.
    static func monthLabels(_ name: String, year: Int?) -> [String] {
        let short = name.unicodeScalars.allSatisfy(\.isASCII) && name.count > 3 ? String(name.prefix(3)) : nil
        var forms: [String] = []
        if let year {
            forms.append("\(name) \(year)")
            if let short { forms.append("\(short) \(year)") }
        }
        forms.append(name)
        if let short { forms.append(short) }
        return forms
    }

    /// The width of a header label in 10-unit text: about 6.5 units a character (Arabic letters
    /// are wider than Latin ones, digits narrower), generous rather than tight.
    static func textWidth(_ text: String) -> Double {
        Double(text.count) * 6.5
    }
}
