import ArgumentParser
import Foundation
import IsogapDiagnostics
import IsogapLoading
import IsogapModel

/// `isogap evidence lock|verify [DIR]`: fingerprints of evidence files.
struct Evidence: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "Record or check the SHA-256 of the evidence files an assessment cites.",
        subcommands: [Lock.self, Verify.self])

    struct Lock: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "lock",
            abstract: "Record the SHA-256 of every cited evidence file in the assessment files.",
            discussion: "Only the sha256 values change (or a sha256 line is added under file:); every other byte stays."
        )

        @OptionGroup var workspace: WorkspaceArgument

        func run(in context: CommandContext) throws {
            let console = context.console
            let loaded = try WorkspaceContext.load(workspace.directory, context: context)
            let files = EvidenceFiles(workspace: context.resolve(workspace.directory))
            let disk = DiskFiles(folder: workspace.directory, in: context)
            // Loading looked at every cited file once; its digests are reused, never recomputed.
            let digest = loaded.workspace.evidenceFiles.digest
            var missing = 0
            for checklist in loaded.workspace.checklists {
                let relative = WorkspaceLoader.assessmentFile(for: checklist.id)
                let path = disk.displayPath(relative)
                // Read, edit and replace under the folder's lock, so concurrent runs never lose a change.
                let lock: FileLock?
                do {
                    lock = try FileLock.forFolder(of: disk.filePath(relative))
                } catch {
                    throw console.fail(error.description, ExitStatus.cannotCreate)
                }
                defer { withExtendedLifetime(lock) {} }
                let bytes: [UInt8]
                switch disk.contents(of: relative) {
                case .bytes(let contents): bytes = contents
                case .missing: continue
                case .unreadable(let reason): throw console.fail("\(path): \(reason)", ExitStatus.noInput)
                }
                let result = EvidenceLocks.lock(bytes, file: path, digest: digest)
                if !result.diagnostics.isEmpty {
                    console.report(result.diagnostics)
                    throw ExitStatus.dataError
                }
                for citation in result.unreadable {
                    console.emit(
                        .error(
                            "cannot lock '\(citation.file)': \(files.problem(with: citation.file))",
                            at: citation.location))
                    missing += 1
                }
                guard result.bytes != bytes else { continue }
                do {
                    try AtomicFile.write(Data(result.bytes), to: URL(fileURLWithPath: disk.filePath(relative)))
                } catch {
                    throw console.fail("cannot write \(path): \(error.localizedDescription)", ExitStatus.cannotCreate)
                }
                for citation in result.updated {
                    console.out("locked  \(citation.file)  (\(checklist.id) \(citation.requirement))")
                }
            }
            if missing > 0 { throw ExitStatus.checkFailed }
        }
    }

    struct Verify: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check cited evidence files against their recorded SHA-256; list files nobody cites.",
            discussion: "Exit status 1 when a cited file is missing or has changed since it was locked.")

        @OptionGroup var workspace: WorkspaceArgument

        func run(in context: CommandContext) throws {
            let console = context.console
            let loaded = try WorkspaceContext.load(workspace.directory, context: context)
            let verification = EvidenceVerification(
                loaded.workspace, source: DiskFiles(folder: workspace.directory, in: context),
                evidenceFolderFiles: EvidenceFiles(workspace: context.resolve(workspace.directory))
                    .evidenceFolderFiles())
            for entry in verification.entries {
                let status = entry.status.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
                if let checklist = entry.checklist, let requirement = entry.requirement {
                    console.out("\(status)\(entry.file)  (\(checklist) \(requirement))")
                } else {
                    console.out("\(status)\(entry.file)")
                }
            }
            console.status(verification.summary)
            if verification.failed { throw ExitStatus.checkFailed }
        }
    }
}

/// Reading evidence files of a workspace without ever leaving it: absolute paths, `..` and symbolic
/// links that point outside the workspace are refused.
struct EvidenceFiles {
    let workspace: String

    /// Why `relative` cannot be read, for messages: the hardened reader's own reason (the reading
    /// itself goes through ``FileReader/openInside(_:root:folder:)`` too).
    func problem(with relative: String) -> String {
        if let problem = WorkspacePath.problem(with: relative) { return "the path \(problem)" }
        switch FileReader.openInside(relative, root: workspace) {
        case .failure(let failure): return failure.reason
        case .success(let descriptor):
            close(descriptor)
            return "the file cannot be read"
        }
    }

    /// The SHA-256 of a file inside the workspace, or `nil` when it is missing, unreadable or outside.
    /// The place is checked on the descriptor opened (a file swapped for a link after any earlier
    /// look is still refused), and the file is read through one fixed 64 KiB buffer.
    func digest(of relative: String) -> String? {
        guard WorkspacePath.problem(with: relative) == nil,
            case .success(let descriptor) = FileReader.openInside(relative, root: workspace)
        else { return nil }
        defer { close(descriptor) }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { return hasher.hexDigest() }
            hasher.update(buffer[..<count])
        }
    }

    /// Regular files under `evidence/`, relative to the workspace, sorted.
    func evidenceFolderFiles() -> [String] {
        let folder = URL(fileURLWithPath: workspace).appendingPathComponent("evidence").path
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        var result: [String] = []
        while let relative = walker.nextObject() as? String {
            let attributes = try? FileManager.default.attributesOfItem(
                atPath: (folder as NSString).appendingPathComponent(relative))
            let name = (relative as NSString).lastPathComponent
            if attributes?[.type] as? FileAttributeType == .typeRegular, !name.hasPrefix(".") {
                result.append("evidence/\(relative)")
            }
        }
        return result.sorted()
    }
}
