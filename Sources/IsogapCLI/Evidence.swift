import ArgumentParser
import Foundation
import IsogapDiagnostics
import IsogapLoading
import IsogapModel

/// `isogap evidence lock|verify [DIR]`: fingerprints of evidence files.
struct Evidence: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record or check the SHA-256 of the evidence files an assessment cites.",
        subcommands: [Lock.self, Verify.self])

    struct Lock: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record the SHA-256 of every cited evidence file in the assessment files.",
            discussion: "Only the sha256 values change (or a sha256 line is added under file:); every other byte stays."
        )

        @OptionGroup var workspace: WorkspaceArgument

        func run() throws {
            let console = Console()
            let context = try WorkspaceContext.load(workspace.directory, console: console)
            let files = EvidenceFiles(workspace: workspace.directory)
            var missing = 0
            for checklist in context.workspace.checklists {
                let relative = WorkspaceLoader.assessmentFile(for: checklist.id)
                let path = DiskFiles(folder: workspace.directory).displayPath(relative)
                guard let bytes = FileManager.default.contents(atPath: path).map(Array.init) else { continue }
                let result = EvidenceLocks.lock(bytes, file: path) { files.digest(of: $0) }
                for citation in EvidenceLocks.citations(in: bytes, file: path).citations
                where files.digest(of: citation.file) == nil {
                    console.err(
                        "\(citation.location): error: cannot lock '\(citation.file)': \(files.problem(with: citation.file))"
                    )
                    missing += 1
                }
                guard result.bytes != bytes else { continue }
                do {
                    try AtomicFile.write(Data(result.bytes), to: URL(fileURLWithPath: path))
                } catch {
                    console.err("error: cannot write \(path): \(error.localizedDescription)")
                    throw ExitStatus.cannotCreate
                }
                for citation in result.updated {
                    console.out("locked  \(citation.file)  (\(checklist.id) \(citation.requirement))")
                }
            }
            if missing > 0 { throw ExitStatus.checkFailed }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check cited evidence files against their recorded SHA-256; list files nobody cites.",
            discussion: "Exit status 1 when a cited file is missing or has changed since it was locked.")

        @OptionGroup var workspace: WorkspaceArgument

        func run() throws {
            let console = Console()
            let context = try WorkspaceContext.load(workspace.directory, console: console)
            let files = EvidenceFiles(workspace: workspace.directory)
            var failures = 0
            var cited: Set<String> = []
            var counts: [String: Int] = [:]
            for checklist in context.workspace.checklists {
                let path = DiskFiles(folder: workspace.directory).displayPath(
                    WorkspaceLoader.assessmentFile(for: checklist.id))
                guard let bytes = FileManager.default.contents(atPath: path).map(Array.init) else { continue }
                for citation in EvidenceLocks.citations(in: bytes, file: path).citations {
                    cited.insert(EvidenceFiles.normalized(citation.file))
                    let status: String
                    switch (files.digest(of: citation.file), citation.recorded) {
                    case (nil, _):
                        status = "missing"
                        failures += 1
                    case (_, nil): status = "unlocked"
                    case (let actual?, let recorded?) where actual != recorded:
                        status = "changed"
                        failures += 1
                    default: status = "ok"
                    }
                    counts[status, default: 0] += 1
                    console.out(
                        "\(status.padding(toLength: 9, withPad: " ", startingAt: 0))\(citation.file)  (\(checklist.id) \(citation.requirement))"
                    )
                }
            }
            for file in files.evidenceFolderFiles() where !cited.contains(file) {
                counts["uncited", default: 0] += 1
                console.out("uncited  \(file)")
            }
            let summary = ["ok", "changed", "missing", "unlocked", "uncited"].compactMap { key in
                counts[key].map { "\($0) \(key)" }
            }
            console.err(summary.isEmpty ? "no evidence files cited" : summary.joined(separator: ", "))
            if failures > 0 { throw ExitStatus.checkFailed }
        }
    }
}

/// Reading evidence files of a workspace without ever leaving it: absolute paths, `..` and symbolic
/// links that point outside the workspace are refused.
struct EvidenceFiles {
    let workspace: String

    /// The workspace folder with symbolic links resolved.
    private var root: String { URL(fileURLWithPath: workspace).resolvingSymlinksInPath().path }

    /// `path` without `./` segments or doubled slashes, for comparing citations with files found.
    static func normalized(_ path: String) -> String {
        path.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }

    /// Why `relative` cannot be read, for messages.
    func problem(with relative: String) -> String {
        if let problem = WorkspacePath.problem(with: relative) { return "the path \(problem)" }
        let url = URL(fileURLWithPath: workspace).appendingPathComponent(relative)
        if !FileManager.default.fileExists(atPath: url.path) { return "no such file in the workspace" }
        if !isInside(url) { return "it is a link to a file outside the workspace" }
        if !isRegularFile(url) { return "it is not a regular file" }
        return "the file cannot be read"
    }

    /// The SHA-256 of a file inside the workspace, or `nil` when it is missing, unreadable or outside.
    func digest(of relative: String) -> String? {
        guard WorkspacePath.problem(with: relative) == nil else { return nil }
        let url = URL(fileURLWithPath: workspace).appendingPathComponent(relative)
        // Only regular files: a named pipe or device would block or never end.
        guard isInside(url), isRegularFile(url), let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(chunk) }
        return hasher.hexDigest()
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

    private func isRegularFile(_ url: URL) -> Bool {
        var info = stat()
        return stat(url.path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    private func isInside(_ url: URL) -> Bool {
        let resolved = url.resolvingSymlinksInPath().path
        return PathBytes.isInside(resolved, folder: root)
    }
}
