/// Rounding of figures for output: half away from zero, to a number of decimal places.
///
/// Scores are kept exact (as `Double`) through every calculation and rounded only when written.
public enum Rounding {
    /// `value` rounded half away from zero to `places` decimals.
    ///
    /// A value within 1e-9 of a half (such as 1.005, stored as 1.00499999…) counts as the half
    /// it was meant to be, so the result matches a calculation done by hand in decimals.
    public static func halfAwayFromZero(_ value: Double, places: Int) -> Double {
        guard value.isFinite else { return value }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = value * scale
        let magnitude = abs(scaled)
        let floor = magnitude.rounded(.down)
        let fraction = magnitude - floor
        let rounded = fraction >= 0.5 - 1e-9 ? floor + 1 : floor
        return (scaled < 0 ? -rounded : rounded) / scale
    }

    /// Percent to one decimal.
    public static func percent(_ value: Double) -> Double { halfAwayFromZero(value, places: 1) }
    /// Level to two decimals.
    public static func level(_ value: Double) -> Double { halfAwayFromZero(value, places: 2) }
    /// Priority to two decimals.
    public static func priority(_ value: Double) -> Double { halfAwayFromZero(value, places: 2) }
    /// Completeness to three decimals.
    public static func completeness(_ value: Double) -> Double { halfAwayFromZero(value, places: 3) }
}
