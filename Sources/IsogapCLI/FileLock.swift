import Foundation

/// An advisory lock (`flock`) that serialises the commands changing files in one folder: each holds
/// it from reading a file to renaming the new version into place, so two runs never both start
/// from the same old contents and lose one change.
///
/// The lock is taken on the folder itself, which is never replaced, rather than on the file, whose
/// inode each atomic rewrite changes. It is released when the value is released or the process
/// ends (also when it is killed).
final class FileLock {
    /// Why the lock could not be taken.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Takes the lock of the folder that holds `path`, waiting up to `timeout` seconds for another
    /// run to finish. Returns `nil` when the folder cannot be opened (a missing folder is reported
    /// by the read or write that follows).
    static func forFolder(of path: String, timeout: Double = 60) throws(Failure) -> FileLock? {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let descriptor = open(folder, O_RDONLY | O_CLOEXEC | O_DIRECTORY)
        guard descriptor >= 0 else { return nil }
        let deadline = Date().addingTimeInterval(timeout)
        var pause: UInt32 = 2_000
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                // A file system without locks: go on unlocked rather than refuse every change.
                close(descriptor)
                return nil
            }
            guard Date() < deadline else {
                close(descriptor)
                throw Failure(
                    description:
                        "another isogap command has been changing files in \(folder) for \(Int(timeout)) s; nothing was written, try again"
                )
            }
            usleep(pause)
            pause = min(pause * 2, 50_000)
        }
        return FileLock(descriptor: descriptor)
    }
}
