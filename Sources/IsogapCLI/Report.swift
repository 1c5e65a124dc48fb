import ArgumentParser
import Foundation
import IsogapModel
import IsogapRendering

/// `isogap report [DIR]`: the assessment report.
struct Report: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract:
            "Write the assessment report: summary, clause scores, prioritised gaps, unsupported claims, evidence.",
        discussion:
            "Markdown, HTML and the per-requirement CSV follow the templates and labels in templates/; --templates DIR replaces any of them by name. HTML is one self-contained page (inline CSS and SVG, no scripts, nothing fetched) that prints on A4."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case md, html, json, csv, xlsx, docx
    }

    @OptionGroup var workspace: WorkspaceArgument

    @Option(
        help:
            "Output format: md, html, json, csv, xlsx (Excel) or docx (Word); xlsx and docx are binary, so give --out FILE."
    )
    var format: Format = .md

    @OptionGroup var options: DocumentOptions

    func run(in context: CommandContext) throws {
        let console = context.console
        let loaded = try WorkspaceContext.load(workspace.directory, context: context, measure: true)
        let templateSet = try TemplateSet.load(overrides: options.templates, context: context)
        let plan = try loaded.plan(console: console)
        var input = loaded.reportInput(
            asOf: options.date(in: context), language: options.lang, labels: templateSet.labels, plan: plan)
        if let out = options.out, out != "-" {
            input.evidenceLinkBase = RelativePath.folder(
                context.resolve(workspace.directory), seenFrom: parentFolder(of: context.resolve(out)))
        }
        input.baseline = try loaded.baselineComparison(
            directory: workspace.directory, language: input.language, context: context)
        let text: String
        switch format {
        case .md, .html:
            do {
                text =
                    format == .md
                    ? try ReportRenderer.markdown(input, templates: templateSet.library)
                    : try ReportRenderer.html(input, templates: templateSet.library)
            } catch {
                throw console.fail(error.diagnostic, ExitStatus.dataError)
            }
        case .json: text = ReportJSON.document(input).serialized()
        case .csv: text = ReportCSV.text(input)
        case .xlsx, .docx:
            let data: Data
            do {
                data = format == .xlsx ? try ReportWorkbook.data(input) : try ReportRenderer.docx(input)
            } catch {
                let document = format == .xlsx ? "the workbook" : "the Word document"
                throw console.fail("\(document) could not be written: \(error)", ExitStatus.cannotCreate)
            }
            return try OutputTarget.write(data: data, to: options.out, context: context)
        }
        try OutputTarget.write(text, to: options.out, context: context)
    }
}

/// The folder holding `path` (an absolute path).
private func parentFolder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
}

/// Relative paths between folders, for links from one written file to files of a workspace.
enum RelativePath {
    /// `folder` as seen from `base` (both absolute), ending in `/`; empty when they are the same.
    /// `.` and `..` segments are resolved by name, without following links.
    static func folder(_ folder: String, seenFrom base: String) -> String {
        let target = segments(folder), from = segments(base)
        var common = 0
        while common < target.count, common < from.count, target[common] == from[common] { common += 1 }
        let parts = Array(repeating: "..", count: from.count - common) + target[common...]
        return parts.map { $0 + "/" }.joined()
    }

    private static func segments(_ path: String) -> [String] {
        var result: [String] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !result.isEmpty { result.removeLast() }
            default: result.append(String(part))
            }
        }
        return result
    }
}
