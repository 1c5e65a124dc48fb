import Foundation
import IsogapDiagnostics
import IsogapLoading
import IsogapModel
import IsogapRendering
import IsogapResources

/// The templates and report labels of a run: the built-in ones, with any file of a `--templates`
/// folder taking the place of the built-in file of the same name.
struct TemplateSet: Sendable {
    static let labelsFile = "labels.yaml"

    let library: TemplateLibrary
    let labels: LabelCatalog

    /// The built-in template files, as (name, text, path shown in messages).
    private static let builtInFiles: [(path: String, text: String, displayPath: String)] = EmbeddedFiles.files(
        under: "templates"
    ).map {
        (String($0.path.dropFirst("templates/".count)), String(decoding: $0.contents, as: UTF8.self), $0.path)
    }

    /// The built-in labels, parsed once per process.
    private static let builtInLabels = LabelsLoader.load(
        Array(EmbeddedFiles.contents(of: "templates/\(labelsFile)") ?? Data()), file: "templates/\(labelsFile)")

    /// The built-in templates and labels, compiled once per process (every run without
    /// `--templates` shares them).
    private static let builtIn: Result<TemplateSet, TemplateLibrary.Failure> = {
        do throws(TemplateLibrary.Failure) {
            return .success(
                TemplateSet(
                    library: try TemplateLibrary(files: builtInFiles),
                    labels: builtInLabels.value ?? LabelCatalog(entries: [])))
        } catch {
            return .failure(error)
        }
    }()

    static func load(overrides folder: String?, context: CommandContext) throws -> TemplateSet {
        let console = context.console
        guard let folder else {
            switch builtIn {
            case .success(let set): return set
            case .failure(let error): throw console.fail(error.diagnostic, ExitStatus.dataError)
            }
        }
        var files = builtInFiles
        let builtInLabels = Self.builtInLabels
        var labels = builtInLabels.value ?? LabelCatalog(entries: [])
        do {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: context.resolve(folder), isDirectory: &isDirectory),
                isDirectory.boolValue
            else {
                throw console.fail("\(folder): no such templates folder", ExitStatus.noInput)
            }
            let found = folderFiles(under: folder, in: context)
            if !found.refused.isEmpty {
                for (path, reason) in found.refused { console.emit(.error("\(path): \(reason)", at: nil)) }
                throw ExitStatus.dataError
            }
            for relative in found.files {
                let path = (folder as NSString).appendingPathComponent(relative)
                guard relative == labelsFile || relative.hasSuffix(".mustache") else { continue }
                let bytes: [UInt8]
                switch FileReader.read(context.resolve(path)) {
                case .success(let read): bytes = read
                case .failure(let failure): throw console.fail("\(path): \(failure.reason)", ExitStatus.noInput)
                }
                if relative == labelsFile {
                    let loaded = LabelsLoader.load(bytes, file: path)
                    var diagnostics = loaded.diagnostics
                    if let value = loaded.value, let map = loaded.sourceMap {
                        diagnostics += map.diagnostics(
                            for: value.unknownKeys(comparedWith: builtInLabels.value ?? labels) + value.validate())
                    }
                    if !diagnostics.isEmpty { console.report(diagnostics) }
                    guard let value = loaded.value, !diagnostics.containsErrors else { throw ExitStatus.dataError }
                    labels = labels.overridden(by: value)
                } else {
                    if bytes.count > DocumentLimits.maxFileSize {
                        throw console.fail(
                            .error(
                                "the template is larger than the limit of \(DocumentLimits.maxFileSize) bytes",
                                at: SourceLocation(file: path, line: 1, column: 1)), ExitStatus.dataError)
                    }
                    guard let text = String(validating: bytes, as: UTF8.self) else {
                        throw console.fail(
                            .error(
                                "the template is not valid UTF-8; save it as UTF-8",
                                at: SourceLocation(file: path, line: 1, column: 1)), ExitStatus.dataError)
                    }
                    files.append((relative, text, path))
                }
            }
        }
        do {
            return TemplateSet(library: try TemplateLibrary(files: files), labels: labels)
        } catch {
            throw console.fail(error.diagnostic, ExitStatus.dataError)
        }
    }

    /// The files below a templates folder, relative to it and sorted, and the entries refused.
    ///
    /// Nothing outside the folder is ever read: a symbolic link is followed only when it resolves
    /// to a regular file inside the folder; a link that leaves it, a link to a folder, and anything
    /// that is not a regular file or folder (a named pipe, a device) are refused with the reason.
    static func folderFiles(under folder: String, in context: CommandContext) -> (
        files: [String], refused: [(path: String, reason: String)]
    ) {
        let root = URL(fileURLWithPath: context.resolve(folder)).resolvingSymlinksInPath().path
        var files: [String] = []
        var refused: [(path: String, reason: String)] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let here = relative.isEmpty ? folder : (folder as NSString).appendingPathComponent(relative)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: context.resolve(here)) else {
                refused.append((here, "the folder cannot be read"))
                continue
            }
            for name in names.sorted() {
                let child = relative.isEmpty ? name : "\(relative)/\(name)"
                let path = (folder as NSString).appendingPathComponent(child)
                var info = stat()
                guard lstat(context.resolve(path), &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: pending.append(child)
                case S_IFREG: files.append(child)
                case S_IFLNK:
                    let target = URL(fileURLWithPath: context.resolve(path)).resolvingSymlinksInPath().path
                    var targetInfo = stat()
                    if !PathBytes.isInside(target, folder: root) {
                        refused.append(
                            (path, "a symbolic link to something outside the templates folder; it is not read"))
                    } else if stat(target, &targetInfo) != 0 || targetInfo.st_mode & S_IFMT != S_IFREG {
                        refused.append(
                            (path, "a symbolic link to something that is not a file, or to nothing; it is not read"))
                    } else {
                        files.append(child)
                    }
                default:
                    refused.append((path, "not a regular file (a pipe, socket or device); it is not read"))
                }
            }
        }
        return (files.sorted(), refused.sorted { $0.path < $1.path })
    }
}
