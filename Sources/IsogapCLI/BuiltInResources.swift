import Foundation
import IsogapLoading
import IsogapModel
import IsogapRendering
import IsogapResources

/// The checklists and templates compiled into the binary.
enum BuiltInResources {
    static let phaseTemplatePath = "templates/plan-phases.yaml"

    /// A library of the built-in checklists and phase template, parsed once per process (on first
    /// use; a `static let` is initialised exactly once, whichever thread asks first).
    /// The files are parsed side by side, one per core: every workspace command waits for the
    /// library before it reads a workspace.
    static let library: ChecklistLibrary = {
        let files: [(path: String, bytes: [UInt8])] =
            EmbeddedFiles.files(under: "checklists").filter { $0.path.hasSuffix(".yaml") }
            .map { ($0.path, Array($0.contents)) }
        let templateBytes = Array(EmbeddedFiles.contents(of: phaseTemplatePath) ?? Data())
        var checklists: [(file: String, loaded: Loaded<Checklist>)] = []
        var phaseTemplate: Loaded<PhaseTemplate>?
        OrderedPipeline.run(count: files.count + 1, jobs: ProcessInfo.processInfo.activeProcessorCount) {
            index -> LibraryFile in
            guard index < files.count else {
                return .phaseTemplate(PhaseTemplateLoader.load(templateBytes, file: phaseTemplatePath))
            }
            return .checklist(ChecklistLoader.load(files[index].bytes, file: files[index].path))
        } consume: { index, file in
            switch file {
            case .checklist(let loaded): checklists.append((files[index].path, loaded))
            case .phaseTemplate(let loaded): phaseTemplate = loaded
            }
        }
        guard let phaseTemplate else { preconditionFailure("the pipeline hands over every file it loads") }
        return ChecklistLibrary(loadedBuiltIns: checklists, phaseTemplate: phaseTemplate)
    }()

    /// One built-in file, loaded.
    private enum LibraryFile: Sendable {
        case checklist(Loaded<Checklist>)
        case phaseTemplate(Loaded<PhaseTemplate>)
    }

    /// The built-in Mustache templates.
    static func templates() throws -> TemplateLibrary {
        try TemplateLibrary(
            files: EmbeddedFiles.files(under: "templates").map {
                ($0.path, String(decoding: $0.contents, as: UTF8.self))
            })
    }
}
