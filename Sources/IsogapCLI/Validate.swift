import ArgumentParser
import Foundation
import IsogapDiagnostics
import IsogapLoading
import IsogapModel

/// `isogap validate [PATH]...`: checks checklists, workspaces and single files.
struct Validate: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check workspaces, checklists or single isogap files and report every problem.",
        discussion: """
            A folder with an isogap.yaml is checked as a workspace (manifest, checklists, assessments, \
            action register); any other folder has each of its .yaml files checked. Problems print as \
            file:line:column. Exit status: 0 valid (warnings allowed), 65 invalid, 66 a path is missing.
            """)

    @Argument(help: "Workspaces, folders or files to check.")
    var paths: [String] = ["."]

    func run(in context: CommandContext) throws {
        let console = context.console
        var library = BuiltInResources.library
        var diagnostics: [Diagnostic] = library.diagnostics + library.phaseTemplateValidation
        var missing = false
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: context.resolve(path), isDirectory: &isDirectory) else {
                console.emit(.error("\(path): no such file or folder", at: nil))
                missing = true
                continue
            }
            let result: FileCheck.Result
            if isDirectory.boolValue {
                result = FileCheck.folder(path, library: &library, context: context)
            } else {
                result = FileCheck.file(path, library: &library, context: context)
            }
            diagnostics += result.diagnostics
            for line in result.summaries { console.out(line) }
            missing = missing || result.unreadable
        }
        console.report(diagnostics)
        if missing { throw ExitStatus.noInput }
        if diagnostics.containsErrors { throw ExitStatus.dataError }
    }
}

/// What `validate` does with one path.
enum FileCheck {
    struct Result {
        var summaries: [String] = []
        var diagnostics: [Diagnostic] = []
        var unreadable = false
    }

    static func folder(_ path: String, library: inout ChecklistLibrary, context: CommandContext) -> Result {
        let files = DiskFiles(folder: path, in: context)
        if files.exists(WorkspaceLoader.manifestFile) { return workspace(files, library: library) }
        let yamlFiles = files.files(in: ".").filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
        guard !yamlFiles.isEmpty else {
            return Result(
                diagnostics: [.error("\(path) holds no isogap.yaml and no .yaml files to check", at: nil)],
                unreadable: true)
        }
        var result = Result()
        for name in yamlFiles {
            let single = file(files.displayPath(name), library: &library, context: context)
            result.summaries += single.summaries
            result.diagnostics += single.diagnostics
            result.unreadable = result.unreadable || single.unreadable
        }
        return result
    }

    static func workspace(
        _ files: DiskFiles, library: ChecklistLibrary, manifest: String = WorkspaceLoader.manifestFile
    ) -> Result {
        Result(
            DocumentCheck.workspace(
                files, named: files.folder, library: library, manifest: manifest,
                furtherChecks: baselineCheck(files)))
    }

    /// The check of the saved report a workspace's manifest names as `baseline:`, if it names one.
    static func baselineCheck(_ files: DiskFiles) -> (Workspace, SourceMap?) -> [Diagnostic] {
        { workspace, map in workspace.manifest.baseline.map { baseline($0, files: files, map: map) } ?? [] }
    }

    /// The problems of the saved report the manifest names as `baseline:` (SPEC §13), read from
    /// inside the workspace only; an unreadable one is located at the manifest's key.
    static func baseline(_ path: String, files: DiskFiles, map: SourceMap?) -> [Diagnostic] {
        switch files.readResult(path) {
        case .success(let bytes): return SnapshotLoader.load(bytes, file: files.displayPath(path)).diagnostics
        case .failure(let failure):
            let message = "the baseline '\(path)' cannot be read: \(failure.reason)"
            return map?.diagnostics(for: [Finding(.error, message, at: .root["baseline"])]) ?? [
                .error(message, at: nil)
            ]
        }
    }

    /// Reads the file `path` (through the one hardened reader) and checks it in the library.
    static func file(_ path: String, library: inout ChecklistLibrary, context: CommandContext) -> Result {
        let bytes: [UInt8]
        switch FileReader.read(context.resolve(path)) {
        case .success(let read): bytes = read
        case .failure(let failure):
            return Result(diagnostics: [.error("\(path): \(failure.reason)", at: nil)], unreadable: true)
        }
        // Asked only for a manifest: the workspace around it (the manifest itself is not read
        // again), checked as `validate FOLDER` checks it, baseline included.
        let folder = (path as NSString).deletingLastPathComponent
        let files = DiskFiles(folder: folder.isEmpty ? "." : folder, in: context)
        return Result(
            DocumentCheck.check(
                bytes, file: path, library: &library, folder: { (files, files.folder) },
                furtherChecks: baselineCheck(files)))
    }
}

extension FileCheck.Result {
    init(_ check: DocumentCheck.Result) {
        self.init(summaries: check.summary.map { [$0] } ?? [], diagnostics: check.diagnostics)
    }
}
