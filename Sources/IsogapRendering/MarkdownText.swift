internal import Mustache

/// Escaping of free text for Markdown, so that a note with `|`, `*` or `<script>` shows as text and
/// cannot break a table or inject markup.
public enum MarkdownText {
    /// `text` on one line with Markdown's special characters escaped; `<`, `>` and `&` become
    /// HTML entities, which every Markdown renderer shows as the characters themselves.
    public static func escape(_ text: String) -> String {
        // Unicode scalars, not characters: `|` followed by a combining mark is one character, and
        // would otherwise reach a table unescaped.
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "|", "#", "~", "!":
                result += "\\"
                result.unicodeScalars.append(scalar)
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            // CR LF is one line break: one space.
            case "\n" where previous == "\r": continue
            case "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}": result += " "
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

/// The `MARKDOWN` content type of templates: `{{% CONTENT_TYPE: MARKDOWN }}` makes `{{value}}`
/// escape for Markdown (`{{{value}}}` stays raw).
struct MarkdownContentType: MustacheContentType {
    func escapeText(_ text: String) -> String {
        MarkdownText.escape(text)
    }
}
