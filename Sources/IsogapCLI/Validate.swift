import ArgumentParser
import Foundation
import IsogapDiagnostics
import IsogapLoading
import IsogapModel

/// `isogap validate [PATH]...`: checks checklists, workspaces and single files.
struct Validate: ContextualCommand {
    static let configuration = CommandConfiguration(
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
        let loaded = WorkspaceLoader.load(from: files, library: library, manifest: manifest)
        var result = Result(diagnostics: loaded.diagnostics)
        if let workspace = loaded.value {
            let counts = zip(workspace.checklists, workspace.assessments).map { checklist, assessment in
                let total = checklist.requirementsInOrder.count
                let answered = assessment.responses.filter { $0.level != nil || !$0.applicable }.count
                return "\(checklist.id) \(answered)/\(total) answered"
            }
            let status = loaded.diagnostics.containsErrors ? "invalid" : "ok"
            result.summaries.append(
                "\(files.folder): \(status): workspace of \(workspace.manifest.organization) (\(counts.joined(separator: ", ")))"
            )
        }
        return result
    }

    static func file(_ path: String, library: inout ChecklistLibrary, context: CommandContext) -> Result {
        let bytes: [UInt8]
        switch FileReader.read(context.resolve(path)) {
        case .success(let read): bytes = read
        case .failure(let failure):
            return Result(diagnostics: [.error("\(path): \(failure.reason)", at: nil)], unreadable: true)
        }
        // Parsed once: the header gives the kind, and the loader of that kind takes the same tree.
        let document = ParsedDocument(bytes, file: path)
        guard let kind = document.kind else { return Result(diagnostics: document.diagnostics) }
        var result = Result()
        switch kind {
        case .checklist:
            let loaded = ChecklistLoader.load(document)
            let before = library.diagnostics.count
            if let entry = library.add(loaded, file: path) {
                result.diagnostics = library.validation(of: entry)
                let checklist = entry.checklist
                result.summaries.append(
                    summary(
                        path, result.diagnostics,
                        "checklist \(checklist.id), \(checklist.requirementsInOrder.count) requirements"))
            } else {
                result.diagnostics = Array(library.diagnostics[before...])
            }
        case .workspace:
            let folder = (path as NSString).deletingLastPathComponent
            let name = (path as NSString).lastPathComponent
            var files = DiskFiles(folder: folder.isEmpty ? "." : folder, in: context)
            files.preloaded[name] = bytes
            return workspace(files, library: library, manifest: name)
        case .assessment:
            let loaded = AssessmentLoader.load(document)
            result.diagnostics = loaded.diagnostics
            if let assessment = loaded.value, let map = loaded.sourceMap {
                if let checklist = library.checklist(assessment.checklist) {
                    result.diagnostics += map.diagnostics(for: assessment.validate(against: checklist))
                } else if !assessment.checklist.isEmpty {
                    result.diagnostics += map.diagnostics(for: [
                        TaskGraph.unknown(
                            "checklist", assessment.checklist, at: .root["checklist"], candidates: library.ids)
                    ])
                }
                result.summaries.append(
                    summary(
                        path, result.diagnostics,
                        "assessment for \(assessment.checklist), \(assessment.responses.count) responses"))
            }
        case .actions:
            // A register on its own is checked against the built-in checklists and roles.
            let loaded = ActionRegisterLoader.load(document)
            result.diagnostics = loaded.diagnostics
            if let register = loaded.value, let map = loaded.sourceMap {
                let checklists = library.entries.map(\.checklist)
                let roles =
                    checklists.flatMap { $0.roles.map(\.id) } + (library.phaseTemplate.value?.roles.map(\.id) ?? [])
                result.diagnostics += map.diagnostics(for: register.validate(checklists: checklists, roles: roles))
                result.summaries.append(
                    summary(path, result.diagnostics, "action register, \(register.actions.count) actions"))
            }
        case .planPhases:
            let loaded = PhaseTemplateLoader.load(document)
            result.diagnostics = loaded.diagnostics
            if let template = loaded.value, let map = loaded.sourceMap {
                result.diagnostics += map.diagnostics(for: template.validate(knownTags: library.knownTags))
                result.summaries.append(
                    summary(path, result.diagnostics, "phase template, \(template.phases.count) phases"))
            }
        case .labels:
            let loaded = LabelsLoader.load(document)
            result.diagnostics = loaded.diagnostics
            if let labels = loaded.value, let map = loaded.sourceMap {
                result.diagnostics += map.diagnostics(for: labels.validate())
                result.summaries.append(
                    summary(path, result.diagnostics, "report labels, \(labels.entries.count) labels"))
            }
        case .narrative:
            // A narrative on its own is checked against the built-in checklists.
            let loaded = NarrativeLoader.load(document)
            result.diagnostics = loaded.diagnostics
            if let narrative = loaded.value, let map = loaded.sourceMap {
                result.diagnostics += map.diagnostics(
                    for: narrative.validate(checklists: library.entries.map(\.checklist)))
                result.summaries.append(
                    summary(path, result.diagnostics, "narrative, \(narrative.clauses.count) clause commentaries"))
            }
        case .signoffs:
            let loaded = SignoffsLoader.load(document)
            result.diagnostics = loaded.diagnostics
            if let signoffs = loaded.value {
                result.summaries.append(summary(path, result.diagnostics, "sign-offs, \(signoffs.count) entries"))
            }
        case .kpis:
            let loaded = KPILoader.load(bytes, file: path)
            result.diagnostics = loaded.diagnostics
            if let set = loaded.value {
                result.summaries.append(summary(path, result.diagnostics, "KPI file, \(set.kpis.count) KPIs"))
            }
        }
        return result
    }

    private static func summary(_ path: String, _ diagnostics: [Diagnostic], _ what: String) -> String {
        "\(path): \(diagnostics.containsErrors ? "invalid" : "ok"): \(what)"
    }
}
