/// Hard caps that keep a hostile or broken file from exhausting time or memory.
///
/// Aliases are rejected outright (so no "billion laughs" expansion can happen); these limits bound
/// everything else. The values are documented in `docs/formats.md`.
public struct YAMLLimits: Sendable, Hashable {
    /// Largest accepted file, in bytes.
    public var maxFileSize: Int
    /// Deepest accepted nesting of lists and mappings.
    public var maxDepth: Int
    /// Longest accepted scalar, in bytes.
    public var maxScalarLength: Int
    /// Most nodes (scalars, lists and mappings) in one document.
    public var maxNodes: Int

    public init(maxFileSize: Int, maxDepth: Int, maxScalarLength: Int, maxNodes: Int) {
        self.maxFileSize = maxFileSize
        self.maxDepth = maxDepth
        self.maxScalarLength = maxScalarLength
        self.maxNodes = maxNodes
    }

    /// 4 MiB per file, 64 levels of nesting, 64 KiB per scalar, 500,000 nodes.
    public static let standard = YAMLLimits(
        maxFileSize: 4 << 20, maxDepth: 64, maxScalarLength: 64 << 10, maxNodes: 500_000)
}
