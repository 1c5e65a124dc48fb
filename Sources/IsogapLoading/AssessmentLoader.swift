internal import IsogapDiagnostics
public import IsogapModel
internal import IsogapYAML

/// Reads assessment files (`assessments/<checklist-id>.yaml`, `kind: assessment`).
public enum AssessmentLoader {
    static let responseKeys: YAMLKeyNames = [
        "level", "target", "evidence", "notes", "grade", "applicable", "justification",
    ]
    static let evidenceKeys = YAMLKeyNames(
        ["type", "ref", "date", "expires", "file", "sha256"], required: ["type", "ref"])

    private static let evidenceTypes = CaseNames<EvidenceType>()
    /// Stands for an evidence item that could not be read (reported), so that indices match the file.
    private static let unreadableEvidence = EvidenceItem(type: .document, ref: "")

    private enum DocumentKey {
        static let checklist = documentKeys.name("checklist")
        static let responses = documentKeys.name("responses")
    }

    /// The keys of a response and of an evidence item, found by position (thousands per file).
    private enum ResponseKey {
        static let level = responseKeys.name("level")
        static let target = responseKeys.name("target")
        static let evidence = responseKeys.name("evidence")
        static let notes = responseKeys.name("notes")
        static let grade = responseKeys.name("grade")
        static let applicable = responseKeys.name("applicable")
        static let justification = responseKeys.name("justification")
    }

    private enum EvidenceKey {
        static let type = evidenceKeys.name("type")
        static let ref = evidenceKeys.name("ref")
        static let date = evidenceKeys.name("date")
        static let expires = evidenceKeys.name("expires")
        static let file = evidenceKeys.name("file")
        static let sha256 = evidenceKeys.name("sha256")
    }

    /// The keys of the document itself.
    static let documentKeys = YAMLKeyNames(
        ["isogap", "kind", "checklist", "responses"], required: ["isogap", "kind", "checklist"])

    /// Loads the assessment in `bytes`. A file without a problem (the usual case) is read straight
    /// from libyaml's events; any other is parsed into a tree and read by the checking decoder,
    /// which reports its problems. Either way the value is the same.
    public static func load(_ bytes: some Collection<UInt8>, file: String) -> Loaded<Assessment> {
        DocumentLoading.load(bytes, file: file, readClean: readClean, checked: load)
    }

    /// The assessment in `source` when the whole file holds no problem (what the checking decoder
    /// reads without a word); `nil`, with nothing reported, otherwise.
    static func readClean(_ source: [UInt8]) -> Assessment? {
        var assessment = Assessment(checklist: "", responses: [])
        let clean = DocumentLoading.readClean(source, kind: .assessment, keys: documentKeys) { name, value in
            switch name {
            case DocumentKey.checklist.index: return value.nonBlankText.store(in: &assessment.checklist)
            case DocumentKey.responses.index:
                if value.isNull { return true }
                return value.allEntries { id, value in
                    cleanResponse(id, &value).append(to: &assessment.responses)
                }
            default: return false
            }
        }
        return clean ? assessment : nil
    }

    /// Loads a document already parsed, without parsing it again.
    public static func load(_ document: ParsedDocument) -> Loaded<Assessment> {
        load(document, readingCleanEntriesAtOnce: true)
    }

    /// Loads a document already parsed. A response that holds no problem at all, its evidence
    /// included (the usual case), is read in one pass over its entries; any other is read by the
    /// checking decoder, which reports its problems. With `readingCleanEntriesAtOnce` off, every
    /// response takes the checking decoder: the tests compare both ways.
    static func load(_ document: ParsedDocument, readingCleanEntriesAtOnce: Bool) -> Loaded<Assessment> {
        DocumentLoading.load(document, kind: .assessment) { decoder, root -> Assessment in
            guard
                let fields = decoder.fields(
                    root, allowed: ["isogap", "kind", "checklist", "responses"], required: ["checklist"],
                    what: "the assessment")
            else { return Assessment(checklist: "", responses: []) }
            let checklist = decoder.required(fields, "checklist") { $0.nonEmptyString($1, $2) } ?? ""
            var responses: [Response] = []
            if let node = fields["responses"], !node.isNull {
                if let pairs = node.mapping {
                    for pair in pairs {
                        guard let id = pair.key.scalar?.value else { continue }
                        var value = pair.value
                        let clean = readingCleanEntriesAtOnce ? cleanResponse(id, &value) : nil
                        responses.append(clean ?? decodeResponse(id, pair.value, &decoder))
                    }
                } else {
                    decoder.error(
                        "'responses' must map requirement ids to responses, found \(node.kindDescription)", at: node)
                }
            }
            return Assessment(checklist: checklist, responses: responses)
        }
    }

