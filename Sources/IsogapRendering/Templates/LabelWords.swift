public import IsogapModel

/// The labels of one language, with `{name}` placeholders filled in: the words of the outputs that
/// are written in code rather than by a template (terminal tables, calendars, the portfolio).
public struct LabelWords: Sendable {
    public let labels: LabelCatalog
    public let language: ReportLanguage

    public init(_ labels: LabelCatalog, _ language: ReportLanguage) {
        self.labels = labels
        self.language = language
    }

    /// The label `key`, with each `{name}` replaced by its value.
    func callAsFunction(_ key: String, _ values: [(name: String, value: String)] = []) -> String {
        var text = labels.text(key, language)
        for (name, value) in values { text = text.replacingAll("{\(name)}", with: value) }
        return text
    }

    /// A count with its noun: the `_one` form of `key` for 1, else `key` with `{count}`.
    func count(_ key: String, _ count: Int) -> String {
        count == 1 ? self("\(key)_one") : self(key, [("count", String(count))])
    }

    /// How lists are joined in running text.
    var listSeparator: String { language == .ar ? "، " : ", " }
}
