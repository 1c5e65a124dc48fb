import Foundation
import IsogapDiagnostics
import IsogapLoading
import IsogapModel

/// An operand of `compare` and `history`: a workspace folder (scored as `report` scores it) or a
/// saved JSON report (SPEC §13).
enum SnapshotSource {
    /// The snapshot at `path`, after printing any diagnostics; throws 66 when it is missing or
    /// unreadable, 65 when it is invalid. `language` picks the organisation's name of a workspace.
    static func load(_ path: String, language: ReportLanguage?, context: CommandContext) throws -> (
        snapshot: Snapshot, language: ReportLanguage?
    ) {
        let console = context.console
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: context.resolve(path), isDirectory: &isDirectory),
            isDirectory.boolValue
        {
            let loaded = try WorkspaceContext.load(path, context: context, measure: true)
            return (loaded.snapshot(language: language), loaded.workspace.manifest.language)
        }
        let bytes: [UInt8]
        switch FileReader.read(context.resolve(path)) {
        case .success(let read): bytes = read
        case .failure(let failure): throw console.fail("\(path): \(failure.reason)", ExitStatus.noInput)
        }
        let loaded = SnapshotLoader.load(bytes, file: path)
        if !loaded.diagnostics.isEmpty { console.report(loaded.diagnostics) }
        guard let snapshot = loaded.value, !loaded.diagnostics.containsErrors else { throw ExitStatus.dataError }
        return (snapshot, nil)
    }
}
