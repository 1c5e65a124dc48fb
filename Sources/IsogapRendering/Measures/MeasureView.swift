public import IsogapModel

/// `isogap measure` as text, Markdown and CSV: the complaint measures per period and for all
/// data, the survey waves, the KPIs and the categories of the latest period.
public struct MeasureView: Sendable {
    public var report: MeasureReport
    public var language: ReportLanguage
    public var labels: LabelCatalog

    public init(report: MeasureReport, language: ReportLanguage, labels: LabelCatalog) {
        self.report = report
        self.language = language
        self.labels = labels
    }

    func label(_ key: String) -> String { labels.text(key, language) }

    /// Complaint measures in output order, with how each is read.
    static let complaintRows: [(name: String, kind: Kind)] = [
        ("received", .count), ("per_1000", .mean), ("ack_days_median", .days), ("ack_days_p90", .days),
        ("ack_within_target", .share), ("resolution_days_median", .days), ("resolution_days_p90", .days),
        ("closed_within_target", .share), ("open_at_end", .count), ("reopen_rate", .share), ("upheld_rate", .share),
        ("first_stage_rate", .share), ("repeat_rate", .share), ("handling_satisfaction", .share),
    ]

    static let surveyRows: [(name: String, kind: Kind)] = [
        ("responses", .count), ("response_rate", .days), ("csat", .share), ("overall_mean", .mean),
        ("ces_mean", .mean), ("ces_easy", .share), ("nps", .share), ("index", .days),
    ]

    enum Kind { case count, mean, days, share }

    /// A figure as text: `-` when it has no data.
    static func figure(_ value: Double?, _ kind: Kind) -> String {
        guard let value else { return "-" }
        switch kind {
        case .count: return MeasureRounding.text(value)
        case .mean: return MeasureRounding.text(MeasureRounding.mean(value))
        case .days, .share: return MeasureRounding.text(MeasureRounding.share(value))
        }
    }

    /// A share as `92.4 (89.1–94.8)`.
    static func share(_ share: Share) -> String {
        guard let value = share.value else { return "-" }
        let interval =
            share.low.flatMap { low in
                share.high.map { " (\(figure(low, .share))–\(figure($0, .share)))" }
            } ?? ""
        return figure(value, .share) + interval
    }

    func complaintCell(_ measures: ComplaintMeasures, _ name: String, _ kind: Kind) -> String {
        switch name {
        case "ack_within_target": Self.share(measures.ackWithinTarget)
        case "closed_within_target": Self.share(measures.closedWithinTarget)
        case "reopen_rate": Self.share(measures.reopenRate)
        case "upheld_rate": Self.share(measures.upheldRate)
        case "first_stage_rate": Self.share(measures.firstStageRate)
        case "repeat_rate": Self.share(measures.repeatRate)
        case "handling_satisfaction": Self.share(measures.handlingSatisfaction)
        default: Self.figure(measures.reading(name).0, kind)
        }
    }

    func surveyCell(_ measures: SurveyMeasures, _ name: String, _ kind: Kind) -> String {
        switch name {
        case "csat": Self.share(measures.csat)
        case "ces_easy": Self.share(measures.cesEasy)
        case "nps": Self.share(measures.nps)
        default: Self.figure(measures.reading(name).0, kind)
        }
    }

    /// The tables of the view: a title and rows, the first row being the header.
    func tables() -> [(title: String, rows: [[String]])] {
        var tables: [(String, [[String]])] = []
        if let all = report.all {
            let periods = report.periods
            var rows: [[String]] = [[label("measure")] + periods.map(\.period) + [label("measure_all_data")]]
            for (name, kind) in Self.complaintRows {
                rows.append(
                    [label("measure_" + name)] + periods.map { complaintCell($0.measures, name, kind) }
                        + [complaintCell(all, name, kind)])
            }
            tables.append(("\(label("measure_complaints")) (\(label("measure_per_" + report.period.rawValue)))", rows))
            if let latest = periods.last {
                var categories: [[String]] = [
                    [label("measure_category"), label("measure_count"), label("measure_cumulative")]
                ]
                for category in latest.measures.categories {
                    let vital = latest.measures.vitalFew.contains(category.name) ? " *" : ""
                    categories.append(
                        [
                            category.name + vital, String(category.count),
                            Self.figure(category.cumulativeShare, .share),
                        ])
                }
                tables.append(
                    ("\(label("measure_categories")) \(latest.period) (* \(label("measure_vital_few")))", categories))
            }
        }
        if !report.surveys.isEmpty {
            var rows: [[String]] = [[label("measure")] + report.surveys.map(\.wave)]
            for (name, kind) in Self.surveyRows {
                rows.append([label("measure_" + name)] + report.surveys.map { surveyCell($0, name, kind) })
            }
            rows.append(
                [label("measure_change_csat")]
                    + report.surveys.map { wave in
                        guard let change = wave.change, let difference = change.csatDifference else { return "-" }
                        return
                            "\(Self.signed(difference)) (p = \(change.csatP.map { MeasureRounding.text(MeasureRounding.pValue($0)) } ?? "-"))"
                    })
            rows.append(
                [label("measure_change_nps")]
                    + report.surveys.map { wave in
                        guard let change = wave.change, let difference = change.npsDifference else { return "-" }
                        return
                            "\(Self.signed(difference)) (p = \(change.npsP.map { MeasureRounding.text(MeasureRounding.pValue($0)) } ?? "-"))"
                    })
            tables.append((label("measure_surveys"), rows))
            if let latest = report.surveys.last, !latest.attributes.isEmpty {
                var attributes: [[String]] = [
                    [
                        label("measure_attribute"), label("measure_performance"), label("measure_importance"),
                        label("measure_quadrant"),
                    ]
                ]
                for attribute in latest.attributes {
                    attributes.append(
                        [
                            attribute.name, Self.figure(attribute.performance, .mean),
                            Self.figure(attribute.importance, .mean),
                            label("measure_quadrant_" + attribute.quadrant.rawValue.replacingOccurrences("-", "_")),
                        ])
                }
                tables.append(("\(label("measure_attributes")) \(latest.wave)", attributes))
            }
        }
        if !report.kpis.isEmpty {
            var rows: [[String]] = [
                [
                    label("measure_kpi"), label("measure_period"), label("measure_value"), label("measure_target"),
                    label("measure_n"), label("measure_met"),
                ]
            ]
            for result in report.kpis {
                let status =
                    !result.sufficient
                    ? label("measure_insufficient")
                    : result.met == true ? label("measure_met_yes") : label("measure_met_no")
                rows.append(
                    [
                        "\(result.kpi.id): \(result.kpi.title.resolved(language.rawValue))", result.period ?? "-",
                        result.value.map(MeasureRounding.text) ?? "-",
                        "\(result.kpi.better == .higher ? "≥" : "≤") \(MeasureRounding.text(result.kpi.target))",
                        String(result.n), status,
                    ])
            }
            tables.append((label("measure_kpis"), rows))
        }
        return tables
    }

