/// One entry of a task's `after` list (SPEC §8): a task id, `phase:ID` (every task of that phase in
/// the plan) or `tag:NAME` (every task of the plan that carries the tag, other than the task itself).
public enum DependencyWord: Sendable, Hashable, CustomStringConvertible {
    /// A task of the same file (checklist or phase template).
    case task(String)
    /// Every task of this phase.
    case phase(String)
    /// Every task that carries this tag.
    case tag(String)

    /// Reads an `after` entry. Anything that does not start with `phase:` or `tag:` is a task id.
    public init(_ text: String) {
        if text.hasPrefix("phase:") {
            self = .phase(String(text.dropFirst("phase:".count)))
        } else if text.hasPrefix("tag:") {
            self = .tag(String(text.dropFirst("tag:".count)))
        } else {
            self = .task(text)
        }
    }

    public var description: String {
        switch self {
        case .task(let id): id
        case .phase(let id): "phase:\(id)"
        case .tag(let name): "tag:\(name)"
        }
    }
}
