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

    /// The terminal summary.
    public static func text(_ portfolio: PortfolioSummary, asOf: CalendarDate) -> String {
        let checklists = portfolio.checklistIDs
        var lines: [String] = []
        lines.append(heading(portfolio, asOf: asOf))
        lines.append("")
        var table: [[String]] = [
            ["site", "organization", "combined", "completeness"] + checklists + ["overdue"]
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
            lines.append("Clauses across sites")
            var clauseTable: [[String]] = [["checklist", "clause", "mean", "min", "sites", "worst sites"]]
            for clause in clauses {
                clauseTable.append([
                    clause.checklist, "\(clause.id) \(ScoreSummary.truncated(clause.title, 40))",
                    Figures.percent(clause.meanPercent), Figures.percent(clause.minPercent), String(clause.sites),
                    worstSites(clause),
                ])
            }
            lines += ScoreSummary.columns(clauseTable, rightAligned: [2, 3, 4])
            lines.append("")
        }
        let weakest = portfolio.weakestRequirements(weakestCount)
        if !weakest.isEmpty {
            lines.append("Weakest requirements")
            var weakTable: [[String]] = [["#", "requirement", "mean", "min", "gap at", "question"]]
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
            lines.append("Failed (\(portfolio.failed.count))")
            for failure in portfolio.failed {
                let errors = failure.diagnostics.filter { $0.severity == .error }.count
                lines.append("  \(failure.path): \(errors) error\(errors == 1 ? "" : "s")")
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    private static func heading(_ portfolio: PortfolioSummary, asOf: CalendarDate) -> String {
        let count = portfolio.sites.count
        var heading = "Portfolio as of \(asOf): \(count) site\(count == 1 ? "" : "s")"
        if !portfolio.failed.isEmpty { heading += ", \(portfolio.failed.count) failed" }
        let percents = portfolio.sites.compactMap(\.combinedPercent)
        if !percents.isEmpty {
            heading += " · mean combined \(Figures.percent(percents.reduce(0, +) / Double(percents.count)))"
        }
        let overdue = portfolio.sites.map(\.overdueActions).reduce(0, +)
        return heading + " · overdue actions \(overdue)"
    }

    private static func worstSites(_ clause: PortfolioSummary.ClauseFigures) -> String {
        clause.worstSites.map { "\($0.path) (\(Figures.percent($0.percent)))" }.joined(separator: ", ")
    }

    // MARK: Markdown

    /// The Markdown report; every free text is escaped.
    public static func markdown(_ portfolio: PortfolioSummary, asOf: CalendarDate) -> String {
        let esc = MarkdownText.escape
        let checklists = portfolio.checklistIDs
        var lines: [String] = ["# Portfolio", "", esc(heading(portfolio, asOf: asOf)), ""]
        if !portfolio.sites.isEmpty {
            lines.append("## Sites")
            lines.append("")
            lines.append(
                "| Site | Organization | Combined | Completeness | "
                    + checklists.map { esc($0) + " |" }.joined(separator: " ") + " Overdue actions |")
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
            lines.append("## Clauses across sites")
            lines.append("")
            lines.append("| Checklist | Clause | Mean | Minimum | Sites | Worst sites |")
            lines.append("|---|---|---:|---:|---:|---|")
            for clause in portfolio.clauses {
                lines.append(
                    "| \(esc(clause.checklist)) | \(esc(clause.id)) \(esc(clause.title)) | "
                        + "\(Figures.percent(clause.meanPercent)) | \(Figures.percent(clause.minPercent)) | "
                        + "\(clause.sites) | \(esc(worstSites(clause))) |")
            }
            lines.append("")
        }
        let weakest = portfolio.weakestRequirements(weakestCount)
        if !weakest.isEmpty {
            lines.append("## Weakest requirements")
            lines.append("")
            lines.append("| # | Requirement | Mean | Minimum | Sites with a gap | Question |")
            lines.append("|---:|---|---:|---:|---:|---|")
            for (index, requirement) in weakest.enumerated() {
                lines.append(
                    "| \(index + 1) | \(esc(requirement.key)) | \(Figures.percent(requirement.meanPercent)) | "
                        + "\(Figures.percent(requirement.minPercent)) | \(requirement.sitesWithGap) of \(requirement.sites) | "
                        + "\(esc(requirement.text)) |")
            }
            lines.append("")
        }
        if !portfolio.failed.isEmpty {
            lines.append("## Workspaces that could not be read")
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
