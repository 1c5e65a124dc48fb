/// What a portfolio keeps of one scored workspace: a few figures, small enough that thousands of
/// them cost less than one loaded workspace.
///
/// A summary is made from the workspace's scores and then the workspace can be released; the
/// clause and requirement figures are folded into a ``PortfolioSummary`` and not kept per site.
public struct SiteSummary: Sendable, Hashable {
    /// One checklist's figures at this site.
    public struct ChecklistFigures: Sendable, Hashable {
        public var id: String
        /// Weighted percent; `nil` when nothing is assessed.
        public var percent: Double?
        public var completeness: Double?

        public init(id: String, percent: Double?, completeness: Double?) {
            self.id = id
            self.percent = percent
            self.completeness = completeness
        }
    }

    /// One clause's percent at this site.
    public struct ClauseFigure: Sendable, Hashable {
        public var checklist: String
        public var id: String
        public var title: String
        /// Weighted percent; `nil` when nothing below the clause is assessed.
        public var percent: Double?

        public init(checklist: String, id: String, title: String, percent: Double?) {
            self.checklist = checklist
            self.id = id
            self.title = title
            self.percent = percent
        }
    }

    /// One assessed requirement's figures at this site.
    public struct RequirementFigure: Sendable, Hashable {
        public var checklist: String
        public var id: String
        public var text: String
        /// `100 · effective / N`.
        public var percent: Double
        public var gap: Int
        public var priority: Double

        public init(checklist: String, id: String, text: String, percent: Double, gap: Int, priority: Double) {
            self.checklist = checklist
            self.id = id
            self.text = text
            self.percent = percent
            self.gap = gap
            self.priority = priority
        }
    }

    /// The workspace folder, as found under the folders the user named.
    public var path: String
    public var organization: String
    public var site: String?
    /// The site's own assessment date (sites of a portfolio are assessed on different days).
    public var assessmentDate: CalendarDate?
    /// All checklists together (SPEC §6 combined figures).
    public var combinedPercent: Double?
    public var completeness: Double?
    /// Per checklist, in manifest order.
    public var checklists: [ChecklistFigures]
    /// Open or in-progress actions past their due date on the as-of date.
    public var overdueActions: Int
    /// Every clause at every depth, in checklist then document order.
    public var clauses: [ClauseFigure]
    /// Every assessed requirement, in checklist then document order.
    public var requirements: [RequirementFigure]

    /// Reduces a scored workspace to its summary, with clause titles and requirement texts in
    /// `language` (English where a translation is missing).
    public init(
        path: String, manifest: WorkspaceManifest, score: WorkspaceScore, overdueActions: Int,
        language: ReportLanguage = .en
    ) {
        self.path = path
        organization = manifest.organization
        site = manifest.site
        assessmentDate = manifest.assessmentDate
        combinedPercent = score.combined.percent
        completeness = score.combined.completeness
        checklists = score.checklists.map {
            ChecklistFigures(
                id: $0.checklist.id, percent: $0.aggregate.percent, completeness: $0.aggregate.completeness)
        }
        self.overdueActions = overdueActions
        // Clause scores are read in place, by index: a copy of one would retain everything below it.
        func walk(_ scores: [ClauseScore], checklist: String, into clauses: inout [ClauseFigure]) {
            for index in scores.indices {
                clauses.append(
                    ClauseFigure(
                        checklist: checklist, id: scores[index].clause.id,
                        title: scores[index].clause.title.resolved(language.rawValue),
                        percent: scores[index].aggregate.percent))
                walk(scores[index].children, checklist: checklist, into: &clauses)
            }
        }
        var clauses: [ClauseFigure] = []
        for index in score.checklists.indices {
            walk(score.checklists[index].clauses, checklist: score.checklists[index].checklist.id, into: &clauses)
        }
        self.clauses = clauses
        var requirements: [RequirementFigure] = []
        for checklist in score.checklists {
            // Read in place: a copy of each score would retain and release everything it holds.
            checklist.requirements.withUnsafeBufferPointer { scores in
                for index in scores.indices where scores[index].isAssessed {
                    guard let percent = scores[index].score.map({ 100 * $0 }) else { continue }
                    requirements.append(
                        RequirementFigure(
                            checklist: scores[index].checklist, id: scores[index].requirement.id,
                            text: scores[index].requirement.text.resolved(language.rawValue), percent: percent,
                            gap: scores[index].gap ?? 0,
                            priority: scores[index].priority ?? 0))
                }
            }
        }
        self.requirements = requirements
    }

    /// The summary without its clause and requirement figures, once they have been folded into a
    /// portfolio.
    public var row: SiteSummary {
        var row = self
        row.clauses = []
        row.requirements = []
        return row
    }
}
