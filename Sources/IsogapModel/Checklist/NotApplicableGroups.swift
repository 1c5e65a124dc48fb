public import IsogapDiagnostics

/// A group of requirements marked not applicable in one place (manifest `not_applicable:`), for
/// example what a small organisation leaves out, with one justification for the whole group.
public struct NotApplicableGroup: Sendable, Hashable {
    public var checklist: String
    /// Requirement ids.
    public var requirements: [String]
    /// Clause ids: every requirement under the clause, at any depth.
    public var clauses: [String]
    public var justification: LocalizedText

    public init(checklist: String, requirements: [String] = [], clauses: [String] = [], justification: LocalizedText) {
        self.checklist = checklist
        self.requirements = requirements
        self.clauses = clauses
        self.justification = justification
    }

    /// The requirement ids of `checklist` the group covers, in document order.
    public func covered(in checklist: Checklist) -> [String] {
        let clauseSet = Set(clauses), requirementSet = Set(requirements)
        return checklist.requirementsInOrder.filter { entry in
            requirementSet.contains(entry.requirement.id) || entry.clauses.contains { clauseSet.contains($0.id) }
        }.map(\.requirement.id)
    }
}

extension Checklist {
    /// Every clause id at any depth, in document order.
    public var clauseIDs: [String] {
        var result: [String] = []
        func walk(_ clause: Clause) {
            result.append(clause.id)
            clause.clauses.forEach(walk)
        }
        clauses.forEach(walk)
        return result
    }
}

extension WorkspaceManifest {
    /// Findings for the `not_applicable:` groups: a checklist the manifest does not list, unknown
    /// requirement or clause ids, a group that names nothing, an empty justification.
    func validateNotApplicable(checklists: [Checklist]) -> [Finding] {
        var findings: [Finding] = []
        let root = DocumentPath.root["not_applicable"]
        // A group without a checklist did not load; its errors are already reported.
        for (index, group) in notApplicable.enumerated() where !group.checklist.isEmpty {
            let path = root[index]
            if group.justification.english.allSatisfy(\.isWhitespace) {
                findings.append(
                    .error(
                        "'justification' must say why the requirements do not apply", at: path["justification"]))
            }
            if group.requirements.isEmpty, group.clauses.isEmpty {
                findings.append(.error("the group names no 'requirements' and no 'clauses'", at: path))
            }
            guard let checklist = checklists.first(where: { $0.id == group.checklist }) else {
                findings.append(
                    TaskGraph.unknown(
                        "checklist", group.checklist, at: path["checklist"], candidates: self.checklists))
                continue
            }
            let requirementIDs = checklist.requirementIDs, known = Set(requirementIDs)
            for (position, id) in group.requirements.enumerated() where !known.contains(id) {
                findings.append(
                    TaskGraph.unknown(
                        "requirement of \(checklist.id)", id, at: path["requirements"][position],
                        candidates: requirementIDs))
            }
            let clauseIDs = checklist.clauseIDs, knownClauses = Set(clauseIDs)
            for (position, id) in group.clauses.enumerated() where !knownClauses.contains(id) {
                findings.append(
                    TaskGraph.unknown(
                        "clause of \(checklist.id)", id, at: path["clauses"][position], candidates: clauseIDs))
            }
        }
        return findings
    }

    /// `assessments` with every requirement of a `not_applicable:` group answered not applicable,
    /// with the group's justification; the manifest wins over a response of the assessment file.
    /// Also returns a warning for each response that claimed a level the group sets aside.
    public func applyNotApplicable(to assessments: [Assessment], checklists: [Checklist]) -> (
        assessments: [Assessment], findings: [Finding]
    ) {
        var assessments = assessments
        var findings: [Finding] = []
        for (index, group) in notApplicable.enumerated() {
            guard let checklist = checklists.first(where: { $0.id == group.checklist }),
                let position = assessments.firstIndex(where: { $0.checklist == group.checklist })
            else { continue }
            for id in group.covered(in: checklist) {
                var response =
                    assessments[position].responses.first { $0.requirement == id } ?? Response(requirement: id)
                if let level = response.level {
                    findings.append(
                        .warning(
                            "\(checklist.id):\(id) is answered at level \(level) in its assessment but this group marks it not applicable; the group wins",
                            at: DocumentPath.root["not_applicable"][index]))
                }
                response.level = nil
                response.applicable = false
                response.justification = group.justification.english
                response.justificationText = group.justification
                if let existing = assessments[position].responses.firstIndex(where: { $0.requirement == id }) {
                    assessments[position].responses[existing] = response
                } else {
                    assessments[position].responses.append(response)
                }
            }
        }
        return (assessments, findings)
    }
}
