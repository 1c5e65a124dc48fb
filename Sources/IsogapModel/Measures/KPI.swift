/// A key performance indicator: a measure, a target and the requirements it bears on.
public struct KPI: Sendable, Hashable {
    public enum Better: String, Sendable, Hashable, CaseIterable {
        case higher, lower
    }

    public var id: String
    /// A measure name of SPEC §12 (see ``KPI/complaintMeasures`` and ``KPI/surveyMeasures``).
    public var measure: String
    public var title: LocalizedText
    public var target: Double
    public var better: Better
    /// Fewer observations than this make the data insufficient.
    public var minN: Int
    /// Requirements as `checklist-id:requirement-id`.
    public var supports: [String]

    public init(
        id: String, measure: String, title: LocalizedText, target: Double, better: Better, minN: Int,
        supports: [String]
    ) {
        self.id = id
        self.measure = measure
        self.title = title
        self.target = target
        self.better = better
        self.minN = minN
        self.supports = supports
    }

    /// Measures of the complaint log a KPI can name.
    public static let complaintMeasures = [
        "received", "per_1000", "ack_days_median", "ack_days_p90", "ack_within_target", "resolution_days_median",
        "resolution_days_p90", "closed_within_target", "open_at_end", "reopen_rate", "upheld_rate",
        "first_stage_rate", "repeat_rate", "handling_satisfaction",
    ]
    /// Measures of a survey wave a KPI can name.
    public static let surveyMeasures = [
        "responses", "response_rate", "csat", "overall_mean", "ces_mean", "ces_easy", "nps", "index",
    ]
}

/// The KPI file (`kpis.yaml`): targets for the complaint measures and the KPIs.
public struct KPISet: Sendable, Hashable {
    public var targets: MeasureTargets
    public var kpis: [KPI]

    public init(targets: MeasureTargets = MeasureTargets(), kpis: [KPI] = []) {
        self.targets = targets
        self.kpis = kpis
    }
}

/// A KPI read against the latest period or wave.
public struct KPIResult: Sendable, Hashable {
    public var kpi: KPI
    /// The period or wave it was read in (`nil` with no data at all).
    public var period: String?
    /// The measure's value, rounded as it is written.
    public var value: Double?
    public var n: Int
    /// Whether there were at least `min_n` observations and a value.
    public var sufficient: Bool
    /// Whether the target is met; `nil` when the data is insufficient.
    public var met: Bool?
    /// The last day of the period, or the wave's last answer date.
    public var date: CalendarDate?
    /// The 95% interval of a share or NPS (rounded as the value), `nil` for other measures.
    public var low: Double?
    public var high: Double?

    public init(
        kpi: KPI, period: String?, value: Double?, n: Int, sufficient: Bool, met: Bool?, date: CalendarDate?
    ) {
        self.kpi = kpi
        self.period = period
        self.value = value
        self.n = n
        self.sufficient = sufficient
        self.met = met
        self.date = date
    }

    /// The evidence reference of SPEC §12: `KPI <id> <period>: <value> (n=<n>)`.
    public var evidenceReference: String {
        "KPI \(kpi.id) \(period ?? "-"): \(value.map(MeasureRounding.text) ?? "-") (n=\(n))"
    }
}

/// Rounding of measures on output (SPEC §12).
public enum MeasureRounding {
    /// Shares, indices and days: 1 decimal.
    public static func share(_ value: Double) -> Double { Rounding.halfAwayFromZero(value, places: 1) }
    /// Means, performance, importance and `per_1000`: 2 decimals.
    public static func mean(_ value: Double) -> Double { Rounding.halfAwayFromZero(value, places: 2) }
    /// p-values: 3 decimals.
    public static func pValue(_ value: Double) -> Double { Rounding.halfAwayFromZero(value, places: 3) }

    /// Places for a measure name.
    public static func places(for measure: String) -> Int {
        switch measure {
        case "per_1000", "overall_mean", "ces_mean": 2
        case "received", "open_at_end", "responses": 0
        default: 1
        }
    }

    /// A rounded number as text: integers without a fraction.
    public static func text(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }
}

/// Complaint and survey measures of a workspace, with the KPIs read against them.
public struct MeasureReport: Sendable, Hashable {
    public var period: MeasurePeriod
    public var all: ComplaintMeasures?
    public var periods: [PeriodMeasures]
    public var surveys: [SurveyMeasures]
    public var kpis: [KPIResult]
    /// Why `per_1000` is null, when volumes were given but could not be used.
    public var warnings: [String]

