internal import IsogapModel

/// The report's comparison with the baseline the manifest names (`baseline:`): the change of each
/// figure beside it, and the "since the baseline" section (templates `report/baseline.md` and
/// `html/baseline.html`).
extension ReportView {
    /// The "since the baseline" section as the templates see it.
    struct BaselineView {
        struct Row {
            var name: String
            var old: String
            var new: String
            var delta: String
            /// `up`, `down` or empty, for the HTML row's class.
            var trend: String
        }

        struct RequirementRow {
            var key: String
            var oldLevel: String
            var newLevel: String
            var change: String
            var trend: String
        }

        struct ActionRow {
            var id: String
            var title: String
            var completed: String
            var change: String
            var trend: String
        }

        var intro: String
        var summary: String
        var scores: [Row]
        var requirements: [RequirementRow]
        var hasRequirements: Bool
        var closed: String
        var opened: String
        var persisting: String
        var actions: [ActionRow]
        var hasActions: Bool
        var warnings: [String]
        var hasWarnings: Bool

        init(_ comparison: Comparison, _ input: ReportInput) {
            let view = CompareView(comparison: comparison, language: input.language, labels: input.labels)
            intro = input.label("baseline_intro").replacingAll(
                "{date}", with: comparison.old.assessmentDate.description)
            summary = view.summary()
            scores =
                [
                    Row(
                        name: input.label("combined"), old: Figures.percent(comparison.combined.old),
                        new: Figures.percent(comparison.combined.new),
                        delta: CompareView.delta(comparison.combined.delta),
                        trend: CompareView.rowClass(comparison.combined.delta))
                ]
                + comparison.checklists.map { checklist in
                    Row(
                        name: checklist.standard, old: Figures.percent(checklist.figure.old),
                        new: Figures.percent(checklist.figure.new), delta: CompareView.delta(checklist.figure.delta),
                        trend: CompareView.rowClass(checklist.figure.delta))
                }
            requirements = comparison.requirements.filter { $0.change != .unchanged }.map { change in
                RequirementRow(
                    key: change.key, oldLevel: CompareView.level(change.oldLevel),
                    newLevel: CompareView.level(change.newLevel), change: view.label(of: change.change),
                    trend: CompareView.rowClass(change.change))
            }
            hasRequirements = !requirements.isEmpty
            let none = input.label("compare_none")
            closed = comparison.closedGaps.isEmpty ? none : comparison.closedGaps.joined(separator: ", ")
            opened = comparison.openedGaps.isEmpty ? none : comparison.openedGaps.joined(separator: ", ")
            persisting = comparison.persistingGaps.isEmpty ? none : comparison.persistingGaps.joined(separator: ", ")
            actions = comparison.actions.map { action in
                ActionRow(
                    id: action.id, title: action.title, completed: action.completed?.description ?? "—",
                    change: view.label(of: action.change), trend: CompareView.rowClass(action.change))
            }
            hasActions = !actions.isEmpty
            warnings = comparison.warnings.map(view.text(of:))
            hasWarnings = !warnings.isEmpty
        }
    }

    /// Sets the baseline section and the change beside each figure, when the input has a baseline.
    mutating func applyBaseline(_ input: ReportInput) {
        guard let comparison = input.baseline else { return }
        baseline = BaselineView(comparison, input)
        combinedChange = CompareView.delta(comparison.combined.delta)
        for index in checklists.indices {
            guard let checklist = comparison.checklists.first(where: { $0.id == checklists[index].id }) else {
                continue
            }
            checklists[index].change = CompareView.delta(checklist.figure.delta)
            var deltas: [String: Double?] = [:]
            func collect(_ clauses: [Comparison.ClauseDelta]) {
                for clause in clauses {
                    deltas[clause.id] = clause.figure.delta
                    collect(clause.clauses)
                }
            }
            collect(checklist.clauses)
            for row in checklists[index].heatMap.indices {
                if let delta = deltas[checklists[index].heatMap[row].id] {
                    checklists[index].heatMap[row].change = CompareView.delta(delta)
                }
            }
            for row in checklists[index].clauses.indices {
                if let delta = deltas[checklists[index].clauses[row].id] {
                    checklists[index].clauses[row].change = CompareView.delta(delta)
                }
            }
        }
    }
}
