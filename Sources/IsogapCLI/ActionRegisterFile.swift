import Foundation
import IsogapLoading

/// Writing `actions.yaml` after an edit: the edited bytes must still load as a register, then they
/// replace the file atomically. Nothing is written when either step fails.
enum ActionRegisterFile {
    static func write(
        _ path: String, at location: String, console: Console, edit: () throws(ActionRegisterEditor.Failure) -> [UInt8]
    ) throws {
        let updated: [UInt8]
        do {
            updated = try edit()
        } catch {
            console.err("error: \(error.description)")
            throw ExitStatus.dataError
        }
        guard ActionRegisterLoader.load(updated, file: path).succeeded else {
            console.err("error: the change would leave \(path) unreadable; nothing was written")
            throw ExitStatus.dataError
        }
        do {
            try AtomicFile.write(Data(updated), to: URL(fileURLWithPath: location))
        } catch {
            console.err("error: cannot write \(path): \(error.localizedDescription)")
            throw ExitStatus.cannotCreate
        }
    }
}
