internal import IsogapDiagnostics
public import IsogapModel

/// The portfolio as the HTML template sees it (`portfolio/portfolio.html`): every value is text,
/// already formatted and translated, in the report's style and language.
struct PortfolioView {
    struct SiteRow {
        var path: String
        var organization: String
        var site: String?
        var assessmentDate: String
        var combined: String
        var band: String
        var completeness: String
        var checklists: [Cell]
        var overdue: Int
        var hasOverdue: Bool
    }

    struct Cell {
        var percent: String
        var band: String
    }

    struct ChecklistColumn {
        var id: String
    }

    struct ClauseRow {
        var checklist: String
        var id: String
        var title: String
        var mean: String
        var band: String
        var minimum: String
        var sites: Int
        var worst: [WorstSite]
    }

    struct WorstSite {
        var path: String
        var percent: String
    }

    struct RequirementRow {
        var rank: Int
        var checklist: String
        var id: String
        var text: String
        var mean: String
        var minimum: String
        var gapAt: String
    }

    struct FailedSite {
        var path: String
        var diagnostics: [String]
    }

    var labels: [String: String]
    var language: String
    var direction: String
    var asOf: String
    var siteCount: Int
    var meanCombined: String
    var overdueTotal: Int
    var hasOverdue: Bool
    var failedCount: Int
    var hasFailed: Bool
    var checklistColumns: [ChecklistColumn]
    var sites: [SiteRow]
    var hasSites: Bool
    var clauses: [ClauseRow]
    var hasClauses: Bool
    var weakest: [RequirementRow]
    var hasWeakest: Bool
    var failed: [FailedSite]
}

/// The HTML portfolio in English or Arabic.
public enum PortfolioHTML {
    /// The page, rendered through `portfolio/portfolio.html`; clause titles and questions are
    /// the summary's own (made in `language` by the command).
    public static func render(
        _ portfolio: PortfolioSummary, asOf: CalendarDate, language: ReportLanguage, labels: LabelCatalog,
        templates: TemplateLibrary
    ) throws(TemplateLibrary.Failure) -> String {
        try templates.render(
            view(portfolio, asOf: asOf, language: language, labels: labels), template: "portfolio/portfolio.html")
    }

    static func view(
        _ portfolio: PortfolioSummary, asOf: CalendarDate, language: ReportLanguage, labels: LabelCatalog
    ) -> PortfolioView {
        let code = language.rawValue
        let ids = portfolio.checklistIDs
        let sites = portfolio.sites.map { site in
            PortfolioView.SiteRow(
                path: site.path, organization: site.organization, site: site.site,
                assessmentDate: site.assessmentDate?.description ?? "—",
                combined: Figures.percent(site.combinedPercent),
                band: ScoreBand(percent: site.combinedPercent).className,
                completeness: Figures.completeness(site.completeness),
                checklists: ids.map { id in
                    let percent = site.checklists.first { $0.id == id }?.percent
                    return PortfolioView.Cell(
                        percent: Figures.percent(percent), band: ScoreBand(percent: percent).className)
                }, overdue: site.overdueActions, hasOverdue: site.overdueActions > 0)
        }
        let percents = portfolio.sites.compactMap(\.combinedPercent)
        let clauses = portfolio.clauses.map { clause in
            PortfolioView.ClauseRow(
                checklist: clause.checklist, id: clause.id,
                title: clause.title,
                mean: Figures.percent(clause.meanPercent), band: ScoreBand(percent: clause.meanPercent).className,
                minimum: Figures.percent(clause.minPercent), sites: clause.sites,
                worst: clause.worstSites.map {
                    PortfolioView.WorstSite(path: $0.path, percent: Figures.percent($0.percent))
                })
        }
        let weakest = portfolio.weakestRequirements(PortfolioReport.weakestCount).enumerated().map { index, figures in
            PortfolioView.RequirementRow(
                rank: index + 1, checklist: figures.checklist, id: figures.id,
                text: figures.text,
                mean: Figures.percent(figures.meanPercent), minimum: Figures.percent(figures.minPercent),
                gapAt: "\(figures.sitesWithGap)/\(figures.sites)")
        }
        return PortfolioView(
            labels: labels.resolved(language), language: code, direction: language.isRightToLeft ? "rtl" : "ltr",
            asOf: asOf.description, siteCount: portfolio.sites.count,
            meanCombined: Figures.percent(percents.isEmpty ? nil : percents.reduce(0, +) / Double(percents.count)),
            overdueTotal: portfolio.sites.map(\.overdueActions).reduce(0, +),
            hasOverdue: portfolio.sites.contains { $0.overdueActions > 0 }, failedCount: portfolio.failed.count,
            hasFailed: !portfolio.failed.isEmpty,
            checklistColumns: ids.map { PortfolioView.ChecklistColumn(id: $0) },
            sites: sites,
            hasSites: !sites.isEmpty, clauses: clauses, hasClauses: !clauses.isEmpty, weakest: weakest,
            hasWeakest: !weakest.isEmpty,
            failed: portfolio.failed.map {
                PortfolioView.FailedSite(path: $0.path, diagnostics: $0.diagnostics.map(\.description))
            })
    }
}
