internal import IsogapDiagnostics
public import IsogapModel
internal import IsogapYAML

/// Reads checklist files (`kind: checklist`) into ``Checklist`` values.
///
/// Decoding keeps every list item, even a broken one (as an empty placeholder), so the indices of
/// the model match the file and the model's findings land on the right lines.
public enum ChecklistLoader {
    /// Keys of the mappings read once per item, prepared once.
    static let scaleLevelKeys: YAMLKeyNames = [
        "level", "label", "description", "min_evidence", "expected_type", "evidence_types",
    ]
    static let roleKeys: YAMLKeyNames = ["id", "name"]
    static let clauseKeys: YAMLKeyNames = ["id", "title", "clauses", "requirements"]
    static let requirementKeys: YAMLKeyNames = [
        "id", "text", "guidance", "evidence", "weight", "criticality", "maps", "tasks",
    ]
    static let taskKeys: YAMLKeyNames = [
        "id", "title", "role", "effort_days", "phase", "tags", "after", "scales_with", "scale_per",
    ]

    /// Parses and decodes a checklist. Model-level validation (ids, references, cycles) is a
    /// separate step, ``Checklist/validate(in:)``, because it needs the other checklists.
    public static func load(_ bytes: some Collection<UInt8>, file: String) -> Loaded<Checklist> {
        load(ParsedDocument(bytes, file: file))
    }

    /// Loads a document already parsed, without parsing it again.
    public static func load(_ document: ParsedDocument) -> Loaded<Checklist> {
        DocumentLoading.load(document, kind: .checklist) { decoder, root in
            decodeChecklist(root, &decoder)
        }
    }

    static let checklistKeys: YAMLKeyNames = [
        "isogap", "kind", "id", "standard", "title", "version", "scale", "roles", "clauses", "nature",
    ]

    private static func decodeChecklist(_ root: YAMLNode, _ decoder: inout NodeDecoder) -> Checklist {
        let fields = decoder.fields(
            root, allowed: checklistKeys, required: ["id", "standard", "title", "version", "scale", "clauses"],
            what: "the checklist")
        guard let fields else {
            return Checklist(
                id: "", standard: "", title: LocalizedText(""), version: "", scale: [], roles: [], clauses: [])
        }
        return Checklist(
            id: decoder.required(fields, "id") { $0.nonEmptyString($1, $2) } ?? "",
            standard: decoder.required(fields, "standard") { $0.nonEmptyString($1, $2) } ?? "",
            title: decoder.required(fields, "title") { $0.localizedText($1, $2) } ?? LocalizedText(""),
            version: decoder.required(fields, "version") { $0.nonEmptyString($1, $2) } ?? "",
            scale: decoder.items(fields, "scale") { decodeLevel($1, &$0) }.map { $0 ?? placeholderLevel },
            roles: decodeRoles(fields, &decoder),
            clauses: decoder.items(fields, "clauses") { decodeClause($1, &$0) }.map { $0 ?? placeholderClause },
            nature: decoder.optional(fields, "nature") { $0.choice($1, $2, as: ChecklistNature.self) } ?? .requirements)
    }

    private static let placeholderLevel = ScaleLevel(
        level: ScaleLevel.unreadable, label: LocalizedText(""), description: nil, minEvidence: 0, expectedType: false)
    private static let placeholderClause = Clause(id: "", title: LocalizedText(""))

    private static func decodeLevel(_ node: YAMLNode, _ decoder: inout NodeDecoder) -> ScaleLevel? {
        guard
            let fields = decoder.fields(
                node, allowed: scaleLevelKeys,
                required: ["level", "label", "min_evidence"], what: "a scale level")
        else { return nil }
        return ScaleLevel(
            level: decoder.required(fields, "level") { $0.integer($1, $2) } ?? ScaleLevel.unreadable,
            label: decoder.required(fields, "label") { $0.localizedText($1, $2) } ?? LocalizedText(""),
            description: decoder.optional(fields, "description") { $0.localizedText($1, $2) },
            minEvidence: decoder.required(fields, "min_evidence") { $0.integer($1, $2) } ?? 0,
            expectedType: decoder.optional(fields, "expected_type") { $0.bool($1, $2) } ?? false,
            evidenceTypes: decoder.items(fields, "evidence_types") {
                $0.choice($1, "evidence type", as: EvidenceType.self)
            }
            .compactMap { $0 })
    }

