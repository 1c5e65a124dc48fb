import Foundation
import IsogapDiagnostics
import IsogapLoading
import IsogapModel

/// Changing `actions.yaml`: under the folder's lock, the register is read as it is now, the edit is
/// made from it (and checked by the editor: the edited bytes must load as exactly the intended
/// register), then the new bytes replace the file atomically. Nothing is written when a step fails,
/// and two runs at once never lose one another's change.
enum ActionRegisterFile {
    /// - Parameters:
    ///   - files: the workspace, whose `actions.yaml` is read through the hardened reader.
    ///   - missing: the bytes to start from when the file does not exist (`nil`: a missing file is an error).
    ///   - edit: the new bytes from the current register and its bytes; it prints its own refusals
    ///     and throws an ``ExitStatus``, or throws ``ActionRegisterEditor/Failure``.
    static func update(
        in files: DiskFiles, console: Console, missing: [UInt8]? = nil,
        edit: (_ register: ActionRegister, _ bytes: [UInt8]) throws -> [UInt8]
    ) throws {
        let path = files.displayPath(WorkspaceLoader.actionsFile)
        let location = files.filePath(WorkspaceLoader.actionsFile)
        let lock: FileLock?
        do {
            lock = try FileLock.forFolder(of: location)
        } catch {
            throw console.fail(error.description, ExitStatus.cannotCreate)
        }
        defer { withExtendedLifetime(lock) {} }
        guard let bytes = try readRegister(files, shownAs: path, console: console) ?? missing else {
            throw console.fail("\(path) does not exist; create it with 'isogap init' or by hand", ExitStatus.noInput)
        }
        let loaded = ActionRegisterLoader.load(bytes, file: path)
        guard let register = loaded.value, loaded.succeeded else {
            console.report(loaded.diagnostics)
            throw ExitStatus.dataError
        }
        let updated: [UInt8]
        do {
            updated = try edit(register, bytes)
        } catch let failure as ActionRegisterEditor.Failure {
            throw console.fail("\(path): \(failure.description)", ExitStatus.dataError)
        }
        guard updated != bytes else { return }
        do {
            try AtomicFile.write(Data(updated), to: URL(fileURLWithPath: location))
        } catch {
            throw console.fail("cannot write \(path): \(error.localizedDescription)", ExitStatus.cannotCreate)
        }
    }

    /// The register's bytes, or `nil` when it does not exist; read as it is now (not as loading saw
    /// it), through the hardened reader: a regular file inside the workspace, capped.
    private static func readRegister(_ files: DiskFiles, shownAs path: String, console: Console) throws -> [UInt8]? {
        switch files.readResult(WorkspaceLoader.actionsFile) {
        case .success(let bytes): return bytes
        case .failure(let failure) where failure.kind == .missing: return nil
        case .failure(let failure): throw console.fail("\(path): \(failure.reason)", ExitStatus.noInput)
        }
    }
}
