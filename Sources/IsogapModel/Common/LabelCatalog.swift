public import IsogapDiagnostics

/// The report's own words (headings, column names, grade names) in each report language, as read
/// from `templates/labels.yaml`.
public struct LabelCatalog: Sendable, Hashable {
    public var entries: [Entry]

    /// One label: a key the templates use and its text.
    public struct Entry: Sendable, Hashable {
        public var key: String
        public var text: LocalizedText

        public init(key: String, text: LocalizedText) {
            self.key = key
            self.text = text
        }
    }

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// Every label in `language` (English where a translation is missing), keyed for templates.
    public func resolved(_ language: ReportLanguage) -> [String: String] {
        Dictionary(
            entries.map { ($0.key, $0.text.resolved(language.rawValue)) }, uniquingKeysWith: { first, _ in first })
    }

    /// The text of one label in `language`, or the key itself when there is no such label.
    public func text(_ key: String, _ language: ReportLanguage) -> String {
        entries.first { $0.key == key }?.text.resolved(language.rawValue) ?? key
    }

    /// These labels with `overrides` taking the place of labels with the same key.
    public func overridden(by overrides: LabelCatalog) -> LabelCatalog {
        var merged = entries
        for entry in overrides.entries {
            if let index = merged.firstIndex(where: { $0.key == entry.key }) {
                merged[index] = entry
            } else {
                merged.append(entry)
            }
        }
        return LabelCatalog(entries: merged)
    }

    /// Warnings for labels without an Arabic translation.
    public func validate() -> [Finding] {
        entries.enumerated().compactMap { index, entry in
            entry.text["ar"] == nil
                ? .warning(
                    "label '\(entry.key)' has no 'ar' translation; the English text will be used",
                    at: .root["labels"][entry.key])
                : nil
        }
    }

    /// Errors for labels of a custom `labels.yaml` that the built-in `labels` do not have: a key no
    /// template reads is a misspelling (with the closest built-in key suggested).
    public func unknownKeys(comparedWith builtIn: LabelCatalog) -> [Finding] {
        let known = builtIn.entries.map(\.key)
        let knownSet = Set(known)
        return entries.compactMap { entry in
            guard !knownSet.contains(entry.key) else { return nil }
            var message = "unknown label '\(entry.key)'"
            if let suggestion = Suggestion.didYouMean(entry.key, in: known) { message += "; \(suggestion)" }
            return .error(message, at: .root["labels"][entry.key])
        }
    }
}
