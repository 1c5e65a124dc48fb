import IsogapDiagnostics
public import IsogapModel
internal import IsogapYAML

/// Reads a CISO Assistant framework library (YAML) into an isogap ``Checklist`` (SPEC §16).
///
/// The file is untrusted: it goes through isogap's own YAML layer (libyaml, no aliases or tags)
/// with caps of its own, larger than those of isogap's files because real libraries are large.
///
/// Rules (see docs/interchange.md):
/// - The framework is `objects.framework` (or the first of `objects.frameworks`).
/// - Nodes are placed under their `parent_urn` (compared lower-case), which must name an earlier
///   node. A non-assessable node becomes a clause; an assessable node becomes a requirement of the
///   clause above it. An assessable node with children becomes a clause holding a requirement
///   for itself, then its children. Assessable nodes with no clause above them go into a clause
///   `general` titled with the framework's name. A clause left with nothing to assess is dropped
///   (with a warning).
/// - Ids are the `ref_id`s, else the last segment of the URN. An id with white space or control
///   characters, or longer than 64 characters, is made safe and reported; a repeated id gets
///   `-2`, `-3`, ... and is reported.
/// - A requirement's text is its `description`, else its `name` (both: name, a line break, the
///   description); its guidance is `typical_evidence`, then `annotation`. A clause's title is its
///   `name`, else its `description`, else its id.
/// - Text in the library's `locale` is the English text when the locale is `en`; `translations.en`
///   and `translations.ar` fill English and Arabic; another locale without an English translation
///   is kept as the default text (with a warning). Other languages are left out.
/// - The scale: levels `0...(max_score − min_score)`, score `s` at level `s − min_score`, labels and
///   descriptions from `scores_definition`. Without a score range (or with one of more than 11
///   levels and no definitions) the scale is isogap's default 0–3 scale. Level 0 needs no
///   evidence, every other level one valid evidence item.
public enum CISOAssistantImporter {
    /// Largest library accepted, in bytes (16 MiB): a library of that size takes about 190 MB
    /// while it is imported, within the 256 MB budget for untrusted input (the largest CISO
    /// Assistant framework libraries are a few MiB).
    public static let maxFileSize = 16 << 20

    /// 16 MiB per file, 64 levels of nesting, 1 MiB per value, 4,000,000 values.
    static let limits = YAMLLimits(
        maxFileSize: maxFileSize, maxDepth: 64, maxScalarLength: 1 << 20, maxNodes: 4_000_000)

    /// Deepest nesting of nodes accepted (the clause tree is built recursively, and a checklist
    /// file must stay within the YAML nesting cap).
    public static let maxNodeDepth = 20

    /// Longest id kept as it is.
    public static let maxIDLength = 64

    /// The library in `bytes` (read from `file`) as a checklist. `id` replaces the checklist id
    /// made from the framework's `ref_id`.
    public static func load(_ bytes: some Collection<UInt8>, file: String, id: String? = nil) -> Loaded<Checklist> {
        let parsed = YAMLParser(limits: limits).parse(bytes, file: file)
        guard let root = parsed.root else { return Loaded(value: nil, diagnostics: parsed.diagnostics, sourceMap: nil) }
        var reader = Reader(file: file)
        reader.diagnostics = parsed.diagnostics
        let checklist = reader.checklist(root, id: id)
        return Loaded(value: checklist, diagnostics: reader.diagnostics, sourceMap: nil)
    }

    /// The labels of the default scale (0–3), used when a library has no usable score range. In
    /// English only: an Arabic label would make every untranslated text of the library a warning.
    static let defaultLabels = ["Not in place", "Partly in place", "Largely in place", "Fully in place"]
}

/// One node of the framework, as read.
private struct Node {
    var urn: String
    var parent: String?
    var assessable: Bool
    var refID: String?
    var name: LocalizedText?
    var description: LocalizedText?
    var typicalEvidence: LocalizedText?
    var annotation: LocalizedText?
    var weight: Double
    /// 1 for a node without a parent.
    var depth: Int
    var mark: YAMLMark
    var children: [Int] = []
}

private struct Reader {
    let file: String
    var diagnostics: [Diagnostic] = []
    var locale = "en"
    var clauseIDs = Set<String>()
    var requirementIDs = Set<String>()
    var nextSuffix: [String: Int] = [:]

    init(file: String) {
        self.file = file
    }

    func location(_ node: YAMLNode) -> SourceLocation {
        SourceLocation(file: file, line: node.mark.line, column: node.mark.column)
    }

