internal import Mustache

/// Escaping of free text for Markdown, so that a note with `|`, `*` or `<script>` shows as text and
/// cannot break a table or inject markup.
public enum MarkdownText {
    /// `text` on one line with Markdown's special characters escaped; `<`, `>` and `&` become
    /// HTML entities, which every Markdown renderer shows as the characters themselves.
    public static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "|", "#", "~", "!": result += "\\\(character)"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "\n", "\r", "\r\n", "\u{2028}", "\u{2029}": result += " "
            default: result.append(character)
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
