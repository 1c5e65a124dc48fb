internal import Mustache

/// Escaping of free text for HTML text and attribute values.
///
/// It works on Unicode scalars: a `"` followed by a combining mark is one Swift `Character`
/// (`"\u{0022}\u{0301}"`), and an escaper that compares whole characters would leave that quote
/// raw, letting a title close an attribute value.
public enum HTMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` as character references, safe both as element
    /// content and inside a quoted attribute value; a NUL becomes U+FFFD.
    public static func escape(_ text: String) -> String {
        // Most text needs no escaping at all: copied whole.
        guard
            text.utf8.contains(where: {
                $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
                    || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") || $0 == 0
            })
        else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\0": result += "\u{FFFD}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

/// The `HTML` content type of templates, registered in place of the Mustache package's own (which
/// compares whole characters; see ``HTMLText``).
struct ScalarHTMLContentType: MustacheContentType {
    func escapeText(_ text: String) -> String {
        HTMLText.escape(text)
    }
}