    func location(_ mark: YAMLMark) -> SourceLocation {
        SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    mutating func error(_ message: String, at node: YAMLNode) {
        diagnostics.append(.error(message, at: location(node)))
    }

    mutating func warning(_ message: String, at mark: YAMLMark) {
        diagnostics.append(.warning(message, at: location(mark)))
    }

    static func value(_ node: YAMLNode?, _ key: String) -> YAMLNode? {
        node?.pair(forKey: key)?.value
    }

    /// A scalar's text; `nil` for null, lists and mappings.
    static func string(_ node: YAMLNode?) -> String? {
        guard let scalar = node?.scalar, !scalar.isNull else { return nil }
        let text = scalar.value.trimmingWhitespace()
        return text.isEmpty ? nil : text
    }

    mutating func checklist(_ root: YAMLNode, id override: String?) -> Checklist? {
        guard root.mapping != nil else {
            error(
                "a CISO Assistant library is a mapping (urn, ref_id, objects, ...), found \(root.kindDescription)",
                at: root)
            return nil
        }
        locale = Self.string(Self.value(root, "locale"))?.lowercased() ?? "en"
        guard let objects = Self.value(root, "objects"), objects.mapping != nil else {
            error("the library has no 'objects' mapping; isogap imports framework libraries", at: root)
            return nil
        }
        var framework = Self.value(objects, "framework")
        if framework == nil, let list = Self.value(objects, "frameworks")?.sequence {
            framework = list.first
            if list.count > 1 {
                warning("the library has \(list.count) frameworks; only the first is imported", at: objects.mark)
            }
        }
        guard let framework, framework.mapping != nil else {
            error("the library has no framework (objects.framework); isogap imports frameworks only", at: objects)
            return nil
        }
        guard let list = Self.value(framework, "requirement_nodes")?.sequence, !list.isEmpty else {
            error("the framework has no requirement_nodes", at: framework)
            return nil
        }
        let nodes = readNodes(list)
        if diagnostics.containsErrors { return nil }

        let frameworkName =
            text(framework, "name") ?? text(root, "name")
            ?? LocalizedText(Self.string(Self.value(framework, "ref_id")) ?? "Imported framework")
        let refID =
            Self.string(Self.value(framework, "ref_id")) ?? Self.string(Self.value(root, "ref_id")) ?? "imported"
        var checklistID = override ?? Self.safeChecklistID(refID)
        if override == nil, checklistID != refID {
            warning(
                "framework ref_id '\(refID)' is not an isogap checklist id (a-z, 0-9, '-'); the checklist id is '\(checklistID)'",
                at: (Self.value(framework, "ref_id") ?? framework).mark)
        }
        if checklistID.isEmpty { checklistID = "imported" }
        let scale = readScale(framework)
        let clauses = buildClauses(nodes, frameworkName: frameworkName)
        let version = Self.string(Self.value(root, "version")) ?? "1"
        return Checklist(
            id: checklistID, standard: frameworkName.english, title: frameworkName, version: version, scale: scale,
            roles: [], clauses: clauses)
    }

    /// A checklist id from a `ref_id`: lower case, runs of other characters as one `-`.
    static func safeChecklistID(_ text: String) -> String {
        var result = ""
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                result.unicodeScalars.append(scalar)
            } else if !result.isEmpty, !result.hasSuffix("-") {
                result += "-"
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        return result
    }

    // MARK: Text

    /// A text field of `node` with its translations: the locale's text and `translations.en`/`ar`.
    mutating func text(_ node: YAMLNode, _ key: String) -> LocalizedText? {
        let main = Self.string(Self.value(node, key))
        let translations = Self.value(node, "translations")
        let english = Self.string(Self.value(Self.value(translations, "en"), key))
        let arabic = Self.string(Self.value(Self.value(translations, "ar"), key))
        var pairs: [(language: String, text: String)] = []
        switch locale {
        case "en":
            if let text = main ?? english { pairs.append(("en", text)) }
            if let arabic { pairs.append(("ar", arabic)) }
        case "ar":
            if let text = english ?? main { pairs.append(("en", text)) }
            if let text = main ?? arabic { pairs.append(("ar", text)) }
        default:
            if let text = english ?? main { pairs.append(("en", text)) }
            if let arabic { pairs.append(("ar", arabic)) }
        }
        return LocalizedText(translations: pairs)
    }

    // MARK: Nodes

    mutating func readNodes(_ list: YAMLNode.Items) -> [Node] {
        var nodes: [Node] = []
        var index: [String: Int] = [:]
        var warnedLocale = false
        for item in list {
            guard item.mapping != nil else {
                error("a requirement node is a mapping, found \(item.kindDescription)", at: item)
                continue
            }
            guard let urn = Self.string(Self.value(item, "urn"))?.lowercased() else {
                error("requirement node without 'urn'", at: item)
                continue
            }
            if let first = index[urn] {
                diagnostics.append(
                    .error(
                        "duplicate node urn '\(urn)'", at: location(item),
                        notes: [.init("first defined here", at: location(nodes[first].mark))]))
                continue
            }
            var parent: String?
            var depth = 1
            if let parentNode = Self.value(item, "parent_urn"), let parentURN = Self.string(parentNode)?.lowercased() {
                guard let parentIndex = index[parentURN] else {
                    error("parent_urn '\(parentURN)' does not name an earlier node", at: parentNode)
                    continue
                }
                depth = nodes[parentIndex].depth + 1
                guard depth <= CISOAssistantImporter.maxNodeDepth else {
                    error(
                        "nodes nest more than \(CISOAssistantImporter.maxNodeDepth) levels deep; isogap's checklists do not go deeper",
                        at: parentNode)
                    continue
                }
                parent = parentURN
            }
            var assessable = false
            if let flag = Self.value(item, "assessable"), !flag.isNull {
                guard let value = flag.scalar?.bool else {
                    error("'assessable' must be true or false, found \(flag.kindDescription)", at: flag)
                    continue
                }
                assessable = value
            }
            var weight = 1.0
            if let weightNode = Self.value(item, "weight"), !weightNode.isNull {
                if let value = weightNode.scalar?.decimal, value > 0 {
                    weight = value
                } else {
                    warning(
                        "weight \(weightNode.kindDescription) is not a number above 0; using 1", at: weightNode.mark)
                }
            }
            if locale != "en", locale != "ar", !warnedLocale, Self.value(Self.value(item, "translations"), "en") == nil
            {
                warnedLocale = true
                warning(
                    "the library's locale is '\(locale)' and its nodes have no English translation; their text is kept as the default (English) text",
                    at: item.mark)
            }
            let node = Node(
                urn: urn, parent: parent, assessable: assessable, refID: Self.string(Self.value(item, "ref_id")),
                name: text(item, "name"), description: text(item, "description"),
                typicalEvidence: text(item, "typical_evidence"), annotation: text(item, "annotation"), weight: weight,
                depth: depth, mark: item.mark)
            index[urn] = nodes.count
            if let parent, let parentIndex = index[parent] { nodes[parentIndex].children.append(nodes.count) }
            nodes.append(node)
        }
        return nodes
    }

    /// The id of a node: its `ref_id`, else the last segment of its URN, made safe and unique
    /// among ids of the same kind.
    mutating func id(of node: Node, clause: Bool) -> String {
        let original = node.refID ?? String(node.urn.split(separator: ":").last ?? Substring(node.urn))
        var id = original
        if id.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) {
            id = String(
                String.UnicodeScalarView(
                    id.unicodeScalars.map {
                        $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F ? "-" : $0
                    }))
        }
        if id.count > CISOAssistantImporter.maxIDLength { id = String(id.prefix(CISOAssistantImporter.maxIDLength)) }
        if id.isEmpty { id = "node" }
        // Mutated in place: a copy of the set per node would make large libraries quadratic.
        func isTaken(_ candidate: String) -> Bool {
            clause ? clauseIDs.contains(candidate) : requirementIDs.contains(candidate)
        }
        var unique = id
        // The next suffix to try per id, so that many nodes with one ref_id stay linear.
        let suffixKey = (clause ? "c:" : "r:") + id
        var counter = nextSuffix[suffixKey] ?? 2
        while isTaken(unique) {
            unique = "\(id)-\(counter)"
            counter += 1
        }
        nextSuffix[suffixKey] = counter
        if clause { clauseIDs.insert(unique) } else { requirementIDs.insert(unique) }
        if unique != original {
            let kind = clause ? "clause" : "requirement"
            let why =
                unique == id
                ? "is not a usable isogap id (white space, control characters or over \(CISOAssistantImporter.maxIDLength) characters)"
                : "is used twice"
            warning("ref_id '\(original)' \(why); the \(kind) id is '\(unique)'", at: node.mark)
        }
        return unique
    }

