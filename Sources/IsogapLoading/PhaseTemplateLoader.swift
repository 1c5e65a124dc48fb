internal import IsogapDiagnostics
public import IsogapModel
internal import IsogapYAML

/// Reads the implementation-plan phase template (`kind: plan-phases`).
public enum PhaseTemplateLoader {
    /// Keys of a mapping read once per item, prepared once.
    static let phaseKeys: YAMLKeyNames = ["id", "title", "accountable", "tasks"]

    /// Parses and decodes the template; ``PhaseTemplate/validate()`` checks its references.
    public static func load(_ bytes: some Collection<UInt8>, file: String) -> Loaded<PhaseTemplate> {
        load(ParsedDocument(bytes, file: file))
    }

    /// Loads a document already parsed, without parsing it again.
    public static func load(_ document: ParsedDocument) -> Loaded<PhaseTemplate> {
        DocumentLoading.load(document, kind: .planPhases) { decoder, root in
            guard
                let fields = decoder.fields(
                    root, allowed: ["isogap", "kind", "roles", "phases"], required: ["phases"],
                    what: "the phase template")
            else { return PhaseTemplate(roles: [], phases: []) }
            let phases = decoder.items(fields, "phases") { decoder, node -> PhaseTemplate.Phase? in
                guard
                    let phase = decoder.fields(
                        node, allowed: phaseKeys,
                        required: ["id", "title", "accountable"],
                        what: "a phase")
                else { return nil }
                return PhaseTemplate.Phase(
                    id: decoder.required(phase, "id") { $0.nonEmptyString($1, $2) } ?? "",
                    title: decoder.required(phase, "title") { $0.localizedText($1, $2) } ?? LocalizedText(""),
                    accountable: decoder.required(phase, "accountable") { $0.nonEmptyString($1, $2) } ?? "",
                    tasks: decoder.items(phase, "tasks") { ChecklistLoader.decodeTask($1, &$0) }
                        .map { $0 ?? ChecklistLoader.placeholderTask })
            }
            return PhaseTemplate(
                roles: ChecklistLoader.decodeRoles(fields, &decoder),
                phases: phases.map {
                    $0 ?? PhaseTemplate.Phase(id: "", title: LocalizedText(""), accountable: "", tasks: [])
                })
        }
    }
}
