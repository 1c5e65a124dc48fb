/// The one sanitiser for everything isogap prints from its input onto a terminal.
///
/// A message, a path or a line of a result may quote the user's files, which must not be able to
/// move the cursor, set the window title, hide text or reorder what the terminal shows. Control
/// characters (C0, DEL, C1), invisible format characters (zero-width spaces, bidirectional
/// embeddings, overrides and isolates) and the Unicode line and paragraph separators are written
/// as `\u{XXXX}`. The check is per Unicode scalar, so a combining mark cannot hide a character.
public enum TerminalText {
    /// `text` with every unsafe scalar written as `\u{XXXX}` (line breaks and tabs included).
    public static func visible(_ text: some StringProtocol) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars { append(scalar, to: &result, keepLayout: false) }
        return result
    }

    /// `text` made safe the same way, except that line feeds and tabs stay: for results printed
    /// as lines (summaries, tables).
    public static func visibleLines(_ text: some StringProtocol) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars { append(scalar, to: &result, keepLayout: true) }
        return result
    }

    /// Whether `scalar` is printed escaped.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
            || scalar.properties.generalCategory == .format
    }

    private static func append(_ scalar: Unicode.Scalar, to result: inout String, keepLayout: Bool) {
        if keepLayout, scalar == "\n" || scalar == "\t" {
            result.unicodeScalars.append(scalar)
        } else if isUnsafe(scalar) {
            result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
        } else {
            result.unicodeScalars.append(scalar)
        }
    }
}
