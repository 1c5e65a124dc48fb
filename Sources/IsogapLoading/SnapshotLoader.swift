internal import IsogapDiagnostics
public import IsogapModel
internal import IsogapYAML

/// Reads a saved JSON report (`isogap report --format json`) back as a ``Snapshot`` for
/// `isogap compare` and `isogap history` (SPEC §13).
///
/// The file is untrusted. JSON is the flow style of YAML, so it goes through the same capped
/// parser as every YAML file (size, nesting, scalar length and node count limits; located errors),
/// and the root must be a JSON object, written with braces. Keys the snapshot does not need are
/// ignored, so reports from later versions with more fields still load; the keys it needs are
/// checked for type and range, every problem reported with its line and column.
public enum SnapshotLoader {
    public static func load(_ bytes: some Collection<UInt8>, file: String) -> Loaded<Snapshot> {
        let source = Array(bytes)
        let lines = SourceLines(file: file, bytes: source)
        let parsed = YAMLParser().parse(source, file: file)
        guard let root = parsed.root else {
            return Loaded(value: nil, diagnostics: lines.attach(to: parsed.diagnostics), sourceMap: nil)
        }
        var reader = Reader(decoder: NodeDecoder(file: file))
        reader.decoder.append(parsed.diagnostics)
        let snapshot = reader.snapshot(root)
        let diagnostics = lines.attach(to: reader.decoder.diagnostics)
        return Loaded(value: diagnostics.containsErrors ? nil : snapshot, diagnostics: diagnostics, sourceMap: nil)
    }

    /// Decodes the report's members into a snapshot, reporting every problem.
    struct Reader {
        var decoder: NodeDecoder

        mutating func snapshot(_ root: YAMLNode) -> Snapshot? {
            guard root.mapping != nil, root.isFlow else {
                decoder.error(
                    "expected a JSON report written by 'isogap report --format json' (an object in braces), found \(root.kindDescription)",
                    at: root)
                return nil
            }
            guard let version = member(root, "isogap", what: "the report") else { return nil }
            guard version.scalar?.integer == 1 else {
                decoder.error("'isogap' must be 1 (the format version this build reads)", at: version)
                return nil
            }
            let organization = member(root, "organization", what: "the report").flatMap {
                decoder.string($0, "organization")
            }
            let date = member(root, "assessment_date", what: "the report").flatMap {
                decoder.date($0, "assessment_date")
            }
            let combined = member(root, "combined", what: "the report").flatMap { node -> Double?? in
                guard object(node, "combined") else { return nil }
                return member(node, "percent", what: "'combined'").flatMap { percent($0, "combined.percent") }
            }
            let checklists = member(root, "checklists", what: "the report").flatMap {
                decoder.list($0, "checklists")?.map { checklist($0) }
            }
            var actions: [Snapshot.Action?] = []
            if let register = root["actions"], !register.isNull, object(register, "actions"),
                let list = member(register, "actions", what: "'actions'").flatMap({ decoder.list($0, "actions") })
            {
                actions = list.map { action($0) }
            }
            guard let organization, let date, let combined, let checklists else { return nil }
            return Snapshot(
                organization: organization, assessmentDate: date, combined: combined,
                checklists: checklists.compactMap { $0 }, actions: actions.compactMap { $0 })
        }

        mutating func checklist(_ node: YAMLNode) -> Snapshot.Checklist? {
            guard object(node, "a checklist") else { return nil }
            let id = member(node, "id", what: "a checklist").flatMap { decoder.nonEmptyString($0, "id") }
            let version = node["version"].flatMap { decoder.string($0, "version") } ?? ""
            let title = node["title"].flatMap { decoder.string($0, "title") }
            let standard = node["standard"].flatMap { decoder.string($0, "standard") }
            let value = member(node, "percent", what: "a checklist").flatMap { percent($0, "percent") }
            let clauses = node["clauses"].flatMap { decoder.list($0, "clauses") }?.map { clause($0) } ?? []
            let requirements =
                member(node, "requirements", what: "a checklist").flatMap { decoder.list($0, "requirements") }?
                .map { requirement($0) }
            guard let id, let value, let requirements else { return nil }
            return Snapshot.Checklist(
                id: id, version: version, title: LocalizedText(title ?? id), percent: value,
                clauses: clauses.compactMap { $0 }, requirements: requirements.compactMap { $0 }, standard: standard)
        }

