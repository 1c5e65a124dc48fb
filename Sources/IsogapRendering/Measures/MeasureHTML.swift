internal import IsogapModel

/// `isogap measure --format html`: the tables of the text view and inline SVG charts — a trend
/// per complaint KPI with its target line and interval band, a Pareto chart of the latest
/// period's categories, and the importance–performance quadrant of the latest wave.
extension MeasureView {
    public func html() -> String {
        let rtl = language == .ar
        var body = "<h1>\(SVGWriter.escape(label("measure_title")))</h1>\n"
        for (title, rows) in tables() {
            body += "<h2>\(SVGWriter.escape(title))</h2>\n<table>\n"
            for (index, row) in rows.enumerated() {
                let cell = index == 0 ? "th" : "td"
                body +=
                    "<tr>" + row.map { "<\(cell)><bdi>\(SVGWriter.escape($0))</bdi></\(cell)>" }.joined() + "</tr>\n"
            }
            body += "</table>\n"
        }
        for result in report.kpis where KPI.complaintMeasures.contains(result.kpi.measure) && report.periods.count > 0 {
            body += "<figure>" + trendChart(result.kpi, rightToLeft: rtl) + "</figure>\n"
        }
        if let latest = report.periods.last, !latest.measures.categories.isEmpty {
            body += "<figure>" + paretoChart(latest, rightToLeft: rtl) + "</figure>\n"
        }
        if let wave = report.surveys.last, !wave.attributes.isEmpty {
            body += "<figure>" + quadrantChart(wave, rightToLeft: rtl) + "</figure>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)" dir="\(rtl ? "rtl" : "ltr")">
            <head>
            <meta charset="utf-8">
            <title>\(SVGWriter.escape(label("measure_title")))</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2em; max-width: 70em; }
            table { border-collapse: collapse; margin-bottom: 1.5em; }
            th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; text-align: end; }
            th:first-child, td:first-child { text-align: start; }
            figure { margin: 1em 0; max-width: 44em; }
            .axis { stroke: #555; stroke-width: 1; }
            .target { stroke: #c0392b; stroke-width: 1.5; stroke-dasharray: 4 3; }
            .band { fill: #aed6f1; opacity: 0.6; }
            .trend { stroke: #1f618d; stroke-width: 2; fill: none; }
            .point { fill: #1f618d; }
            .bar { fill: #5dade2; }
            .vital { fill: #1f618d; }
            .label { font-size: 11px; fill: #222; }
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    /// A KPI's measure across the periods: the line, the Wilson band for shares, the target line.
    func trendChart(_ kpi: KPI, rightToLeft: Bool) -> String {
        let periods = report.periods
        let width = 640.0, height = 220.0, left = 40.0, right = 20.0, top = 20.0, bottom = 40.0
        var points: [(x: Double, value: Double, low: Double?, high: Double?)] = []
        let step = periods.count > 1 ? (width - left - right) / Double(periods.count - 1) : 0
        for (index, period) in periods.enumerated() {
            let (value, _) = period.measures.reading(kpi.measure)
            guard let value else { continue }
            let share = shareOf(period.measures, kpi.measure)
            points.append((left + step * Double(index), value, share?.low, share?.high))
        }
        let values = points.flatMap { [$0.value, $0.low ?? $0.value, $0.high ?? $0.value] } + [kpi.target]
        let maxValue = max(1, (values.max() ?? 1) * 1.1)
        let minValue = min(0, values.min() ?? 0)
        func y(_ value: Double) -> Double {
            top + (height - top - bottom) * (1 - (value - minValue) / (maxValue - minValue))
        }
        var svg = SVGWriter(width: width, height: height, rightToLeft: rightToLeft)
        svg.line(x1: left, y1: y(minValue), x2: width - right, y2: y(minValue), className: "axis")
        svg.line(x1: left, y1: top, x2: left, y2: y(minValue), className: "axis")
        let banded = points.filter { $0.low != nil && $0.high != nil }
        if banded.count > 1 {
            svg.polygon(
                banded.map { ($0.x, y($0.high ?? 0)) } + banded.reversed().map { ($0.x, y($0.low ?? 0)) },
                className: "band")
        }
        for (a, b) in zip(points, points.dropFirst()) {
            svg.line(x1: a.x, y1: y(a.value), x2: b.x, y2: y(b.value), className: "trend")
        }
        for point in points {
            svg.rect(
                x: point.x - 3, y: y(point.value) - 3, width: 6, height: 6, className: "point",
                tooltip: MeasureRounding.text(Rounding.halfAwayFromZero(point.value, places: 2)))
        }
        svg.line(x1: left, y1: y(kpi.target), x2: width - right, y2: y(kpi.target), className: "target")
        svg.text(
            "\(label("measure_target")) \(MeasureRounding.text(kpi.target))", x: width - right, y: y(kpi.target) - 4,
            anchor: .end, className: "label")
        for (index, period) in periods.enumerated() where periods.count <= 12 || index % 3 == 0 {
            svg.text(
                period.period, x: left + step * Double(index), y: height - bottom + 16, anchor: .middle,
                className: "label", leftToRight: true)
        }
        return svg.markup(label: "\(kpi.id): \(kpi.title.resolved(language.rawValue))", className: "trend-chart")
    }

    func shareOf(_ measures: ComplaintMeasures, _ name: String) -> Share? {
        switch name {
        case "ack_within_target": measures.ackWithinTarget
        case "closed_within_target": measures.closedWithinTarget
        case "reopen_rate": measures.reopenRate
        case "upheld_rate": measures.upheldRate
        case "first_stage_rate": measures.firstStageRate
        case "repeat_rate": measures.repeatRate
        case "handling_satisfaction": measures.handlingSatisfaction
        default: nil
        }
    }

    /// Bars of complaints per category, largest first, the vital few darker, with the cumulative line.
    func paretoChart(_ period: PeriodMeasures, rightToLeft: Bool) -> String {
        let categories = Array(period.measures.categories.prefix(12))
        let width = 640.0, height = 260.0, left = 40.0, right = 40.0, top = 20.0, bottom = 80.0
        let slot = (width - left - right) / Double(max(1, categories.count))
        let maxCount = Double(categories.map(\.count).max() ?? 1)
        let plot = height - top - bottom
        var svg = SVGWriter(width: width, height: height, rightToLeft: rightToLeft)
        svg.line(x1: left, y1: top + plot, x2: width - right, y2: top + plot, className: "axis")
        var previous: (Double, Double)?
        for (index, category) in categories.enumerated() {
            let x = left + slot * Double(index)
            let barHeight = plot * Double(category.count) / maxCount
            svg.rect(
                x: x + slot * 0.15, y: top + plot - barHeight, width: slot * 0.7, height: barHeight,
                className: period.measures.vitalFew.contains(category.name) ? "vital" : "bar",
                tooltip: "\(category.name): \(category.count)")
            svg.text(
                SVGWriter.truncated(category.name, to: 14), x: x + slot / 2, y: top + plot + 14, anchor: .middle,
                className: "label")
            let point = (x + slot / 2, top + plot * (1 - category.cumulativeShare / 100))
            if let previous { svg.line(x1: previous.0, y1: previous.1, x2: point.0, y2: point.1, className: "trend") }
            previous = point
        }
        svg.line(x1: left, y1: top + plot * 0.2, x2: width - right, y2: top + plot * 0.2, className: "target")
        svg.text(
            "80%", x: width - right + 4, y: top + plot * 0.2 + 4, anchor: .start, className: "label", leftToRight: true)
        return svg.markup(label: "\(label("measure_categories")) \(period.period)", className: "pareto-chart")
    }

    /// Attributes placed by performance (across) and importance (up), with the mean lines.
    func quadrantChart(_ wave: SurveyMeasures, rightToLeft: Bool) -> String {
        let size = 360.0, margin = 40.0
        func x(_ p: Double) -> Double { margin + (size - 2 * margin) * (p - 1) / 4 }
        func y(_ i: Double) -> Double { size - margin - (size - 2 * margin) * (i - 1) / 4 }
        var svg = SVGWriter(width: size, height: size, rightToLeft: rightToLeft)
        svg.line(x1: margin, y1: size - margin, x2: size - margin, y2: size - margin, className: "axis")
        svg.line(x1: margin, y1: margin, x2: margin, y2: size - margin, className: "axis")
        let attributes = wave.attributes
        let meanP = attributes.reduce(0) { $0 + $1.performance } / Double(max(1, attributes.count))
        let meanI = attributes.reduce(0) { $0 + $1.importance } / Double(max(1, attributes.count))
        svg.line(x1: x(meanP), y1: margin, x2: x(meanP), y2: size - margin, className: "target")
        svg.line(x1: margin, y1: y(meanI), x2: size - margin, y2: y(meanI), className: "target")
        for attribute in attributes {
            svg.rect(
                x: x(attribute.performance) - 3, y: y(attribute.importance) - 3, width: 6, height: 6,
                className: "point",
                tooltip:
                    "\(attribute.name): P \(MeasureRounding.text(MeasureRounding.mean(attribute.performance))), I \(MeasureRounding.text(MeasureRounding.mean(attribute.importance)))"
            )
            svg.text(
                SVGWriter.truncated(attribute.name, to: 18), x: x(attribute.performance) + 6,
                y: y(attribute.importance) - 4, anchor: .start, className: "label")
        }
        svg.text(label("measure_performance"), x: size / 2, y: size - 8, anchor: .middle, className: "label")
        svg.text(label("measure_importance"), x: 4, y: margin - 8, anchor: .start, className: "label")
        return svg.markup(label: "\(label("measure_attributes")) \(wave.wave)", className: "quadrant-chart")
    }
}
