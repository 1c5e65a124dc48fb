internal import Mustache

/// Mustache templates by name (their path under `templates/` without `.mustache`, such as
/// `init/isogap.yaml`).
///
/// Templates choose how `{{value}}` is escaped with a pragma: `{{% CONTENT_TYPE: MARKDOWN }}`,
/// `HTML` (the default) or `TEXT`.
public struct TemplateLibrary: Sendable {
    /// A template that does not parse, or a name that has no template.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    private var library = MustacheLibrary()
    private var names: Set<String> = []

    /// Parses every `.mustache` file among `files` (path, text); other files are ignored.
    public init(files: [(path: String, text: String)]) throws(Failure) {
        // Registered before parsing: a template names its content type in a pragma.
        MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
        for (path, text) in files where path.hasSuffix(".mustache") {
            var name = String(path.dropLast(".mustache".count))
            if name.hasPrefix("templates/") { name.removeFirst("templates/".count) }
            do {
                library.register(try MustacheTemplate(string: text), named: name)
                names.insert(name)
            } catch {
                throw Failure(description: "\(path): error: the template does not parse (\(error))")
            }
        }
    }

    /// Renders `object` (a view-model value; its stored properties are the template's names).
    public func render(_ object: Any, template name: String) throws(Failure) -> String {
        guard names.contains(name), let text = library.render(object, withTemplate: name) else {
            throw Failure(description: "error: no template named '\(name).mustache'")
        }
        return text
    }
}