        mutating func clause(_ node: YAMLNode) -> Snapshot.Clause? {
            guard object(node, "a clause") else { return nil }
            let id = member(node, "id", what: "a clause").flatMap { decoder.nonEmptyString($0, "id") }
            let title = node["title"].flatMap { decoder.string($0, "title") }
            let value = member(node, "percent", what: "a clause").flatMap { percent($0, "percent") }
            let children = node["clauses"].flatMap { decoder.list($0, "clauses") }?.map { clause($0) } ?? []
            guard let id, let value else { return nil }
            return Snapshot.Clause(
                id: id, title: LocalizedText(title ?? id), percent: value, clauses: children.compactMap { $0 })
        }

        mutating func requirement(_ node: YAMLNode) -> Snapshot.Requirement? {
            guard object(node, "a requirement") else { return nil }
            let id = member(node, "id", what: "a requirement").flatMap { decoder.nonEmptyString($0, "id") }
            let clause = node["clause"].flatMap { $0.isNull ? nil : decoder.string($0, "clause") }
            let applicable = member(node, "applicable", what: "a requirement").flatMap {
                decoder.bool($0, "applicable")
            }
            let claimed = node["claimed"].flatMap { level($0, "claimed") } ?? nil
            let effective = member(node, "effective", what: "a requirement").flatMap { level($0, "effective") }
            let target = node["target"].flatMap { level($0, "target") } ?? nil
            let gap = node["gap"].flatMap { level($0, "gap") } ?? nil
            guard let id, let applicable, let effective else { return nil }
            return Snapshot.Requirement(
                id: id, clause: clause, applicable: applicable, claimed: claimed, effective: effective, target: target,
                gap: gap)
        }

        mutating func action(_ node: YAMLNode) -> Snapshot.Action? {
            guard object(node, "an action") else { return nil }
            let id = member(node, "id", what: "an action").flatMap { decoder.nonEmptyString($0, "id") }
            let title = node["title"].flatMap { $0.isNull ? nil : decoder.string($0, "title") } ?? ""
            let status = member(node, "status", what: "an action").flatMap {
                decoder.choice($0, "status", as: ActionStatus.self)
            }
            let requirements =
                node["requirements"].flatMap { decoder.list($0, "requirements") }?
                .compactMap { decoder.string($0, "requirements") } ?? []
            let completed = node["completed"].flatMap { $0.isNull ? nil : decoder.date($0, "completed") }
            guard let id, let status else { return nil }
            return Snapshot.Action(
                id: id, title: title, status: status, requirements: requirements, completed: completed)
        }

        // MARK: Values

        /// The member `key` of an object, reporting its absence.
        mutating func member(_ node: YAMLNode, _ key: String, what: String) -> YAMLNode? {
            if let value = node[key] { return value }
            decoder.error("\(what) has no '\(key)'; is this a JSON report written by 'isogap report'?", at: node)
            return nil
        }

        /// Whether `node` is an object, reporting it when it is not.
        mutating func object(_ node: YAMLNode, _ what: String) -> Bool {
            if node.mapping != nil { return true }
            decoder.error("expected \(what) as an object, found \(node.kindDescription)", at: node)
            return false
        }

        /// A percentage from 0 to 100, or null: `.some(nil)` for null, `nil` after an error.
        mutating func percent(_ node: YAMLNode, _ key: String) -> Double?? {
            if node.isNull { return .some(nil) }
            guard let value = decoder.number(node, key) else { return nil }
            guard (0...100).contains(value) else {
                decoder.error(
                    "'\(key)' must be a percentage from 0 to 100, found \(node.scalar?.value ?? "")", at: node)
                return nil
            }
            return .some(value)
        }

        /// A level or gap: a whole number from 0 to 1,000, or null.
        mutating func level(_ node: YAMLNode, _ key: String) -> Int?? {
            if node.isNull { return .some(nil) }
            guard let value = decoder.integer(node, key) else { return nil }
            guard (0...1000).contains(value) else {
                decoder.error("'\(key)' must be a whole number from 0 to 1000, found \(value)", at: node)
                return nil
            }
            return .some(value)
        }
    }
}
