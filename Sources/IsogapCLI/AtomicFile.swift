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
        // A name of its own for every write: writers in one process (threads, in-process commands)
        // never share a temporary file. Should the name exist anyway, another is drawn.
        var temporary = folder.appendingPathComponent(temporaryName(of: url, process: getpid()))
        var descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        var attempts = 1
        while descriptor < 0, errno == EEXIST, attempts < 8 {
            temporary = folder.appendingPathComponent(temporaryName(of: url, process: getpid()))
            descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            attempts += 1
        }
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

    /// `.NAME.PID.xUNIQUE.tmp`: a fresh temporary file of process `process` for `url`. The process
    /// id lets a later run tell a leftover of a killed writer; the 64 random bits (hexadecimal,
    /// after an `x` so they never read as a process id) keep two writes of one process apart.
    static func temporaryName(of url: URL, process: pid_t) -> String {
        let unique = String(UInt64.random(in: .min ... .max), radix: 16)
        return ".\(url.lastPathComponent).\(process).x\(unique).tmp"
    }

    /// The process that wrote the temporary file `name` of the file whose name starts `prefix`
    /// (`.NAME.`): from `.NAME.PID.xUNIQUE.tmp`, or `.NAME.PID.tmp` as earlier versions named it.
    static func writer(ofTemporary name: String, prefix: String) -> pid_t? {
        guard name.hasPrefix(prefix), name.hasSuffix(".tmp") else { return nil }
        let middle = name.dropFirst(prefix.count).dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(middle.count), let process = pid_t(middle[0]), process > 0 else { return nil }
        if middle.count == 2 {
            let unique = middle[1]
            guard unique.first == "x", unique.count > 1, unique.dropFirst().allSatisfy(\.isHexDigit) else { return nil }
        }
        return process
    }

    /// Removes the temporary files of `url` left by runs that were killed before they could rename
    /// or remove them: those whose process no longer exists.
    static func removeStaleTemporaries(of url: URL) {
        let folder = url.deletingLastPathComponent()
        let prefix = ".\(url.lastPathComponent)."
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names {
            // This process's own temporary files belong to writes still running.
            guard let process = writer(ofTemporary: name, prefix: prefix), process != getpid() else { continue }
            if kill(process, 0) != 0, errno == ESRCH {
                unlink(folder.appendingPathComponent(name).path)
            }
        }
    }
}
