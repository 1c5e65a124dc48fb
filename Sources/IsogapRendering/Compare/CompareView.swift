public import IsogapModel

/// `isogap compare` as text, Markdown, HTML and CSV (SPEC §13): the figures of both assessments
/// with their change, the requirements whose level or standing changed, the gaps closed, opened and
/// persisting, and the actions completed in between with the change they brought.
public struct CompareView: Sendable {
    public var comparison: Comparison
    public var language: ReportLanguage
    public var labels: LabelCatalog

    public init(comparison: Comparison, language: ReportLanguage, labels: LabelCatalog) {
        self.comparison = comparison
        self.language = language
        self.labels = labels
    }

    func label(_ key: String) -> String { labels.text(key, language) }

    /// A label with `{name}` placeholders filled in.
    func label(_ key: String, _ values: [(String, String)]) -> String {
        values.reduce(label(key)) { text, pair in text.replacingAll("{\(pair.0)}", with: pair.1) }
    }

    /// The words for a change.
    func label(of change: Comparison.Change?) -> String {
        guard let change else { return label("change_none") }
        return label("change_" + change.rawValue.replacingAll("-", with: "_"))
    }

    /// A warning in the view's language.
    func text(of warning: Comparison.Warning) -> String {
        Self.text(of: warning, language: language, labels: labels)
    }

    /// A warning in `language`, in the words of `labels`.
    static func text(of warning: Comparison.Warning, language: ReportLanguage, labels: LabelCatalog) -> String {
        func fill(_ key: String, _ values: [(String, String)]) -> String {
            values.reduce(labels.text(key, language)) { $0.replacingAll("{\($1.0)}", with: $1.1) }
        }
        switch warning.kind {
        case .differentOrganizations(let names):
            return fill(
                "compare_warning_organizations",
                [("names", names.map { "'\($0)'" }.joined(separator: separator(language)))])
        case .nothingInCommon(let checklist, let old, let new):
            return fill("compare_warning_nothing_in_common", [("checklist", checklist), ("old", old), ("new", new)])
        }
    }

    /// The list separator of `language`.
    static func separator(_ language: ReportLanguage) -> String { language == .ar ? "، " : ", " }

    /// The list separator of the view's language.
    var separator: String { Self.separator(language) }

    /// A change in points, signed: `+3.5`, `-2.0`, `0.0`; a dash when either figure is missing.
    static func delta(_ value: Double?) -> String {
        guard let value else { return "—" }
        let text = Figures.oneDecimal(value)
        return value > 0 && text != "0.0" ? "+" + text : text
    }

    static func level(_ value: Int?) -> String { value.map(String.init) ?? "—" }

    /// One table of the view.
    struct Table {
        var title: String
        /// A sentence under the title, if any.
        var intro: String? = nil
        /// The header row first.
        var rows: [[String]]
        /// Columns holding figures (right-aligned in text, end-aligned in HTML and Markdown).
        var figures: Set<Int>
        /// Per body row, the CSS class of the row (`up`, `down` or empty).
        var classes: [String] = []
        /// Shown instead of an empty table.
        var empty: String? = nil
    }

    /// Who was assessed when, for the view's heading lines.
    func heading() -> [(String, String)] {
        [
            (label("compare_old"), "\(comparison.old.organization)\(separator)\(comparison.old.assessmentDate)"),
            (label("compare_new"), "\(comparison.new.organization)\(separator)\(comparison.new.assessmentDate)"),
        ]
    }

    func summary() -> String {
        let counts = Dictionary(grouping: comparison.requirements, by: \.change).mapValues(\.count)
        return label(
            "compare_summary",
            [
                ("improved", String(counts[.improved] ?? 0)), ("regressed", String(counts[.regressed] ?? 0)),
                ("unchanged", String(counts[.unchanged] ?? 0)), ("closed", String(comparison.closedGaps.count)),
                ("opened", String(comparison.openedGaps.count)),
                ("persisting", String(comparison.persistingGaps.count)),
            ])
    }

