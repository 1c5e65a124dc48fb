internal import IsogapDiagnostics
public import IsogapModel
internal import IsogapYAML

/// Reads the report labels (`templates/labels.yaml`, `kind: labels`).
public enum LabelsLoader {
    public static func load(_ bytes: some Collection<UInt8>, file: String) -> Loaded<LabelCatalog> {
        load(ParsedDocument(bytes, file: file))
    }

    /// Loads a document already parsed, without parsing it again.
    public static func load(_ document: ParsedDocument) -> Loaded<LabelCatalog> {
        DocumentLoading.load(document, kind: .labels) { decoder, root -> LabelCatalog in
            guard
                let fields = decoder.fields(
                    root, allowed: ["isogap", "kind", "labels"], required: ["labels"], what: "the labels")
            else { return LabelCatalog(entries: []) }
            guard let node = fields["labels"], let pairs = node.mapping else {
                if let node = fields["labels"] {
                    decoder.error("'labels' must map label keys to texts, found \(node.kindDescription)", at: node)
                }
                return LabelCatalog(entries: [])
            }
            return LabelCatalog(
                entries: pairs.compactMap { pair in
                    guard let key = pair.key.scalar?.value, let text = decoder.localizedText(pair.value, key) else {
                        return nil
                    }
                    return LabelCatalog.Entry(key: key, text: text)
                })
        }
    }
}
