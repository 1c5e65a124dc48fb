import Foundation
import IsogapLoading

/// A workspace folder on disk, as a ``FileSource``.
struct DiskFiles: FileSource {
    /// The folder as the user named it; used to build the paths shown in diagnostics.
    let folder: String

    func read(_ path: String) -> [UInt8]? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: displayPath(path), isDirectory: &isDirectory),
            !isDirectory.boolValue,
            let data = FileManager.default.contents(atPath: displayPath(path))
        else { return nil }
        return Array(data)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: displayPath(path))
    }

    func files(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: displayPath(folder))) ?? []).sorted()
    }

    func displayPath(_ path: String) -> String {
        if folder.isEmpty || folder == "." { return path }
        return folder.hasSuffix("/") ? folder + path : "\(folder)/\(path)"
    }
}
