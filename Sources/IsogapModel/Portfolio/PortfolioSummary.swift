public import IsogapDiagnostics

/// Figures across many workspaces (sites), built one site at a time.
///
/// ``add(_:)`` folds a site's clause and requirement figures into running totals whose size
/// depends on the checklists, not on the number of sites, and keeps only the site's row; so a
/// portfolio of thousands of sites is read in the memory of one. Sites must be added in a fixed
/// order (the command line sorts paths) for the output to be deterministic: floating-point sums
/// and ties depend on it.
public struct PortfolioSummary: Sendable, Hashable {
    /// A workspace that could not be loaded or is invalid, with its diagnostics.
    public struct Failure: Sendable, Hashable {
        public var path: String
        public var diagnostics: [Diagnostic]

        public init(path: String, diagnostics: [Diagnostic]) {
            self.path = path
            self.diagnostics = diagnostics
        }
    }

    /// A site and its percent for one clause or requirement.
    public struct SitePercent: Sendable, Hashable {
        public var path: String
        public var percent: Double
    }

    /// One clause across the sites that assessed something below it.
    public struct ClauseFigures: Sendable, Hashable {
        public var checklist: String
        public var id: String
        public var title: String
        /// Number of sites with a percent for this clause.
        public var sites: Int
        public var meanPercent: Double? { sites > 0 ? percentSum / Double(sites) : nil }
        public var minPercent: Double?
        /// The sites with the lowest percent, lowest first (ties in site order), at most
        /// ``PortfolioSummary/worstSitesKept``.
        public var worstSites: [SitePercent]
        fileprivate var percentSum: Double
    }

    /// One requirement across the sites that assessed it.
    public struct RequirementFigures: Sendable, Hashable {
        public var checklist: String
        public var id: String
        public var text: String
        /// Number of sites that assessed it.
        public var sites: Int
        /// Number of those sites where it has a gap.
        public var sitesWithGap: Int
        public var meanPercent: Double { sites > 0 ? percentSum / Double(sites) : 0 }
        public var minPercent: Double
        /// Sum of the gap priorities over the sites.
        public var totalPriority: Double
        fileprivate var percentSum: Double
        fileprivate var order: Int

        /// The `checklist:requirement` key.
        public var key: String { "\(checklist):\(id)" }
    }

    /// How many worst sites each clause keeps.
    public static let worstSitesKept = 3

    /// Rows of the sites that loaded, in the order they were added.
    public private(set) var sites: [SiteSummary] = []
    /// Workspaces that did not load, in the order they were added.
    public private(set) var failed: [Failure] = []
    /// Every clause met, in order of first appearance (checklist then document order).
    public private(set) var clauses: [ClauseFigures] = []
    private var requirementFigures: [RequirementFigures] = []
    private var clauseIndex: [Key: Int] = [:]
    private var requirementIndex: [Key: Int] = [:]

    private struct Key: Hashable, Sendable {
        var checklist: String
        var id: String
    }

    public init() {}

    /// Folds a site into the totals and keeps its row.
    public mutating func add(_ site: SiteSummary) {
        // Sites mostly list the same clauses and requirements in the same order: the entry after
        // the one met last is tried before the key is hashed.
        var hint = 0
        for clause in site.clauses {
            let index: Int
            if hint < clauses.count, clauses[hint].id == clause.id, clauses[hint].checklist == clause.checklist {
                index = hint
            } else if let known = clauseIndex[Key(checklist: clause.checklist, id: clause.id)] {
                index = known
            } else {
                index = clauses.count
                clauseIndex[Key(checklist: clause.checklist, id: clause.id)] = index
                clauses.append(
                    ClauseFigures(
                        checklist: clause.checklist, id: clause.id, title: clause.title, sites: 0, minPercent: nil,
                        worstSites: [], percentSum: 0))
            }
            hint = index + 1
            guard let percent = clause.percent else { continue }
            clauses[index].sites += 1
            clauses[index].percentSum += percent
            clauses[index].minPercent = min(clauses[index].minPercent ?? percent, percent)
            Self.keepWorst(SitePercent(path: site.path, percent: percent), in: &clauses[index].worstSites)
        }
        hint = 0
        for requirement in site.requirements {
            let index: Int
            if hint < requirementFigures.count, requirementFigures[hint].id == requirement.id,
                requirementFigures[hint].checklist == requirement.checklist
            {
                index = hint
            } else if let known = requirementIndex[Key(checklist: requirement.checklist, id: requirement.id)] {
                index = known
            } else {
                index = requirementFigures.count
                requirementIndex[Key(checklist: requirement.checklist, id: requirement.id)] = index
                requirementFigures.append(
                    RequirementFigures(
                        checklist: requirement.checklist, id: requirement.id, text: requirement.text, sites: 0,
                        sitesWithGap: 0, minPercent: requirement.percent, totalPriority: 0, percentSum: 0,
                        order: index))
            }
            requirementFigures[index].sites += 1
            requirementFigures[index].percentSum += requirement.percent
            requirementFigures[index].minPercent = min(requirementFigures[index].minPercent, requirement.percent)
            if requirement.gap > 0 { requirementFigures[index].sitesWithGap += 1 }
            requirementFigures[index].totalPriority += requirement.priority
            hint = index + 1
        }
        sites.append(site.row)
    }

    /// Records a workspace that could not be scored.
    public mutating func add(_ failure: Failure) {
        failed.append(failure)
    }

    /// The requirements with the lowest mean percent across the sites that assessed them; ties go
    /// to the one with a gap at more sites, then the higher total priority, then the one met first.
    public func weakestRequirements(_ count: Int = 10) -> [RequirementFigures] {
        let sorted = requirementFigures.sorted { a, b in
            if a.meanPercent != b.meanPercent { return a.meanPercent < b.meanPercent }
            if a.sitesWithGap != b.sitesWithGap { return a.sitesWithGap > b.sitesWithGap }
            if a.totalPriority != b.totalPriority { return a.totalPriority > b.totalPriority }
            return a.order < b.order
        }
        return Array(sorted.prefix(count))
    }

    /// Checklist ids in order of first appearance among the sites.
    public var checklistIDs: [String] {
        var result: [String] = []
        var seen: Set<String> = []
        for site in sites {
            for checklist in site.checklists where seen.insert(checklist.id).inserted { result.append(checklist.id) }
        }
        return result
    }

    /// Inserts `entry` among the lowest percents, keeping at most ``worstSitesKept``; an equal
    /// percent goes after the sites already there.
    private static func keepWorst(_ entry: SitePercent, in worst: inout [SitePercent]) {
        let position = worst.firstIndex { $0.percent > entry.percent } ?? worst.count
        guard position < worstSitesKept else { return }
        worst.insert(entry, at: position)
        if worst.count > worstSitesKept { worst.removeLast() }
    }
}