    mutating func buildClauses(_ nodes: [Node], frameworkName: LocalizedText) -> [Clause] {
        var clauses: [Clause] = []
        var loose: [Requirement] = []
        for (index, node) in nodes.enumerated() where node.parent == nil {
            if node.assessable && node.children.isEmpty {
                loose.append(requirement(nodes[index]))
            } else if let clause = clause(index, nodes) {
                clauses.append(clause)
            }
        }
        if !loose.isEmpty {
            var id = "general"
            var counter = 2
            while clauseIDs.contains(id) {
                id = "general-\(counter)"
                counter += 1
            }
            clauses.insert(Clause(id: id, title: frameworkName, requirements: loose), at: 0)
        }
        return clauses
    }

    mutating func clause(_ index: Int, _ nodes: [Node]) -> Clause? {
        let node = nodes[index]
        let id = id(of: node, clause: true)
        let title = node.name ?? node.description.map(firstLine) ?? LocalizedText(id)
        var result = Clause(id: id, title: title)
        if node.assessable { result.requirements.append(requirement(node)) }
        for child in node.children {
            if nodes[child].assessable && nodes[child].children.isEmpty {
                result.requirements.append(requirement(nodes[child]))
            } else if let sub = clause(child, nodes) {
                result.clauses.append(sub)
            }
        }
        guard !result.requirements.isEmpty || !result.clauses.isEmpty else {
            warning("node '\(id)' has nothing to assess below it; it is left out", at: node.mark)
            return nil
        }
        return result
    }

