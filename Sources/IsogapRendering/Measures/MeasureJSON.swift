public import IsogapModel

/// `isogap measure --format json` (SPEC §12): every figure rounded as the contract says.
public enum MeasureJSON {
    public static func document(_ report: MeasureReport) -> JSONValue {
        var complaints: JSONValue = .null
        if let all = report.all {
            complaints = .object([
                ("all", .object(members(all))),
                (
                    "periods",
                    .array(report.periods.map { .object([("period", .string($0.period))] + members($0.measures)) })
                ),
            ])
        }
        return .object([
            ("isogap", .number(1)),
            ("period", .string(report.period.rawValue)),
            ("complaints", complaints),
            ("surveys", .array(report.surveys.map { .object(members($0)) })),
            ("kpis", .array(report.kpis.map(kpi))),
        ])
    }

    /// A share as `{"value", "low", "high", "n"}`, rounded to one decimal.
    static func share(_ share: Share) -> JSONValue {
        .object([
            ("value", .number(share.value.map(MeasureRounding.share))),
            ("low", .number(share.low.map(MeasureRounding.share))),
            ("high", .number(share.high.map(MeasureRounding.share))),
            ("n", .integer(share.n)),
        ])
    }

    static func members(_ m: ComplaintMeasures) -> [(String, JSONValue)] {
        [
            ("received", .integer(m.received)),
            ("per_1000", .number(m.per1000.map(MeasureRounding.mean))),
            ("ack_days_median", .number(m.ackDaysMedian.map(MeasureRounding.share))),
            ("ack_days_p90", .number(m.ackDaysP90.map(MeasureRounding.share))),
            ("ack_within_target", share(m.ackWithinTarget)),
            ("resolution_days_median", .number(m.resolutionDaysMedian.map(MeasureRounding.share))),
            ("resolution_days_p90", .number(m.resolutionDaysP90.map(MeasureRounding.share))),
            ("closed_within_target", share(m.closedWithinTarget)),
            ("open_at_end", .integer(m.openAtEnd)),
            ("reopen_rate", share(m.reopenRate)),
            ("upheld_rate", share(m.upheldRate)),
            ("first_stage_rate", share(m.firstStageRate)),
            ("repeat_rate", share(m.repeatRate)),
            ("handling_satisfaction", share(m.handlingSatisfaction)),
            (
                "categories",
                .array(
                    m.categories.map {
                        .object([
                            ("name", .string($0.name)), ("count", .integer($0.count)),
                            ("cumulative_share", .number(MeasureRounding.share($0.cumulativeShare))),
                        ])
                    })
            ),
            ("vital_few", .array(m.vitalFew.map { .string($0) })),
        ]
    }

    static func members(_ s: SurveyMeasures) -> [(String, JSONValue)] {
        var change: JSONValue = .null
        if let c = s.change {
            change = .object([
                (
                    "csat",
                    .object([
                        ("difference", .number(c.csatDifference.map(MeasureRounding.share))),
                        ("p_value", .number(c.csatP.map(MeasureRounding.pValue))),
                    ])
                ),
                (
                    "nps",
                    .object([
                        ("difference", .number(c.npsDifference.map(MeasureRounding.share))),
                        ("p_value", .number(c.npsP.map(MeasureRounding.pValue))),
                    ])
                ),
            ])
        }
        return [
            ("wave", .string(s.wave)),
            ("responses", .integer(s.responses)),
            ("response_rate", .number(s.responseRate.map(MeasureRounding.share))),
            ("csat", share(s.csat)),
            ("overall_mean", .number(s.overallMean.map(MeasureRounding.mean))),
            ("ces_mean", .number(s.cesMean.map(MeasureRounding.mean))),
            ("ces_easy", share(s.cesEasy)),
            ("nps", share(s.nps)),
            ("index", .number(s.index.map(MeasureRounding.share))),
            (
                "attributes",
                .array(
                    s.attributes.map {
                        .object([
                            ("name", .string($0.name)),
                            ("performance", .number(MeasureRounding.mean($0.performance))),
                            ("importance", .number(MeasureRounding.mean($0.importance))),
                            ("quadrant", .string($0.quadrant.rawValue)),
                        ])
                    })
            ),
            ("change", change),
        ]
    }

    static func kpi(_ result: KPIResult) -> JSONValue {
        .object([
            ("id", .string(result.kpi.id)),
            ("measure", .string(result.kpi.measure)),
            ("period", .string(result.period)),
            ("value", .number(result.value)),
            ("target", .number(result.kpi.target)),
            ("better", .string(result.kpi.better.rawValue)),
            ("met", .bool(result.met)),
            ("n", .integer(result.n)),
            ("sufficient", .bool(result.sufficient)),
            ("supports", .array(result.kpi.supports.map { .string($0.description) })),
        ])
    }
}
