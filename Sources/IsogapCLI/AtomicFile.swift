import Foundation

/// Writing files so that an interrupted run leaves the old file or the new one, never a mix.
enum AtomicFile {
    /// Why a file could not be written; the message names the file and the cause.
    struct Failure: Error, CustomStringConvertible, LocalizedError {
        var description: String
        var errorDescription: String? { description }
    }

    /// Writes `data` to a temporary file in the destination's folder, flushes it to disk, then
    /// renames it over the destination.
    ///
    /// Nothing but the destination is ever written: the temporary file is created fresh
    /// (`O_EXCL | O_NOFOLLOW`, so a planted link in its place is never written through), and the
    /// rename replaces the destination entry itself (a symbolic link named as the destination is
    /// replaced, not followed). An existing destination keeps its permission bits, and its owner
    /// and group where the system allows it (always as root). A destination that is read-only, a
    /// folder, a named pipe or a device is refused, never replaced. Temporary files left by killed
    /// runs (whose process no longer exists) are removed first.
    static func write(_ data: Data, to url: URL) throws {
        let path = url.path
        let folder = url.deletingLastPathComponent()
        guard !url.lastPathComponent.isEmpty, !path.isEmpty else {
            throw Failure(description: "no file name given")
        }
        let existing = try existingFile(at: path)
        removeStaleTemporaries(of: url)
        let temporary = folder.appendingPathComponent(temporaryName(of: url, process: getpid()))
        // A leftover of a killed run with the same process id: removed (a link is removed, not followed).
        unlink(temporary.path)
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw Failure(description: problem(errno))
        }
        do {
            if let existing {
                // Owner first: changing the owner can clear permission bits that fchmod then restores.
                if existing.st_uid != geteuid() || existing.st_gid != getegid() {
                    _ = fchown(descriptor, existing.st_uid, existing.st_gid)
                }
                _ = fchmod(descriptor, existing.st_mode & 0o777)
            }
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
            if rename(temporary.path, path) != 0 {
                throw Failure(description: "cannot replace it: \(String(cString: strerror(errno)))")
            }
            syncFolder(folder.path)
        } catch {
            unlink(temporary.path)
            if let failure = error as? Failure { throw failure }
            throw Failure(description: error.localizedDescription)
        }
    }

    /// The destination's status when it exists and may be replaced; `nil` when it does not exist.
    private static func existingFile(at path: String) throws -> stat? {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw Failure(description: String(cString: strerror(errno)))
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFLNK: return nil
        case S_IFDIR: throw Failure(description: "it is a folder; give a file name")
        default:
            throw Failure(description: "it is not a regular file (a pipe, socket or device); it is not replaced")
        }
        if access(path, W_OK) != 0 || info.st_mode & 0o222 == 0 {
            throw Failure(description: "it is read-only; nothing was written")
        }
        return info
    }

    /// A message for a failed `open` of a new file next to the destination.
    private static func problem(_ code: Int32) -> String {
        switch code {
        case ENOENT: "its folder does not exist"
        case ENOTDIR: "its folder is not a folder"
        case EACCES, EPERM: "no permission to create files in its folder"
        default: "cannot create a file in its folder: \(String(cString: strerror(code)))"
        }
    }

    /// Flushes the folder entry of the renamed file (best effort).
    private static func syncFolder(_ folder: String) {
        let descriptor = open(folder, O_RDONLY | O_CLOEXEC | O_DIRECTORY)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    /// `.NAME.PID.tmp`: the temporary file of process `process` for `url`.
    static func temporaryName(of url: URL, process: pid_t) -> String {
        ".\(url.lastPathComponent).\(process).tmp"
    }

    /// Removes the temporary files of `url` left by runs that were killed before they could rename
    /// or remove them: those whose process no longer exists.
    static func removeStaleTemporaries(of url: URL) {
        let folder = url.deletingLastPathComponent()
        let prefix = ".\(url.lastPathComponent)."
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            let middle = name.dropFirst(prefix.count).dropLast(4)
            guard let process = pid_t(middle), process > 0, process != getpid() else { continue }
            if kill(process, 0) != 0, errno == ESRCH {
                unlink(folder.appendingPathComponent(name).path)
            }
        }
    }
}
