public import IsogapDiagnostics

extension PhaseTemplate {
    /// Checks ids, the accountable roles, task references (`phase:` and `tag:` words included) and
    /// cycles. `knownTags` are the tags the loaded checklists' tasks carry, which `tag:` words may
    /// name besides the template's own.
    public func validate(knownTags: Set<String> = []) -> [Finding] {
        var findings: [Finding] = []
        let roleIDs = roles.map(\.id)
        let checkedRoles = roles.contains { $0.id.isEmpty } ? nil : roleIDs
        findings += Checklist.duplicates(
            roles.enumerated().map { ($0.element.id, DocumentPath.root["roles"][$0.offset]["id"]) }, kind: "role")
        findings += Checklist.duplicates(
            phases.enumerated().map { ($0.element.id, DocumentPath.root["phases"][$0.offset]["id"]) }, kind: "phase")
        if phases.isEmpty {
            findings.append(.error("the template needs at least one phase", at: DocumentPath.root["phases"]))
        }
        var tasks: [(task: PlanTask, path: DocumentPath)] = []
        for (index, phase) in phases.enumerated() {
            let path = DocumentPath.root["phases"][index]
            if !phase.accountable.isEmpty, !roleIDs.contains(phase.accountable) {
                findings.append(
                    TaskGraph.unknown("role", phase.accountable, at: path["accountable"], candidates: roleIDs))
            }
            for (taskIndex, task) in phase.tasks.enumerated() {
                let taskPath = path["tasks"][taskIndex]
                tasks.append((task, taskPath))
                if !task.phase.isEmpty, !phase.id.isEmpty, task.phase != phase.id, phaseIDs.contains(task.phase) {
                    findings.append(
                        .error(
                            "task '\(task.id)' is listed under phase '\(phase.id)' but names phase '\(task.phase)'",
                            at: taskPath["phase"]))
                }
            }
        }
        findings += Checklist.duplicates(tasks.map { ($0.task.id, $0.path["id"]) }, kind: "task")
        findings += TaskGraph.validate(
            tasks, roles: checkedRoles, phaseIDs: phaseIDs, knownTags: knownTags.union(tasks.flatMap(\.task.tags)))
        findings += PlanLimits.effortFindings(tasks)
        var texts: [(LocalizedText, DocumentPath)] = roles.enumerated().map {
            ($0.element.name, .root["roles"][$0.offset]["name"])
        }
        for (index, phase) in phases.enumerated() {
            texts.append((phase.title, .root["phases"][index]["title"]))
            for (taskIndex, task) in phase.tasks.enumerated() {
                texts.append((task.title, .root["phases"][index]["tasks"][taskIndex]["title"]))
            }
        }
        findings += LocalizedText.missingTranslations(texts)
        return findings
    }
}
