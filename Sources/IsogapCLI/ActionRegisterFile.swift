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
            throw console.fail(error.description, ExitStatus.dataError)
        }
        guard ActionRegisterLoader.load(updated, file: path).succeeded else {
            throw console.fail("the change would leave \(path) unreadable; nothing was written", ExitStatus.dataError)
        }
        do {
            try AtomicFile.write(Data(updated), to: URL(fileURLWithPath: location))
        } catch {
            throw console.fail("cannot write \(path): \(error.localizedDescription)", ExitStatus.cannotCreate)
        }
    }
}
