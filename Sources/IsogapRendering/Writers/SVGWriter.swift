/// Writes an SVG image as text for inline use in an HTML page.
///
/// Every text and attribute value goes through ``escape(_:)``, every coordinate through
/// ``number(_:)``, so the output is safe with any free text and the same on every machine.
/// Positions are given in reading order: `x` counts from the start edge, which is the left in
/// left-to-right images and the right in right-to-left ones, so one drawing routine serves both
/// directions.
///
/// The root element has no `xmlns`: the HTML parser puts an inline `<svg>` in the SVG namespace
/// by itself, and the report then names no URL at all.
struct SVGWriter {
    /// Where a text sits relative to its `x`, in reading order.
    enum Anchor {
        case start, middle, end
    }

    let width: Double
    let height: Double
    let rightToLeft: Bool
    private var elements: [String] = []

    init(width: Double, height: Double, rightToLeft: Bool) {
        self.width = width
        self.height = height
        self.rightToLeft = rightToLeft
    }

    /// The physical x of a point `x` units from the start edge.
    func physicalX(_ x: Double) -> Double {
        rightToLeft ? width - x : x
    }

    /// A rectangle whose start edge is `x` units from the start edge of the image; `tooltip`
    /// becomes its `<title>`, which browsers show on hover.
    mutating func rect(
        x: Double, y: Double, width: Double, height: Double, className: String, cornerRadius: Double = 0,
        tooltip: String? = nil
    ) {
        let left = rightToLeft ? self.width - x - width : x
        var attributes: [(String, String)] = [
            ("class", className), ("x", Self.number(left)), ("y", Self.number(y)),
            ("width", Self.number(max(0, width))), ("height", Self.number(max(0, height))),
        ]
        if cornerRadius > 0 { attributes.append(("rx", Self.number(cornerRadius))) }
        elements.append(
            Self.element("rect", attributes, content: tooltip.map { "<title>\(Self.escape($0))</title>" } ?? ""))
    }

    /// A closed shape through `points` (reading-order coordinates).
    mutating func polygon(_ points: [(x: Double, y: Double)], className: String, tooltip: String? = nil) {
        let list = points.map { "\(Self.number(physicalX($0.x))),\(Self.number($0.y))" }.joined(separator: " ")
        elements.append(
            Self.element(
                "polygon", [("class", className), ("points", list)],
                content: tooltip.map { "<title>\(Self.escape($0))</title>" } ?? ""))
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, className: String) {
        elements.append(
            Self.element(
                "line",
                [
                    ("class", className), ("x1", Self.number(physicalX(x1))), ("y1", Self.number(y1)),
                    ("x2", Self.number(physicalX(x2))), ("y2", Self.number(y2)),
                ]))
    }

    /// A line of text with its baseline at `y`.
    ///
    /// `leftToRight` marks text that must read left to right whatever the image's direction (clause
    /// numbers, figures): it gets its own `direction`, so a right-to-left image does not reorder
    /// its parts.
    ///
    /// `tooltip`, when given, becomes the `<title>` of a group around the text, which browsers show
    /// on hover (the whole of a label cut to fit).
    mutating func text(
        _ text: String, x: Double, y: Double, anchor: Anchor, className: String, leftToRight: Bool = false,
        tooltip: String? = nil
    ) {
        // `text-anchor` start and end follow the text's own direction; a physical side is wanted.
        let textRightToLeft = rightToLeft && !leftToRight
        let physical: String
        switch anchor {
        case .middle: physical = "middle"
        case .start: physical = rightToLeft == textRightToLeft ? "start" : "end"
        case .end: physical = rightToLeft == textRightToLeft ? "end" : "start"
        }
        var attributes: [(String, String)] = [
            ("class", className), ("x", Self.number(physicalX(x))), ("y", Self.number(y)),
            ("text-anchor", physical),
        ]
        if rightToLeft && leftToRight { attributes.append(("direction", "ltr")) }
        let element = Self.element("text", attributes, content: Self.escape(text))
        if let tooltip {
            elements.append("<g><title>\(Self.escape(tooltip))</title>\(element)</g>")
        } else {
            elements.append(element)
        }
    }

    /// The image: an `<svg>` element that scales to the width of its container, named for
    /// assistive technology by `label`.
    func markup(label: String, className: String) -> String {
        let open = Self.element(
            "svg",
            [
                ("class", className), ("viewBox", "0 0 \(Self.number(width)) \(Self.number(height))"),
                ("width", "100%"), ("role", "img"), ("aria-label", label),
                ("direction", rightToLeft ? "rtl" : "ltr"),
            ], content: nil)
        return open + "<title>\(Self.escape(label))</title>" + elements.joined() + "</svg>"
    }

    /// An element with escaped attribute values; `content` (already escaped) makes it a container,
    /// `nil` leaves it open for the caller to close.
    private static func element(_ name: String, _ attributes: [(String, String)], content: String? = "") -> String {
        let attributeText = attributes.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
        guard let content else { return "<\(name)\(attributeText)>" }
        return content.isEmpty ? "<\(name)\(attributeText)/>" : "<\(name)\(attributeText)>\(content)</\(name)>"
    }

    /// `text` safe as XML character data or an attribute value: markup characters become entities,
    /// and characters XML does not allow (``XMLWriter/isAllowed(_:)``) and C1 controls become U+FFFD.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n", "\r": result += " "
            case _ where !XMLWriter.isAllowed(scalar) || (0x7F...0x9F).contains(scalar.value):
                result += "\u{FFFD}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A coordinate with at most two decimals, rounded half away from zero, without exponent or
    /// trailing zeros: `12`, `12.5`, `12.25`, `-0.5`.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let hundredths = Int((abs(value) * 100).rounded(.toNearestOrAwayFromZero))
        let sign = value < 0 && hundredths != 0 ? "-" : ""
        let whole = hundredths / 100, fraction = hundredths % 100
        if fraction == 0 { return "\(sign)\(whole)" }
        if fraction % 10 == 0 { return "\(sign)\(whole).\(fraction / 10)" }
        return "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// `text` cut to at most `count` characters, with an ellipsis when cut (labels of fixed width).
    static func truncated(_ text: String, to count: Int) -> String {
        text.count <= count ? text : String(text.prefix(max(0, count - 1))).trimmingTrailingSpaces() + "…"
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var result = self
        while result.last == " " { result.removeLast() }
        return result
    }
}