    private static func decodeResponse(_ id: String, _ node: YAMLNode, _ decoder: inout NodeDecoder) -> Response {
        // A bare `"4.1-a":` with nothing under it is a requirement not assessed yet.
        guard !node.isNull, let fields = decoder.fields(node, allowed: responseKeys, what: "the response to '\(id)'")
        else { return Response(requirement: id) }
        let evidence = decoder.items(fields, ResponseKey.evidence, placeholder: unreadableEvidence) {
            decodeEvidence($1, &$0)
        }
        return Response(
            requirement: id,
            level: decoder.optional(fields, ResponseKey.level) { $0.integer($1, $2) },
            target: decoder.optional(fields, ResponseKey.target) { $0.integer($1, $2) },
            evidence: evidence,
            notes: decoder.optional(fields, ResponseKey.notes) { $0.string($1, $2) },
            grade: decoder.optional(fields, ResponseKey.grade) { $0.choice($1, $2, as: Grade.self) },
            applicable: decoder.optional(fields, ResponseKey.applicable) { $0.bool($1, $2) } ?? true,
            justification: decoder.optional(fields, ResponseKey.justification) { $0.string($1, $2) })
    }

    private static func decodeEvidence(_ node: YAMLNode, _ decoder: inout NodeDecoder) -> EvidenceItem? {
        guard
            let fields = decoder.fields(node, allowed: evidenceKeys, what: "an evidence item")
        else { return nil }
        return EvidenceItem(
            type: decoder.required(fields, EvidenceKey.type) { decoder, node, _ in
                decoder.choice(node, "evidence type", in: evidenceTypes)
            } ?? .document,
            ref: decoder.required(fields, EvidenceKey.ref) { $0.nonEmptyString($1, $2) } ?? "",
            date: decoder.optional(fields, EvidenceKey.date) { $0.date($1, $2) },
            expires: decoder.optional(fields, EvidenceKey.expires) { $0.date($1, $2) },
            file: decoder.optional(fields, EvidenceKey.file) { $0.string($1, $2) },
            sha256: decoder.optional(fields, EvidenceKey.sha256) { $0.string($1, $2) })
    }

    // MARK: Entries without problems, read in one pass

    /// The response in `value` when it holds no problem, its evidence items included: every key
    /// known, every value of its form (what ``decodeResponse(_:_:_:)`` accepts without a word).
    /// `nil` (with nothing reported) sends the response to the checking decoder.
    private static func cleanResponse(_ id: String, _ value: inout some YAMLValueReading) -> Response? {
        var response = Response(requirement: id)
        // A bare `"4.1-a":` with nothing under it is a requirement not assessed yet.
        if value.isNull { return response }
        let clean = value.allValues(in: responseKeys) { name, value in
            // Every key of a response is optional, so null stands for an absent key.
            guard let name else { return false }
            if value.isNull { return true }
            switch name {
            case ResponseKey.level.index: return value.integer.store(in: &response.level)
            case ResponseKey.target.index: return value.integer.store(in: &response.target)
            case ResponseKey.evidence.index:
                return value.allItems { item in cleanEvidence(&item).append(to: &response.evidence) }
            case ResponseKey.notes.index: return value.text.store(in: &response.notes)
            case ResponseKey.grade.index: return value.text.flatMap(Grade.init(rawValue:)).store(in: &response.grade)
            case ResponseKey.applicable.index: return value.bool.store(in: &response.applicable)
            case ResponseKey.justification.index: return value.text.store(in: &response.justification)
            default: return false
            }
        }
        return clean ? response : nil
    }

    /// The evidence item in `value` when it holds no problem: every key known, `type` and `ref`
    /// present, every value of its form (what ``decodeEvidence(_:_:)`` accepts without a word).
    private static func cleanEvidence(_ value: inout some YAMLValueReading) -> EvidenceItem? {
        var type: EvidenceType?
        var ref: String?
        var item = EvidenceItem(type: .document, ref: "")
        let clean = value.allValues(in: evidenceKeys) { name, value in
            guard let name else { return false }
            switch name {
            case EvidenceKey.type.index: return value.choice(in: evidenceTypes).store(in: &type)
            case EvidenceKey.ref.index: return value.nonBlankText.store(in: &ref)
            // The keys left are optional: null stands for an absent key.
            case EvidenceKey.date.index: return value.isNull || value.calendarDate.store(in: &item.date)
            case EvidenceKey.expires.index: return value.isNull || value.calendarDate.store(in: &item.expires)
            case EvidenceKey.file.index: return value.isNull || value.text.store(in: &item.file)
            case EvidenceKey.sha256.index: return value.isNull || value.text.store(in: &item.sha256)
            default: return false
            }
        }
        guard clean, let type, let ref else { return nil }
        item.type = type
        item.ref = ref
        return item
    }
}
