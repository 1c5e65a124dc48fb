internal import IsogapModel

/// The report's "measured indicators" section (SPEC §9 v2, §12): every KPI read against the latest
/// period or wave, with its interval, target, n, outcome and the requirements it supports. One
/// place for the rows of every format, so the Markdown, HTML, JSON and CSV reports say the same.
enum MeasuredIndicators {
    /// One KPI as the report templates show it.
    struct Row {
        var kpi: String
        var title: String
        var period: String
        var value: String
        /// "low–high", or a dash for measures without an interval.
        var interval: String
        /// The target with its direction, such as "≥ 80".
        var target: String
        var n: String
        /// met, missed, or insufficient data with the minimum n.
        var outcome: String
        /// `met`, `missed` or `insufficient`, for styling.
        var outcomeClass: String
        /// The CSS class of the outcome's badge (a grade colour: green, orange, grey).
        var badgeClass: String
        /// Supported requirements as `checklist:requirement`, space-separated.
        var supports: String
        /// The same keys one by one, for markup that wraps between them.
        var supportList: [String]
    }

    static func outcomeClass(_ result: KPIResult) -> String {
        guard result.sufficient else { return "insufficient" }
        return result.met == true ? "met" : "missed"
    }

    static func outcome(_ result: KPIResult, _ input: ReportInput) -> String {
        switch outcomeClass(result) {
        case "met": input.label("measure_met_yes")
        case "missed": input.label("measure_met_no")
        default:
            input.label("measure_insufficient_n").replacingAll("{min_n}", with: String(result.kpi.minN))
        }
    }

    static func target(_ result: KPIResult) -> String {
        "\(result.kpi.better == .higher ? "≥" : "≤") \(MeasureRounding.text(result.kpi.target))"
    }

    static func rows(_ input: ReportInput) -> [Row] {
        input.kpis.map { result in
            let interval: String =
                if let low = result.low, let high = result.high {
                    "\(MeasureRounding.text(low))–\(MeasureRounding.text(high))"
                } else {
                    "—"
                }
            let outcome = outcomeClass(result)
            return Row(
                kpi: result.kpi.id, title: input.text(result.kpi.title), period: result.period ?? "—",
                value: result.value.map(MeasureRounding.text) ?? "—", interval: interval, target: target(result),
                n: String(result.n), outcome: self.outcome(result, input), outcomeClass: outcome,
                badgeClass: ["met": "grade-good-practice", "missed": "grade-minor"][outcome] ?? "grade-conforming",
                supports: result.kpi.supports.map(\.description).joined(separator: " "),
                supportList: result.kpi.supports.map(\.description))
        }
    }

    /// The JSON report's `measured_indicators`: the `kpis` of `isogap measure --format json` with
    /// the title in the report language, the interval (`low`, `high`, null without one) and `min_n`.
    static func json(_ input: ReportInput) -> JSONValue {
        .array(
            input.kpis.map { result in
                .object([
                    ("id", .string(result.kpi.id)),
                    ("measure", .string(result.kpi.measure)),
                    ("title", .string(input.text(result.kpi.title))),
                    ("period", .string(result.period)),
                    ("value", .number(result.value)),
                    ("low", .number(result.low)),
                    ("high", .number(result.high)),
                    ("target", .number(result.kpi.target)),
                    ("better", .string(result.kpi.better.rawValue)),
                    ("n", .integer(result.n)),
                    ("min_n", .integer(result.kpi.minN)),
                    ("sufficient", .bool(result.sufficient)),
                    ("met", result.met.map { .bool($0) } ?? .null),
                    ("supports", .array(result.kpi.supports.map { .string($0.description) })),
                ])
            })
    }

    /// The CSV report's `measured` cell of a requirement: every KPI that supports it, as
    /// `<kpi> <period> <value> <met|missed|insufficient>`, separated by "; " (empty when none).
    static func csvCell(checklist: String, requirement: String, _ input: ReportInput) -> String {
        input.measured.filter { $0.checklist == checklist && $0.requirement == requirement }.map { reading in
            let result = reading.result
            return [
                result.kpi.id, result.period ?? "-", result.value.map(MeasureRounding.text) ?? "-",
                outcomeClass(result),
            ].joined(separator: " ")
        }.joined(separator: "; ")
    }
}
