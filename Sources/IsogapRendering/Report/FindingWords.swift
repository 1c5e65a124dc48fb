internal import IsogapModel

/// Sentences about findings in plain words, in English and Arabic, with counted nouns that agree
/// in number ("1 interview", "2 interviews"; Arabic singular, dual, plural 3–10, singular from 11).
enum FindingWords {
    /// Why a claim is not supported, for example "level 3 needs a record or an observation; the
    /// valid evidence is 2 interviews"; `nil` when the claim is supported.
    static func unsupported(_ score: RequirementScore, _ language: ReportLanguage) -> String? {
        guard let claim = score.unsupported else { return nil }
        let valid = score.evidence.filter { $0.status == .valid }.map(\.item.type)
        let have = validEvidence(valid, language)
        let needs: String
        switch (claim.rule, language) {
        case (.minEvidence, .ar):
            needs = "يتطلب المستوى \(claim.level) ما لا يقل عن \(claim.needed) من الأدلة السارية"
        case (.minEvidence, _):
            needs = "level \(claim.level) needs \(count(claim.needed, "valid evidence item", "valid evidence items"))"
        case (_, .ar):
            let types = claim.types.map { arabicName($0) }.joined(separator: " أو ")
            needs = "يتطلب المستوى \(claim.level) دليلاً سارياً من نوع: \(types)"
        default:
            needs = "level \(claim.level) needs \(alternatives(claim.types.map(englishWithArticle)))"
        }
        var sentence: String
        switch (have, language) {
        case (nil, .ar): sentence = "\(needs)؛ ولا يوجد أي دليل سارٍ"
        case (let have?, .ar): sentence = "\(needs)؛ الأدلة السارية: \(have)"
        case (nil, _): sentence = "\(needs); there is no valid evidence"
        case (let have?, _): sentence = "\(needs); the valid evidence is \(have)"
        }
        let invalid = EvidenceStatus.allCases.filter { $0 != .valid }.compactMap { status -> String? in
            let n = score.evidence.filter { $0.status == status }.count
            guard n > 0 else { return nil }
            return language == .ar ? "\(arabicStatus(status)) (\(n))" : "\(n) \(status.rawValue)"
        }
        if !invalid.isEmpty {
            sentence +=
                language == .ar
                ? " (لا يُحتسب: \(invalid.joined(separator: "، ")))"
                : " (not counted: \(invalid.joined(separator: ", ")))"
        }
        return sentence
    }

    /// The valid items by type, in the order of the evidence types: "1 record and 2 interviews";
    /// `nil` when there is none.
    static func validEvidence(_ types: [EvidenceType], _ language: ReportLanguage) -> String? {
        let parts = EvidenceType.allCases.compactMap { type -> String? in
            let n = types.filter { $0 == type }.count
            guard n > 0 else { return nil }
            return language == .ar ? arabicCount(n, of: type) : count(n, type.rawValue, type.rawValue + "s")
        }
        if parts.isEmpty { return nil }
        if language == .ar { return parts.joined(separator: " و") }
        return parts.count == 1 ? parts[0] : parts.dropLast().joined(separator: ", ") + " and " + (parts.last ?? "")
    }

    /// "1 item", "2 items".
    static func count(_ n: Int, _ singular: String, _ plural: String) -> String {
        "\(n) \(n == 1 ? singular : plural)"
    }

    /// "a record or an observation".
    static func alternatives(_ names: [String]) -> String {
        names.count <= 1 ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
    }

    static func englishWithArticle(_ type: EvidenceType) -> String {
        type == .interview || type == .observation ? "an \(type.rawValue)" : "a \(type.rawValue)"
    }

    static func arabicName(_ type: EvidenceType) -> String {
        arabicForms(type).one
    }

    /// Singular, dual, plural (3–10) and the "one" adjective's gender of each type's Arabic noun.
    private static func arabicForms(_ type: EvidenceType) -> (one: String, two: String, few: String, unit: String) {
        switch type {
        case .document: ("وثيقة", "وثيقتان", "وثائق", "واحدة")
        case .record: ("سجل", "سجلان", "سجلات", "واحد")
        case .interview: ("مقابلة", "مقابلتان", "مقابلات", "واحدة")
        case .observation: ("ملاحظة ميدانية", "ملاحظتان ميدانيتان", "ملاحظات ميدانية", "واحدة")
        }
    }

    /// An Arabic counted noun: "مقابلة واحدة", "مقابلتان", "3 مقابلات", "11 مقابلة".
    static func arabicCount(_ n: Int, of type: EvidenceType) -> String {
        let forms = arabicForms(type)
        switch n {
        case 1: return "\(forms.one) \(forms.unit)"
        case 2: return forms.two
        case 3...10: return "\(n) \(forms.few)"
        default: return "\(n) \(forms.one)"
        }
    }

    static func arabicStatus(_ status: EvidenceStatus) -> String {
        switch status {
        case .valid: "ساري"
        case .missing: "ملف مفقود"
        case .changed: "ملف تغيّر بعد قفله"
        case .expired: "منتهي الصلاحية"
        case .future: "مؤرخ بعد التقييم"
        case .stale: "قديم"
        }
    }

    /// Person-days with the unit in agreement: "1 person-day", "2.5 person-days"; in Arabic
    /// "يوم/فرد واحد", "يومان/فرد", "3 أيام/فرد", "1.5 يوم/فرد".
    static func personDays(_ value: Double, _ language: ReportLanguage) -> String {
        let figure = JSONValue.format(Rounding.halfAwayFromZero(value, places: 2))
        guard language == .ar else { return "\(figure) person-day\(value == 1 ? "" : "s")" }
        guard value == value.rounded(), value >= 1, value < 1e6 else { return "\(figure) يوم/فرد" }
        switch Int(value) {
        case 1: return "يوم/فرد واحد"
        case 2: return "يومان/فرد"
        case 3...10: return "\(figure) أيام/فرد"
        default: return "\(figure) يوم/فرد"
        }
    }
}
