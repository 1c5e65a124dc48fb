internal import IsogapModel

/// Where the files of a workspace come from. The command line reads a folder on disk; tests use
/// files held in memory. Paths are relative to the workspace and use `/`.
public protocol FileSource: Sendable {
    /// The bytes of the file at `path`, or `nil` when it does not exist or cannot be read.
    func read(_ path: String) -> [UInt8]?
    /// The bytes of the file at `path`, or that nothing is there, or why what is there was not read.
    func contents(of path: String) -> FileContents
    /// Whether a file exists at `path`.
    func exists(_ path: String) -> Bool
    /// Names of the regular files directly inside `folder` (empty when there is none), sorted.
    func files(in folder: String) -> [String]
    /// How `path` is shown in diagnostics (for example prefixed with the workspace folder).
    func displayPath(_ path: String) -> String
    /// The SHA-256 (64 lowercase hexadecimal digits) of the regular file at `path` inside the
    /// workspace, or `nil` when it is missing, unreadable or outside. Evidence files can be large:
    /// sources on disk read them in fixed-size pieces, never whole.
    func sha256(of path: String) -> String?
}

/// What reading a file of a workspace gave.
public enum FileContents: Sendable, Equatable {
    /// The file's bytes.
    case bytes([UInt8])
    /// Nothing at the path.
    case missing
    /// Something at the path that was not read, and why, in words that follow the path in a
    /// message (`actions.yaml: is a folder, not a regular file; it is not read`).
    case unreadable(reason: String)

    /// The reason given by a source that cannot say more.
    static let unreadableReason =
        "cannot be read (it is not a regular file inside the workspace, or access is denied)"

    /// The bytes, or `nil`.
    public var bytes: [UInt8]? {
        if case .bytes(let bytes) = self { return bytes }
        return nil
    }
}

extension FileSource {
    /// ``read(_:)``'s bytes; otherwise ``exists(_:)`` tells a missing file from an unreadable one,
    /// with a reason that cannot say which check refused it.
    public func contents(of path: String) -> FileContents {
        if let bytes = read(path) { return .bytes(bytes) }
        return exists(path) ? .unreadable(reason: FileContents.unreadableReason) : .missing
    }

    /// The digest of the bytes ``read(_:)`` returns (fine for files held in memory).
    public func sha256(of path: String) -> String? {
        read(path).map { SHA256.hex(of: $0) }
    }
}

/// Files held in memory, for tests and generated workspaces.
public struct InMemoryFiles: FileSource {
    public var files: [String: [UInt8]]
    public var prefix: String

    public init(_ files: [String: String], prefix: String = "") {
        self.init(bytes: files.mapValues { Array($0.utf8) }, prefix: prefix)
    }

    public init(bytes files: [String: [UInt8]], prefix: String = "") {
        self.files = files
        self.prefix = prefix
    }

    public func read(_ path: String) -> [UInt8]? { files[path] }
    public func exists(_ path: String) -> Bool { files[path] != nil }
    public func files(in folder: String) -> [String] {
        let start = folder.hasSuffix("/") ? folder : folder + "/"
        return files.keys.filter { $0.hasPrefix(start) && !$0.dropFirst(start.count).contains("/") }
            .map { String($0.dropFirst(start.count)) }.sorted()
    }
    public func displayPath(_ path: String) -> String { prefix.isEmpty ? path : "\(prefix)/\(path)" }
}
