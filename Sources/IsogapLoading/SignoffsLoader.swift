internal import IsogapDiagnostics
public import IsogapModel
internal import IsogapYAML

/// Reads the approvals of an assessment (`signoffs.yaml`, `kind: signoffs`, SPEC §15).
public enum SignoffsLoader {
    /// The sign-off file's name in a workspace.
    public static let file = "signoffs.yaml"

    /// What `isogap signoff` starts from when the workspace has no sign-off yet.
    public static let emptyFile = "isogap: 1\nkind: signoffs\nsignoffs: []\n"

    static let signoffKeys: YAMLKeyNames = ["by", "role", "decision", "date", "note", "digest"]

    public static func load(_ bytes: some Collection<UInt8>, file: String) -> Loaded<[Signoff]> {
        load(ParsedDocument(bytes, file: file))
    }

    /// Loads a document already parsed, without parsing it again.
    public static func load(_ document: ParsedDocument) -> Loaded<[Signoff]> {
        DocumentLoading.load(document, kind: .signoffs) { decoder, root -> [Signoff] in
            guard
                let fields = decoder.fields(
                    root, allowed: ["isogap", "kind", "signoffs"], required: ["signoffs"], what: "the sign-off file")
            else { return [] }
            if let node = fields["signoffs"], node.isNull {
                decoder.error("'signoffs' must be a list; write 'signoffs: []' when there is none", at: node)
            }
            return decoder.items(fields, "signoffs") { decode($1, &$0) }.compactMap { $0 }
        }
    }

    private static func decode(_ node: YAMLNode, _ decoder: inout NodeDecoder) -> Signoff? {
        guard
            let fields = decoder.fields(
                node, allowed: signoffKeys, required: ["by", "role", "decision", "date", "digest"], what: "a sign-off")
        else { return nil }
        let by = decoder.required(fields, "by") { $0.nonEmptyString($1, $2) }
        let role = decoder.required(fields, "role") { $0.nonEmptyString($1, $2) }
        let decision = decoder.required(fields, "decision") { $0.choice($1, $2, as: SignoffDecision.self) }
        let date = decoder.required(fields, "date") { $0.date($1, $2) }
        let note = decoder.optional(fields, "note") { $0.string($1, $2) }
        let digest = decoder.required(fields, "digest") { decoder, node, key -> String? in
            guard let text = decoder.string(node, key) else { return nil }
            let isHex =
                text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
            guard isHex else {
                decoder.error("'digest' must be a SHA-256 written as 64 lowercase hexadecimal digits", at: node)
                return nil
            }
            return text
        }
        guard let by, let role, let decision, let date, let digest else { return nil }
        return Signoff(by: by, role: role, decision: decision, date: date, note: note, digest: digest)
    }
}
