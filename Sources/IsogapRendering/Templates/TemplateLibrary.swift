public import IsogapDiagnostics
internal import Mustache

/// Mustache templates by name (their path under `templates/` without `.mustache`, such as
/// `init/isogap.yaml`).
///
/// Templates choose how `{{value}}` is escaped with a pragma: `{{% CONTENT_TYPE: MARKDOWN }}`,
/// `HTML` (the default) or `TEXT`.
public struct TemplateLibrary: Sendable {
    /// A template that does not parse, or a name that has no template.
    public struct Failure: Error, CustomStringConvertible {
        /// The problem, located in the template where it lies.
        public var diagnostic: Diagnostic

        public init(_ diagnostic: Diagnostic) {
            self.diagnostic = diagnostic
        }

        /// A problem at `line`:`column` of the template `file`.
        init(_ message: String, file: String, line: Int = 1, column: Int = 1) {
            diagnostic = .error(message, at: SourceLocation(file: file, line: line, column: column))
        }

        public var description: String { diagnostic.description }
    }

    private var library = MustacheLibrary()
    private var names: Set<String> = []
    /// See ``RenderBudget/sectionWeights``.
    private var sectionWeights: [String: Int] = [:]
    /// How each template's file is named in messages.
    private var displayPaths: [String: String] = [:]

    /// Parses every `.mustache` file among `files` (path, text); other files are ignored.
    public init(files: [(path: String, text: String)]) throws(Failure) {
        try self.init(files: files.map { (path: $0.path, text: $0.text, displayPath: $0.path) })
    }

    /// Parses every `.mustache` file among `files`; `displayPath` is how a file is named in an
    /// error (a template that does not parse is reported at its line and column).
    public init(files: [(path: String, text: String, displayPath: String)]) throws(Failure) {
        // Registered before parsing: a template names its content type in a pragma.
        MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
        // The package's own HTML escaper compares whole characters; ours works on scalars. The
        // renderer starts every template and partial with the package's type, so each template is
        // given a first line naming ours: a pragma alone on a line renders nothing.
        MustacheContentTypes.register(ScalarHTMLContentType(), named: "HTML")
        var tagsByName: [String: [TemplateCheck.Tag]] = [:]
        var sizes: [String: Int] = [:]
        var displayPaths: [String: String] = [:]
        for (path, text, displayPath) in files where path.hasSuffix(".mustache") {
            var name = String(path.dropLast(".mustache".count))
            if name.hasPrefix("templates/") { name.removeFirst("templates/".count) }
            let tags = TemplateCheck.tags(in: text)
            if let tag = TemplateCheck.tooDeep(tags) {
                throw Failure(
                    "sections are nested deeper than the limit of \(TemplateCheck.maxDepth) levels", file: displayPath,
                    line: tag.line, column: tag.column)
            }
            tagsByName[name] = tags
            sizes[name] = text.utf8.count
            displayPaths[name] = displayPath
            do {
                library.register(try MustacheTemplate(string: Self.htmlPragma + text), named: name)
                names.insert(name)
            } catch let error as MustacheTemplate.ParserError {
                let context = error.context
                throw Failure(
                    "the template does not parse: \(Self.describe(error.error))", file: displayPath,
                    line: max(1, context.lineNumber - 1), column: context.columnNumber)
            } catch {
                throw Failure("the template does not parse (\(error))", file: displayPath)
            }
        }
        // Rendering follows partials by recursion: a partial that includes itself would never end.
        if let (template, tag, path) = TemplateCheck.cycle(in: tagsByName) {
            throw Failure(
                "the partial '\(tag.name)' includes itself (\(path.joined(separator: " → ")))",
                file: displayPaths[template] ?? template, line: tag.line, column: tag.column)
        }
        // Partials that each include the next twice double the text at every step: refused before
        // anything is rendered.
        let expanded = RenderBudget.expandedSizes(sizes: sizes, tags: tagsByName)
        for name in expanded.keys.sorted() where (expanded[name] ?? 0) > RenderBudget.maxExpandedSize {
            let tag = tagsByName[name]?.first { $0.sigil == ">" || $0.sigil == "<" }
            throw Failure(
                "with its partials written out, the template is larger than the limit of \(RenderBudget.maxExpandedSize) bytes; it is not rendered",
                file: displayPaths[name] ?? name, line: tag?.line ?? 1, column: tag?.column ?? 1)
        }
        sectionWeights = RenderBudget.sectionWeights(tags: tagsByName, expanded: expanded)
        self.displayPaths = displayPaths
    }

    /// The line put before every template: HTML escaping on Unicode scalars until the template
    /// names another content type.
    static let htmlPragma = "{{% CONTENT_TYPE: HTML }}\n"

    /// A parser error in words.
    private static func describe(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else {
            // The parser's own "overflow": it reached the end of the text inside a tag.
            return "\(error)" == "overflow" ? "the template ends inside a tag; expected '}}'" : "\(error)"
        }
        switch error {
        case .sectionCloseNameIncorrect: return "the closing tag does not match the section it closes"
        case .unfinishedName: return "a tag is not finished; expected '}}'"
        case .expectedSectionEnd: return "a section is not closed; expected '{{/name}}'"
        case .invalidSetDelimiter: return "the delimiter change is not valid; write it as {{=<% %>=}}"
        case .transformAppliedToInheritanceSection: return "a transform cannot apply to an inheritance section"
        case .illegalTokenInsideInheritSection: return "this tag is not allowed inside an inheritance section"
        case .textInsideInheritSection: return "text is not allowed inside an inheritance section"
        case .invalidConfigVariableSyntax: return "the pragma is not valid; write it as {{% NAME: VALUE }}"
        case .unrecognisedConfigVariable: return "unknown pragma"
        @unknown default: return "\(error)"
        }
    }

    /// Renders `object` (a view-model value; its stored properties are the template's names).
    ///
    /// The work is bounded (see ``RenderBudget``): a template that would produce more than about
    /// 32 MiB is refused.
    public func render(_ object: Any, template name: String) throws(Failure) -> String {
        guard names.contains(name) else {
            throw Failure(.error("no template named '\(name).mustache'", at: nil))
        }
        let budget = RenderBudget(sectionWeights: sectionWeights)
        let root = BudgetedValue.wrap(object, name: nil, budget: budget) ?? object
        guard let text = library.render(root, withTemplate: name), !budget.exceeded else {
            throw Failure(
                "rendering the template would produce more than the limit of \(RenderBudget.limit) bytes (sections nested over lists, or partials included many times); it is not rendered",
                file: displayPaths[name] ?? name + ".mustache")
        }
        return text
    }
}
