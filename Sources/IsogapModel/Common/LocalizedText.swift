/// Text in one or more languages: English is always present; other languages are optional.
///
/// Languages keep the order they were written in, so output is deterministic.
public struct LocalizedText: Sendable, Hashable {
    /// The translations as `(language tag, text)` pairs in source order; `en` is among them.
    public private(set) var translations: [(language: String, text: String)]

    /// English-only text.
    public init(_ english: String) {
        translations = [("en", english)]
    }

    /// Text in several languages; returns `nil` if there is no English version.
    public init?(translations: [(language: String, text: String)]) {
        guard translations.contains(where: { $0.language == "en" }) else { return nil }
        self.translations = translations
    }

    /// The English text.
    public var english: String { self["en"] ?? "" }

    /// The text in `language`, or `nil` if there is no such translation.
    public subscript(language: String) -> String? {
        translations.first { $0.language == language }?.text
    }

    /// The text in `language`, falling back to English.
    public func resolved(_ language: String) -> String {
        self[language] ?? english
    }

    /// The language tags present.
    public var languages: [String] { translations.map(\.language) }

    public static func == (lhs: LocalizedText, rhs: LocalizedText) -> Bool {
        lhs.translations.elementsEqual(rhs.translations) { $0 == $1 }
    }

    public func hash(into hasher: inout Hasher) {
        for (language, text) in translations {
            hasher.combine(language)
            hasher.combine(text)
        }
    }
}

/// The report languages isogap supports.
public enum ReportLanguage: String, Sendable, Hashable, CaseIterable, Codable {
    case en, ar
}
