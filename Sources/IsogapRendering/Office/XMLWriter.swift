/// The one writer of XML for the Office formats (SPEC §14): elements, attributes and text, every
/// value escaped.
///
/// Escaping works on Unicode scalars, so a quote or `<` followed by a combining mark (one Swift
/// `Character`) is still escaped. Characters that XML 1.0 does not allow at all (C0 controls other
/// than tab, line feed and carriage return; U+FFFE and U+FFFF) cannot be written even as
/// references, so they become U+FFFD. Tab, line feed and carriage return in attribute values, and
/// carriage return in text, are written as character references so that a reader's end-of-line and
/// attribute normalisation gives back the same text.
public struct XMLWriter: Sendable {
    /// The document written so far.
    public private(set) var text: String
    private var open: [String] = []

    /// A document that starts with the XML declaration (`standalone="yes"`, as Office writes it).
    public init() {
        text = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        text.reserveCapacity(4096)
    }

    /// Opens element `name` with `attributes` in the order given; ``close()`` ends it.
    public mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        startTag(name, attributes)
        text += ">"
        open.append(name)
    }

    /// Same as ``open(_:_:)`` for attributes built at run time.
    public mutating func open(_ name: String, attributes: [(String, String)]) {
        startTag(name, attributes)
        text += ">"
        open.append(name)
    }

    /// Ends the innermost open element.
    public mutating func close() {
        guard let name = open.popLast() else {
            preconditionFailure("XMLWriter.close() with no open element")
        }
        text += "</"
        text += name
        text += ">"
    }

    /// An element holding only `content` (escaped), or an empty element when `content` is nil.
    public mutating func element(
        _ name: String, _ attributes: KeyValuePairs<String, String> = [:], text content: String? = nil
    ) {
        element(name, attributes: Array(attributes).map { ($0.key, $0.value) }, text: content)
    }

    /// Same as ``element(_:_:text:)`` for attributes built at run time.
    public mutating func element(_ name: String, attributes: [(String, String)], text content: String? = nil) {
        startTag(name, attributes)
        guard let content else {
            text += "/>"
            return
        }
        text += ">"
        appendEscaped(content, attribute: false)
        text += "</"
        text += name
        text += ">"
    }

    /// Escaped character data inside the innermost open element.
    public mutating func text(_ content: String) {
        appendEscaped(content, attribute: false)
    }

    /// The finished document as UTF-8; every opened element must have been closed.
    public var data: [UInt8] {
        precondition(open.isEmpty, "XMLWriter: <\(open.last ?? "")> was never closed")
        return Array(text.utf8)
    }

    private mutating func startTag<Attributes: Sequence>(_ name: String, _ attributes: Attributes)
    where Attributes.Element == (key: String, value: String) {
        text += "<"
        text += name
        for (key, value) in attributes {
            text += " "
            text += key
            text += "=\""
            appendEscaped(value, attribute: true)
            text += "\""
        }
    }

    private mutating func startTag(_ name: String, _ attributes: [(String, String)]) {
        startTag(name, attributes.lazy.map { (key: $0.0, value: $0.1) })
    }

    private mutating func appendEscaped(_ value: String, attribute: Bool) {
        text += XMLWriter.escape(value, attribute: attribute)
    }

    /// `value` escaped for element content (`attribute: false`) or a double-quoted attribute value.
    public static func escape(_ value: String, attribute: Bool) -> String {
        // Most values need nothing: copied whole.
        guard
            value.utf8.contains(where: {
                $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0xEF
            })
        else { return value }
        var result = ""
        result.reserveCapacity(value.utf8.count + 16)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where attribute: result += "&quot;"
            case "\t" where attribute: result += "&#9;"
            case "\n" where attribute: result += "&#10;"
            case "\r": result += "&#13;"
            case "\t", "\n": result.unicodeScalars.append(scalar)
            default:
                result.unicodeScalars.append(isAllowed(scalar) ? scalar : "\u{FFFD}")
            }
        }
        return result
    }

    /// Whether XML 1.0 allows `scalar` in a document (as itself or as a character reference).
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xFFFD: true
        case 0x10000...0x10FFFF: true
        default: false
        }
    }
}
