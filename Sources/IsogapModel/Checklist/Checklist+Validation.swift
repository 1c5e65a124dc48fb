public import IsogapDiagnostics

/// What a checklist is checked against besides itself.
public struct ChecklistContext: Sendable {
    /// Phase ids of the plan phase template; `nil` skips the phase check.
    public var phaseIDs: [String]?
    /// Answers whether `checklist` (another checklist, or this one) has a clause or requirement
    /// `target`; `nil` means the checklist is not known at all.
    public var resolveReference: @Sendable (_ checklist: String, _ target: String) -> Bool?
    /// Every tag that a task of the loaded checklists or the phase template carries, which
    /// `tag:NAME` words may name; `nil` accepts only the checklist's own tags.
    public var knownTags: Set<String>?

    public init(
        phaseIDs: [String]?, knownTags: Set<String>? = nil,
        resolveReference: @escaping @Sendable (String, String) -> Bool?
    ) {
        self.phaseIDs = phaseIDs
        self.knownTags = knownTags
        self.resolveReference = resolveReference
    }
}

extension Checklist {
    /// Checks every rule of the checklist format that goes beyond one value's type: ids, the scale,
    /// references to roles, phases, tasks and other checklists, and task cycles.
    public func validate(in context: ChecklistContext) -> [Finding] {
        var findings: [Finding] = []
        let root = DocumentPath.root
        if !id.isEmpty, !Self.isValidID(id) {
            findings.append(.error("checklist id '\(id)' may use only a-z, 0-9 and '-'", at: root["id"]))
        }
        findings += validateScale()
        findings += Self.duplicates(
            roles.enumerated().map { ($0.element.id, root["roles"][$0.offset]["id"]) }, kind: "role")
        findings += Self.missingTranslations(in: self)

        var clauseIDs: [(String, DocumentPath)] = []
        var requirementIDs: [(String, DocumentPath)] = []
        var tasks: [(task: PlanTask, path: DocumentPath)] = []
        let isCatalogue = requirementsInOrder.isEmpty
        // Clause and requirement ids of this checklist, which its own `maps` may name.
        let ownTargets = Set(clausesInOrder.map(\.id) + requirementsInOrder.map(\.requirement.id))
        func walk(_ clause: Clause, at path: DocumentPath) {
            clauseIDs.append((clause.id, path["id"]))
            if !clause.id.isEmpty, clause.clauses.isEmpty, clause.requirements.isEmpty, !isCatalogue {
                findings.append(
                    .error("clause '\(clause.id)' has neither sub-clauses nor requirements", at: path["id"]))
            }
            for (index, requirement) in clause.requirements.enumerated() {
                let requirementPath = path["requirements"][index]
                requirementIDs.append((requirement.id, requirementPath["id"]))
                findings += validate(requirement, at: requirementPath, context: context, ownTargets: ownTargets)
                for (taskIndex, task) in requirement.tasks.enumerated() {
                    tasks.append((task, requirementPath["tasks"][taskIndex]))
                }
            }
            for (index, child) in clause.clauses.enumerated() { walk(child, at: path["clauses"][index]) }
        }
        for (index, clause) in clauses.enumerated() { walk(clause, at: root["clauses"][index]) }

        findings += Self.duplicates(clauseIDs, kind: "clause")
        findings += Self.duplicates(requirementIDs, kind: "requirement")
        findings += Self.duplicates(tasks.map { ($0.task.id, $0.path["id"]) }, kind: "task")
        // A role entry the loader could not read leaves the role list incomplete: skip role checks.
        let roleIDs = roles.contains { $0.id.isEmpty } ? nil : roles.map(\.id)
        let ownTags = Set(tasks.flatMap(\.task.tags))
        findings += TaskGraph.validate(
            tasks, roles: roleIDs, phaseIDs: context.phaseIDs,
            knownTags: context.knownTags.map { $0.union(ownTags) } ?? ownTags)
        findings += PlanLimits.effortFindings(tasks)
        return findings
    }

    /// Every tag the checklist's tasks carry.
    public var taskTags: Set<String> {
        Set(requirementsInOrder.flatMap { $0.requirement.tasks.flatMap(\.tags) })
    }