    static func signed(_ value: Double) -> String {
        let text = figure(value, .share)
        return value > 0 && text != "0" ? "+" + text : text
    }

    /// Plain text for a terminal.
    public func text() -> String {
        var lines: [String] = []
        for (title, rows) in tables() {
            lines.append(title)
            lines += ScoreSummary.columns(rows, rightAligned: Set(1..<(rows.first?.count ?? 1)))
            lines.append("")
        }
        for warning in report.warnings { lines.append("warning: \(warning)") }
        return lines.joined(separator: "\n").trimmingTrailingNewlines() + "\n"
    }

    /// Markdown: a heading and a table per section.
    public func markdown() -> String {
        var lines: [String] = ["# \(label("measure_title"))", ""]
        for (title, rows) in tables() {
            lines.append("## \(MarkdownText.escape(title))")
            lines.append("")
            for (index, row) in rows.enumerated() {
                lines.append("| " + row.map(MarkdownText.escape).joined(separator: " | ") + " |")
                if index == 0 { lines.append("|" + row.indices.map { $0 == 0 ? "---|" : "---:|" }.joined()) }
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    /// CSV in long form: one row per figure.
    public func csv() -> String {
        var writer = CSVWriter(header: ["section", "period", "measure", "value", "low", "high", "n"])
        func shareRow(_ section: String, _ period: String, _ name: String, _ share: Share) {
            writer.append(
                [
                    section, period, name, share.value.map { MeasureRounding.text(MeasureRounding.share($0)) } ?? "",
                    share.low.map { MeasureRounding.text(MeasureRounding.share($0)) } ?? "",
                    share.high.map { MeasureRounding.text(MeasureRounding.share($0)) } ?? "", String(share.n),
                ])
        }
        func complaintRows(_ period: String, _ measures: ComplaintMeasures) {
            for (name, kind) in Self.complaintRows {
                switch kind {
                case .share:
                    let share: Share =
                        switch name {
                        case "ack_within_target": measures.ackWithinTarget
                        case "closed_within_target": measures.closedWithinTarget
                        case "reopen_rate": measures.reopenRate
                        case "upheld_rate": measures.upheldRate
                        case "first_stage_rate": measures.firstStageRate
                        case "repeat_rate": measures.repeatRate
                        default: measures.handlingSatisfaction
                        }
                    shareRow("complaints", period, name, share)
                default:
                    let (value, n) = measures.reading(name)
                    writer.append(
                        ["complaints", period, name, value.map { Self.figure($0, kind) } ?? "", "", "", String(n)])
                }
            }
        }
        for period in report.periods { complaintRows(period.period, period.measures) }
        if let all = report.all { complaintRows("all", all) }
        for wave in report.surveys {
            for (name, kind) in Self.surveyRows {
                switch name {
                case "csat": shareRow("survey", wave.wave, name, wave.csat)
                case "ces_easy": shareRow("survey", wave.wave, name, wave.cesEasy)
                case "nps": shareRow("survey", wave.wave, name, wave.nps)
                default:
                    let (value, n) = wave.reading(name)
                    writer.append([
                        "survey", wave.wave, name, value.map { Self.figure($0, kind) } ?? "", "", "", String(n),
                    ])
                }
            }
        }
        for result in report.kpis {
            writer.append(
                [
                    "kpi", result.period ?? "", result.kpi.id, result.value.map(MeasureRounding.text) ?? "", "", "",
                    String(result.n),
                ])
        }
        return writer.text
    }
}

extension String {
    fileprivate func replacingOccurrences(_ target: Character, _ replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }

    fileprivate func trimmingTrailingNewlines() -> String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
