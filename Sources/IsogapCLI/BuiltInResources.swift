import Foundation
import IsogapLoading
import IsogapRendering
import IsogapResources

/// The checklists and templates compiled into the binary.
enum BuiltInResources {
    static let phaseTemplatePath = "templates/plan-phases.yaml"

    /// A library of the built-in checklists and phase template, parsed once per process (on first
    /// use; a `static let` is initialised exactly once, whichever thread asks first).
    static let library: ChecklistLibrary = {
        ChecklistLibrary(
            builtInChecklists: EmbeddedFiles.files(under: "checklists").filter { $0.path.hasSuffix(".yaml") }
                .map { ($0.path, Array($0.contents)) },
            phaseTemplate: (phaseTemplatePath, Array(EmbeddedFiles.contents(of: phaseTemplatePath) ?? Data())))
    }()

    /// The built-in Mustache templates.
    static func templates() throws -> TemplateLibrary {
        try TemplateLibrary(
            files: EmbeddedFiles.files(under: "templates").map {
                ($0.path, String(decoding: $0.contents, as: UTF8.self))
            })
    }
}
