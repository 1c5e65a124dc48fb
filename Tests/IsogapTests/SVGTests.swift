import Foundation
import IsogapModel
import Testing

@testable import IsogapRendering

@Suite("SVG charts")
struct SVGTests {
    @Test(arguments: [
        ("plain", "plain"),
        (#"<script>alert("x")</script>"#, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"),
        (#""><img src=x onerror=alert(1)>"#, "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"),
        ("Tom & Jerry's", "Tom &amp; Jerry&#39;s"),
        ("two\nlines\tand\r", "two lines and "),
        ("bell\u{07}nul\u{00}c1\u{85}", "bell\u{FFFD}nul\u{FFFD}c1\u{FFFD}"),
        ("استلام الشكاوى ✓", "استلام الشكاوى ✓"),
    ])
    func escaping(text: String, expected: String) {
        #expect(SVGWriter.escape(text) == expected)
    }

    @Test(arguments: [
        (0.0, "0"), (12, "12"), (12.5, "12.5"), (12.25, "12.25"), (261.3333333, "261.33"), (0.005, "0.01"),
        (0.004, "0"), (-0.5, "-0.5"), (-0.001, "0"), (1e-12, "0"), (1e15, "1000000000000000"), (2.05, "2.05"),
        (0.1 + 0.2, "0.3"), (Double.nan, "0"), (Double.infinity, "0"),
    ])
    func numbers(value: Double, expected: String) {
        #expect(SVGWriter.number(value) == expected)
    }

    @Test func truncation() {
        #expect(SVGWriter.truncated("short", to: 10) == "short")
        #expect(SVGWriter.truncated("exactly10!", to: 10) == "exactly10!")
        #expect(SVGWriter.truncated("Operation of the process", to: 11) == "Operation…")
        #expect(SVGWriter.truncated("التخطيط والتصميم والتطوير", to: 8) == "التخطيط…")
    }

    @Test func mirroringKeepsReadingOrder() {
        var ltr = SVGWriter(width: 100, height: 10, rightToLeft: false)
        var rtl = SVGWriter(width: 100, height: 10, rightToLeft: true)
        for index in 0..<2 {
            var writer = index == 0 ? ltr : rtl
            writer.rect(x: 10, y: 0, width: 30, height: 5, className: "bar")
            writer.line(x1: 10, y1: 0, x2: 40, y2: 10, className: "grid")
            writer.text("عنوان", x: 5, y: 8, anchor: .start, className: "label")
            writer.text("4.1", x: 5, y: 8, anchor: .start, className: "key", leftToRight: true)
            writer.text("50%", x: 95, y: 8, anchor: .end, className: "figure", leftToRight: true)
            if index == 0 { ltr = writer } else { rtl = writer }
        }
        #expect(
            ltr.markup(label: "t", className: "chart")
                == #"<svg class="chart" viewBox="0 0 100 10" width="100%" role="img" aria-label="t" direction="ltr"><title>t</title><rect class="bar" x="10" y="0" width="30" height="5"/><line class="grid" x1="10" y1="0" x2="40" y2="10"/><text class="label" x="5" y="8" text-anchor="start">عنوان</text><text class="key" x="5" y="8" text-anchor="start">4.1</text><text class="figure" x="95" y="8" text-anchor="end">50%</text></svg>"#
        )
        // Right to left: every x is measured from the right; Arabic text anchors at its own start
        // (the right), and left-to-right text gets its own direction with the anchor swapped.
        #expect(
            rtl.markup(label: "t", className: "chart")
                == #"<svg class="chart" viewBox="0 0 100 10" width="100%" role="img" aria-label="t" direction="rtl"><title>t</title><rect class="bar" x="60" y="0" width="30" height="5"/><line class="grid" x1="90" y1="0" x2="60" y2="10"/><text class="label" x="95" y="8" text-anchor="start">عنوان</text><text class="key" x="95" y="8" text-anchor="end" direction="ltr">4.1</text><text class="figure" x="5" y="8" text-anchor="start" direction="ltr">50%</text></svg>"#
        )
    }

