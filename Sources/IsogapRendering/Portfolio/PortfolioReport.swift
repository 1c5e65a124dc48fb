internal import IsogapDiagnostics
public import IsogapModel

/// The outputs of `isogap portfolio`: a terminal summary, Markdown, JSON (SPEC §9 names) and a CSV
/// table of sites.
public enum PortfolioReport {
    /// How many requirements the "weakest" list shows.
    public static let weakestCount = 10

    // MARK: JSON

    /// The JSON document.
    public static func json(_ portfolio: PortfolioSummary, asOf: CalendarDate) -> JSONValue {
        .object([
            ("isogap", .number(1)),
            ("as_of", .string(asOf.description)),
            ("sites", .array(portfolio.sites.map(site))),
            (
                "failed",
                .array(
                    portfolio.failed.map {
                        .object([
                            ("path", .string($0.path)),
                            ("diagnostics", .array($0.diagnostics.map { .string($0.description) })),
                        ])
                    })
            ),
            ("clauses", .array(portfolio.clauses.map(clause))),
            ("weakest_requirements", .array(portfolio.weakestRequirements(weakestCount).map(requirement))),
        ])
    }

    static func site(_ site: SiteSummary) -> JSONValue {
        .object([
            ("path", .string(site.path)),
            ("organization", .string(site.organization)),
            ("site", .string(site.site)),
            (
                "combined",
                .object([
                    ("percent", .number(site.combinedPercent.map(Rounding.percent))),
                    ("completeness", .number(site.completeness.map(Rounding.completeness))),
                ])
            ),
            (
                "checklists",
                .array(
                    site.checklists.map {
                        .object([
                            ("id", .string($0.id)),
                            ("percent", .number($0.percent.map(Rounding.percent))),
                            ("completeness", .number($0.completeness.map(Rounding.completeness))),
                        ])
                    })
            ),
            ("overdue_actions", .integer(site.overdueActions)),
        ])
    }

    static func clause(_ clause: PortfolioSummary.ClauseFigures) -> JSONValue {
        .object([
            ("checklist", .string(clause.checklist)),
            ("id", .string(clause.id)),
            ("title", .string(clause.title)),
            ("mean_percent", .number(clause.meanPercent.map(Rounding.percent))),
            ("min_percent", .number(clause.minPercent.map(Rounding.percent))),
            ("sites", .integer(clause.sites)),
            (
                "worst_sites",
                .array(
                    clause.worstSites.map {
                        .object([("path", .string($0.path)), ("percent", .number(Rounding.percent($0.percent)))])
                    })
            ),
        ])
    }

    static func requirement(_ requirement: PortfolioSummary.RequirementFigures) -> JSONValue {
        .object([
            ("checklist", .string(requirement.checklist)),
            ("requirement", .string(requirement.id)),
            ("text", .string(requirement.text)),
            ("mean_percent", .number(Rounding.percent(requirement.meanPercent))),
            ("min_percent", .number(Rounding.percent(requirement.minPercent))),
            ("sites", .integer(requirement.sites)),
            ("sites_with_gap", .integer(requirement.sitesWithGap)),
            ("total_priority", .number(Rounding.priority(requirement.totalPriority))),
        ])
    }

    // MARK: CSV

    /// One row per workspace: loaded sites first, then the ones that failed (with `status` failed
    /// and their diagnostics count).
    public static func csv(_ portfolio: PortfolioSummary) -> String {
        let checklists = portfolio.checklistIDs
        var writer = CSVWriter(
            header: ["path", "status", "organization", "site", "combined_percent", "completeness"]
                + checklists.map { "\($0)_percent" } + ["overdue_actions"])
        for site in portfolio.sites {
            let percents = checklists.map { id in
                site.checklists.first { $0.id == id }.map { number($0.percent.map(Rounding.percent)) } ?? ""
            }
            writer.append(
                [
                    site.path, "ok", site.organization, site.site ?? "",
                    number(site.combinedPercent.map(Rounding.percent)),
                    number(site.completeness.map(Rounding.completeness)),
                ] + percents + [String(site.overdueActions)])
        }
        for failure in portfolio.failed {
            writer.append([failure.path, "failed", "", "", "", ""] + checklists.map { _ in "" } + [""])
        }
        return writer.text
    }

