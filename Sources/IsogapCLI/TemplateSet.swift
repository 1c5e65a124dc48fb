import Foundation
import IsogapDiagnostics
import IsogapLoading
import IsogapModel
import IsogapRendering
import IsogapResources

/// The templates and report labels of a run: the built-in ones, with any file of a `--templates`
/// folder taking the place of the built-in file of the same name.
struct TemplateSet {
    static let labelsFile = "labels.yaml"

    let library: TemplateLibrary
    let labels: LabelCatalog

    static func load(overrides folder: String?, console: Console) throws -> TemplateSet {
        var files = EmbeddedFiles.files(under: "templates").map {
            (path: String($0.path.dropFirst("templates/".count)), text: String(decoding: $0.contents, as: UTF8.self))
        }
        let builtInLabels = LabelsLoader.load(
            Array(EmbeddedFiles.contents(of: "templates/\(labelsFile)") ?? Data()), file: "templates/\(labelsFile)")
        var labels = builtInLabels.value ?? LabelCatalog(entries: [])
        if let folder {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                console.err("error: \(folder): no such templates folder")
                throw ExitStatus.noInput
            }
            for relative in regularFiles(under: folder) {
                let path = (folder as NSString).appendingPathComponent(relative)
                guard let data = FileManager.default.contents(atPath: path) else {
                    console.err("error: \(path): cannot read the file")
                    throw ExitStatus.noInput
                }
                if relative == labelsFile {
                    let loaded = LabelsLoader.load(Array(data), file: path)
                    var diagnostics = loaded.diagnostics
                    if let value = loaded.value, let map = loaded.sourceMap {
                        diagnostics += map.diagnostics(for: value.validate())
                    }
                    if !diagnostics.isEmpty { console.report(diagnostics) }
                    guard let value = loaded.value, !diagnostics.containsErrors else { throw ExitStatus.dataError }
                    labels = labels.overridden(by: value)
                } else if relative.hasSuffix(".mustache") {
                    guard let text = String(data: data, encoding: .utf8) else {
                        console.err("\(path): error: the template is not valid UTF-8")
                        throw ExitStatus.dataError
                    }
                    files.append((relative, text))
                }
            }
        }
        do {
            return TemplateSet(library: try TemplateLibrary(files: files), labels: labels)
        } catch {
            console.err(error.description)
            throw ExitStatus.dataError
        }
    }

    /// Paths (relative to `folder`) of the regular files below it; symbolic links are not followed,
    /// so nothing outside the folder is read.
    private static func regularFiles(under folder: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        var result: [String] = []
        while let relative = walker.nextObject() as? String {
            let attributes = try? FileManager.default.attributesOfItem(
                atPath: (folder as NSString).appendingPathComponent(relative))
            if attributes?[.type] as? FileAttributeType == .typeRegular { result.append(relative) }
        }
        return result.sorted()
    }
}
