import Foundation

/// Writing files so that an interrupted run leaves the old file or the new one, never a mix.
enum AtomicFile {
    /// Writes `data` to a temporary file in the destination's folder, flushes it to disk, then
    /// renames it over the destination.
    ///
    /// Nothing but the destination is ever written: the temporary file is created fresh
    /// (`O_EXCL | O_NOFOLLOW`, so a planted link in its place is never written through), and the
    /// rename replaces the destination entry itself (a symbolic link named as the destination is
    /// replaced, not followed).
    static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(
            ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        // A leftover of a killed run with the same process id: removed (a link is removed, not followed).
        unlink(temporary.path)
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary.path])
        }
        do {
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
            if rename(temporary.path, url.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
        } catch {
            unlink(temporary.path)
            throw error
        }
    }
}
