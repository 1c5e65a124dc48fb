public import IsogapModel
import IsogapYAML

/// A checklist as a CISO Assistant framework library (YAML), within the rules its library loader
/// enforces (SPEC §16).
///
/// - URNs are lower case: `urn:isogap:risk:library:<id>`, `urn:isogap:risk:framework:<id>` and
///   `urn:isogap:risk:req_node:<id>:<clause or requirement id>` (characters outside `a-z 0-9 . _ -`
///   become `-`; a clash gets `-2`, `-3`, ...).
/// - Clauses are non-assessable nodes (`ref_id` the clause number, `name` its title); requirements
///   are assessable nodes (`ref_id` the requirement id, `description` the question, since a name
///   holds at most 200 characters; `typical_evidence` the guidance; `annotation` the expected
///   evidence types; `weight` a whole number, at least 1).
/// - The scale is the framework's `min_score`/`max_score` and `scores_definition`.
/// - Texts are in the library's `locale` (English by default); the other language (Arabic) is
///   `translations.<language>` of the library, the framework and every node.
public enum CISOAssistantLibrary {
    /// Longest `name` a node may have in a CISO Assistant database.
    public static let maxNameLength = 200

    /// The library YAML of `checklist`, published `date`, with its texts in `language` (the
    /// library's `locale`) and the other language as translations.
    public static func yaml(_ checklist: Checklist, date: CalendarDate, language: ReportLanguage = .en) -> String {
        let main = language.rawValue, other = language == .en ? "ar" : "en"
        var out = YAMLLines()
        let id = urnSegment(checklist.id)
        out.comment("CISO Assistant framework library written by isogap from its checklist \(checklist.id).")
        out.comment("Questions and guidance are isogap's own words; clause numbers and titles refer to the standard.")
        out.scalar("urn", "urn:isogap:risk:library:\(id)")
        out.scalar("locale", main)
        out.scalar("ref_id", checklist.id)
        out.scalar("name", limited(checklist.title.resolved(main)))
        out.scalar("description", description(checklist, language: main))
        out.scalar("copyright", "isogap checklist \(checklist.id) \(checklist.version)")
        out.raw("version", String(libraryVersion(checklist.version)))
        out.scalar("publication_date", date.description)
        out.scalar("provider", "isogap")
        out.scalar("packager", "isogap")
        if let translated = checklist.title[other] {
            out.open("translations")
            out.open(other)
            out.scalar("name", limited(translated))
            out.scalar("description", description(checklist, language: other))
            out.close()
            out.close()
        }
        out.open("objects")
        out.open("framework")
        out.scalar("urn", "urn:isogap:risk:framework:\(id)")
        out.scalar("ref_id", checklist.id)
        out.scalar("name", limited(checklist.title.resolved(main)))
        out.scalar("description", description(checklist, language: main))
        if let translated = checklist.title[other] {
            out.open("translations")
            out.open(other)
            out.scalar("name", limited(translated))
            out.scalar("description", description(checklist, language: other))
            out.close()
            out.close()
        }
        out.raw("min_score", String(checklist.scale.first?.level ?? 0))
        out.raw("max_score", String(checklist.maxLevel))
        out.open("scores_definition")
        for level in checklist.scale {
            out.item()
            out.raw("score", String(level.level))
            out.scalar("name", limited(level.label.resolved(main)))
            if let description = level.description { out.scalar("description", description.resolved(main)) }
            if let translated = level.label[other] {
                out.open("translations")
                out.open(other)
                out.scalar("name", limited(translated))
                if let description = level.description?[other] { out.scalar("description", description) }
                out.close()
                out.close()
            }
            out.close()
        }
        out.close()
        out.open("requirement_nodes")
        var segments = Set<String>()
        func unique(_ text: String) -> String {
            var candidate = urnSegment(text)
            var counter = 2
            while segments.contains(candidate) {
                candidate = "\(urnSegment(text))-\(counter)"
                counter += 1
            }
            segments.insert(candidate)
            return candidate
        }
        let prefix = "urn:isogap:risk:req_node:\(id):"
        func node(_ clause: Clause, parent: String?, depth: Int) {
            let urn = prefix + unique(clause.id)
            out.item()
            out.scalar("urn", urn)
            out.raw("assessable", "false")
            out.raw("depth", String(depth))
            if let parent { out.scalar("parent_urn", parent) }
            out.scalar("ref_id", clause.id)
            out.scalar("name", limited(clause.title.resolved(main)))
            if let translated = clause.title[other] {
                out.open("translations")
                out.open(other)
                out.scalar("name", limited(translated))
                out.close()
                out.close()
            }
            out.close()
            for requirement in clause.requirements {
                out.item()
                out.scalar("urn", prefix + unique(requirement.id))
                out.raw("assessable", "true")
                out.raw("depth", String(depth + 1))
                out.scalar("parent_urn", urn)
                out.scalar("ref_id", requirement.id)
                out.scalar("description", requirement.text.resolved(main))
                if let guidance = requirement.guidance { out.scalar("typical_evidence", guidance.resolved(main)) }
                if let annotation = annotation(requirement) { out.scalar("annotation", annotation) }
                out.raw("weight", String(integerWeight(requirement.weight)))
                let translatedText = requirement.text[other], translatedGuidance = requirement.guidance?[other]
                if translatedText != nil || translatedGuidance != nil {
                    out.open("translations")
                    out.open(other)
                    if let translatedText { out.scalar("description", translatedText) }
                    if let translatedGuidance { out.scalar("typical_evidence", translatedGuidance) }
                    out.close()
                    out.close()
                }
                out.close()
            }
            for child in clause.clauses { node(child, parent: urn, depth: depth + 1) }
        }
        for clause in checklist.clauses { node(clause, parent: nil, depth: 1) }
        out.close()
        out.close()
        out.close()
        return out.text
    }

