public import IsogapDiagnostics

/// The assessor's own words for the report (`narrative.yaml`, SPEC §11): document control, an
/// executive summary, the method, strengths, recommendations and commentary per clause.
///
/// Every part is optional: a report shows what the narrative gives and nothing in place of the rest.
public struct Narrative: Sendable, Hashable {
    /// Document control, shown on the report's cover.
    public struct DocumentControl: Sendable, Hashable {
        public var title: LocalizedText?
        /// The document's reference, such as `GA-2026-014`.
        public var reference: String?
        public var version: String?
        public var status: DocumentStatus?
        /// Who receives the document, in order.
        public var distribution: [LocalizedText]

        public init(
            title: LocalizedText? = nil, reference: String? = nil, version: String? = nil,
            status: DocumentStatus? = nil, distribution: [LocalizedText] = []
        ) {
            self.title = title
            self.reference = reference
            self.version = version
            self.status = status
            self.distribution = distribution
        }
    }

    /// The assessor's commentary on one clause of one checklist (any level of the clause tree).
    public struct ClauseCommentary: Sendable, Hashable {
        public var checklist: String
        public var clause: String
        public var text: LocalizedText

        public init(checklist: String, clause: String, text: LocalizedText) {
            self.checklist = checklist
            self.clause = clause
            self.text = text
        }
    }

    public var document: DocumentControl?
    public var summary: LocalizedText?
    public var method: LocalizedText?
    public var strengths: [LocalizedText]
    public var recommendations: [LocalizedText]
    /// Commentary in file order.
    public var clauses: [ClauseCommentary]

    public init(
        document: DocumentControl? = nil, summary: LocalizedText? = nil, method: LocalizedText? = nil,
        strengths: [LocalizedText] = [], recommendations: [LocalizedText] = [], clauses: [ClauseCommentary] = []
    ) {
        self.document = document
        self.summary = summary
        self.method = method
        self.strengths = strengths
        self.recommendations = recommendations
        self.clauses = clauses
    }

    /// The commentary on `clause` of `checklist`, in file order.
    public func commentary(checklist: String, clause: String) -> [LocalizedText] {
        clauses.filter { $0.checklist == checklist && $0.clause == clause }.map(\.text)
    }

    /// Problems that need the workspace's checklists: commentary on a checklist the workspace does
    /// not use, or on a clause its checklist does not have (with the closest id as a suggestion).
    public func validate(checklists: [Checklist]) -> [Finding] {
        var findings: [Finding] = []
        for (index, commentary) in clauses.enumerated() where !commentary.checklist.isEmpty {
            let path = DocumentPath.root["clauses"][index]
            guard let checklist = checklists.first(where: { $0.id == commentary.checklist }) else {
                findings.append(
                    TaskGraph.unknown(
                        "checklist", commentary.checklist, at: path["checklist"], candidates: checklists.map(\.id)))
                continue
            }
            let ids = checklist.clausesInOrder.map(\.id)
            if !commentary.clause.isEmpty, !ids.contains(commentary.clause) {
                var message = "unknown clause '\(commentary.clause)' in \(checklist.id)"
                if let suggestion = Suggestion.didYouMean(commentary.clause, in: ids) { message += "; \(suggestion)" }
                findings.append(.error(message, at: path["clause"]))
            }
        }
        return findings
    }
}

/// Whether a document is still being written or has been issued.
public enum DocumentStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case draft
    case final
}
