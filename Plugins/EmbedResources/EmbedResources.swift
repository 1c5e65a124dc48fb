import Foundation
import PackagePlugin

/// Compiles the package's `checklists/` and `templates/` folders into the target that applies it,
/// so the built binary carries them while those folders stay the single source of truth.
@main
struct EmbedResources: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let root = context.package.directoryURL
        let folders = ["checklists", "templates"].map { root.appending(path: $0) }
        let inputs = folders.flatMap(Self.files(under:))
        let output = context.pluginWorkDirectoryURL.appending(path: "GeneratedEmbeddedFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding checklists and templates",
                executable: try context.tool(named: "isogap-embed").url,
                arguments: [output.path(percentEncoded: false), root.path(percentEncoded: false)]
                    + inputs.map { $0.path(percentEncoded: false) },
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }

    /// Regular files below `folder`, sorted so the generated source is deterministic.
    private static func files(under folder: URL) -> [URL] {
        guard
            let walker = FileManager.default.enumerator(
                at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        return walker.compactMap { $0 as? URL }
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            .sorted { $0.path < $1.path }
    }
}