    static func rowClass(_ delta: Double?) -> String {
        guard let delta else { return "" }
        return delta > 0 ? "up" : delta < 0 ? "down" : ""
    }

    static func rowClass(_ change: Comparison.Change?) -> String {
        switch change {
        case .improved: "up"
        case .regressed: "down"
        default: ""
        }
    }

    func tables() -> [Table] {
        var tables: [Table] = []
        let header = [label("checklist"), label("compare_old"), label("compare_new"), label("compare_delta")]
        var scores = Table(title: label("compare_scores"), rows: [header], figures: [1, 2, 3])
        scores.rows.append(
            [
                label("combined"), Figures.percent(comparison.combined.old), Figures.percent(comparison.combined.new),
                Self.delta(comparison.combined.delta),
            ])
        scores.classes.append(Self.rowClass(comparison.combined.delta))
        for checklist in comparison.checklists {
            scores.rows.append(
                [
                    checklist.standard, Figures.percent(checklist.figure.old), Figures.percent(checklist.figure.new),
                    Self.delta(checklist.figure.delta),
                ])
            scores.classes.append(Self.rowClass(checklist.figure.delta))
        }
        tables.append(scores)
        for checklist in comparison.checklists where !checklist.clauses.isEmpty {
            var table = Table(
                title: "\(label("compare_clauses")): \(checklist.standard)",
                rows: [
                    [
                        label("clause"), label("title"), label("compare_old"), label("compare_new"),
                        label("compare_delta"),
                    ]
                ],
                figures: [2, 3, 4])
            func add(_ clauses: [Comparison.ClauseDelta]) {
                for clause in clauses {
                    table.rows.append(
                        [
                            clause.id, clause.title.resolved(language.rawValue), Figures.percent(clause.figure.old),
                            Figures.percent(clause.figure.new), Self.delta(clause.figure.delta),
                        ])
                    table.classes.append(Self.rowClass(clause.figure.delta))
                    add(clause.clauses)
                }
            }
            add(checklist.clauses)
            tables.append(table)
        }
        var requirements = Table(
            title: label("compare_requirements"), intro: summary(),
            rows: [
                [
                    label("checklist"), label("requirement"), label("compare_old_level"), label("compare_new_level"),
                    label("compare_old_gap"), label("compare_new_gap"), label("compare_change"),
                ]
            ], figures: [2, 3, 4, 5], empty: label("compare_no_changes"))
        for change in comparison.requirements where change.change != .unchanged {
            requirements.rows.append(
                [
                    change.checklist, change.requirement, Self.level(change.oldLevel), Self.level(change.newLevel),
                    Self.level(change.oldGap), Self.level(change.newGap), label(of: change.change),
                ])
            requirements.classes.append(Self.rowClass(change.change))
        }
        tables.append(requirements)
        var gaps = Table(
            title: label("compare_gaps"), rows: [[label("compare_change"), label("requirements")]], figures: [])
        for (key, list) in [
            ("compare_gaps_closed", comparison.closedGaps), ("compare_gaps_opened", comparison.openedGaps),
            ("compare_gaps_persisting", comparison.persistingGaps),
        ] {
            gaps.rows.append([label(key), list.isEmpty ? label("compare_none") : list.joined(separator: ", ")])
            gaps.classes.append(key == "compare_gaps_closed" ? "up" : key == "compare_gaps_opened" ? "down" : "")
        }
        tables.append(gaps)
        var actions = Table(
            title: label("compare_actions"), intro: label("compare_actions_intro"),
            rows: [
                [
                    label("action"), label("action_title"), label("action_status"), label("compare_completed"),
                    label("requirements"),
                    label("compare_change"),
                ]
            ], figures: [], empty: label("compare_actions_none"))
        for action in comparison.actions {
            actions.rows.append(
                [
                    action.id, action.title, label("status_" + action.status.rawValue.replacingAll("-", with: "_")),
                    action.completed?.description ?? "—", action.requirements.joined(separator: ", "),
                    label(of: action.change),
                ])
            actions.classes.append(Self.rowClass(action.change))
        }
        tables.append(actions)
        return tables
    }