    mutating func requirement(_ node: Node) -> Requirement {
        let id = id(of: node, clause: false)
        var text: LocalizedText
        switch (node.name, node.description) {
        case (let name?, let description?): text = joined(name, description, separator: "\n")
        case (let name?, nil): text = name
        case (nil, let description?): text = description
        case (nil, nil): text = LocalizedText(node.refID ?? id)
        }
        var guidance = node.typicalEvidence
        if let annotation = node.annotation {
            guidance = guidance.map { joined($0, annotation, separator: "\n\n") } ?? annotation
        }
        return Requirement(id: id, text: text, guidance: guidance, weight: node.weight)
    }

    func joined(_ first: LocalizedText, _ second: LocalizedText, separator: String) -> LocalizedText {
        let languages = first.languages + second.languages.filter { !first.languages.contains($0) }
        let pairs = languages.map { language -> (language: String, text: String) in
            (language, first.resolved(language) + separator + second.resolved(language))
        }
        return LocalizedText(translations: pairs) ?? first
    }

    func firstLine(_ text: LocalizedText) -> LocalizedText {
        LocalizedText(
            translations: text.translations.map { ($0.language, String($0.text.prefix { !$0.isNewline }.prefix(200))) })
            ?? text
    }

    // MARK: Scale

    mutating func readScale(_ framework: YAMLNode) -> [ScaleLevel] {
        var definitions = Self.value(framework, "scores_definition")
        if let nested = Self.value(definitions, "scale") { definitions = nested }
        var labels: [Int: (LocalizedText, LocalizedText?)] = [:]
        let entries: [YAMLNode] = definitions?.sequence.map(Array.init) ?? []
        for entry in entries {
            guard let score = entry.mapping.flatMap({ _ in Self.value(entry, "score")?.scalar?.integer }) else {
                warning("a scores_definition entry without a whole-number 'score' is skipped", at: entry.mark)
                continue
            }
            let name = text(entry, "name") ?? LocalizedText("Score \(score)")
            labels[score] = (name, text(entry, "description"))
        }
        let minNode = Self.value(framework, "min_score"), maxNode = Self.value(framework, "max_score")
        let hasRange = minNode != nil || maxNode != nil || !labels.isEmpty
        let low = minNode?.scalar?.integer ?? labels.keys.min() ?? 0
        let high = maxNode?.scalar?.integer ?? labels.keys.max() ?? 100
        let usable = hasRange && high > low && high - low <= (labels.isEmpty ? 10 : 100)
        guard usable else {
            if hasRange {
                warning(
                    "the framework's score range \(low)–\(high) cannot be a maturity scale (min_score must be below max_score, with at most 11 levels unless scores_definition names them); the default 0–3 scale is used",
                    at: framework.mark)
            }
            return CISOAssistantImporter.defaultLabels.enumerated().map { level, label in
                ScaleLevel(
                    level: level, label: LocalizedText(label), description: nil, minEvidence: level == 0 ? 0 : 1,
                    expectedType: false)
            }
        }
        return (low...high).map { score in
            let label = labels[score]
            return ScaleLevel(
                level: score - low, label: label?.0 ?? LocalizedText("Score \(score)"), description: label?.1,
                minEvidence: score == low ? 0 : 1, expectedType: false)
        }
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[start...end])
    }
}