    public init(
        period: MeasurePeriod, log: ComplaintLog?, waves: [SurveyWave], volumes: VolumeTable?, kpiSet: KPISet,
        calendar: WorkingCalendar
    ) {
        self.period = period
        let measurer = ComplaintMeasurer(calendar: calendar, targets: kpiSet.targets, period: period)
        var warnings: [String] = []
        if let volumes, volumes.period != period {
            warnings.append(
                "per_1000 is null: the volumes are given per \(volumes.period.rawValue) and the measures per \(period.rawValue)"
            )
        }
        if let log {
            let result = measurer.measure(log, volumes: volumes)
            all = result.all
            periods = result.periods
        } else {
            periods = []
        }
        surveys = SurveyMeasures.measure(waves)
        self.warnings = warnings
        kpis = []
        kpis = MeasureReport.evaluate(kpis: kpiSet.kpis, of: self)
    }

    static func evaluate(kpis: [KPI], of report: MeasureReport) -> [KPIResult] {
        kpis.map { kpi in
            var result = KPIResult(kpi: kpi, period: nil, value: nil, n: 0, sufficient: false, met: nil, date: nil)
            if KPI.complaintMeasures.contains(kpi.measure) {
                guard let latest = report.periods.last else { return result }
                result.period = latest.period
                result.date = latest.lastDay
                (result.value, result.n) = latest.measures.reading(kpi.measure)
                (result.low, result.high) = latest.measures.share(kpi.measure).map { ($0.low, $0.high) } ?? (nil, nil)
            } else {
                guard let latest = report.surveys.last else { return result }
                result.period = latest.wave
                result.date = latest.lastDate
                (result.value, result.n) = latest.reading(kpi.measure)
                (result.low, result.high) = latest.share(kpi.measure).map { ($0.low, $0.high) } ?? (nil, nil)
            }
            let places = MeasureRounding.places(for: kpi.measure)
            result.value = result.value.map { Rounding.halfAwayFromZero($0, places: places) }
            result.low = result.low.map { Rounding.halfAwayFromZero($0, places: places) }
            result.high = result.high.map { Rounding.halfAwayFromZero($0, places: places) }
            result.sufficient = result.value != nil && result.n >= kpi.minN
            if result.sufficient, let value = result.value {
                result.met = kpi.better == .higher ? value >= kpi.target : value <= kpi.target
            }
            return result
        }
    }
}

extension ComplaintMeasures {
    /// A measure's value and its n, by name.
    public func reading(_ measure: String) -> (Double?, Int) {
        switch measure {
        case "received": (Double(received), received)
        case "per_1000": (per1000, received)
        case "ack_days_median": (ackDaysMedian, acknowledgedCount)
        case "ack_days_p90": (ackDaysP90, acknowledgedCount)
        case "ack_within_target": (ackWithinTarget.value, ackWithinTarget.n)
        case "resolution_days_median": (resolutionDaysMedian, closedCount)
        case "resolution_days_p90": (resolutionDaysP90, closedCount)
        case "closed_within_target": (closedWithinTarget.value, closedWithinTarget.n)
        case "open_at_end": (Double(openAtEnd), openAtEnd)
        case "reopen_rate": (reopenRate.value, reopenRate.n)
        case "upheld_rate": (upheldRate.value, upheldRate.n)
        case "first_stage_rate": (firstStageRate.value, firstStageRate.n)
        case "repeat_rate": (repeatRate.value, repeatRate.n)
        case "handling_satisfaction": (handlingSatisfaction.value, handlingSatisfaction.n)
        default: (nil, 0)
        }
    }

    /// The share behind a measure name, for its interval; `nil` for counts, days and rates per 1,000.
    public func share(_ measure: String) -> Share? {
        switch measure {
        case "ack_within_target": ackWithinTarget
        case "closed_within_target": closedWithinTarget
        case "reopen_rate": reopenRate
        case "upheld_rate": upheldRate
        case "first_stage_rate": firstStageRate
        case "repeat_rate": repeatRate
        case "handling_satisfaction": handlingSatisfaction
        default: nil
        }
    }
}

extension SurveyMeasures {
    /// A measure's value and its n, by name.
    public func reading(_ measure: String) -> (Double?, Int) {
        switch measure {
        case "responses": (Double(responses), responses)
        case "response_rate": (responseRate, responses)
        case "csat": (csat.value, csat.n)
        case "overall_mean": (overallMean, responses)
        case "ces_mean": (cesMean, responses)
        case "ces_easy": (cesEasy.value, cesEasy.n)
        case "nps": (nps.value, nps.n)
        case "index": (index, responses)
        default: (nil, 0)
        }
    }
}

extension SurveyMeasures {
    /// The share behind a measure name (NPS has the same shape), for its interval; `nil` for means,
    /// counts, the index and the response rate.
    public func share(_ measure: String) -> Share? {
        switch measure {
        case "csat": csat
        case "ces_easy": cesEasy
        case "nps": nps
        default: nil
        }
    }
}