    private func validateScale() -> [Finding] {
        var findings: [Finding] = []
        let path = DocumentPath.root["scale"]
        // Levels the loader could not read are placeholders; they are reported already.
        if scale.contains(where: { $0.level == ScaleLevel.unreadable }) { return findings }
        if scale.count < 2 {
            findings.append(.error("the scale needs at least two levels (0 and 1)", at: path))
        }
        for (index, level) in scale.enumerated() {
            if level.level != index {
                findings.append(
                    .error(
                        "scale levels must be 0, 1, 2, … in order; expected level \(index) here, found \(level.level)",
                        at: path[index]["level"]))
            }
            if level.minEvidence < 0 {
                findings.append(.error("min_evidence must be 0 or more", at: path[index]["min_evidence"]))
            }
            if index > 0, level.minEvidence < scale[index - 1].minEvidence {
                findings.append(
                    .error(
                        "min_evidence of level \(level.level) (\(level.minEvidence)) is lower than that of level \(scale[index - 1].level) (\(scale[index - 1].minEvidence)); it must not decrease as levels rise",
                        at: path[index]["min_evidence"]))
            }
        }
        return findings
    }

    private func validate(
        _ requirement: Requirement, at path: DocumentPath, context: ChecklistContext, ownTargets: Set<String>
    ) -> [Finding] {
        var findings: [Finding] = []
        if requirement.weight <= 0 {
            findings.append(.error("weight must be greater than 0", at: path["weight"]))
        }
        // Empty references are placeholders for entries the loader already reported.
        for (index, reference) in requirement.maps.enumerated() where !reference.checklist.isEmpty {
            let referencePath = path["maps"][index]
            let known =
                reference.checklist == id
                ? ownTargets.contains(reference.target)
                : context.resolveReference(reference.checklist, reference.target)
            switch known {
            case nil:
                findings.append(
                    .error("mapping names checklist '\(reference.checklist)', which is not loaded", at: referencePath))
            case false?:
                findings.append(
                    .error(
                        "mapping target '\(reference.target)' does not exist in checklist '\(reference.checklist)'",
                        at: referencePath))
            case true?:
                break
            }
        }
        return findings
    }

    /// Whether `id` is made of `a-z`, `0-9` and `-` only.
    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty
            && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// An error for every id defined twice, noting where it was first defined. Empty ids (already
    /// reported as missing by the loader) are skipped.
    static func duplicates(_ ids: [(String, DocumentPath)], kind: String) -> [Finding] {
        var first: [String: DocumentPath] = [:]
        var findings: [Finding] = []
        for (id, path) in ids where !id.isEmpty {
            if let earlier = first[id] {
                findings.append(
                    .error(
                        "duplicate \(kind) id '\(id)'", at: path,
                        notes: [.init("'\(id)' is first defined here", at: earlier)]))
            } else {
                first[id] = path
            }
        }
        return findings
    }

    /// A warning for every text that lacks a language used elsewhere in the checklist.
    static func missingTranslations(in checklist: Checklist) -> [Finding] {
        var texts: [(LocalizedText, DocumentPath)] = [(checklist.title, .root["title"])]
        for (index, level) in checklist.scale.enumerated() {
            texts.append((level.label, .root["scale"][index]["label"]))
            if let description = level.description { texts.append((description, .root["scale"][index]["description"])) }
        }
        for (index, role) in checklist.roles.enumerated() { texts.append((role.name, .root["roles"][index]["name"])) }
        func walk(_ clause: Clause, at path: DocumentPath) {
            texts.append((clause.title, path["title"]))
            for (index, requirement) in clause.requirements.enumerated() {
                let requirementPath = path["requirements"][index]
                texts.append((requirement.text, requirementPath["text"]))
                if let guidance = requirement.guidance { texts.append((guidance, requirementPath["guidance"])) }
                for (taskIndex, task) in requirement.tasks.enumerated() {
                    texts.append((task.title, requirementPath["tasks"][taskIndex]["title"]))
                }
            }
            for (index, child) in clause.clauses.enumerated() { walk(child, at: path["clauses"][index]) }
        }
        for (index, clause) in checklist.clauses.enumerated() { walk(clause, at: .root["clauses"][index]) }
        return LocalizedText.missingTranslations(texts)
    }
}

extension LocalizedText {
    /// Warnings for texts that lack a language some other text of the same file has.
    static func missingTranslations(_ texts: [(LocalizedText, DocumentPath)]) -> [Finding] {
        var used: [String] = []
        for (text, _) in texts {
            for language in text.languages where !used.contains(language) { used.append(language) }
        }
        return texts.flatMap { text, path in
            used.filter { text[$0] == nil }.map { language in
                Finding.warning("no '\(language)' translation; the English text will be used", at: path)
            }
        }
    }
}
