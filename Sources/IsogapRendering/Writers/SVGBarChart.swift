/// A horizontal bar chart of scores in percent, one bar per row, as inline SVG.
///
/// Bars grow from the start edge (the right in right-to-left reports). Every bar has its figure
/// printed at the end of its row, so the chart reads without colour; the colour only repeats the
/// band.
struct SVGBarChart {
    struct Bar {
        /// A short left-to-right key such as a clause number; empty for none.
        var key: String
        var label: String
        var percent: Double?
        /// The figure as printed, such as `77.8%` or `—`.
        var figure: String
        /// The bar's CSS class; by default the score band of `percent`.
        var className: String? = nil
    }

    var bars: [Bar]
    /// The chart's name for assistive technology and its tooltip.
    var title: String
    var rightToLeft: Bool
    /// Whether to draw the 0–100% scale (off for bars that are not percentages).
    var showsScale = true

    /// Layout, in SVG units (about one CSS pixel at the report's width).
    static let width = 720.0
    static let keyWidth = 44.0
    static let labelEnd = 300.0
    static let barStart = 312.0
    static let barLength = 336.0
    static let rowHeight = 28.0
    static let barHeight = 16.0
    static let axisHeight = 22.0
    /// Characters of a label that fit between the key (or the start edge) and the bars.
    static let labelCharacters = 40
    static let labelCharactersWithoutKey = 46

    var svg: String {
        let top = showsScale ? Self.axisHeight : 4
        let height = top + Double(bars.count) * Self.rowHeight + 4
        var writer = SVGWriter(width: Self.width, height: height, rightToLeft: rightToLeft)
        let bottom = height - 4
        for tick in stride(from: 0, through: 100, by: 25) where showsScale {
            let x = Self.barStart + Self.barLength * Double(tick) / 100
            writer.line(x1: x, y1: Self.axisHeight - 4, x2: x, y2: bottom, className: tick == 0 ? "axis" : "grid")
            writer.text(
                tick == 100 ? "100%" : String(tick), x: x, y: Self.axisHeight - 8, anchor: .middle, className: "tick",
                leftToRight: true)
        }
        for (index, bar) in bars.enumerated() {
            let rowTop = top + Double(index) * Self.rowHeight
            let baseline = rowTop + Self.rowHeight / 2 + 4
            if !bar.key.isEmpty {
                writer.text(bar.key, x: 4, y: baseline, anchor: .start, className: "key", leftToRight: true)
            }
            let label = SVGWriter.truncated(
                bar.label, to: bar.key.isEmpty ? Self.labelCharactersWithoutKey : Self.labelCharacters)
            writer.text(
                label, x: bar.key.isEmpty ? 4 : Self.keyWidth, y: baseline, anchor: .start, className: "label",
                tooltip: label == bar.label ? nil : [bar.key, bar.label].filter { !$0.isEmpty }.joined(separator: " "))
            if let percent = bar.percent {
                let length = Self.barLength * min(100, max(0, percent)) / 100
                writer.rect(
                    x: Self.barStart, y: rowTop + (Self.rowHeight - Self.barHeight) / 2, width: length,
                    height: Self.barHeight, className: "bar \(bar.className ?? ScoreBand(percent: percent).className)")
            }
            writer.text(
                bar.figure, x: Self.width - 4, y: baseline, anchor: .end, className: "figure", leftToRight: true)
        }
        if !showsScale {
            writer.line(x1: Self.barStart, y1: 2, x2: Self.barStart, y2: bottom, className: "axis")
        }
        return writer.markup(label: title, className: "chart bars")
    }
}