    private static func number(_ value: Double?) -> String {
        value.map(JSONValue.format) ?? ""
    }

    // MARK: Text

    /// The terminal summary, in the words of `words`.
    public static func text(_ portfolio: PortfolioSummary, asOf: CalendarDate, words: LabelWords) -> String {
        let checklists = portfolio.checklistIDs
        var lines: [String] = []
        let column = { (key: String) in words("portfolio_column_\(key)") }
        lines.append(heading(portfolio, asOf: asOf, words: words))
        lines.append("")
        var table: [[String]] = [
            ["site", "organization", "combined", "completeness"].map(column) + checklists + [column("overdue")]
        ]
        for site in portfolio.sites {
            table.append(
                [
                    site.path, ScoreSummary.truncated(site.organization + (site.site.map { " — \($0)" } ?? ""), 40),
                    Figures.percent(site.combinedPercent), Figures.completeness(site.completeness),
                ]
                    + checklists.map { id in Figures.percent(site.checklists.first { $0.id == id }?.percent) }
                    + [String(site.overdueActions)])
        }
        if !portfolio.sites.isEmpty {
            lines += ScoreSummary.columns(table, rightAligned: Set(2..<table[0].count))
            lines.append("")
        }
        let clauses = portfolio.clauses
        if !clauses.isEmpty {
            lines.append(words("portfolio_clauses"))
            var clauseTable: [[String]] = [["checklist", "clause", "mean", "min", "sites", "worst_sites"].map(column)]
            for clause in clauses {
                clauseTable.append([
                    clause.checklist, "\(clause.id) \(ScoreSummary.truncated(clause.title, 40))",
                    Figures.percent(clause.meanPercent), Figures.percent(clause.minPercent), String(clause.sites),
                    worstSites(clause, words),
                ])
            }
            lines += ScoreSummary.columns(clauseTable, rightAligned: [2, 3, 4])
            lines.append("")
        }
        let weakest = portfolio.weakestRequirements(weakestCount)
        if !weakest.isEmpty {
            lines.append(words("portfolio_weakest"))
            var weakTable: [[String]] = [
                ["#"] + ["requirement", "mean", "min", "gap_at", "question"].map(column)
            ]
            for (index, requirement) in weakest.enumerated() {
                weakTable.append([
                    String(index + 1), requirement.key, Figures.percent(requirement.meanPercent),
                    Figures.percent(requirement.minPercent), "\(requirement.sitesWithGap)/\(requirement.sites)",
                    ScoreSummary.truncated(requirement.text, 60),
                ])
            }
            lines += ScoreSummary.columns(weakTable, rightAligned: [0, 2, 3, 4])
            lines.append("")
        }
        if !portfolio.failed.isEmpty {
            lines.append(words("portfolio_failed", [("count", String(portfolio.failed.count))]))
            for failure in portfolio.failed {
                let errors = failure.diagnostics.filter { $0.severity == .error }.count
                lines.append("  \(failure.path): \(words.count("portfolio_error_count", errors))")
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    private static func heading(_ portfolio: PortfolioSummary, asOf: CalendarDate, words: LabelWords) -> String {
        let sites = words.count("portfolio_site_count", portfolio.sites.count)
        var heading = words("portfolio_heading", [("date", asOf.description), ("sites", sites)])
        if !portfolio.failed.isEmpty {
            heading += words("portfolio_heading_failed", [("count", String(portfolio.failed.count))])
        }
        let percents = portfolio.sites.compactMap(\.combinedPercent)
        if !percents.isEmpty {
            let mean = Figures.percent(percents.reduce(0, +) / Double(percents.count))
            heading += words("portfolio_heading_mean", [("percent", mean)])
        }
        let overdue = portfolio.sites.map(\.overdueActions).reduce(0, +)
        return heading + words("portfolio_heading_overdue", [("count", String(overdue))])
    }

    private static func worstSites(_ clause: PortfolioSummary.ClauseFigures, _ words: LabelWords) -> String {
        clause.worstSites.map { "\($0.path) (\(Figures.percent($0.percent)))" }.joined(separator: words.listSeparator)
    }

    // MARK: Markdown

    /// The Markdown report in the words of `words`; every free text is escaped.
    public static func markdown(_ portfolio: PortfolioSummary, asOf: CalendarDate, words: LabelWords) -> String {
        let esc = MarkdownText.escape
        let checklists = portfolio.checklistIDs
        let column = { (key: String) in esc(words("portfolio_md_\(key)")) }
        func header(_ keys: [String]) -> String { "| " + keys.map(column).joined(separator: " | ") + " |" }
        var lines: [String] = [
            "# \(esc(words("portfolio_title")))", "", esc(heading(portfolio, asOf: asOf, words: words)), "",
        ]
        if !portfolio.sites.isEmpty {
            lines.append("## \(esc(words("portfolio_sites")))")
            lines.append("")
            lines.append(
                "| \(column("site")) | \(column("organization")) | \(column("combined")) | \(column("completeness")) | "
                    + checklists.map { esc($0) + " |" }.joined(separator: " ") + " \(column("overdue")) |")
            lines.append("|---|---|---:|---:|" + String(repeating: "---:|", count: checklists.count) + "---:|")
            for site in portfolio.sites {
                let percents = checklists.map { id in
                    Figures.percent(site.checklists.first { $0.id == id }?.percent) + " |"
                }
                lines.append(
                    "| \(esc(site.path)) | \(esc(site.organization + (site.site.map { " — \($0)" } ?? ""))) | "
                        + "\(Figures.percent(site.combinedPercent)) | \(Figures.completeness(site.completeness)) | "
                        + percents.joined(separator: " ") + " \(site.overdueActions) |")
            }
            lines.append("")
        }
        if !portfolio.clauses.isEmpty {
            lines.append("## \(esc(words("portfolio_clauses")))")
            lines.append("")
            lines.append(header(["checklist", "clause", "mean", "minimum", "sites", "worst_sites"]))
            lines.append("|---|---|---:|---:|---:|---|")
            for clause in portfolio.clauses {
                lines.append(
                    "| \(esc(clause.checklist)) | \(esc(clause.id)) \(esc(clause.title)) | "
                        + "\(Figures.percent(clause.meanPercent)) | \(Figures.percent(clause.minPercent)) | "
                        + "\(clause.sites) | \(esc(worstSites(clause, words))) |")
            }
            lines.append("")
        }
        let weakest = portfolio.weakestRequirements(weakestCount)
        if !weakest.isEmpty {
            lines.append("## \(esc(words("portfolio_weakest")))")
            lines.append("")
            lines.append(
                "| # " + header(["requirement", "mean", "minimum", "sites_with_gap", "question"]))
            lines.append("|---:|---|---:|---:|---:|---|")
            for (index, requirement) in weakest.enumerated() {
                lines.append(
                    "| \(index + 1) | \(esc(requirement.key)) | \(Figures.percent(requirement.meanPercent)) | "
                        + "\(Figures.percent(requirement.minPercent)) | "
                        + words(
                            "portfolio_md_of",
                            [("count", String(requirement.sitesWithGap)), ("total", String(requirement.sites))])
                        + " | "
                        + "\(esc(requirement.text)) |")
            }
            lines.append("")
        }
        if !portfolio.failed.isEmpty {
            lines.append("## \(esc(words("portfolio_failed_heading")))")
            lines.append("")
            for failure in portfolio.failed {
                lines.append("- \(esc(failure.path))")
                for diagnostic in failure.diagnostics { lines.append("  - \(esc(diagnostic.description))") }
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }
}
