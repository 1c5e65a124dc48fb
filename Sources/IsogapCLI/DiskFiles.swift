import Foundation
import IsogapLoading

/// A workspace folder on disk, as a ``FileSource``.
struct DiskFiles: FileSource {
    /// The folder as the user named it; used to build the paths shown in diagnostics.
    let folder: String
    /// The folder as the file system sees it (resolved against the command's working directory).
    let location: String
    /// The folder, kept open while the workspace is read: every file is opened relative to it
    /// (see ``FileReader/openInside(_:root:folder:)``). `nil` when it cannot be opened (each read
    /// then says why).
    private let openFolder: OpenFolder?

    init(folder: String, in context: CommandContext) {
        self.folder = folder
        location = context.resolve(folder)
        openFolder = OpenFolder(location)
    }

    /// Files read before loading (the manifest a command checked), handed to the loader as they
    /// are so that no file is read twice.
    var preloaded: [String: [UInt8]] = [:]

    func read(_ path: String) -> [UInt8]? {
        contents(of: path).bytes
    }

    func contents(of path: String) -> FileContents {
        if let bytes = preloaded[path] { return .bytes(bytes) }
        switch readResult(path) {
        case .success(let bytes): return .bytes(bytes)
        case .failure(let failure) where failure.kind == .missing: return .missing
        case .failure(let failure): return .unreadable(reason: failure.reason)
        }
    }

    /// The bytes of `path` inside the workspace, or why they were not read: through the one
    /// hardened reader (regular files only, capped, never outside the workspace).
    func readResult(_ path: String) -> Result<[UInt8], FileReader.Failure> {
        FileReader.read(path, inside: location, folder: openFolder)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: filePath(path))
    }

    func files(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: filePath(folder))) ?? []).sorted()
    }

    /// `path` (relative to the workspace) as the file system sees it.
    func filePath(_ path: String) -> String {
        location.hasSuffix("/") ? location + path : "\(location)/\(path)"
    }

    func sha256(of path: String) -> String? {
        EvidenceFiles(workspace: location).digest(of: path)
    }

    func displayPath(_ path: String) -> String {
        if folder.isEmpty || folder == "." { return path }
        return folder.hasSuffix("/") ? folder + path : "\(folder)/\(path)"
    }
}
