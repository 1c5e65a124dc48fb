internal import IsogapModel

/// The band of a score in percent, for colouring charts and heat maps: under 25, 25 to under 50,
/// 50 to under 75, 75 and over, or nothing assessed. The band follows the rounded figure that is
/// printed, so a cell that reads 75 is never coloured as below 75.
enum ScoreBand: String, CaseIterable {
    case none, critical, weak, developing, strong

    init(percent: Double?) {
        guard let percent else {
            self = .none
            return
        }
        switch Rounding.percent(percent) {
        case ..<25: self = .critical
        case ..<50: self = .weak
        case ..<75: self = .developing
        default: self = .strong
        }
    }

    /// The CSS class that colours the band (defined by the HTML templates).
    var className: String { "band-\(rawValue)" }

    /// The key of the band's name in the labels.
    var labelKey: String { "band_\(rawValue)" }
}
