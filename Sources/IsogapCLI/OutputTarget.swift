import Foundation

/// Where a command's result goes: standard output, or a file named with `--out` (written atomically).
enum OutputTarget {
    static func write(_ text: String, to path: String?, console: Console) throws {
        guard let path else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do {
            try AtomicFile.write(Data(text.utf8), to: URL(fileURLWithPath: path))
        } catch {
            console.err("error: cannot write \(path): \(error.localizedDescription)")
            throw ExitStatus.cannotCreate
        }
    }
}
