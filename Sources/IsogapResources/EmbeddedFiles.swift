public import Foundation

/// The project's `checklists/` and `templates/` folders, compiled into the binary.
///
/// The build plugin `EmbedResources` generates the contents from those folders at build time, so
/// they remain the single source of truth and the binary works with no files beside it.
public enum EmbeddedFiles {
    /// Every embedded file as `(path relative to the package root, contents)`, sorted by path.
    public static let all: [(path: String, contents: Data)] = encoded.compactMap { entry in
        Data(base64Encoded: entry.base64).map { (entry.path, $0) }
    }

    /// The contents of the embedded file at `path` (for example `templates/plan-phases.yaml`).
    public static func contents(of path: String) -> Data? {
        all.first { $0.path == path }?.contents
    }

    /// The embedded files directly or indirectly under `folder` (for example `checklists/`).
    public static func files(under folder: String) -> [(path: String, contents: Data)] {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return all.filter { $0.path.hasPrefix(prefix) }
    }
}
