#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The statistics of SPEC §12 as small pure functions.
public enum Statistics {
    /// z for a two-sided 95% interval.
    public static let z95 = 1.959964

    /// The `p`-th percentile (0–100) of sorted values, interpolating linearly between the closest
    /// ranks (numpy's default): position `(n − 1)·p/100`.
    public static func percentile(sorted values: [Double], _ p: Double) -> Double? {
        percentile(count: values.count, p) { values[$0] }
    }

    /// The `p`-th percentile of `count` values given in ascending order by `value(rank)`, for
    /// values held other than as a sorted array (as counts per value, say).
    public static func percentile(count: Int, _ p: Double, value: (Int) -> Double) -> Double? {
        guard count > 0 else { return nil }
        guard count > 1 else { return value(0) }
        let position = Double(count - 1) * p / 100
        let low = Int(position.rounded(.down))
        let high = min(low + 1, count - 1)
        let fraction = position - Double(low)
        let lowValue = value(low)
        return lowValue + (value(high) - lowValue) * fraction
    }

    /// The Wilson score interval of a proportion `p` (0–1) observed over `n` (possibly an
    /// effective, fractional n), as fractions; `nil` when `n` is not positive.
    public static func wilson(_ p: Double, n: Double, z: Double = z95) -> (low: Double, high: Double)? {
        guard n > 0 else { return nil }
        let z2 = z * z
        let denominator = 1 + z2 / n
        let centre = (p + z2 / (2 * n)) / denominator
        let half = z / denominator * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        return (max(0, centre - half), min(1, centre + half))
    }

    /// The effective sample size of weights: (Σw)² / Σw².
    public static func effectiveN(sum: Double, sumOfSquares: Double) -> Double {
        sumOfSquares > 0 ? sum * sum / sumOfSquares : 0
    }

    /// The standard normal distribution function.
    public static func normalCDF(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// The two-sided p-value of a z statistic.
    public static func twoSidedP(_ z: Double) -> Double {
        erfc(abs(z) / 2.0.squareRoot())
    }

    /// The pooled two-proportion z-test: two-sided p-value for proportions `p1` over `n1` and
    /// `p2` over `n2`; `nil` when it is undefined (no observations, or a pooled share of 0 or 1).
    public static func twoProportionP(p1: Double, n1: Double, p2: Double, n2: Double) -> Double? {
        guard n1 > 0, n2 > 0 else { return nil }
        let pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
        let variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
        guard variance > 0 else { return nil }
        return twoSidedP((p2 - p1) / variance.squareRoot())
    }
}

/// A percentage with its Wilson 95% interval and the number of rows it counts.
public struct Share: Sendable, Hashable {
    /// Percent (0–100), or `nil` with no rows.
    public var value: Double?
    public var low: Double?
    public var high: Double?
    /// Rows with a value.
    public var n: Int

    public init(value: Double?, low: Double?, high: Double?, n: Int) {
        self.value = value
        self.low = low
        self.high = high
        self.n = n
    }

    /// `hits` of `n` rows.
    public init(hits: Int, of n: Int) {
        self.init(weighted: Double(hits), of: Double(n), effectiveN: Double(n), rows: n)
    }

    /// A weighted share: `hits` of `total` weight, the interval over `effectiveN`.
    public init(weighted hits: Double, of total: Double, effectiveN: Double, rows: Int) {
        n = rows
        guard rows > 0, total > 0 else { return }
        let p = hits / total
        value = 100 * p
        if let interval = Statistics.wilson(p, n: effectiveN) {
            low = 100 * interval.low
            high = 100 * interval.high
        }
    }
}
