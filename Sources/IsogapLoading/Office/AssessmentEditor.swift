internal import Foundation
public import IsogapDiagnostics
public import IsogapModel
internal import IsogapYAML

/// Byte-exact edits of an assessment file that replace whole responses (`isogap import xlsx`):
/// each changed response is written anew in place of the old one (comments inside it go with it);
/// every other byte of the file, comments included, stays as it was. Responses that are new are
/// added after the last one.
public enum AssessmentEditor {
    /// The file with `responses` written in; an error when the file does not parse, or when the
    /// edited file would not read back as the same assessment with exactly those responses changed.
    public static func replacing(_ responses: [Response], in bytes: [UInt8], file: String)
        -> Result<[UInt8], EditFailure>
    {
        let loaded = AssessmentLoader.load(bytes, file: file)
        let parsed = YAMLParser().parse(bytes, file: file)
        guard let assessment = loaded.value, !loaded.diagnostics.containsErrors, let root = parsed.root,
            let pairs = root.mapping
        else {
            return .failure(EditFailure(diagnostic: .error("\(file) does not load; nothing was written", at: nil)))
        }
        var expected = assessment
        let editor = YAMLSourceEditor(bytes)
        let lineBreak = editor.lineBreak
        var edits: [YAMLSourceEditor.Edit] = []
        let responsesPair = pairs.first { $0.key.scalar?.value == "responses" }
        let existing = responsesPair?.value.mapping.map(Array.init) ?? []
        let flow = responsesPair?.value.isFlow ?? false
        let indent = existing.first.map { $0.key.mark.column - 1 } ?? 2
        var added: [Response] = []
        for response in responses {
            if let index = expected.responses.firstIndex(where: { $0.requirement == response.requirement }) {
                expected.responses[index] = response
            } else {
                expected.responses.append(response)
            }
            guard let pair = existing.first(where: { $0.key.scalar?.value == response.requirement }) else {
                added.append(response)
                continue
            }
            let start = editor.offset(of: pair.key.mark)
            let keyText = String(decoding: bytes[start..<editor.offset(of: pair.key.end)], as: UTF8.self)
            let end = lastEnd(of: pair.value)
            let endOffset = editor.offset(of: end)
            // A block scalar ends at the start of the line after it: the new text ends the line itself.
            let closesLine = end.column == 1 && end.line > pair.key.mark.line
            let text =
                flow
                ? "\(keyText): \(flowValue(response))"
                : "\(keyText):\(blockValue(response, indent: indent + 2, lineBreak: lineBreak))"
                    + (closesLine ? lineBreak : "")
            edits.append(.init(range: start..<endOffset, replacement: text))
        }
        if !added.isEmpty {
            if let responsesPair, flow, !existing.isEmpty {
                let close = editor.offset(of: responsesPair.value.end) - 1
                let text = added.map { ", \(YAMLText.quoted($0.requirement)): \(flowValue($0))" }.joined()
                edits.append(.init(range: close..<close, replacement: text))
            } else {
                let lines = added.map {
                    String(repeating: " ", count: indent) + YAMLText.quoted($0.requirement) + ":"
                        + blockValue($0, indent: indent + 2, lineBreak: lineBreak) + lineBreak
                }.joined()
                var at: Int
                if let last = existing.last {
                    let end = lastEnd(of: last.value)
                    let offset = editor.offset(of: end)
                    at =
                        end.column == 1 && end.line > last.key.mark.line ? offset : editor.endOfLine(containing: offset)
                } else if let responsesPair {
                    if responsesPair.value.isFlow {
                        // `responses: {}`: the braces go, the responses follow as a block.
                        let value =
                            editor.offset(of: responsesPair.value.mark)..<editor.offset(of: responsesPair.value.end)
                        edits.append(.init(range: value, replacement: ""))
                    }
                    at = editor.endOfLine(containing: editor.offset(of: responsesPair.key.end))
                } else {
                    at = bytes.count
                    edits.append(
                        .init(
                            range: at..<at,
                            replacement: (editor.endsWithLineBreak || bytes.isEmpty ? "" : lineBreak) + "responses:"
                                + lineBreak))
                }
                let needsBreak = at == bytes.count && !editor.endsWithLineBreak && existing.last != nil
                edits.append(.init(range: at..<at, replacement: (needsBreak ? lineBreak : "") + lines))
            }
        }
        let edited = editor.applying(edits)
        let reloaded = AssessmentLoader.load(edited, file: file)
        guard let value = reloaded.value, !reloaded.diagnostics.containsErrors, value == expected else {
            return .failure(
                EditFailure(
                    diagnostic: .error(
                        "writing the answers into \(file) would change more than those responses; nothing was written",
                        at: SourceLocation(file: file, line: 1, column: 1))))
        }
        return .success(edited)
    }