    /// A piece of a URN: lower case, characters outside `a-z 0-9 . _ -` as `-`.
    public static func urnSegment(_ text: String) -> String {
        var result = ""
        for scalar in text.lowercased().unicodeScalars {
            let allowed =
                ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "." || scalar == "_"
                || scalar == "-"
            result.unicodeScalars.append(allowed ? scalar : "-")
        }
        return result.isEmpty ? "-" : result
    }

    /// CISO Assistant versions are whole numbers that grow with each release: `1.2.3` becomes
    /// 10203 (major × 10000 + minor × 100 + patch); a version that is not numeric becomes 1.
    public static func libraryVersion(_ version: String) -> Int {
        let parts = version.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        let found = parts.compactMap { $0 }
        guard !found.isEmpty, found.count == parts.count, found.count <= 3, found.allSatisfy({ (0..<100).contains($0) })
        else { return 1 }
        let numbers = found + Array(repeating: 0, count: 3 - found.count)
        return max(1, numbers[0] * 10000 + numbers[1] * 100 + numbers[2])
    }

    /// Weights are whole numbers in CISO Assistant: rounded, at least 1.
    static func integerWeight(_ weight: Double) -> Int {
        guard weight.isFinite else { return 1 }
        return max(1, Int(min(weight.rounded(), 1_000_000)))
    }

    static func annotation(_ requirement: Requirement) -> String? {
        guard !requirement.evidence.isEmpty else { return nil }
        return "Expected evidence: \(requirement.evidence.map(\.rawValue).joined(separator: ", "))."
    }

    static func description(_ checklist: Checklist, language: String) -> String {
        if language == "ar" {
            return "قائمة تقييم الفجوات لمعيار \(checklist.standard) من isogap (الإصدار \(checklist.version))."
        }
        return "Gap-assessment checklist for \(checklist.standard) from isogap (version \(checklist.version))."
    }

    /// `text` on one line and cut to the length a node name may have.
    static func limited(_ text: String) -> String {
        let flat = String(text.map { $0.isNewline ? " " : $0 })
        guard flat.count > maxNameLength else { return flat }
        return String(flat.prefix(maxNameLength - 1)) + "…"
    }
}

/// Block-style YAML written line by line: mappings opened with a key, list items with `- `.
struct YAMLLines {
    private(set) var text = ""
    private var indent = 0
    private var pendingItem = false

    mutating func comment(_ line: String) {
        text += String(repeating: " ", count: indent) + "# " + YAMLText.commentLine(line) + "\n"
    }

    private mutating func prefix() -> String {
        if pendingItem {
            pendingItem = false
            return String(repeating: " ", count: indent - 2) + "- "
        }
        return String(repeating: " ", count: indent)
    }

    /// `key: "value"` with the value quoted and escaped.
    mutating func scalar(_ key: String, _ value: String) {
        text += prefix() + key + ": " + YAMLText.quoted(value) + "\n"
    }

    /// `key: value` with a value written as it is (numbers, booleans).
    mutating func raw(_ key: String, _ value: String) {
        text += prefix() + key + ": " + value + "\n"
    }

    /// `key:` followed by a nested mapping or list; ended with ``close()``.
    mutating func open(_ key: String) {
        text += prefix() + key + ":\n"
        indent += 2
    }

    /// Starts a list item whose first key goes on the `- ` line; ended with ``close()``.
    mutating func item() {
        indent += 2
        pendingItem = true
    }

    mutating func close() {
        indent -= 2
    }
}
