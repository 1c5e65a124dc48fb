import Foundation
import IsogapLoading
import IsogapYAML

/// A workspace folder on disk, as a ``FileSource``.
struct DiskFiles: FileSource {
    /// The folder as the user named it; used to build the paths shown in diagnostics.
    let folder: String
    /// The folder as the file system sees it (resolved against the command's working directory).
    let location: String

    init(folder: String, in context: CommandContext) {
        self.folder = folder
        location = context.resolve(folder)
    }

    func read(_ path: String) -> [UInt8]? {
        // Plain POSIX calls: this runs for every file of every workspace of a portfolio, and
        // reading straight into the array saves Foundation's extra copy. At most one byte more
        // than the YAML size limit is read, so a huge file costs no memory: the parser reports it
        // as too large.
        Self.readFile(atPath: filePath(path))
    }

    /// The bytes of the regular file at `path` (read through links), at most one byte more than the
    /// YAML size limit; `nil` when it is missing, unreadable or not a regular file. A named pipe or
    /// device is never opened for reading, so it cannot block.
    static func readFile(atPath path: String, limit: Int = YAMLLimits.standard.maxFileSize + 1) -> [UInt8]? {
        // O_NONBLOCK: opening a FIFO must not wait for a writer; regular files ignore it.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        var bytes = [UInt8](repeating: 0, count: min(max(Int(info.st_size), 0), limit))
        var filled = 0
        while true {
            // A file that grew since fstat is read on, up to the limit.
            if filled == bytes.count {
                guard bytes.count < limit else { return bytes }
                bytes += repeatElement(0, count: min(4096, limit - bytes.count))
            }
            let count = bytes.withUnsafeMutableBytes { buffer in
                Foundation.read(descriptor, buffer.baseAddress.map { $0 + filled }, buffer.count - filled)
            }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 {
                bytes.removeLast(bytes.count - filled)
                return bytes
            }
            filled += count
        }
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
