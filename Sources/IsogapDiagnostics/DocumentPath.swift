/// A path to a value inside a YAML document, such as `clauses[3].requirements[1].weight`.
///
/// The model reports problems by document path; the loader maps paths back to file positions, so
/// the model never needs to know about YAML.
public struct DocumentPath: Sendable, Hashable, CustomStringConvertible {
    /// One step of a path.
    public enum Component: Sendable, Hashable {
        /// A key of a mapping.
        case key(String)
        /// A position in a sequence, 0-based.
        case index(Int)
        /// The key itself (not its value) of a mapping entry: for problems with a key's spelling.
        case keyOf(String)
    }

    public var components: [Component]

    public init(_ components: [Component] = []) {
        self.components = components
    }

    /// The document's root.
    public static let root = DocumentPath()

    public func appending(_ key: String) -> DocumentPath {
        DocumentPath(components + [.key(key)])
    }

    public func appending(index: Int) -> DocumentPath {
        DocumentPath(components + [.index(index)])
    }

    /// The path of the key `key` itself, rather than of its value.
    public func keyPath(_ key: String) -> DocumentPath {
        DocumentPath(components + [.keyOf(key)])
    }

    /// The path without its last component, or `nil` at the root.
    public var parent: DocumentPath? {
        components.isEmpty ? nil : DocumentPath(Array(components.dropLast()))
    }

    public subscript(key: String) -> DocumentPath { appending(key) }
    public subscript(index: Int) -> DocumentPath { appending(index: index) }

    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key), .keyOf(let key):
                text += text.isEmpty ? key : ".\(key)"
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text.isEmpty ? "(document)" : text
    }
}