    /// The `roles` list of a checklist or phase template.
    static func decodeRoles(_ fields: Fields, _ decoder: inout NodeDecoder) -> [Role] {
        decoder.items(fields, "roles") { decoder, node in
            guard let role = decoder.fields(node, allowed: roleKeys, required: ["id", "name"], what: "a role")
            else { return nil }
            return Role(
                id: decoder.required(role, "id") { $0.nonEmptyString($1, $2) } ?? "",
                name: decoder.required(role, "name") { $0.localizedText($1, $2) } ?? LocalizedText(""))
        }.map { $0 ?? Role(id: "", name: LocalizedText("")) }
    }

    private static func decodeClause(_ node: YAMLNode, _ decoder: inout NodeDecoder) -> Clause? {
        guard
            let fields = decoder.fields(
                node, allowed: clauseKeys, required: ["id", "title"], what: "a clause")
        else { return nil }
        return Clause(
            id: decoder.required(fields, "id") { $0.nonEmptyString($1, $2) } ?? "",
            title: decoder.required(fields, "title") { $0.localizedText($1, $2) } ?? LocalizedText(""),
            clauses: decoder.items(fields, "clauses") { decodeClause($1, &$0) }.map { $0 ?? placeholderClause },
            requirements: decoder.items(fields, "requirements") { decodeRequirement($1, &$0) }
                .map { $0 ?? Requirement(id: "", text: LocalizedText("")) })
    }

    private static func decodeRequirement(_ node: YAMLNode, _ decoder: inout NodeDecoder) -> Requirement? {
        guard
            let fields = decoder.fields(
                node, allowed: requirementKeys,
                required: ["id", "text"], what: "a requirement")
        else { return nil }
        let evidence = decoder.items(fields, "evidence") { $0.choice($1, "evidence type", as: EvidenceType.self) }
        let maps = decoder.items(fields, "maps") { decoder, node -> CrossReference? in
            guard let text = decoder.string(node, "maps") else { return nil }
            guard let reference = CrossReference(text) else {
                decoder.error("a mapping is written 'checklist-id:clause-id', found '\(text)'", at: node)
                return nil
            }
            return reference
        }
        return Requirement(
            id: decoder.required(fields, "id") { $0.nonEmptyString($1, $2) } ?? "",
            text: decoder.required(fields, "text") { $0.localizedText($1, $2) } ?? LocalizedText(""),
            guidance: decoder.optional(fields, "guidance") { $0.localizedText($1, $2) },
            evidence: evidence.compactMap { $0 },
            weight: decoder.optional(fields, "weight") { $0.number($1, $2) } ?? 1,
            criticality: decoder.optional(fields, "criticality") { $0.choice($1, $2, as: Criticality.self) } ?? .medium,
            // A broken mapping keeps its slot (as a reference that always resolves) so indices match the file.
            maps: maps.map { $0 ?? CrossReference(checklist: "", target: "") },
            tasks: decoder.items(fields, "tasks") { decodeTask($1, &$0) }.map { $0 ?? placeholderTask })
    }

    static let placeholderTask = PlanTask(id: "", title: LocalizedText(""), role: "", effortDays: 1, phase: "")

    /// A task of a checklist requirement or of a phase template.
    static func decodeTask(_ node: YAMLNode, _ decoder: inout NodeDecoder) -> PlanTask? {
        guard
            let fields = decoder.fields(
                node,
                allowed: taskKeys,
                required: ["id", "title", "role", "effort_days", "phase"], what: "a task")
        else { return nil }
        var task = PlanTask(
            id: decoder.required(fields, "id") { $0.nonEmptyString($1, $2) } ?? "",
            title: decoder.required(fields, "title") { $0.localizedText($1, $2) } ?? LocalizedText(""),
            role: decoder.required(fields, "role") { $0.nonEmptyString($1, $2) } ?? "",
            effortDays: decoder.required(fields, "effort_days") { $0.number($1, $2) } ?? 1,
            phase: decoder.required(fields, "phase") { $0.nonEmptyString($1, $2) } ?? "",
            after: decoder.items(fields, "after") { $0.nonEmptyString($1, "after") }.map { $0 ?? "" },
            tags: decoder.items(fields, "tags") { $0.nonEmptyString($1, "tags") }.compactMap { $0 })
        task.scalesWith = decoder.optional(fields, "scales_with") { $0.choice($1, $2, as: SizeDriver.self) }
        task.scalePer = decoder.optional(fields, "scale_per") { decoder, node, key -> Int? in
            guard let per = decoder.integer(node, key) else { return nil }
            guard per > 0, per <= OrganisationSize.maxCount else {
                decoder.error("'scale_per' must be a whole number from 1 to \(OrganisationSize.maxCount)", at: node)
                return nil
            }
            return per
        }
        if task.scalesWith == nil, task.scalePer != nil, let node = fields["scale_per"] {
            decoder.error("'scale_per' needs 'scales_with' (sites or staff) on the same task", at: node)
        }
        return task
    }
}