    /// Why the responses could not be written.
    public struct EditFailure: Error, Sendable {
        public var diagnostic: Diagnostic
    }

    /// A new assessment file holding `responses`.
    public static func newFile(checklist: String, responses: [Response]) -> [UInt8] {
        var text = "isogap: 1\nkind: assessment\nchecklist: \(checklist)\nresponses:\n"
        for response in responses {
            text += "  \(YAMLText.quoted(response.requirement)):\(blockValue(response, indent: 4, lineBreak: "\n"))\n"
        }
        return Array(text.utf8)
    }

    /// Where a value's text ends: the end of its last scalar or flow collection (a block
    /// collection's own end mark lies at the next token, past comments and blank lines).
    private static func lastEnd(of node: YAMLNode) -> YAMLMark {
        if node.isFlow { return node.end }
        switch node.content {
        case .scalar: return node.end
        case .sequence(let items): return items.last.map(lastEnd) ?? node.end
        case .mapping(let pairs): return pairs.last.map { lastEnd(of: $0.value) } ?? node.end
        }
    }

    /// The fields of a response, in the order isogap writes them.
    private static func fields(_ response: Response) -> [(String, Field)] {
        var result: [(String, Field)] = []
        if let level = response.level { result.append(("level", .plain(String(level)))) }
        if let target = response.target { result.append(("target", .plain(String(target)))) }
        if !response.applicable { result.append(("applicable", .plain("false"))) }
        if let justification = response.justification {
            result.append(("justification", .plain(YAMLText.quoted(justification))))
        }
        let evidence = response.evidence.filter { !$0.measured }
        if !evidence.isEmpty {
            result.append(
                (
                    "evidence",
                    .items(
                        evidence.map { item in
                            var pairs = [("type", item.type.rawValue), ("ref", YAMLText.quoted(item.ref))]
                            if let date = item.date { pairs.append(("date", date.description)) }
                            if let expires = item.expires { pairs.append(("expires", expires.description)) }
                            if let file = item.file { pairs.append(("file", path(file))) }
                            if let sha = item.sha256 { pairs.append(("sha256", YAMLText.quoted(sha))) }
                            return pairs
                        })
                ))
        }
        if let notes = response.notes { result.append(("notes", .plain(YAMLText.quoted(notes)))) }
        if let grade = response.grade { result.append(("grade", .plain(grade.rawValue))) }
        return result
    }

    /// A relative path, plain when it can be (`evidence/policy.pdf`), quoted otherwise.
    private static func path(_ text: String) -> String {
        let safe = text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || "._/-".unicodeScalars.contains($0)
        }
        guard safe, let first = text.unicodeScalars.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first),
            !["true", "false", "yes", "no", "on", "off", "null", "y", "n"].contains(text.lowercased())
        else { return YAMLText.quoted(text) }
        return text
    }

    private enum Field {
        case plain(String)
        case items([[(String, String)]])
    }

    /// The response as an indented block that follows `key:` (empty for a response with nothing).
    private static func blockValue(_ response: Response, indent: Int, lineBreak: String) -> String {
        let pad = String(repeating: " ", count: indent)
        var text = ""
        for (key, field) in fields(response) {
            switch field {
            case .plain(let value): text += lineBreak + pad + key + ": " + value
            case .items(let items):
                text += lineBreak + pad + key + ":"
                for pairs in items {
                    for (index, (name, value)) in pairs.enumerated() {
                        text += lineBreak + pad + (index == 0 ? "  - " : "    ") + name + ": " + value
                    }
                }
            }
        }
        return text
    }

    /// The response as a flow mapping, for a file whose responses are written in braces.
    private static func flowValue(_ response: Response) -> String {
        let parts = fields(response).map { key, field -> String in
            switch field {
            case .plain(let value): return "\(key): \(value)"
            case .items(let items):
                return "\(key): ["
                    + items.map { "{" + $0.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}" }.joined(
                        separator: ", ")
                    + "]"
            }
        }
        return "{" + parts.joined(separator: ", ") + "}"
    }
}
