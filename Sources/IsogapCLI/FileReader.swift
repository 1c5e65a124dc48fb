import Foundation
import IsogapLoading

#if os(Linux)
    import CLinuxFiles
#endif

/// The one way isogap reads a file: only regular files (a named pipe or device is never read, so
/// nothing can block), at most a size cap, and, for the files a workspace names, only from inside
/// the workspace, checked on the descriptor that was opened rather than on a path looked up before.
enum FileReader {
    /// Why a file was not read.
    struct Failure: Error, Sendable, Equatable {
        enum Kind: Sendable, Equatable {
            /// Nothing at that path.
            case missing
            /// A folder, pipe, socket or device.
            case notRegularFile
            /// Leaves the workspace through `..`, an absolute path or a symbolic link.
            case outside
            /// The file exists but cannot be opened or read (permissions, a path too long).
            case unreadable
        }

        var kind: Kind
        /// What is wrong, in words, for a message that starts with the path.
        var reason: String
    }

    /// At most one byte more than the YAML size limit is read, so that a huge file costs no memory
    /// and the parser reports it as too large.
    static let standardLimit = DocumentLimits.maxFileSize + 1

    /// The bytes of the regular file at `path` (links followed: the user named it), at most `limit`.
    static func read(_ path: String, limit: Int = standardLimit) -> Result<[UInt8], Failure> {
        openRegular(path).flatMap { descriptor in
            defer { close(descriptor) }
            return readAll(descriptor, limit: limit)
        }
    }

    /// The bytes of `relative`, a path inside the folder `root`, at most `limit`; refused when the
    /// path or the file opened lies outside `root` (compared byte for byte after resolving links).
    /// `folder`, when given, is `root` opened already (see ``OpenFolder``), so that a caller reading
    /// many files opens it once.
    static func read(_ relative: String, inside root: String, folder: OpenFolder? = nil, limit: Int = standardLimit)
        -> Result<[UInt8], Failure>
    {
        openInside(relative, root: root, folder: folder).flatMap { descriptor in
            defer { close(descriptor) }
            return readAll(descriptor, limit: limit)
        }
    }

    /// An open descriptor of the regular file `relative` inside `root`; the caller closes it.
    ///
    /// Everything is opened relative to the folder's own descriptor, never again by the folder's
    /// path, so that the folder (or a link on the way to it) swapped during a run changes nothing.
    static func openInside(_ relative: String, root: String, folder: OpenFolder? = nil) -> Result<Int32, Failure> {
        if relative.hasPrefix("/") || relative.split(separator: "/").contains("..") {
            return .failure(Failure(kind: .outside, reason: "the path leaves the workspace"))
        }
        guard let folder = folder ?? OpenFolder(root) else {
            return .failure(Failure(kind: .unreadable, reason: "the workspace folder cannot be resolved"))
        }
        #if os(Linux)
            // The kernel's check first; anything it refuses or cannot do takes the path below,
            // which gives the same answers and says why.
            if let result = openBeneath(relative, in: folder) { return result }
        #endif
        guard let resolvedRoot = folder.resolvedPath else {
            return .failure(Failure(kind: .unreadable, reason: "the workspace folder cannot be resolved"))
        }
        switch openRegular(relative, in: folder.descriptor) {
        case .failure(let failure): return .failure(failure)
        case .success(let descriptor):
            // The descriptor's own path: whatever links (or swaps) led to it, this is the file read.
            // Compared as bytes: a name that is not UTF-8 must not pass for another.
            guard let opened = descriptorPath(descriptor) else {
                close(descriptor)
                return .failure(Failure(kind: .unreadable, reason: "cannot tell where the file lies"))
            }
            let prefix = resolvedRoot.last == UInt8(ascii: "/") ? resolvedRoot : resolvedRoot + [UInt8(ascii: "/")]
            guard opened.starts(with: prefix) else {
                close(descriptor)
                return .failure(
                    Failure(
                        kind: .outside, reason: "it is a symbolic link to a file outside the workspace; it is not read")
                )
            }
            return .success(descriptor)
        }
    }