    @Test func barChartEscapesAndBands() {
        let chart = SVGBarChart(
            bars: [
                .init(key: "<1>", label: #"A "quoted" & <b>bold</b> clause"#, percent: 77.77, figure: "77.8%"),
                .init(key: "2", label: "Weak", percent: 24.96, figure: "25%"),
                .init(key: "3", label: "Unassessed", percent: nil, figure: "—"),
                .init(key: "4", label: "Over the top", percent: 130, figure: "130%"),
            ], title: "Scores <by> clause", rightToLeft: false
        ).svg
        #expect(!chart.contains("<b>") && !chart.contains("<1>") && !chart.contains("\"quoted\""))
        #expect(chart.contains(">A &quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt; clause</text>"))
        #expect(chart.contains("aria-label=\"Scores &lt;by&gt; clause\""))
        #expect(chart.contains("<title>Scores &lt;by&gt; clause</title>"))
        // 24.96 prints as 25.0, so it is in the 25–50 band; nothing is drawn for an unassessed clause;
        // a bar never runs past 100%.
        #expect(chart.components(separatedBy: "<rect ").count - 1 == 3)
        #expect(chart.contains("class=\"bar band-strong\" x=\"312\" y=\"28\" width=\"261.31\""))
        #expect(chart.contains("class=\"bar band-weak\" x=\"312\" y=\"56\" width=\"83.87\""))
        #expect(chart.contains("class=\"bar band-strong\" x=\"312\" y=\"112\" width=\"336\""))
        #expect(chart.contains(">—</text>"))
        #expect(chart.hasPrefix("<svg class=\"chart bars\" viewBox=\"0 0 720 138\""))
    }

    @Test(
        arguments: [
            (nil, ScoreBand.none), (0, .critical), (24.94, .critical), (24.95, .weak), (49.9, .weak),
            (50, .developing), (74.96, .strong), (100, .strong),
        ] as [(Double?, ScoreBand)])
    func bands(percent: Double?, band: ScoreBand) {
        #expect(ScoreBand(percent: percent) == band)
    }

    /// A 31-day axis over 468 units (15.1 a day) from x = 244: January 2027, a phase bar from the
    /// 4th to the 8th with its milestone, today the 6th, a holiday on the 10th (and one outside).
    @Test func ganttDrawsTimeFromTheStartEdge() throws {
        func day(_ text: String) throws -> CalendarDate { try #require(CalendarDate(text)) }
        let rows = [
            SVGGantt.Row(
                key: "1", label: "<Design>", start: try day("2027-01-04"), finish: try day("2027-01-08"),
                style: .phase, milestone: try day("2027-01-08"), tooltip: "Design & build")
        ]
        func chart(rightToLeft: Bool) throws -> String {
            SVGGantt(
                rows: rows, range: try day("2027-01-01")...day("2027-01-31"), today: try day("2027-01-06"),
                todayLabel: "Today",
                monthNames: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
                holidays: [try day("2027-01-10"), try day("2027-03-01")], title: "Plan <1>", rightToLeft: rightToLeft
            ).svg
        }
        let ltr = try chart(rightToLeft: false), rtl = try chart(rightToLeft: true)
        #expect(
            ltr.contains(
                #"<rect class="gantt-bar phase" x="289.29" y="38.5" width="75.48" height="9"><title>Design &amp; build</title></rect>"#
            ))
        #expect(rtl.contains(#"<rect class="gantt-bar phase" x="355.23" y="38.5" width="75.48" height="9">"#))
        // The milestone sits at the end of its day, its date after it in reading order.
        #expect(ltr.contains(#"<polygon class="milestone" points="364.77,36.52 371.25,43 364.77,49.48 358.29,43">"#))
        #expect(rtl.contains(#"<polygon class="milestone" points="355.23,36.52 348.75,43 355.23,49.48 361.71,43">"#))
        #expect(
            ltr.contains(#"<text class="milestone-date" x="374.25" y="46.5" text-anchor="start">2027-01-08</text>"#))
        #expect(
            rtl.contains(
                #"<text class="milestone-date" x="345.75" y="46.5" text-anchor="end" direction="ltr">2027-01-08</text>"#
            ))
        // Today's line in the middle of its day; the date is isolated left to right in its label.
        #expect(ltr.contains(#"<line class="today" x1="327.03" y1="22" x2="327.03" y2="54"/>"#))
        #expect(rtl.contains(#"<line class="today" x1="392.97" y1="22" x2="392.97" y2="54"/>"#))
        #expect(ltr.contains(">Today \u{2066}2027-01-06\u{2069}</text>"))
        #expect(ltr.components(separatedBy: "class=\"holiday\"").count - 1 == 1)
        #expect(ltr.contains(#"<rect class="holiday" x="379.87" y="32" width="15.1""#))
        #expect(ltr.contains(">Jan 2027</text>") && !ltr.contains(">Feb"))
        #expect(ltr.contains(">&lt;Design&gt;</text>") && ltr.contains("aria-label=\"Plan &lt;1&gt;\""))
        #expect(rtl.contains("direction=\"rtl\""))
    }

    @Test func ganttMonthLabelsNeverOverlapAndCarryTheYear() throws {
        func day(_ text: String) throws -> CalendarDate { try #require(CalendarDate(text)) }
        // Eighteen months over 468 units: about 26 units a month, too narrow for every name.
        let svg = SVGGantt(
            rows: [], range: try day("2026-11-20")...day("2028-05-10"), today: nil, todayLabel: "",
            monthNames: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
            holidays: [], title: "t", rightToLeft: false
        ).svg
        let labels = svg.matches(of: #/<text class="month-label" x="([0-9.]+)"[^>]*>([^<]*)</text>/#).map {
            (x: Double($0.output.1) ?? 0, text: String($0.output.2))
        }
        // November shows only its last ten days, too few for a name: the first name is December's.
        #expect(labels.first?.text == "Dec 2026")
        #expect(labels.contains { $0.text.hasSuffix(" 2027") } && labels.contains { $0.text.hasSuffix(" 2028") })
        for (before, after) in zip(labels, labels.dropFirst()) {
            #expect(after.x >= before.x + Double(before.text.count) * 6.5 + 4, "\(before.text) overlaps \(after.text)")
        }
        #expect(svg.components(separatedBy: "class=\"month\"").count - 1 == 18, "a line at every month boundary")
    }
}
