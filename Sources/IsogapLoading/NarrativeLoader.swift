internal import IsogapDiagnostics
public import IsogapModel
internal import IsogapYAML

/// Reads the assessor's narrative (`narrative.yaml`, `kind: narrative`, SPEC §11).
///
/// Commentary on checklists and clauses the workspace does not have is reported by
/// ``IsogapModel/Narrative/validate(checklists:)``.
public enum NarrativeLoader {
    /// Keys of a mapping read once per item, prepared once.
    static let commentaryKeys: YAMLKeyNames = ["checklist", "clause", "text"]

    /// The narrative's file name in a workspace.
    public static let file = "narrative.yaml"

    static let keys: YAMLKeyNames = [
        "isogap", "kind", "document", "summary", "method", "strengths", "recommendations", "clauses",
    ]
    static let documentKeys: YAMLKeyNames = ["title", "reference", "version", "status", "distribution"]

    public static func load(_ bytes: some Collection<UInt8>, file: String) -> Loaded<Narrative> {
        load(ParsedDocument(bytes, file: file))
    }

    /// Loads a document already parsed, without parsing it again.
    public static func load(_ document: ParsedDocument) -> Loaded<Narrative> {
        DocumentLoading.load(document, kind: .narrative) { decoder, root -> Narrative in
            guard let fields = decoder.fields(root, allowed: keys, what: "the narrative") else { return Narrative() }
            var texts: [(LocalizedText, YAMLNode)] = []
            func text(_ fields: Fields, _ key: String, _ decoder: inout NodeDecoder) -> LocalizedText? {
                guard let node = fields[key], !node.isNull else { return nil }
                guard let value = decoder.localizedText(node, key) else { return nil }
                texts.append((value, node))
                return value
            }
            func list(_ key: String, _ decoder: inout NodeDecoder) -> [LocalizedText] {
                decoder.items(fields, key) { decoder, node -> LocalizedText? in
                    guard let value = decoder.localizedText(node, key) else { return nil }
                    texts.append((value, node))
                    return value
                }.compactMap { $0 }
            }
            var narrative = Narrative()
            if let node = fields["document"], !node.isNull,
                let control = decoder.fields(node, allowed: documentKeys, what: "the document control")
            {
                narrative.document = Narrative.DocumentControl(
                    title: text(control, "title", &decoder),
                    reference: decoder.optional(control, "reference") { $0.nonEmptyString($1, $2) },
                    version: decoder.optional(control, "version") { $0.nonEmptyString($1, $2) },
                    status: decoder.optional(control, "status") { $0.choice($1, $2, as: DocumentStatus.self) },
                    distribution: decoder.items(control, "distribution") { decoder, node -> LocalizedText? in
                        guard let value = decoder.localizedText(node, "distribution") else { return nil }
                        texts.append((value, node))
                        return value
                    }.compactMap { $0 })
            }
            narrative.summary = text(fields, "summary", &decoder)
            narrative.method = text(fields, "method", &decoder)
            narrative.strengths = list("strengths", &decoder)
            narrative.recommendations = list("recommendations", &decoder)
            // A broken entry keeps its slot (with empty ids, not checked again) so indices match the file.
            narrative.clauses = decoder.items(fields, "clauses") { decoder, node -> Narrative.ClauseCommentary? in
                guard
                    let entry = decoder.fields(
                        node, allowed: commentaryKeys, required: ["checklist", "clause", "text"],
                        what: "a clause commentary")
                else { return nil }
                let value = decoder.required(entry, "text") { $0.localizedText($1, $2) }
                if let value, let textNode = entry["text"] { texts.append((value, textNode)) }
                return Narrative.ClauseCommentary(
                    checklist: decoder.required(entry, "checklist") { $0.nonEmptyString($1, $2) } ?? "",
                    clause: decoder.required(entry, "clause") { $0.nonEmptyString($1, $2) } ?? "",
                    text: value ?? LocalizedText(""))
            }.map { $0 ?? Narrative.ClauseCommentary(checklist: "", clause: "", text: LocalizedText("")) }
            warnMissingTranslations(texts, &decoder)
            return narrative
        }
    }

    /// A warning for every text that lacks a language another text of the file uses: a report in
    /// that language shows the English text there (SPEC §3).
    private static func warnMissingTranslations(_ texts: [(LocalizedText, YAMLNode)], _ decoder: inout NodeDecoder) {
        var used: [String] = []
        for (text, _) in texts {
            for language in text.languages where !used.contains(language) { used.append(language) }
        }
        for (text, node) in texts {
            for language in used where text[language] == nil {
                decoder.warning("no '\(language)' translation; the English text will be used", at: node)
            }
        }
    }
}