    #if os(Linux)
        /// The regular file `relative` inside `folder`, opened with `openat2`, which refuses to leave
        /// the folder while resolving the path (through `..`, an absolute path or a symbolic link),
        /// so the file opened is inside; or why it is missing. `nil` for anything else (a link that
        /// leaves the folder and comes back, a kernel without `openat2`, a folder or a pipe), which
        /// ``openInside(_:root:folder:)`` then settles the longer way.
        private static func openBeneath(_ relative: String, in folder: OpenFolder) -> Result<Int32, Failure>? {
            // A pipe or device is never opened (as in `openRegular`).
            var info = stat()
            guard fstatat(folder.descriptor, relative, &info, 0) == 0 else {
                guard errno == ENOENT || errno == ENOTDIR else { return nil }
                var linkInfo = stat()
                return .failure(
                    missing(isLink: fstatat(folder.descriptor, relative, &linkInfo, AT_SYMLINK_NOFOLLOW) == 0))
            }
            guard info.st_mode & S_IFMT == S_IFREG else { return nil }
            let descriptor = isogap_open_beneath(
                folder.descriptor, relative, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
            guard descriptor >= 0 else { return nil }
            var opened = stat()
            guard fstat(descriptor, &opened) == 0, opened.st_mode & S_IFMT == S_IFREG else {
                close(descriptor)
                return nil
            }
            return .success(descriptor)
        }
    #endif

    /// Opens `path` (relative to the open folder `directory`, or to the working directory) for
    /// reading only if it is a regular file: checked before opening (so a pipe or device is never
    /// opened) and again on the descriptor (so a swap in between is caught).
    private static func openRegular(_ path: String, in directory: Int32 = AT_FDCWD) -> Result<Int32, Failure> {
        var info = stat()
        if fstatat(directory, path, &info, 0) != 0 {
            let code = errno
            if code == ENOENT || code == ENOTDIR {
                var linkInfo = stat()
                return .failure(missing(isLink: fstatat(directory, path, &linkInfo, AT_SYMLINK_NOFOLLOW) == 0))
            }
            return .failure(unreadable(code))
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            return .failure(notRegular(info))
        }
        // O_NONBLOCK: should a pipe be swapped in after the check, opening it does not wait.
        let descriptor = openat(directory, path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard descriptor >= 0 else {
            return .failure(unreadable(errno))
        }
        var opened = stat()
        guard fstat(descriptor, &opened) == 0, opened.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            return .failure(notRegular(opened))
        }
        return .success(descriptor)
    }

    private static func notRegular(_ info: stat) -> Failure {
        let what: String
        switch info.st_mode & S_IFMT {
        case S_IFDIR: what = "a folder"
        case S_IFIFO: what = "a named pipe"
        case S_IFSOCK: what = "a socket"
        case S_IFCHR, S_IFBLK: what = "a device"
        default: what = "not a regular file"
        }
        return Failure(kind: .notRegularFile, reason: "is \(what), not a regular file; it is not read")
    }

    /// Everything from `descriptor`, up to `limit` bytes.
    private static func readAll(_ descriptor: Int32, limit: Int) -> Result<[UInt8], Failure> {
        var info = stat()
        let size = fstat(descriptor, &info) == 0 ? max(Int(info.st_size), 0) : 0
        var failure: Int32?
        // The size the file has now, read straight into the array's storage (nothing zeroed first).
        var bytes = [UInt8](unsafeUninitializedCapacity: min(size, limit)) { buffer, filled in
            guard let start = buffer.baseAddress else { return }
            while filled < buffer.count {
                let count = Foundation.read(descriptor, start + filled, buffer.count - filled)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else {
                    if count < 0 { failure = errno }
                    return
                }
                filled += count
            }
        }
        if let failure { return .failure(unreadable(failure)) }
        // A file that shrank since fstat has been read whole; one that grew is read on, up to the limit.
        guard bytes.count == min(size, limit) else { return .success(bytes) }
        var filled = bytes.count
        while true {
            if filled == bytes.count {
                guard bytes.count < limit else { return .success(bytes) }
                bytes += repeatElement(0, count: min(4096, limit - bytes.count))
            }
            let count = bytes.withUnsafeMutableBytes { buffer in
                Foundation.read(descriptor, buffer.baseAddress.map { $0 + filled }, buffer.count - filled)
            }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { return .failure(unreadable(errno)) }
            if count == 0 {
                bytes.removeLast(bytes.count - filled)
                return .success(bytes)
            }
            filled += count
        }
    }

    /// Nothing to read at a path: nothing at all, or a link to nothing (`isLink`).
    private static func missing(isLink: Bool) -> Failure {
        Failure(kind: .missing, reason: isLink ? "a symbolic link to nothing" : "no such file")
    }

    private static func unreadable(_ code: Int32) -> Failure {
        Failure(kind: .unreadable, reason: "cannot be read (\(String(cString: strerror(code))))")
    }

    /// `path` with every symbolic link resolved, or `nil`.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The path of the file an open descriptor refers to, as the bytes the system gives.
    static func descriptorPath(_ descriptor: Int32) -> [UInt8]? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        #if os(Linux)
            let count = readlink("/proc/self/fd/\(descriptor)", &buffer, buffer.count - 1)
            guard count > 0 else { return nil }
        #else
            guard fcntl(descriptor, F_GETPATH, &buffer) != -1 else { return nil }
            let count = Int(strlen(buffer))
        #endif
        return buffer[..<count].map { UInt8(bitPattern: $0) }
    }
}

/// A folder kept open, so that the files inside it are opened relative to it (on Linux, with the
/// kernel checking that they lie inside); closed when the last copy of it goes.
final class OpenFolder: Sendable {
    let descriptor: Int32

    /// `nil` when `path` is not a folder that can be opened.
    init?(_ path: String) {
        descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if descriptor < 0 { return nil }
    }

    /// Where the folder lies now, links resolved, as the system gives it for the descriptor (so it
    /// is the folder opened, whatever happened to its path since); `nil` when it cannot be told.
    var resolvedPath: [UInt8]? { FileReader.descriptorPath(descriptor) }

    deinit {
        close(descriptor)
    }
}
