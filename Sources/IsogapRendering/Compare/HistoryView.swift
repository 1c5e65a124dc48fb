public import IsogapModel

/// `isogap history` as Markdown, HTML (with SVG line charts), JSON and CSV (SPEC §13): the
/// combined, checklist and top-level clause percent of each assessment, oldest first.
public struct HistoryView: Sendable {
    public var history: ScoreHistory
    public var language: ReportLanguage
    public var labels: LabelCatalog

    public init(history: ScoreHistory, language: ReportLanguage, labels: LabelCatalog) {
        self.history = history
        self.language = language
        self.labels = labels
    }

    func label(_ key: String) -> String { labels.text(key, language) }

    /// The name of a series in the view's language.
    func name(_ series: ScoreHistory.Series) -> String {
        guard series.checklist != nil else { return label("combined") }
        let title = series.title.resolved(language.rawValue)
        return series.clause.map { "\($0) \(title)" } ?? title
    }

    var dates: [String] { history.snapshots.map(\.assessmentDate.description) }

    /// Tables: the combined and checklist scores, then one per checklist with its clauses.
    func tables() -> [(title: String, rows: [[String]])] {
        let header = [label("history_series")] + dates + [label("history_change")]
        func row(_ series: ScoreHistory.Series) -> [String] {
            [name(series)] + series.values.map(Figures.percent) + [CompareView.delta(series.change)]
        }
        var tables = [
            (label("compare_scores"), [header, row(history.combined)] + history.checklists.map { row($0.checklist) })
        ]
        for (checklist, clauses) in history.checklists where !clauses.isEmpty {
            tables.append(
                (
                    "\(label("compare_clauses")): \(name(checklist))",
                    [header] + clauses.map(row)
                ))
        }
        return tables
    }

