internal import IsogapModel

/// The parts of the report that make it a deliverable: the assessor's narrative with document
/// control (SPEC §11), the findings annex with every requirement (SPEC §9 v2) and the sign-offs
/// (SPEC §15). Each is a self-contained part of the view, drawn by its own partial template.
extension ReportView {
    /// A text split into paragraphs at blank lines; each paragraph is one line of text.
    struct Paragraphs {
        var paragraphs: [String]

        init(_ text: String) {
            var paragraphs: [String] = []
            var current: [Substring] = []
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.allSatisfy(\.isWhitespace) {
                    if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
                    current = []
                } else {
                    current.append(line.trimmingSpaces)
                }
            }
            if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
            self.paragraphs = paragraphs
        }
    }

    /// Document control, on the cover.
    struct DocumentControlView {
        var title: String?
        var reference: String?
        var version: String?
        var status: String?
        /// `draft` or `final`, as a CSS class.
        var statusClass: String
        var isDraft: Bool
        var distribution: [String]
        var hasDistribution: Bool
        /// The distribution on one line, for tables.
        var distributionLine: String
    }

    /// The assessor's words: summary, method, strengths and recommendations.
    struct NarrativeView {
        var document: DocumentControlView?
        var summary: Paragraphs?
        var method: Paragraphs?
        var strengths: [String]
        var hasStrengths: Bool
        var recommendations: [String]
        var hasRecommendations: Bool
        /// Whether the narrative has any of summary, method, strengths or recommendations.
        var hasText: Bool
    }

    /// One evidence item of a requirement, with its status.
    struct AnnexEvidence {
        var type: String
        var ref: String
        var measured: Bool
        var date: String?
        var expires: String?
        var file: String?
        var status: String
        var statusClass: String
        var isValid: Bool
    }

    /// One requirement in the findings annex.
    struct AnnexRequirement {
        var checklist: String
        var id: String
        /// An HTML id for links: `finding-<checklist>-<requirement>` with only safe characters.
        var anchor: String
        var question: String
        var applicable: Bool
        var isAssessed: Bool
        var claimed: String
        var effective: String
        var target: String
        var gap: String
        var grade: String
        var gradeClass: String
        var criticality: String
        var justification: String?
        var reason: String?
        var notes: String?
        var evidence: [AnnexEvidence]
        var hasEvidence: Bool
    }

    /// A clause of the annex: its commentary and the requirements directly under it.
    struct AnnexClause {
        var id: String
        var title: String
        var depth: Int
        var isTop: Bool
        var commentary: [Paragraphs]
        var hasCommentary: Bool
        var requirements: [AnnexRequirement]
    }

    struct AnnexChecklist {
        var id: String
        var standard: String
        var title: String
        /// "Requirement" or, for a guidance standard, "Criterion".
        var requirementLabel: String
        var clauses: [AnnexClause]
    }

    /// One approval, current or outdated.
    struct SignoffRow {
        var by: String
        var role: String
        var decision: String
        var decisionClass: String
        var date: String
        var note: String?
        var digest: String
        /// The first 12 digits of the digest, for narrow tables.
        var shortDigest: String
        var isCurrent: Bool
        var state: String
    }

    static func narrativeView(_ narrative: Narrative?, _ input: ReportInput) -> NarrativeView? {
        guard let narrative else { return nil }
        let document = narrative.document.map { control in
            let distribution = control.distribution.map { input.text($0) }
            return DocumentControlView(
                title: control.title.map { input.text($0) }, reference: control.reference, version: control.version,
                status: control.status.map { input.label("document_status_\($0.rawValue)") },
                statusClass: control.status?.rawValue ?? "", isDraft: control.status == .draft,
                distribution: distribution, hasDistribution: !distribution.isEmpty,
                distributionLine: distribution.joined(separator: input.language == .ar ? "؛ " : "; "))
        }
        let summary = narrative.summary.map { Paragraphs(input.text($0)) }
        let method = narrative.method.map { Paragraphs(input.text($0)) }
        let strengths = narrative.strengths.map { input.text($0) }
        let recommendations = narrative.recommendations.map { input.text($0) }
        return NarrativeView(
            document: document, summary: summary, method: method, strengths: strengths,
            hasStrengths: !strengths.isEmpty, recommendations: recommendations,
            hasRecommendations: !recommendations.isEmpty,
            hasText: summary != nil || method != nil || !strengths.isEmpty || !recommendations.isEmpty)
    }

    /// The annex's rows. Labels are looked up once per report, not once per requirement: the
    /// annex has a row for every requirement of every checklist.
    static func annex(_ input: ReportInput, labels: [String: String]) -> [AnnexChecklist] {
        func word(_ key: String) -> String { labels[key] ?? key }
        return input.score.checklists.map { checklist in
            let nature = checklist.checklist.nature
            let grades = Dictionary(
                uniqueKeysWithValues: Grade.allCases.map { ($0, input.label(of: $0, nature: nature)) })
            var byClause: [String: [RequirementScore]] = [:]
            for requirement in checklist.requirements {
                byClause[requirement.clausePath.last ?? "", default: []].append(requirement)
            }
            var clauses: [AnnexClause] = []
            func walk(_ list: [Clause], depth: Int) {
                for clause in list {
                    let commentary =
                        input.narrative?.commentary(checklist: checklist.checklist.id, clause: clause.id)
                        .map { Paragraphs(input.text($0)) } ?? []
                    clauses.append(
                        AnnexClause(
                            id: clause.id, title: input.text(clause.title), depth: depth, isTop: depth == 0,
                            commentary: commentary, hasCommentary: !commentary.isEmpty,
                            requirements: (byClause[clause.id] ?? []).map {
                                annexRequirement($0, grades: grades, word: word, input)
                            }))
                    walk(clause.clauses, depth: depth + 1)
                }
            }
            walk(checklist.checklist.clauses, depth: 0)
            return AnnexChecklist(
                id: checklist.checklist.id, standard: checklist.checklist.standard,
                title: input.text(checklist.checklist.title),
                requirementLabel: input.labels.text(
                    nature == .guidance ? "requirement_guidance" : "requirement", input.language),
                clauses: clauses)
        }
    }

    static func annexRequirement(
        _ score: RequirementScore, grades: [Grade: String], word: (String) -> String, _ input: ReportInput
    ) -> AnnexRequirement {
        let evidence = score.evidence.map { scored in
            AnnexEvidence(
                type: word("type_\(scored.item.type.rawValue)"), ref: scored.item.ref,
                measured: scored.item.measured, date: scored.item.date?.description,
                expires: scored.item.expires?.description, file: scored.item.file,
                status: word("status_\(scored.status.rawValue)"), statusClass: scored.status.rawValue,
                isValid: scored.status == .valid)
        }
        let grade: String
        if !score.applicable {
            grade = word("annex_not_applicable")
        } else if let value = score.grade {
            grade = grades[value] ?? value.rawValue
        } else {
            grade = word("annex_not_assessed")
        }
        var anchor = "finding-"
        for scalar in "\(score.checklist)-\(score.requirement.id)".unicodeScalars {
            let safe = scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "."
            anchor.unicodeScalars.append(safe ? scalar : "_")
        }
        return AnnexRequirement(
            checklist: score.checklist, id: score.requirement.id, anchor: anchor,
            question: input.text(score.requirement.text), applicable: score.applicable,
            isAssessed: score.isAssessed,
            claimed: score.claimed.map(String.init) ?? "—", effective: score.effective.map(String.init) ?? "—",
            target: String(score.target), gap: score.gap.map(String.init) ?? "—", grade: grade,
            gradeClass: score.grade?.rawValue ?? (score.applicable ? "not-assessed" : "not-applicable"),
            criticality: word("criticality_\(score.requirement.criticality.rawValue)"),
            justification: score.applicable ? nil : (score.response?.justification ?? ""),
            reason: score.unsupported == nil ? nil : FindingWords.unsupported(score, input.language),
            notes: score.response?.notes.flatMap { $0.allSatisfy(\.isWhitespace) ? nil : $0 },
            evidence: evidence, hasEvidence: !evidence.isEmpty)
    }

    static func signoffRows(_ input: ReportInput) -> [SignoffRow] {
        input.signoffs.map { status in
            let signoff = status.signoff
            let decision = signoff.decision.rawValue
            return SignoffRow(
                by: signoff.by, role: signoff.role,
                decision: input.label("signoff_\(decision.replacingAll("-", with: "_"))"),
                decisionClass: decision, date: signoff.date.description,
                note: signoff.note.flatMap { $0.isEmpty ? nil : $0 }, digest: signoff.digest,
                shortDigest: String(signoff.digest.prefix(12)), isCurrent: status.isCurrent,
                state: input.label(status.isCurrent ? "signoff_current" : "signoff_outdated"))
        }
    }

    /// One sentence saying which checklists are guidance standards (SPEC §4), or `nil` when none is.
    static func guidanceSentence(_ input: ReportInput) -> String? {
        let standards = input.score.checklists.filter { $0.checklist.nature == .guidance }.map(\.checklist.standard)
        guard let last = standards.last else { return nil }
        if standards.count == 1 {
            return input.label("guidance_standard").replacingAll("{standard}", with: last)
        }
        let and = input.label("list_and")
        let list = standards.dropLast().joined(separator: input.language == .ar ? "، " : ", ") + and + last
        return input.label("guidance_standards").replacingAll("{standards}", with: list)
    }
}

extension Substring {
    /// The text without spaces and tabs at either end.
    fileprivate var trimmingSpaces: Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" || first == "\r" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text.removeLast() }
        return text
    }
}
