/// Checks of a Mustache template's tags made before the Mustache parser sees it, for what that
/// parser and renderer handle by recursion: sections nested without bound, and partials that
/// include themselves (directly or through others). Either would overflow the stack; here they
/// become located errors.
enum TemplateCheck {
    /// Deepest accepted nesting of sections (`#`, `^`, `$`, `<`).
    static let maxDepth = 64

    /// A tag and where it starts (1-based line and column).
    struct Tag {
        var sigil: Unicode.Scalar?
        var name: String
        var line: Int
        var column: Int
        /// Scalar offsets of the tag's first scalar and of the first scalar after it.
        var start = 0
        var end = 0
    }

    /// The tags of `text`, following delimiter changes (`{{=<% %>=}}`). Unfinished tags end the
    /// scan (the Mustache parser reports them).
    static func tags(in text: String) -> [Tag] {
        let scalars = Array(text.unicodeScalars)
        var open: [Unicode.Scalar] = ["{", "{"]
        var close: [Unicode.Scalar] = ["}", "}"]
        var tags: [Tag] = []
        var index = 0
        var line = 1
        var column = 1
        func matches(_ pattern: [Unicode.Scalar], at position: Int) -> Bool {
            position + pattern.count <= scalars.count
                && scalars[position..<position + pattern.count].elementsEqual(pattern)
        }
        func advance(to position: Int) {
            while index < min(position, scalars.count) {
                if scalars[index] == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                index += 1
            }
        }
        while index < scalars.count {
            guard !open.isEmpty, matches(open, at: index) else {
                advance(to: index + 1)
                continue
            }
            let (tagLine, tagColumn) = (line, column)
            // The length of the delimiter that ends this tag: a delimiter change inside it applies
            // only after it.
            let closeLength = close.count
            var end = index + open.count
            while end < scalars.count, !matches(close, at: end) { end += 1 }
            guard end < scalars.count else { break }
            var content = String(String.UnicodeScalarView(scalars[(index + open.count)..<end]))
            content = content.trimmingSpaces
            if content.hasPrefix("="), content.hasSuffix("="), content.count >= 2 {
                let parts = content.dropFirst().dropLast().split(whereSeparator: { $0 == " " || $0 == "\t" })
                if parts.count == 2 {
                    open = Array(parts[0].unicodeScalars)
                    close = Array(parts[1].unicodeScalars)
                }
            } else if let first = content.unicodeScalars.first, "#^/$<>&!".unicodeScalars.contains(first) {
                tags.append(
                    Tag(
                        sigil: first, name: String(content.dropFirst()).trimmingSpaces, line: tagLine,
                        column: tagColumn,
                        start: index, end: min(scalars.count, end + closeLength)))
            }
            advance(to: end + closeLength)
        }
        return tags
    }

    /// The first tag nested deeper than ``maxDepth``, if any.
    static func tooDeep(_ tags: [Tag]) -> Tag? {
        var depth = 0
        for tag in tags {
            switch tag.sigil {
            case "#", "^", "$", "<":
                depth += 1
                if depth > maxDepth { return tag }
            case "/": depth = max(0, depth - 1)
            default: break
            }
        }
        return nil
    }

    /// A partial reference (`>` or `<`) that closes a cycle among `templates` (name → tags), with
    /// the cycle's names, if there is one. Templates are visited in name order, so the result is
    /// deterministic.
    static func cycle(in templates: [String: [Tag]]) -> (template: String, tag: Tag, path: [String])? {
        var done: Set<String> = []
        for start in templates.keys.sorted() where !done.contains(start) {
            // Depth-first, iterative: (template, index of the next tag to follow).
            var stack: [(name: String, next: Int)] = [(start, 0)]
            var onPath: Set<String> = [start]
            while let top = stack.last {
                let tags = templates[top.name] ?? []
                guard top.next < tags.count else {
                    stack.removeLast()
                    onPath.remove(top.name)
                    done.insert(top.name)
                    continue
                }
                stack[stack.count - 1].next += 1
                let tag = tags[top.next]
                guard tag.sigil == ">" || tag.sigil == "<", templates[tag.name] != nil, !done.contains(tag.name)
                else { continue }
                if onPath.contains(tag.name) {
                    let names = stack.map(\.name)
                    let from = names.firstIndex(of: tag.name) ?? 0
                    return (top.name, tag, Array(names[from...]) + [tag.name])
                }
                stack.append((tag.name, 0))
                onPath.insert(tag.name)
            }
        }
        return nil
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
            let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })
        else { return "" }
        return String(scalars[first...last])
    }
}
