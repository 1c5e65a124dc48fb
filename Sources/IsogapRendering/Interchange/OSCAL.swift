import IsogapModel

/// Shared pieces of the OSCAL 1.1.2 documents isogap writes: tokens, timestamps, properties and
/// metadata.
public enum OSCAL {
    /// The OSCAL version the documents declare.
    public static let version = "1.1.2"
    /// The namespace of every property OSCAL does not define itself (OSCAL validators reject
    /// unknown names in its default namespace).
    public static let namespace = "urn:isogap:oscal"

    /// `text` as an OSCAL token (`[A-Za-z_][A-Za-z0-9._-]*`): other characters become `_`, and a
    /// token that would not start with a letter or `_` gets `prefix` in front.
    public static func token(_ text: String, prefix: String = "_") -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            let allowed =
                ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "." || scalar == "-" || scalar == "_"
            result.unicodeScalars.append(allowed ? scalar : "_")
        }
        guard let first = result.unicodeScalars.first,
            ("a"..."z").contains(first) || ("A"..."Z").contains(first) || first == "_"
        else { return prefix + result }
        return result
    }

    /// The OSCAL date-time (with time zone) for the start of a calendar day, in UTC: isogap's
    /// dates carry no time of day, so every timestamp is midnight UTC of the date.
    static func timestamp(_ date: CalendarDate) -> JSONValue {
        .string("\(date)T00:00:00Z")
    }

    /// The last second of a calendar day, in UTC (the end of an inclusive range of days).
    static func endOfDay(_ date: CalendarDate) -> JSONValue {
        .string("\(date)T23:59:59Z")
    }

    /// A property in isogap's namespace.
    static func prop(_ name: String, _ value: String) -> JSONValue {
        .object([("name", .string(name)), ("ns", .string(namespace)), ("value", .string(value))])
    }

    /// The common `metadata` block; `extra` members (parties, roles, ...) follow the required ones.
    static func metadata(
        title: String, date: CalendarDate, version: String, props: [JSONValue] = [],
        extra: [(String, JSONValue)] = []
    ) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("title", .string(title)), ("published", timestamp(date)), ("last-modified", timestamp(date)),
            ("version", .string(version)), ("oscal-version", .string(OSCAL.version)),
        ]
        if !props.isEmpty { members.append(("props", .array(props))) }
        return .object(members + extra)
    }

    /// Wraps `body` as the document `root`, with a top-level UUID derived from the body itself:
    /// OSCAL asks for a new document UUID whenever the content changes, and the same content
    /// always gives the same one.
    static func document(root: String, body: [(String, JSONValue)]) -> JSONValue {
        let digest = hashHex(JSONValue.object(body).serialized())
        let uuid = NameBasedUUID("\(root):\(digest)")
        return .object([(root, .object([("uuid", .string(uuid.description))] + body))])
    }

    private static func hashHex(_ text: String) -> String {
        var hash = SHA256()
        hash.update(Array(text.utf8))
        return hash.hexDigest()
    }
}

/// Hands out tokens that are unique within one document, in the order they are asked for: a
/// token already given gets `-2`, `-3`, ... appended.
struct TokenRegistry {
    private var used: Set<String> = []

    mutating func unique(_ token: String) -> String {
        var candidate = token
        var counter = 2
        while used.contains(candidate) {
            candidate = "\(token)-\(counter)"
            counter += 1
        }
        used.insert(candidate)
        return candidate
    }
}
