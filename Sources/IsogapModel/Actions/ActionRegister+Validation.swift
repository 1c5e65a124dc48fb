public import IsogapDiagnostics

extension ActionRegister {
    /// Checks the register against the workspace: unique ids, requirements and roles that exist,
    /// dates in order, and verification where the status needs it.
    ///
    /// - Parameters:
    ///   - checklists: the workspace's checklists, which the requirement references must name.
    ///   - roles: every role id an action may be owned by.
    ///   - ids: the requirement ids of the checklists, in the same order, when already known.
    public func validate(
        checklists: [Checklist], roles: [String], ids: [Checklist.RequirementIDs]? = nil
    ) -> [Finding] {
        var findings = Checklist.duplicates(
            actions.enumerated().map { ($0.element.id, DocumentPath.root["actions"][$0.offset]["id"]) }, kind: "action")
        let ids = ids ?? checklists.map(Checklist.RequirementIDs.init)
        let requirementIDs = Dictionary(
            zip(checklists, ids).map { ($0.id, $1.known) },
            uniquingKeysWith: { a, _ in a })
        let knownRoles = Set(roles)
        for (index, action) in actions.enumerated() {
            // Paths are built only for findings: most actions have none.
            var path: DocumentPath { DocumentPath.root["actions"][index] }
            if action.requirements.isEmpty {
                findings.append(
                    .error("action '\(action.id)' must name at least one requirement", at: path["requirements"]))
            }
            for (referenceIndex, reference) in action.requirements.enumerated() where !reference.checklist.isEmpty {
                var referencePath: DocumentPath { path["requirements"][referenceIndex] }
                guard let ids = requirementIDs[reference.checklist] else {
                    findings.append(
                        TaskGraph.unknown(
                            "checklist", reference.checklist, at: referencePath, candidates: checklists.map(\.id)))
                    continue
                }
                if !ids.contains(reference.target) {
                    var message = "'\(reference.target)' is not a requirement of checklist '\(reference.checklist)'"
                    if let suggestion = Suggestion.didYouMean(reference.target, in: ids.sorted()) {
                        message += "; \(suggestion)"
                    }
                    findings.append(.error(message, at: referencePath))
                }
            }
            if !action.ownerRole.isEmpty, !knownRoles.contains(action.ownerRole),
                let message = Self.unknownRoleMessage(action.ownerRole, roles: roles)
            {
                findings.append(.error(message, at: path["owner_role"]))
            }
            if action.due < action.opened {
                findings.append(
                    .error(
                        "due date \(action.due) is before the date the action was opened (\(action.opened))",
                        at: path["due"]))
            }
            if let raisesTo = action.raisesTo, raisesTo < 0 {
                findings.append(.error("raises_to must be a level of 0 or more", at: path["raises_to"]))
            }
            if let effort = action.effortDays, effort <= 0 {
                findings.append(.error("effort_days must be greater than 0", at: path["effort_days"]))
            }
            if let effort = action.effortDays, let error = PlanLimits.effortError(effort, at: path["effort_days"]) {
                findings.append(error)
            }
            if action.status == .verified {
                if let verification = action.verification {
                    if !verification.effective {
                        findings.append(
                            .error(
                                "a verification that found the action not effective cannot close it; set the status back to in-progress or raise a new action",
                                at: path["verification"]["effective"]))
                    }
                } else {
                    findings.append(
                        .error(
                            "a verified action needs a 'verification' block (date, by, effective)", at: path["status"]))
                }
            }
            for (entryIndex, entry) in action.history.enumerated().dropFirst()
            where entry.date < action.history[entryIndex - 1].date && !entry.isUnreadable
                && !action.history[entryIndex - 1].isUnreadable
            {
                findings.append(
                    .error(
                        "history goes back in time: \(entry.date) comes after \(action.history[entryIndex - 1].date)",
                        at: path["history"][entryIndex]["date"]))
            }
            if let last = action.history.last, last.status != action.status {
                findings.append(
                    .warning(
                        "the last history entry says '\(last.status.rawValue)' but the status is '\(action.status.rawValue)'",
                        at: path["status"]))
            }
        }
        return findings
    }
}
