public import IsogapYAML

/// The two keys every isogap file starts with: `isogap: 1` (format version) and `kind`.
public enum DocumentKind: String, Sendable, CaseIterable {
    case checklist
    case workspace
    case assessment
    case actions
    case planPhases = "plan-phases"
    case labels
    case kpis
    case narrative
    case signoffs
}

/// Reading of the common header of isogap YAML files.
public enum DocumentHeader {
    /// The format versions this build reads.
    public static let supportedVersions = [1]

    /// The kinds, for matching `kind:` by its bytes.
    static let kinds = CaseNames<DocumentKind>()

    /// Checks `isogap:` and returns the document's `kind`, reporting problems through `decoder`.
    /// When `expected` is given, a different kind is an error.
    public static func read(_ root: YAMLNode, expected: DocumentKind?, decoder: inout NodeDecoder) -> DocumentKind? {
        guard let pairs = root.mapping else {
            decoder.error(
                "an isogap file must be a mapping that starts with 'isogap: 1', found \(root.kindDescription)", at: root
            )
            return nil
        }
        let fields = Fields(node: root, pairs: pairs)
        if let versionNode = fields["isogap"] {
            if let version = versionNode.scalar?.integer {
                if !supportedVersions.contains(version) {
                    decoder.error(
                        "format version \(version) is not supported; this build of isogap reads version \(supportedVersions.map(String.init).joined(separator: ", "))",
                        at: versionNode)
                }
            } else {
                let quoted =
                    versionNode.scalar.map { $0.style != .plain && YAMLScalar($0.value).integer != nil } ?? false
                decoder.error(
                    quoted
                        ? "'isogap' must be the format version 1, written without quotes"
                        : "'isogap' must be the format version 1, found \(versionNode.kindDescription)",
                    at: versionNode)
            }
        } else {
            decoder.error("the file must start with 'isogap: 1' (the format version)", at: root)
        }
        guard let kindNode = fields["kind"] else {
            let what =
                expected.map { "'kind: \($0.rawValue)'" }
                ?? "'kind' (checklist, workspace, assessment, actions, narrative, signoffs, plan-phases or labels)"
            decoder.error("the file is missing \(what)", at: root)
            return nil
        }
        guard let kind = decoder.choice(kindNode, "kind", as: DocumentKind.self) else { return nil }
        if let expected, kind != expected {
            decoder.error("expected a file of kind '\(expected.rawValue)', found kind '\(kind.rawValue)'", at: kindNode)
            return nil
        }
        return kind
    }
}