    public func markdown() -> String {
        var lines = ["# \(MarkdownText.escape(label("history_title")))", ""]
        for warning in history.warnings {
            lines += [
                "**\(MarkdownText.escape(label("compare_warning")))**: \(MarkdownText.escape(CompareView.text(of: warning, language: language, labels: labels)))",
                "",
            ]
        }
        for (title, rows) in tables() {
            lines += ["## \(MarkdownText.escape(title))", ""]
            for (index, row) in rows.enumerated() {
                lines.append("| " + row.map(MarkdownText.escape).joined(separator: " | ") + " |")
                if index == 0 { lines.append("|" + row.indices.map { $0 == 0 ? "---|" : "---:|" }.joined()) }
            }
            lines.append("")
        }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    public func html() -> String {
        var body = "<h1>\(HTMLText.escape(label("history_title")))</h1>\n"
        for warning in history.warnings {
            body +=
                "<p class=\"warning\">\(HTMLText.escape(label("compare_warning"))): \(HTMLText.escape(CompareView.text(of: warning, language: language, labels: labels)))</p>\n"
        }
        body +=
            "<figure>"
            + chart([history.combined] + history.checklists.map(\.checklist), title: label("history_chart"))
            + "<figcaption>\(HTMLText.escape(label("history_chart")))</figcaption></figure>\n"
        for (checklist, clauses) in history.checklists where !clauses.isEmpty {
            let title = label("history_clause_chart").replacingAll(
                "{checklist}", with: name(checklist))
            body +=
                "<figure>" + chart(clauses, title: title)
                + "<figcaption>\(HTMLText.escape(title))</figcaption></figure>\n"
        }
        for (title, rows) in tables() {
            body += CompareView.html(
                CompareView.Table(title: title, rows: rows, figures: Set(1..<(rows.first?.count ?? 1))))
        }
        return CompareView.page(language: language, title: label("history_title"), body: body)
    }

    /// A line chart of `series` over the assessment dates, 0–100% upwards, dates along the reading
    /// direction (right to left in Arabic), each line named in a legend beside its colour.
    func chart(_ series: [ScoreHistory.Series], title: String) -> String {
        let width = 720.0, plotStart = 48.0, plotEnd = 520.0, top = 16.0, plotHeight = 200.0
        let legendStart = plotEnd + 24, rowHeight = 18.0
        let height = max(top + plotHeight + 40, top + Double(series.count) * rowHeight + 8)
        var svg = SVGWriter(width: width, height: height, rightToLeft: language.isRightToLeft)
        func y(_ percent: Double) -> Double { top + plotHeight * (1 - percent / 100) }
        let count = history.snapshots.count
        func x(_ index: Int) -> Double {
            count > 1
                ? plotStart + (plotEnd - plotStart) * Double(index) / Double(count - 1) : (plotStart + plotEnd) / 2
        }
        for tick in stride(from: 0, through: 100, by: 25) {
            svg.line(
                x1: plotStart, y1: y(Double(tick)), x2: plotEnd, y2: y(Double(tick)),
                className: tick == 0 ? "axis" : "grid")
            svg.text(
                tick == 100 ? "100%" : String(tick), x: plotStart - 6, y: y(Double(tick)) + 4, anchor: .end,
                className: "tick", leftToRight: true)
        }
        for (index, date) in dates.enumerated() {
            svg.text(
                date, x: x(index), y: top + plotHeight + 18, anchor: .middle, className: "tick", leftToRight: true)
        }
        for (number, line) in series.enumerated() {
            let style = "s\(number % 8)"
            let points = line.values.enumerated().compactMap { index, value in value.map { (x(index), y($0), $0) } }
            for (from, to) in zip(points, points.dropFirst()) {
                svg.line(x1: from.0, y1: from.1, x2: to.0, y2: to.1, className: "line \(style)")
            }
            for point in points {
                svg.rect(
                    x: point.0 - 3, y: point.1 - 3, width: 6, height: 6, className: style, cornerRadius: 3,
                    tooltip: "\(name(line)): \(Figures.percent(point.2))")
            }
            let legendY = top + Double(number) * rowHeight
            svg.rect(x: legendStart, y: legendY + 4, width: 12, height: 4, className: style)
            svg.text(
                SVGWriter.truncated(name(line), to: 26), x: legendStart + 18, y: legendY + 10, anchor: .start,
                className: "label")
        }
        return svg.markup(label: title, className: "history-chart")
    }

    /// JSON: the snapshots in order, each with its combined, checklist and top-level clause percent.
    public func json() -> JSONValue {
        .object([
            ("isogap", .number(1)),
            (
                "snapshots",
                .array(
                    history.snapshots.map { snapshot in
                        .object([
                            ("organization", .string(snapshot.organization)),
                            ("assessment_date", .string(snapshot.assessmentDate.description)),
                            ("combined", .number(snapshot.combined)),
                            (
                                "checklists",
                                .array(
                                    snapshot.checklists.map { checklist in
                                        .object([
                                            ("id", .string(checklist.id)),
                                            ("version", .string(checklist.version)),
                                            ("percent", .number(checklist.percent)),
                                            (
                                                "clauses",
                                                .array(
                                                    checklist.clauses.map {
                                                        .object([
                                                            ("id", .string($0.id)), ("percent", .number($0.percent)),
                                                        ])
                                                    })
                                            ),
                                        ])
                                    })
                            ),
                        ])
                    })
            ),
            ("warnings", .array(history.warnings.map { .string($0.description) })),
        ])
    }

    /// CSV in long form: one row per assessment and figure.
    public func csv() -> String {
        var writer = CSVWriter(header: ["assessment_date", "organization", "checklist", "clause", "percent"])
        for snapshot in history.snapshots {
            let date = snapshot.assessmentDate.description
            writer.append([date, snapshot.organization, "", "", CompareView.number(snapshot.combined)])
            for checklist in snapshot.checklists {
                writer.append([date, snapshot.organization, checklist.id, "", CompareView.number(checklist.percent)])
                for clause in checklist.clauses {
                    writer.append(
                        [date, snapshot.organization, checklist.id, clause.id, CompareView.number(clause.percent)])
                }
            }
        }
        return writer.text
    }
}
