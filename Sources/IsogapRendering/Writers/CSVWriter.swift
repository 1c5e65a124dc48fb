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

    /// One field: a cell a spreadsheet would run as a formula (its first scalar after any leading
    /// whitespace or line breaks is `=`, `+`, `-` or `@`, or it starts with a tab or carriage
    /// return) gets a `'` in front, so a spreadsheet shows it as text; fields with commas, quotes or
    /// line breaks are quoted.
    ///
    /// Everything works on Unicode scalars: a `"` followed by a combining mark is one Swift
    /// character, and comparing characters would leave it unquoted.
    static func field(_ value: String) -> String {
        var value = value
        if isFormula(value) { value = "'" + value }
        let needsQuotes = value.utf8.contains {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r")
        }
        guard needsQuotes else { return value }
        var result = "\""
        result.reserveCapacity(value.utf8.count + 8)
        for scalar in value.unicodeScalars {
            if scalar == "\"" { result += "\"\"" } else { result.unicodeScalars.append(scalar) }
        }
        return result + "\""
    }

    /// Scalars that make a spreadsheet read a cell as a formula (with their full-width forms,
    /// which some spreadsheets fold to them).
    private static let formulaStarts: Set<Unicode.Scalar> = [
        "=", "+", "-", "@", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}", "\u{2212}",
    ]

    /// Whether a spreadsheet could run `value`: a plain number (`-5`, `+1.5`) is not a formula.
    static func isFormula(_ value: String) -> Bool {
        let scalars = value.unicodeScalars
        guard let first = scalars.first else { return false }
        if first == "\t" || first == "\r" { return true }
        guard let start = scalars.first(where: { !$0.properties.isWhitespace && $0.value >= 0x20 }),
            formulaStarts.contains(start)
        else { return false }
        // A number written plainly, with nothing before it, is shown as a number.
        let isPlainNumber =
            first == start && Double(value) != nil
            && value.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || $0 == "." || $0 == "-" || $0 == "+" }
        return !isPlainNumber
    }
}
