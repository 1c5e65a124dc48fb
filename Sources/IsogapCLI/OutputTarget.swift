import Foundation

/// Where a command's result goes: standard output, or a file named with `--out`.
///
/// A regular file (new, or replacing one that may be written) is written atomically and keeps the
/// mode (and, for root, the owner) of the file it replaces. A read-only file is refused, not
/// replaced. A named pipe or character device (such as `/dev/null`) is written through, never
/// replaced; a pipe nobody reads is refused rather than waited on. A folder, a socket or a block
/// device is refused. A symbolic link is replaced by the file, not followed.
enum OutputTarget {
    /// Text for people (a summary, a table): on standard output it goes through the console's
    /// sanitiser; into a file it is written as it is.
    static func writeText(_ text: String, to path: String?, context: CommandContext) throws {
        if path == nil {
            context.console.out(text)
        } else {
            try write(text.hasSuffix("\n") ? text : text + "\n", to: path, context: context)
        }
    }

    static func write(_ text: String, to path: String?, context: CommandContext) throws {
        guard path != nil else {
            context.console.write(text)
            return
        }
        try write(data: Data(text.utf8), to: path, context: context)
    }

    /// A binary document (an Office file): its bytes as they are, to standard output or the file.
    static func write(data: Data, to path: String?, context: CommandContext) throws {
        let console = context.console
        guard let path else {
            context.stdout.write([UInt8](data))
            return
        }
        guard !path.isEmpty else {
            throw console.fail("--out needs a file name", ExitStatus.usage)
        }
        let resolved = context.resolve(path)
        var info = stat()
        if lstat(resolved, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                throw console.fail(
                    "cannot write \(path): it is a folder; name a file to write", ExitStatus.cannotCreate)
            case S_IFIFO, S_IFCHR:
                if let problem = writeThrough(data, to: resolved) {
                    throw console.fail("cannot write \(path): \(problem)", ExitStatus.cannotCreate)
                }
                return
            case S_IFREG:
                // Root may write anything: the mode says what the owner meant.
                if info.st_mode & 0o222 == 0 || access(resolved, W_OK) != 0 {
                    throw console.fail(
                        "cannot write \(path): the file is read-only; it is not replaced", ExitStatus.cannotCreate)
                }
            case S_IFLNK:
                break
            default:
                throw console.fail(
                    "cannot write \(path): it is not a regular file (a socket or block device)", ExitStatus.cannotCreate
                )
            }
        } else {
            let folder = (resolved as NSString).deletingLastPathComponent
            var folderInfo = stat()
            let shown = (path as NSString).deletingLastPathComponent
            if stat(folder.isEmpty ? "." : folder, &folderInfo) != 0 {
                throw console.fail(
                    "cannot write \(path): the folder \(shown) does not exist", ExitStatus.cannotCreate)
            }
            if folderInfo.st_mode & S_IFMT != S_IFDIR {
                throw console.fail("cannot write \(path): \(shown) is not a folder", ExitStatus.cannotCreate)
            }
        }
        let existing = info.st_mode & S_IFMT == S_IFREG ? info : nil
        do {
            try AtomicFile.write(data, to: URL(fileURLWithPath: resolved))
        } catch {
            let folder = (resolved as NSString).deletingLastPathComponent
            let reason =
                access(folder.isEmpty ? "." : folder, W_OK) != 0
                ? "the folder \(folder.isEmpty ? "." : folder) cannot be written (permission denied)"
                : "the file could not be written"
            throw console.fail("cannot write \(path): \(reason)", ExitStatus.cannotCreate)
        }
        if let existing {
            // The replaced file's mode, and its owner where this process may set it.
            chmod(resolved, existing.st_mode & 0o7777)
            if geteuid() == 0 { _ = chown(resolved, existing.st_uid, existing.st_gid) }
        }
    }

    /// Writes `data` into a named pipe or character device without replacing it; the reason when
    /// that is not possible.
    private static func writeThrough(_ data: Data, to path: String) -> String? {
        // Non-blocking open: a pipe that no program reads fails at once instead of hanging.
        let descriptor = open(path, O_WRONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            return errno == ENXIO
                ? "it is a named pipe that no program is reading" : "it cannot be opened for writing"
        }
        defer { close(descriptor) }
        // Blocking again for the writes themselves.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        var info = stat()
        guard fstat(descriptor, &info) == 0, [S_IFIFO, S_IFCHR].contains(info.st_mode & S_IFMT) else {
            return "it changed while it was opened"
        }
        let bytes = [UInt8](data)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { posixWrite(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return "writing failed (\(String(cString: strerror(errno))))"
            }
            offset += written
        }
        return nil
    }
}

/// `write(2)` (inside ``OutputTarget`` the name would mean its own `write`).
private func posixWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
