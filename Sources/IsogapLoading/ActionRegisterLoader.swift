internal import IsogapDiagnostics
internal import IsogapYAML

/// First-level reading of the corrective-action register (`actions.yaml`): the header and the
/// `actions` list. The register's own rules are checked by the action tracker.
public enum ActionRegisterLoader {
    /// The number of actions in the register, when it parses.
    public static func load(_ bytes: some Collection<UInt8>, file: String) -> Loaded<Int> {
        DocumentLoading.load(bytes, file: file, kind: .actions) { decoder, root -> Int in
            guard
                let fields = decoder.fields(
                    root, allowed: ["isogap", "kind", "actions"], required: ["actions"], what: "the action register")
            else { return 0 }
            let actions = decoder.items(fields, "actions") { decoder, node -> Bool? in
                guard node.mapping != nil else {
                    decoder.error(
                        "an action must be a mapping of 'key: value' lines, found \(node.kindDescription)", at: node)
                    return nil
                }
                return true
            }
            return actions.count
        }
    }
}
