public import IsogapDiagnostics

extension WorkspaceManifest {
    /// Checks the manifest against the checklists it names: the target level within every scale and
    /// the plan settings.
    ///
    /// - Parameters:
    ///   - checklists: the loaded checklists, in manifest order.
    ///   - roles: every role id the plan can use (from the checklists and the phase template).
    public func validate(checklists: [Checklist], roles: [String]) -> [Finding] {
        var findings: [Finding] = []
        let root = DocumentPath.root
        if targetLevel < 0 {
            findings.append(
                .error("target_level \(targetLevel) is below 0, the bottom of every scale", at: root["target_level"]))
        }
        if checklists.allSatisfy({ targetLevel > $0.maxLevel }), !checklists.isEmpty {
            let top = checklists.map(\.maxLevel).max() ?? 0
            findings.append(
                .error(
                    "target_level \(targetLevel) is above the top of every scale (highest is \(top))",
                    at: root["target_level"]))
        }
        var seen: [String: Int] = [:]
        for (index, name) in self.checklists.enumerated() {
            if let first = seen[name] {
                findings.append(
                    .error(
                        "checklist '\(name)' is listed twice", at: root["checklists"][index],
                        notes: [.init("first listed here", at: root["checklists"][first])]))
            } else {
                seen[name] = index
            }
        }
        if let days = evidenceMaxAgeDays, days <= 0 {
            findings.append(.error("evidence_max_age_days must be greater than 0", at: root["evidence_max_age_days"]))
        }
        for driver in SizeDriver.allCases {
            guard let count = size.count(of: driver) else { continue }
            if count <= 0 || count > OrganisationSize.maxCount {
                findings.append(
                    .error(
                        "size \(driver.rawValue) must be a whole number from 1 to \(OrganisationSize.maxCount), found \(count)",
                        at: root["size"][driver.rawValue]))
            }
        }
        findings += validateNotApplicable(checklists: checklists)
        findings += validatePlan(roles: roles)
        return findings
    }

    private func validatePlan(roles: [String]) -> [Finding] {
        var findings: [Finding] = []
        let path = DocumentPath.root["plan"]
        if Set(plan.weekend).count == Weekday.allCases.count {
            findings.append(.error("the weekend cannot cover all seven days", at: path["weekend"]))
        }
        for (index, day) in plan.weekend.enumerated() where plan.weekend[..<index].contains(day) {
            findings.append(.error("'\(day.rawValue)' is listed twice", at: path["weekend"][index]))
        }
        for (index, entry) in plan.capacity.enumerated() {
            if !roles.contains(entry.role) {
                findings.append(
                    TaskGraph.unknown("role", entry.role, at: path["capacity"].keyPath(entry.role), candidates: roles))
            }
            if entry.people < 0 {
                findings.append(.error("capacity must be 0 or more people", at: path["capacity"][entry.role]))
            }
            _ = index
        }
        return findings
    }
}
