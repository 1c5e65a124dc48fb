/// CSV as RFC 4180 describes it (comma-separated, CRLF line ends, fields quoted when needed), with
/// cells that a spreadsheet would run as formulas neutralised.
public struct CSVWriter: Sendable {
    private var rows: [String] = []

    public init(header: [String]) {
        append(header)
    }

    /// Adds one row.
    public mutating func append(_ fields: [String]) {
        rows.append(fields.map(Self.field).joined(separator: ","))
    }

    /// The document, starting with a UTF-8 byte order mark so that spreadsheet programs read Arabic
    /// correctly.
    public var text: String {
        "\u{FEFF}" + rows.map { $0 + "\r\n" }.joined()
    }

    /// One field: a leading `=`, `+`, `-`, `@`, tab or carriage return gets a `'` in front (so a
    /// spreadsheet shows it as text), and fields with commas, quotes or line breaks are quoted.
    static func field(_ value: String) -> String {
        var value = value
        if let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first),
            Double(value) == nil
        {
            value = "'" + value
        }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingAll("\"", with: "\"\"") + "\""
    }
}

extension String {
    /// Every occurrence of `target` replaced (no Foundation needed).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self { if character == target { result += replacement } else { result.append(character) } }
        return result
    }
}