    /// Plain text for the terminal.
    public func text() -> String {
        var lines = [label("compare_title")]
        for (name, value) in heading() { lines.append("\(name): \(value)") }
        for warning in comparison.warnings { lines.append("\(label("compare_warning")): \(text(of: warning))") }
        lines.append("")
        for table in tables() {
            lines.append(table.title)
            if let intro = table.intro { lines.append(intro) }
            if table.rows.count == 1, let empty = table.empty {
                lines.append(empty)
            } else {
                lines += ScoreSummary.columns(table.rows, rightAligned: table.figures)
            }
            lines.append("")
        }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Markdown: a heading and a table per section.
    public func markdown() -> String {
        var lines = ["# \(MarkdownText.escape(label("compare_title")))", ""]
        for (name, value) in heading() {
            lines.append("- **\(MarkdownText.escape(name))**: \(MarkdownText.escape(value))")
        }
        for warning in comparison.warnings {
            lines.append(
                "- **\(MarkdownText.escape(label("compare_warning")))**: \(MarkdownText.escape(text(of: warning)))")
        }
        lines.append("")
        for table in tables() {
            lines += ["## \(MarkdownText.escape(table.title))", ""]
            if let intro = table.intro { lines += [MarkdownText.escape(intro), ""] }
            if table.rows.count == 1, let empty = table.empty {
                lines += [MarkdownText.escape(empty), ""]
                continue
            }
            for (index, row) in table.rows.enumerated() {
                lines.append("| " + row.map(MarkdownText.escape).joined(separator: " | ") + " |")
                if index == 0 {
                    lines.append("|" + row.indices.map { table.figures.contains($0) ? "---:|" : "---|" }.joined())
                }
            }
            lines.append("")
        }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One self-contained HTML page (inline CSS, no script), right to left in Arabic.
    public func html() -> String {
        var body = "<h1>\(HTMLText.escape(label("compare_title")))</h1>\n<dl>\n"
        for (name, value) in heading() {
            body += "<dt>\(HTMLText.escape(name))</dt><dd><bdi>\(HTMLText.escape(value))</bdi></dd>\n"
        }
        body += "</dl>\n"
        for warning in comparison.warnings {
            body +=
                "<p class=\"warning\">\(HTMLText.escape(label("compare_warning"))): \(HTMLText.escape(text(of: warning)))</p>\n"
        }
        for table in tables() { body += Self.html(table) }
        return Self.page(language: language, title: label("compare_title"), body: body)
    }

    /// A table as HTML, figures end-aligned, rows that improved or regressed marked.
    static func html(_ table: Table) -> String {
        var body = "<h2>\(HTMLText.escape(table.title))</h2>\n"
        if let intro = table.intro { body += "<p>\(HTMLText.escape(intro))</p>\n" }
        if table.rows.count == 1, let empty = table.empty {
            return body + "<p>\(HTMLText.escape(empty))</p>\n"
        }
        body += "<table>\n"
        for (index, row) in table.rows.enumerated() {
            let cell = index == 0 ? "th" : "td"
            let rowClass = index > 0 && index - 1 < table.classes.count ? table.classes[index - 1] : ""
            body += rowClass.isEmpty ? "<tr>" : "<tr class=\"\(rowClass)\">"
            for (column, text) in row.enumerated() {
                let classes = table.figures.contains(column) ? " class=\"figure\"" : ""
                body += "<\(cell)\(classes)><bdi>\(HTMLText.escape(text))</bdi></\(cell)>"
            }
            body += "</tr>\n"
        }
        return body + "</table>\n"
    }

    /// The page around a body: inline style only, nothing fetched, printable on A4.
    static func page(language: ReportLanguage, title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)" dir="\(language.isRightToLeft ? "rtl" : "ltr")">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLText.escape(title))</title>
        <style>
        body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 60em; padding: 0 1em; color: #222; }
        table { border-collapse: collapse; margin-bottom: 1.5em; width: 100%; }
        th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; text-align: start; vertical-align: top; overflow-wrap: anywhere; }
        th { background: #f2f2f2; }
        .figure { text-align: end; white-space: nowrap; }
        tr.up td { background: #e8f5e9; }
        tr.down td { background: #fdecea; }
        .warning { border-inline-start: 4px solid #c0392b; padding-inline-start: 0.5em; }
        dt { font-weight: bold; }
        dd { margin-inline-start: 1em; margin-bottom: 0.5em; }
        figure { margin: 1em 0; }
        .axis { stroke: #555; stroke-width: 1; }
        .grid { stroke: #ddd; stroke-width: 1; }
        .tick, .label { font-size: 11px; fill: #222; }
        .line { fill: none; stroke-width: 2; }
        .s0 { stroke: #1f618d; fill: #1f618d; } .s1 { stroke: #c0392b; fill: #c0392b; }
        .s2 { stroke: #27ae60; fill: #27ae60; } .s3 { stroke: #8e44ad; fill: #8e44ad; }
        .s4 { stroke: #d68910; fill: #d68910; } .s5 { stroke: #17a589; fill: #17a589; }
        .s6 { stroke: #5d6d7e; fill: #5d6d7e; } .s7 { stroke: #a04000; fill: #a04000; }
        @media print { body { margin: 0; max-width: none; } @page { size: A4; margin: 15mm; } }
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    /// CSV in long form: one row per figure and per requirement, gap and action.
    public func csv() -> String {
        var writer = CSVWriter(header: [
            "section", "checklist", "id", "old", "new", "delta", "old_gap", "new_gap", "change",
        ])
        let combined = comparison.combined
        writer.append([
            "combined", "", "", Self.number(combined.old), Self.number(combined.new), Self.number(combined.delta), "",
            "", "",
        ])
        for checklist in comparison.checklists {
            writer.append(
                [
                    "checklist", checklist.id, checklist.id, Self.number(checklist.figure.old),
                    Self.number(checklist.figure.new), Self.number(checklist.figure.delta), "", "", "",
                ])
            func add(_ clauses: [Comparison.ClauseDelta]) {
                for clause in clauses {
                    writer.append(
                        [
                            "clause", checklist.id, clause.id, Self.number(clause.figure.old),
                            Self.number(clause.figure.new), Self.number(clause.figure.delta), "", "", "",
                        ])
                    add(clause.clauses)
                }
            }
            add(checklist.clauses)
        }
        for change in comparison.requirements {
            writer.append(
                [
                    "requirement", change.checklist, change.requirement, change.oldLevel.map(String.init) ?? "",
                    change.newLevel.map(String.init) ?? "",
                    change.oldLevel.flatMap { old in
                        change.newLevel.map { String($0 - old) }
                    } ?? "", change.oldGap.map(String.init) ?? "", change.newGap.map(String.init) ?? "",
                    change.change.rawValue,
                ])
        }
        for (name, keys) in [
            ("gap-closed", comparison.closedGaps), ("gap-opened", comparison.openedGaps),
            ("gap-persisting", comparison.persistingGaps),
        ] {
            for key in keys {
                let parts = key.split(separator: ":", maxSplits: 1).map(String.init)
                writer.append([name, parts.first ?? "", parts.last ?? "", "", "", "", "", "", ""])
            }
        }
        for action in comparison.actions {
            writer.append(
                [
                    "action", "", action.id, "", action.status.rawValue, "", "", "", action.change?.rawValue ?? "",
                ])
        }
        return writer.text
    }

    static func number(_ value: Double?) -> String {
        value.map { Figures.number($0) } ?? ""
    }
}
