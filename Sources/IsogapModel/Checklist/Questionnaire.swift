/// The layout and wording of the questionnaire workbook (SPEC §14), shared by the writer and the
/// reader so that what one writes the other reads back.
public enum Questionnaire {
    /// The version of the workbook layout, recorded in its hidden sheet.
    public static let formatVersion = "1"
    /// The hidden sheet's name.
    public static let metadataSheet = "isogap"

    /// The columns of a checklist sheet, in order.
    public enum Column: Int, CaseIterable, Sendable {
        case requirement = 0, clause, question, guidance, expectedEvidence, level, applicable, justification,
            target, evidence, notes

        /// Whether the user may edit the column.
        public var isAnswer: Bool { rawValue >= Column.level.rawValue }

        /// The header text in `language`.
        public func header(_ language: ReportLanguage) -> String {
            let words: (String, String) =
                switch self {
                case .requirement: ("Requirement", "المتطلب")
                case .clause: ("Clause", "البند")
                case .question: ("Question", "السؤال")
                case .guidance: ("Guidance", "الإرشاد")
                case .expectedEvidence: ("Expected evidence", "الأدلة المتوقعة")
                case .level: ("Level", "المستوى")
                case .applicable: ("Applicable", "منطبق")
                case .justification: ("Justification (if not applicable)", "المبرر (إن لم يكن منطبقًا)")
                case .target: ("Target level", "المستوى المستهدف")
                case .evidence:
                    (
                        "Evidence (one per line: type | ref | date | file)",
                        "الأدلة (سطر لكل دليل: type | ref | date | file)"
                    )
                case .notes: ("Notes", "ملاحظات")
                }
            return language == .ar ? words.1 : words.0
        }

        /// A width in characters that keeps the sheet readable on a laptop screen.
        public var width: Double {
            switch self {
            case .requirement: 11
            case .clause: 8
            case .question: 48
            case .guidance: 36
            case .expectedEvidence: 14
            case .level: 22
            case .applicable: 11
            case .justification: 26
            case .target: 9
            case .evidence: 44
            case .notes: 30
            }
        }
    }

    /// The word for "applicable" (`true`) or "not applicable" in `language`.
    public static func applicableWord(_ applicable: Bool, _ language: ReportLanguage) -> String {
        switch (applicable, language) {
        case (true, .ar): "نعم"
        case (false, .ar): "لا"
        case (true, _): "yes"
        case (false, _): "no"
        }
    }

    /// Reads an applicability cell: yes/no in either language (any case), or `true`/`false`;
    /// `nil` for anything else. An empty cell is applicable.
    public static func applicable(from text: String) -> Bool? {
        let word = text.trimmingSpaces.lowercased()
        switch word {
        case "", "yes", "y", "true", "نعم": return true
        case "no", "n", "false", "لا": return false
        default: return nil
        }
    }

    /// A level as offered in the list: `2 – Documented`.
    public static func levelChoice(_ level: ScaleLevel, _ language: ReportLanguage) -> String {
        "\(level.level) – \(level.label.resolved(language.rawValue))"
    }

    /// The level number a level cell holds: a choice from the list, or the number alone.
    public static func level(from text: String) -> Int? {
        let trimmed = text.trimmingSpaces
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 3, let number = Int(digits) else { return nil }
        let rest = trimmed.dropFirst(digits.count).trimmingSpaces
        guard rest.isEmpty || rest.hasPrefix("–") || rest.hasPrefix("-") else { return nil }
        return number
    }

    /// One evidence item as a line of the evidence cell: `type | ref | date | file`, with trailing
    /// empty fields left out.
    public static func evidenceLine(_ item: EvidenceItem) -> String {
        var fields = [item.type.rawValue, item.ref, item.date?.description ?? "", item.file ?? ""]
        while fields.count > 2, fields.last?.isEmpty == true { fields.removeLast() }
        return fields.joined(separator: " | ")
    }

    /// An evidence line read back, or why it cannot be read.
    public static func evidenceItem(from line: String) -> Result<EvidenceItem, LineProblem> {
        let fields = line.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
        guard fields.count >= 2, fields.count <= 4 else {
            return .failure(
                LineProblem("it has \(fields.count) field(s); write type | ref | date | file (date and file optional)"))
        }
        guard let type = EvidenceType(rawValue: fields[0].lowercased()) else {
            return .failure(
                LineProblem(
                    "'\(fields[0])' is not an evidence type; use one of \(EvidenceType.allCases.map(\.rawValue).joined(separator: ", "))"
                ))
        }
        guard !fields[1].isEmpty else { return .failure(LineProblem("the ref (what the evidence is) is empty")) }
        var item = EvidenceItem(type: type, ref: fields[1])
        if fields.count > 2, !fields[2].isEmpty {
            guard let date = CalendarDate(fields[2]) else {
                return .failure(LineProblem("'\(fields[2])' is not a date; write YYYY-MM-DD"))
            }
            item.date = date
        }
        if fields.count > 3, !fields[3].isEmpty {
            let file = fields[3]
            guard !file.hasPrefix("/"), !file.split(separator: "/").contains("..") else {
                return .failure(
                    LineProblem("the file '\(file)' must be a path inside the workspace (no leading / and no ..)"))
            }
            item.file = file
        }
        return .success(item)
    }

    /// Why an evidence line cannot be read.
    public struct LineProblem: Error, Sendable, Hashable {
        public var message: String
        public init(_ message: String) { self.message = message }
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs and line breaks (any Unicode white space).
    public var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}

extension Questionnaire {
    /// The answer cells of one requirement as the workbook shows them (empty strings for empty
    /// cells); the reader compares a cell with these to tell what the user changed.
    public struct Answers: Sendable, Hashable {
        public var level: String
        public var applicable: String
        public var justification: String
        public var target: String
        public var evidence: String
        public var notes: String
    }

    /// The cells for `response` (nil when there is none).
    public static func answers(_ response: Response?, scale: [ScaleLevel], language: ReportLanguage) -> Answers {
        let level: String =
            response?.level.map { claimed in
                scale.first { $0.level == claimed }.map { levelChoice($0, language) } ?? String(claimed)
            } ?? ""
        return Answers(
            level: level, applicable: applicableWord(response?.applicable ?? true, language),
            justification: response?.justification ?? "", target: response?.target.map(String.init) ?? "",
            evidence: (response?.evidence ?? []).filter { !$0.measured }.map(evidenceLine).joined(separator: "\n"),
            notes: response?.notes ?? "")
    }
}
