/// One attribute of a survey: weighted mean performance and importance, and its quadrant.
public struct AttributeScore: Sendable, Hashable {
    public var name: String
    public var performance: Double
    public var importance: Double
    public var quadrant: Quadrant

    /// Where an attribute falls against the means of performance and importance.
    public enum Quadrant: String, Sendable, Hashable {
        case concentrateHere = "concentrate-here"
        case keepUp = "keep-up"
        case lowPriority = "low-priority"
        case possibleOverkill = "possible-overkill"
    }
}

/// The change from the previous wave.
public struct WaveChange: Sendable, Hashable {
    /// CSAT difference in points and the pooled two-proportion z-test p-value.
    public var csatDifference: Double?
    public var csatP: Double?
    /// NPS difference and the p-value of z = Δ/√(se₁²+se₂²).
    public var npsDifference: Double?
    public var npsP: Double?
}

/// The survey measures of one wave, unrounded.
public struct SurveyMeasures: Sendable, Hashable {
    public var wave: String
    /// The latest answer date of the wave, when any row has one.
    public var lastDate: CalendarDate?
    public var responses: Int
    public var responseRate: Double?
    public var csat: Share
    public var overallMean: Double?
    /// Rows that answered `overall` and `ces` (the n of the means).
    public var overallCount: Int
    public var cesMean: Double?
    public var cesCount: Int
    public var cesEasy: Share
    public var nps: Share
    /// Standard error of the NPS (points), for the change test.
    public var npsStandardError: Double?
    /// Effective n of the CSAT rows, for the change test.
    public var csatEffectiveN: Double
    public var index: Double?
    public var attributes: [AttributeScore]
    public var change: WaveChange?

    /// Computes the measures of each wave, with the change against the wave before it.
    public static func measure(_ waves: [SurveyWave]) -> [SurveyMeasures] {
        var result: [SurveyMeasures] = []
        for wave in waves {
            var measures = SurveyMeasures(wave)
            if let previous = result.last { measures.change = change(from: previous, to: measures) }
            result.append(measures)
        }
        return result
    }

    static func change(from old: SurveyMeasures, to new: SurveyMeasures) -> WaveChange {
        var change = WaveChange()
        if let a = old.csat.value, let b = new.csat.value {
            change.csatDifference = b - a
            change.csatP = Statistics.twoProportionP(
                p1: a / 100, n1: old.csatEffectiveN, p2: b / 100, n2: new.csatEffectiveN)
        }
        if let a = old.nps.value, let b = new.nps.value {
            change.npsDifference = b - a
            if let se1 = old.npsStandardError, let se2 = new.npsStandardError, se1 * se1 + se2 * se2 > 0 {
                change.npsP = Statistics.twoSidedP((b - a) / (se1 * se1 + se2 * se2).squareRoot())
            }
        }
        return change
    }

    /// Weighted totals over the rows that answered one question.
    private struct Tally {
        var rows = 0
        var weight = 0.0
        var squares = 0.0
        var hits = 0.0
        var detractors = 0.0
        var weightedSum = 0.0

        mutating func add(_ value: Int, weight w: Double, hit: Bool, detractor: Bool = false) {
            rows += 1
            weight += w
            squares += w * w
            weightedSum += w * Double(value)
            if hit { hits += w }
            if detractor { detractors += w }
        }

        var effectiveN: Double { Statistics.effectiveN(sum: weight, sumOfSquares: squares) }
        var mean: Double? { weight > 0 ? weightedSum / weight : nil }
        var share: Share { Share(weighted: hits, of: weight, effectiveN: effectiveN, rows: rows) }
    }

    init(_ wave: SurveyWave) {
        self.wave = wave.wave
        var overall = Tally(), ces = Tally(), nps = Tally()
        var performance = Array(repeating: Tally(), count: wave.attributes.count)
        var importance = Array(repeating: Tally(), count: wave.attributes.count)
        var last: CalendarDate?
        for response in wave.responses {
            let w = response.weight
            if let date = response.date, last.map({ date > $0 }) ?? true { last = date }
            if let value = response.overall { overall.add(value, weight: w, hit: value >= 4) }
            if let value = response.ces { ces.add(value, weight: w, hit: value >= 5) }
            if let value = response.nps { nps.add(value, weight: w, hit: value >= 9, detractor: value <= 6) }
            for index in wave.attributes.indices {
                if let value = response.performance[index] { performance[index].add(value, weight: w, hit: false) }
                if let value = response.importance[index] { importance[index].add(value, weight: w, hit: false) }
            }
        }
        lastDate = last
        responses = wave.responses.count
        responseRate = wave.invited.flatMap { $0 > 0 ? 100 * Double(wave.responses.count) / Double($0) : nil }
        csat = overall.share
        csatEffectiveN = overall.effectiveN
        overallMean = overall.mean
        overallCount = overall.rows
        cesMean = ces.mean
        cesCount = ces.rows
        cesEasy = ces.share
        // NPS = 100 × (promoters − detractors), interval ± z·100·√((p+d−(p−d)²)/n_eff).
        var npsShare = Share(value: nil, low: nil, high: nil, n: nps.rows)
        if nps.weight > 0 {
            let p = nps.hits / nps.weight, d = nps.detractors / nps.weight
            let score = 100 * (p - d)
            let n = nps.effectiveN
            let se = 100 * (max(0, p + d - (p - d) * (p - d)) / n).squareRoot()
            npsShare = Share(
                value: score, low: max(-100, score - Statistics.z95 * se), high: min(100, score + Statistics.z95 * se),
                n: nps.rows)
            npsStandardError = se
        }
        self.nps = npsShare
        // Attributes with at least one performance answer.
        var scores: [(name: String, p: Double, i: Double)] = []
        for (index, name) in wave.attributes.enumerated() {
            guard let p = performance[index].mean else { continue }
            scores.append((name, p, importance[index].mean ?? 1))
        }
        let importanceTotal = scores.reduce(0) { $0 + $1.i }
        index =
            scores.isEmpty || importanceTotal <= 0
            ? nil : 100 * scores.reduce(0) { $0 + $1.i * ($1.p - 1) / 4 } / importanceTotal
        let meanP = scores.isEmpty ? 0 : scores.reduce(0) { $0 + $1.p } / Double(scores.count)
        let meanI = scores.isEmpty ? 0 : scores.reduce(0) { $0 + $1.i } / Double(scores.count)
        attributes = scores.map { score in
            let quadrant: AttributeScore.Quadrant =
                switch (score.i >= meanI, score.p >= meanP) {
                case (true, false): .concentrateHere
                case (true, true): .keepUp
                case (false, false): .lowPriority
                case (false, true): .possibleOverkill
                }
            return AttributeScore(name: score.name, performance: score.p, importance: score.i, quadrant: quadrant)
        }
    }
}
