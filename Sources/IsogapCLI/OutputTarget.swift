import Foundation

/// Where a command's result goes: standard output, or a file named with `--out` (written atomically).
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
        let console = context.console
        guard let path else {
            console.write(text)
            return
        }
        do {
            try AtomicFile.write(Data(text.utf8), to: URL(fileURLWithPath: context.resolve(path)))
        } catch {
            throw console.fail("cannot write \(path): \(error.localizedDescription)", ExitStatus.cannotCreate)
        }
    }
}
