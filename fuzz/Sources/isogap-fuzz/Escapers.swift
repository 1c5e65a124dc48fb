import Foundation
import IsogapDiagnostics
@testable import IsogapRendering

/// Every escaper over one text, each checked against the property it promises. A broken promise
/// traps, so libFuzzer records the input as a crash.
///
/// The text is the input decoded as UTF-8 (invalid bytes become U+FFFD); the fuzzer soon finds
/// the interesting shapes: combining marks after special characters, lone CRs, bidi controls.
func fuzzEscapers(_ body: [UInt8]) {
    let text = String(decoding: body, as: UTF8.self)
    checkHTML(text)
    checkMarkdown(text)
    checkCSV(text)
    checkSVG(text)
    checkICalendar(text)
    checkMermaid(text, limit: Int(body.first ?? 40) % 120 + 1)
    checkTerminal(text)
    checkJSON(text)
}

private func promise(_ condition: Bool, _ what: @autoclosure () -> String) {
    if !condition { fatalError("escaper promise broken: \(what())") }
}

/// HTML: no markup character survives, and decoding the five references gives the text back.
private func checkHTML(_ text: String) {
    let escaped = HTMLText.escape(text)
    promise(!escaped.unicodeScalars.contains { "<>\"'\0".unicodeScalars.contains($0) }, "HTML markup scalar")
    let decoded = decodeReferences(Array(escaped.unicodeScalars))
    let expected = String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\0" ? "\u{FFFD}" : $0 }))
    promise(decoded.unicodeScalars.elementsEqual(expected.unicodeScalars), "HTML round trip")
}

/// The five references `HTMLText` writes, decoded scalar by scalar (Foundation's string search works
/// on characters, and would miss `&lt;` followed by a combining mark).
private func decodeReferences(_ scalars: [Unicode.Scalar]) -> String {
    let references: [(String, Unicode.Scalar)] = [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")]
    var result = String.UnicodeScalarView()
    var index = 0
    outer: while index < scalars.count {
        if scalars[index] == "&" {
            for (reference, scalar) in references {
                let pattern = Array(reference.unicodeScalars)
                if scalars[index...].starts(with: pattern) {
                    result.append(scalar)
                    index += pattern.count
                    continue outer
                }
            }
            promise(false, "HTML bare ampersand")
        }
        result.append(scalars[index])
        index += 1
    }
    return String(result)
}

/// Markdown: one line, no raw angle bracket, every table pipe escaped.
private func checkMarkdown(_ text: String) {
    let escaped = Array(MarkdownText.escape(text).unicodeScalars)
    let breaks: Set<Unicode.Scalar> = ["\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}"]
    promise(!escaped.contains { breaks.contains($0) || $0 == "<" || $0 == ">" }, "Markdown break or bracket")
    var index = 0
    while index < escaped.count {
        if escaped[index] == "\\" {
            index += 2
            continue
        }
        promise(escaped[index] != "|", "Markdown raw pipe")
        index += 1
    }
}

/// CSV: the field reads back (RFC 4180) as the text, or the text behind a `'` when a spreadsheet
/// would run it; what reads back is never a formula.
private func checkCSV(_ text: String) {
    let field = Array(CSVWriter.field(text).unicodeScalars)
    var value = String.UnicodeScalarView()
    if field.first == "\"" {
        promise(field.count >= 2 && field.last == "\"", "CSV closing quote")
        var index = 1
        while index < field.count - 1 {
            if field[index] == "\"" {
                promise(index + 1 < field.count - 1 && field[index + 1] == "\"", "CSV lone quote inside")
                index += 1
            }
            value.append(field[index])
            index += 1
        }
    } else {
        promise(!field.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }, "CSV unquoted special")
        value.append(contentsOf: field)
    }
    let read = String(value)
    promise(read == text || read == "'" + text, "CSV round trip")
    promise(!CSVWriter.isFormula(read), "CSV formula survives")
}

/// SVG (XML): no markup character, no control character, no tab or line break.
private func checkSVG(_ text: String) {
    let escaped = SVGWriter.escape(text)
    promise(
        !escaped.unicodeScalars.contains { "<>\"'".unicodeScalars.contains($0) || $0.value < 0x20 },
        "SVG markup or control scalar")
}

/// iCalendar: one line with every `\`, `;` and `,` escaped; folding keeps lines within 75 octets and
/// unfolds to the same line.
private func checkICalendar(_ text: String) {
    let escaped = Array(ICalendarWriter.escape(text).unicodeScalars)
    promise(!escaped.contains { $0.value < 0x20 || $0.value == 0x7F }, "iCalendar control scalar")
    var index = 0
    while index < escaped.count {
        if escaped[index] == "\\" {
            promise(index + 1 < escaped.count && "\\;,n".unicodeScalars.contains(escaped[index + 1]), "iCalendar escape")
            index += 2
            continue
        }
        promise(escaped[index] != ";" && escaped[index] != ",", "iCalendar raw separator")
        index += 1
    }
    let line = "DESCRIPTION:" + String(String.UnicodeScalarView(escaped))
    let folded = ICalendarWriter.fold(line)
    // Octets, not characters: a continuation's leading space and a combining mark after it are
    // one Swift character.
    let lines = Array(folded.utf8).split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    for (index, octets) in lines.enumerated() {
        let content = index < lines.count - 1 ? octets.dropLast() : octets[...]
        promise(index == lines.count - 1 || octets.last == 0x0D, "iCalendar bare line feed")
        promise(content.count <= 75, "iCalendar line over 75 octets")
        promise(index == 0 || content.first == 0x20, "iCalendar continuation")
    }
    let unfolded = lines.enumerated().flatMap { index, octets in
        let content = index < lines.count - 1 ? Array(octets.dropLast()) : octets
        return index == 0 ? content : Array(content.dropFirst())
    }
    promise(unfolded == Array(line.utf8), "iCalendar unfold")
}

/// Mermaid: none of the characters that end a statement, start a comment or close the fence, one
/// line, at most `limit` characters.
private func checkMermaid(_ text: String, limit: Int) {
    let sanitized = MermaidGantt.sanitized(text, limit: limit)
    promise(
        !sanitized.unicodeScalars.contains { ":#;()%`<>".unicodeScalars.contains($0) || $0.value < 0x20 },
        "Mermaid special scalar")
    promise(sanitized.count <= limit, "Mermaid length")
}

/// Terminal: nothing that a terminal acts on (only line feed and tab in the line form).
private func checkTerminal(_ text: String) {
    promise(!TerminalText.visible(text).unicodeScalars.contains(where: TerminalText.isUnsafe), "terminal unsafe")
    promise(
        !TerminalText.visibleLines(text).unicodeScalars.contains { TerminalText.isUnsafe($0) && $0 != "\n" && $0 != "\t" },
        "terminal lines unsafe")
}

/// JSON: a string value reads back as the same string with Foundation's parser.
private func checkJSON(_ text: String) {
    let serialized = JSONValue.string(text).serialized()
    guard let data = serialized.data(using: .utf8),
        let read = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? String
    else { return promise(false, "JSON does not parse") }
    promise(read.unicodeScalars.elementsEqual(text.unicodeScalars), "JSON round trip")
}
