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
        let escaped = MarkdownText.escape(text)
        return MarkdownText.isolatesLatinText ? MarkdownText.isolated(escaped) : escaped
    }
}

extension MarkdownText {
    /// Set while a right-to-left Markdown document renders: every value with a letter of a
    /// left-to-right script is then isolated, so that a Latin name keeps its own punctuation
    /// (`Co.` stays `Co.`) instead of having it moved to the far end of the Arabic line.
    @TaskLocal static var isolatesLatinText = false

    /// Runs `render` with ``isolatesLatinText`` set for a right-to-left document.
    static func rendering(
        rightToLeft: Bool, _ render: () throws(TemplateLibrary.Failure) -> String
    ) throws(TemplateLibrary.Failure) -> String {
        let result = $isolatesLatinText.withValue(rightToLeft) {
            Result { () throws(TemplateLibrary.Failure) -> String in try render() }
        }
        return try result.get()
    }

    /// `text` between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE (Unicode's bidi isolates,
    /// which Markdown renderers pass through as text) when it holds a letter outside the Arabic
    /// blocks; other text is returned as it is.
    static func isolated(_ text: String) -> String {
        // An id (`iso-10002-2018`, `8.5-b`) is one left-to-right run already, and ids are joined in
        // templates (`checklist:requirement`): isolating each part would let the Arabic line
        // reorder the parts, so ids stay as they are.
        if text.wholeMatch(of: #/[A-Za-z0-9][A-Za-z0-9._:\/-]*/#) != nil { return text }
        let hasLeftToRightLetter = text.unicodeScalars.contains { scalar in
            scalar.properties.isAlphabetic && !isArabic(scalar)
        }
        return hasLeftToRightLetter ? "\u{2068}\(text)\u{2069}" : text
    }

    private static func isArabic(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0600...0x06FF, 0x0750...0x077F, 0x0870...0x08FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF: true
        default: false
        }
    }
}
