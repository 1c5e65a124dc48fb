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
    ///   - path: the register as messages name it; `location`: where it is on disk.
    ///   - missing: the bytes to start from when the file does not exist (`nil`: a missing file is an error).
    ///   - edit: the new bytes from the current register and its bytes; it prints its own refusals
    ///     and throws an ``ExitStatus``, or throws ``ActionRegisterEditor/Failure``.
    static func update(
        _ path: String, at location: String, console: Console, missing: [UInt8]? = nil,
        edit: (_ register: ActionRegister, _ bytes: [UInt8]) throws -> [UInt8]
    ) throws {
        let lock: FileLock?
        do {
            lock = try FileLock.forFolder(of: location)
        } catch {
            throw console.fail(error.description, ExitStatus.cannotCreate)
        }
        defer { withExtendedLifetime(lock) {} }
        guard let bytes = try readRegister(location, shownAs: path, console: console) ?? missing else {
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

    /// The register's bytes, or `nil` when it does not exist. Only a regular file is read (a named
    /// pipe would block); the parser reports one larger than the YAML size limit.
    private static func readRegister(_ location: String, shownAs path: String, console: Console) throws -> [UInt8]? {
        var info = stat()
        if stat(location, &info) != 0, errno == ENOENT { return nil }
        guard let bytes = DiskFiles.readFile(atPath: location) else {
            throw console.fail(
                "\(path): cannot be read (it is not a regular file, or access is denied)", ExitStatus.noInput)
        }
        return bytes
    }
}
