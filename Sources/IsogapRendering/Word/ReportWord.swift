public import Foundation

/// The report as a Word document: the sections of the HTML report, from the same view
/// (``ReportView``), so both say the same thing in the same words and nothing is scored twice.
///
/// Charts become tables (a Word user edits a table; an image would be a dead picture): the clause
/// scores carry their band as a cell shade, as the HTML heat map does. The deliverable's parts sit
/// where the HTML report has them: document control on the cover, the assessor's narrative and the
/// sign-offs before the figures, the comparison with the baseline after the summary, the measured
/// indicators after the claims they bear on, and the findings annex (with the clause commentary)
/// last.
enum ReportWord {
    static func document(_ input: ReportInput) -> WordDocument {
        let view = ReportView(input)
        var builder = Builder(view: view)
        builder.cover()
        builder.narrative()
        builder.signoffs()
        builder.summary()
        builder.baseline()
        builder.clauseScores()
        builder.gaps()
        builder.unsupported()
        builder.notBorneOut()
        builder.measuredIndicators()
        builder.notApplicable()
        builder.actions()
        builder.plan()
        builder.evidence()
        builder.annex()
        builder.closing()
        var document = builder.document
        // The contents come after the cover and list the headings that follow.
        if let index = document.blocks.firstIndex(of: .pageBreak) {
            document.blocks.insertContents(document.headings, title: view.label("contents"), after: index)
        }
        return document
    }

    /// Fills (hex RGB) of the score bands, light enough for black text.
    static func fill(band: String) -> String? {
        switch band {
        case ScoreBand.critical.className: "F6D3CF"
        case ScoreBand.weak.className: "FBE0C2"
        case ScoreBand.developing.className: "FBF0C4"
        case ScoreBand.strong.className: "D2EADB"
        case ScoreBand.none.className: "ECEFF3"
        default: nil
        }
    }

    private struct Builder {
        let view: ReportView
        var document: WordDocument

        init(view: ReportView) {
            self.view = view
            document = WordDocument(
                rightToLeft: view.direction == "rtl", language: view.language == "ar" ? "ar-SA" : "en-GB",
                title: "\(view.label("report_title")): \(view.organization)", subject: view.scope)
        }

        typealias Cell = WordDocument.Cell
        typealias Run = WordDocument.Run
        typealias Paragraph = WordDocument.Paragraph

        func label(_ key: String) -> String { view.label(key) }

        mutating func heading(_ level: Int, _ text: String) {
            heading(level, [Run(text)])
        }

        mutating func heading(_ level: Int, _ runs: [Run]) {
            let style: WordDocument.Style = level == 1 ? .heading1 : level == 2 ? .heading2 : .heading3
            document.append(Paragraph(style, runs))
        }

        mutating func text(_ text: String, keepWithNext: Bool = false) {
            document.append(Paragraph(.normal, text, keepWithNext: keepWithNext))
        }

        mutating func empty(_ text: String) {
            document.append(Paragraph(.normal, [Run(text, italic: true)]))
        }

        mutating func table(_ widths: [Int], _ header: [String], _ rows: [[Cell]], numbers: Set<Int> = []) {
            document.append(
                WordDocument.Table(
                    widths: widths,
                    header: header.enumerated().map { index, text in
                        Cell(
                            [Paragraph(.tableHeading, [Run(text, bold: true)])], fill: "DCE3EC",
                            isNumber: numbers.contains(index))
                    }, rows: rows))
        }

        /// A requirement id with its checklist below it, as the HTML report shows them.
        func requirementCell(_ requirement: String, _ checklist: String) -> Cell {
            Cell([
                Paragraph(.tableText, [Run(requirement, bold: true, leftToRight: true)]),
                Paragraph(.tableText, [Run(checklist, leftToRight: true)]),
            ])
        }

        /// A text with labelled notes below it (the reason a claim is not supported, the notes), and
        /// a line between them (a role below a name).
        func textCell(_ text: String, notes: [(label: String, text: String)], below: String? = nil) -> Cell {
            Cell(
                [Paragraph(.tableText, text)] + (below.map { [Paragraph(.tableText, $0)] } ?? [])
                    + notes.map { note in
                        Paragraph(.tableText, [Run("\(note.label): ", bold: true), Run(note.text, italic: true)])
                    })
        }

        mutating func cover() {
            document.append(Paragraph(.subtitle, label("report_title")))
            document.append(Paragraph(.title, view.organization))
            let standards = view.checklists.map(\.standard)
            if !standards.isEmpty {
                document.append(
                    Paragraph(
                        .normal,
                        standards.enumerated().flatMap { index, standard in
                            (index > 0 ? [Run(" · ")] : []) + [Run(standard, bold: true, leftToRight: true)]
                        }))
            }
            var rows: [[Cell]] = []
            if let site = view.site { rows.append([Cell(label("site"), bold: true), Cell(site)]) }
            rows += [
                [Cell(label("scope"), bold: true), Cell(view.scope)],
                [Cell(label("assessors"), bold: true), Cell(view.assessors)],
                [Cell(label("assessment_date"), bold: true), Cell(view.assessmentDate, leftToRight: true)],
                [Cell(label("as_of"), bold: true), Cell(view.asOf, leftToRight: true)],
            ]
            if let control = view.narrative?.document {
                if let title = control.title { rows.append([Cell(label("document_title"), bold: true), Cell(title)]) }
                if let reference = control.reference {
                    rows.append([Cell(label("document_reference"), bold: true), Cell(reference, leftToRight: true)])
                }
                if let version = control.version {
                    rows.append([Cell(label("document_version"), bold: true), Cell(version, leftToRight: true)])
                }
                if let status = control.status {
                    rows.append([Cell(label("document_status"), bold: true), Cell(status, bold: true)])
                }
                if control.hasDistribution {
                    rows.append([
                        Cell(label("document_distribution"), bold: true),
                        Cell(control.distribution.map { Paragraph(.tableText, $0) }),
                    ])
                }
            }
            table([3, 7], [label("organization"), view.organization], rows)
            document.blocks.append(.pageBreak)
        }

        mutating func summary() {
            heading(1, label("summary"))
            var figures: [[Cell]] = [
                [
                    Cell(label("combined") + (view.combinedProvisional ? " \(label("provisional_mark"))" : "")),
                    Cell(
                        view.combinedPercent, bold: true, fill: ReportWord.fill(band: view.combinedBand),
                        isNumber: true),
                ]
            ]
            if let change = view.combinedChange {
                figures.append([Cell(label("baseline_change")), Cell(change, isNumber: true)])
            }
            figures += [
                [Cell(label("completeness")), Cell(view.combinedCompleteness, isNumber: true)],
                [Cell(label("kpi_gaps")), Cell(String(view.gapCount), isNumber: true)],
                [
                    Cell(label("kpi_major")),
                    Cell(String(view.gradeTotals.major), bold: view.gradeTotals.hasMajor, isNumber: true),
                ],
            ]
            if let actions = view.actions {
                figures.append([
                    Cell(label("kpi_overdue")),
                    Cell(String(actions.overdueCount), bold: actions.hasOverdue, isNumber: true),
                ])
            }
            table([7, 3], [label("measure_kpi"), label("measure_value")], figures, numbers: [1])
            for note in view.guidanceNotes { text(note.text) }
            if view.hasProvisional { text(label("provisional_note")) }
            table(
                [18, 8, 9, 11, 8, 8, 10, 14, 10],
                [
                    label("checklist"), label("level"), label("percent"), label("completeness"), label("grade_major"),
                    label("grade_minor"), label("grade_observation"), label("grade_conforming"),
                    label("grade_good_practice"),
                ],
                view.checklists.map { checklist in
                    [
                        Cell([
                            Paragraph(.tableText, [Run(checklist.standard, bold: true, leftToRight: true)]),
                            Paragraph(.tableText, checklist.title),
                        ]),
                        Cell(checklist.level, isNumber: true),
                        Cell(
                            [
                                Paragraph(
                                    .tableText,
                                    [
                                        Run(
                                            checklist.percent
                                                + (checklist.provisional ? " \(label("provisional_mark"))" : ""),
                                            leftToRight: true)
                                    ])
                            ]
                                + (checklist.change.map { [Paragraph(.tableText, [Run("(\($0))", leftToRight: true)])] }
                                    ?? []),
                            fill: ReportWord.fill(band: checklist.band), isNumber: true),
                        Cell(
                            "\(checklist.completeness) (\(checklist.assessed)/\(checklist.applicable))", isNumber: true),
                        Cell(String(checklist.major), isNumber: true), Cell(String(checklist.minor), isNumber: true),
                        Cell(String(checklist.observation), isNumber: true),
                        Cell(String(checklist.conforming), isNumber: true),
                        Cell(String(checklist.goodPractice), isNumber: true),
                    ]
                }, numbers: Set(1...8))
            if view.hasNotAssessed { text("\(label("not_assessed")): \(view.notAssessedCount)") }
            heading(2, label("top_gaps"))
            if view.hasGaps {
                let arrow = label("progress_arrow")
                table(
                    [5, 18, 44, 13, 9, 11],
                    [
                        "#", label("requirement"), label("question"),
                        "\(label("effective")) \(arrow) \(label("target"))", label("priority"), label("grade"),
                    ],
                    view.topGaps.map { gap in
                        [
                            Cell(String(gap.rank), isNumber: true), requirementCell(gap.requirement, gap.checklist),
                            Cell(gap.question), Cell("\(gap.effective) \(arrow) \(gap.target)", isNumber: true),
                            Cell(gap.priority, isNumber: true), Cell(gap.grade, bold: gap.gradeClass == "major"),
                        ]
                    }, numbers: [0, 3, 4])
                text(label("see_all_gaps"))
            } else {
                empty(label("no_gaps"))
            }
        }

        mutating func clauseScores() {
            heading(1, label("clause_scores"))
            text("\(label("legend")): " + view.bands.map(\.name).joined(separator: view.language == "ar" ? "، " : ", "))
            for checklist in view.checklists {
                heading(2, [Run(checklist.standard, leftToRight: true), Run(" · "), Run(checklist.title)])
                text(label("heat_map_caption"), keepWithNext: true)
                var bands: [String: String] = [:]
                for row in checklist.heatMap {
                    bands[row.id] = row.band
                    for cell in row.cells where !cell.isBlank { bands[cell.id] = cell.band }
                }
                table(
                    [14, 56, 14, 16], [label("clause"), label("title"), label("level"), label("percent")],
                    checklist.clauses.map { clause in
                        let fill = bands[clause.id].flatMap(ReportWord.fill(band:))
                        return [
                            Cell(clause.indent + clause.id, leftToRight: true, bold: clause.isTop),
                            Cell(clause.indent + clause.title, bold: clause.isTop),
                            Cell(clause.level, isNumber: true),
                            Cell(clause.percent + (clause.change.map { " (\($0))" } ?? ""), fill: fill, isNumber: true),
                        ]
                    }, numbers: [2, 3])
            }
        }

        mutating func gaps() {
            heading(1, "\(label("gaps")) (\(view.gapCount))")
            guard view.hasGaps else { return empty(label("no_gaps")) }
            text(label("gaps_intro"), keepWithNext: true)
            table(
                [5, 18, 34, 9, 9, 7, 8, 10],
                [
                    "#", label("requirement"), label("question"), label("effective"), label("target"), label("gap"),
                    label("priority"), label("grade"),
                ],
                view.gaps.map { gap in
                    [
                        Cell(String(gap.rank), isNumber: true), requirementCell(gap.requirement, gap.checklist),
                        textCell(gap.question, notes: gap.notes.map { [(label("notes"), $0)] } ?? []),
                        Cell(gap.effective, isNumber: true), Cell(gap.target, isNumber: true),
                        Cell(gap.gap, isNumber: true), Cell(gap.priority, isNumber: true),
                        Cell([
                            Paragraph(.tableText, [Run(gap.grade, bold: gap.gradeClass == "major")]),
                            Paragraph(.tableText, "\(label("criticality")): \(gap.criticality)"),
                        ]),
                    ]
                }, numbers: [0, 3, 4, 5, 6])
        }

        mutating func unsupported() {
            heading(1, label("unsupported"))
            guard view.hasUnsupported else { return empty(label("none")) }
            text(label("unsupported_intro"), keepWithNext: true)
            table(
                [18, 46, 12, 12, 12],
                [
                    label("requirement"), label("question"), label("claimed"), label("effective"),
                    label("evidence_valid"),
                ],
                view.unsupported.map { row in
                    [
                        requirementCell(row.requirement, row.checklist),
                        textCell(
                            row.question,
                            notes: [(label("unsupported_reason"), row.reason)]
                                + (row.notes.map { [(label("notes"), $0)] } ?? [])),
                        Cell(row.claimed, isNumber: true), Cell(row.effective, isNumber: true),
                        Cell("\(row.validEvidence)/\(row.evidenceTotal)", isNumber: true),
                    ]
                }, numbers: [2, 3, 4])
        }

        mutating func notBorneOut() {
            guard view.hasNotBorneOut else { return }
            heading(1, label("not_borne_out"))
            text(label("not_borne_out_intro"), keepWithNext: true)
            table(
                [18, 12, 26, 16, 14, 14],
                [
                    label("requirement"), label("claimed"), label("measure_kpi"), label("measure_period"),
                    label("measure_value"), label("measure_target"),
                ],
                view.notBorneOut.map { row in
                    [
                        requirementCell(row.requirement, row.checklist), Cell(row.claimed, isNumber: true),
                        Cell(row.kpi, leftToRight: true), Cell(row.period, leftToRight: true),
                        Cell(row.value, isNumber: true), Cell(row.target, isNumber: true),
                    ]
                }, numbers: [1, 4, 5])
        }

        mutating func notApplicable() {
            heading(1, label("not_applicable"))
            guard view.hasNotApplicable else { return empty(label("none")) }
            text(label("not_applicable_intro"), keepWithNext: true)
            table(
                [18, 41, 41], [label("requirement"), label("question"), label("justification")],
                view.notApplicable.map { row in
                    [requirementCell(row.requirement, row.checklist), Cell(row.question), Cell(row.justification)]
                })
        }

        mutating func actions() {
            heading(1, label("actions"))
            guard let actions = view.actions else { return empty(label("actions_none")) }
            table(
                [7, 3], [label("measure_kpi"), label("measure_value")],
                [
                    [Cell(label("actions_total")), Cell(String(actions.total), isNumber: true)],
                    [
                        Cell(label("actions_overdue")),
                        Cell(String(actions.overdueCount), bold: actions.hasOverdue, isNumber: true),
                    ],
                    [Cell(label("actions_due_soon")), Cell(String(actions.dueSoonCount), isNumber: true)],
                    [Cell(label("actions_uncovered")), Cell(String(actions.uncoveredCount), isNumber: true)],
                    [Cell(label("score_now")), Cell(view.combinedPercent, isNumber: true)],
                    [Cell(label("actions_achieved")), Cell(actions.achieved, isNumber: true)],
                    [Cell(label("actions_projected")), Cell(actions.projected, isNumber: true)],
                ], numbers: [1])
            if !actions.statusCounts.isEmpty { text(actions.statusCounts) }
            if actions.hasNotEffective {
                document.append(
                    Paragraph(
                        .normal,
                        [
                            Run("\(label("actions_not_effective")): ", bold: true),
                            Run(actions.notEffective, leftToRight: true),
                        ]))
            }
            if !actions.rows.isEmpty {
                table(
                    [11, 14, 12, 8, 17, 24, 14],
                    [
                        label("action"), label("action_status"), label("action_due"), label("action_days_overdue"),
                        label("action_owner"), label("action_title"), label("requirement"),
                    ],
                    actions.rows.map { row in
                        [
                            Cell(row.id, leftToRight: true, bold: true),
                            Cell(row.status + (row.isOverdue ? " (\(label("overdue_by")))" : ""), bold: row.isOverdue),
                            Cell(row.due, leftToRight: true), Cell(row.daysOverdue, isNumber: true), Cell(row.owner),
                            Cell(row.title), Cell(row.requirements, leftToRight: true),
                        ]
                    }, numbers: [3])
            }
            if actions.hasUncovered {
                document.append(
                    Paragraph(
                        .normal,
                        [Run("\(label("actions_uncovered")): ", bold: true)]
                            + actions.uncovered.enumerated().flatMap { index, key in
                                (index > 0 ? [Run(" ")] : []) + [Run(key, leftToRight: true)]
                            }))
            }
        }

        mutating func plan() {
            heading(1, label("plan_title"))
            guard let plan = view.plan else { return empty(label("plan_none")) }
            table(
                [7, 3], [label("measure_kpi"), label("measure_value")],
                [
                    [Cell(label("plan_start")), Cell(plan.start, leftToRight: true)],
                    [Cell(label("plan_finish")), Cell(plan.finish, leftToRight: true, bold: true)],
                    [Cell(label("working_days")), Cell(String(plan.workingDays), isNumber: true)],
                    [
                        Cell("\(label("tasks")) (\(label("critical_chain")): \(plan.criticalCount))"),
                        Cell(String(plan.taskCount), isNumber: true),
                    ],
                    [Cell(label("person_days")), Cell(plan.personDays, isNumber: true)],
                ], numbers: [1])
            heading(2, label("drivers"))
            text(plan.driversChain)
            text(plan.driversRoles)
            if plan.hasBottlenecks {
                table(
                    [5, 27, 10, 12, 12, 20, 14],
                    [
                        "#", label("role"), label("people"), label("person_days"), label("utilisation"),
                        label("finish_if_plus_one"), label("working_days_saved"),
                    ],
                    plan.bottlenecks.map { row in
                        [
                            Cell(String(row.rank), isNumber: true), Cell(row.name),
                            Cell(String(row.people), isNumber: true),
                            Cell(row.personDays, isNumber: true), Cell(row.utilisation, isNumber: true),
                            Cell(row.finishIfPlusOne, leftToRight: true),
                            Cell(String(row.workingDaysSaved), isNumber: true),
                        ]
                    }, numbers: [0, 2, 3, 4, 6])
            }
            heading(2, label("milestones"))
            table(
                [5, 25, 18, 13, 13, 9, 8, 9],
                [
                    "#", label("phase"), label("accountable"), label("plan_start"), label("milestone"),
                    label("working_days"), label("tasks"), label("person_days"),
                ],
                plan.milestones.map { row in
                    [
                        Cell(String(row.number), isNumber: true), Cell(row.title), Cell(row.accountable),
                        Cell(row.start, leftToRight: true), Cell(row.finish, leftToRight: true, bold: true),
                        Cell(String(row.workingDays), isNumber: true), Cell(String(row.tasks), isNumber: true),
                        Cell(row.personDays, isNumber: true),
                    ]
                }, numbers: [0, 5, 6, 7])
            heading(2, label("roles_load"))
            table(
                [22, 9, 9, 11, 12, 15, 22],
                [
                    label("role"), label("people"), label("tasks"), label("person_days"), label("utilisation"),
                    label("finish_if_plus_one"), label("accountable_for"),
                ],
                plan.roles.map { row in
                    [
                        Cell(row.name), Cell(String(row.people), isNumber: true),
                        Cell(String(row.tasks), isNumber: true),
                        Cell(row.personDays, isNumber: true), Cell(row.utilisation, isNumber: true),
                        Cell(row.finishIfPlusOne, leftToRight: true), Cell(row.accountableFor),
                    ]
                }, numbers: [1, 2, 3, 4])
            if !plan.raciPhases.isEmpty {
                heading(2, label("raci"))
                let phases = plan.raciPhases.count
                table(
                    [max(2, phases)] + Array(repeating: 1, count: phases),
                    [label("role")] + plan.raciPhases.map(\.title),
                    plan.raciRows.map { row in
                        [Cell(row.role)] + row.cells.map { Cell($0.mark, leftToRight: true, bold: !$0.mark.isEmpty) }
                    })
                document.append(Paragraph(.caption, label("raci_legend")))
            }
        }

        mutating func evidence() {
            heading(1, label("evidence_index"))
            guard view.hasEvidence else { return empty(label("none")) }
            text(label("evidence_intro"), keepWithNext: true)
            table(
                [18, 12, 28, 12, 16, 14],
                [
                    label("requirement"), label("evidence_type"), label("evidence_ref"), label("evidence_date"),
                    label("evidence_file"), label("evidence_status"),
                ],
                view.evidence.map { row in
                    [
                        requirementCell(row.requirement, row.checklist), Cell(row.type), Cell(row.ref),
                        Cell(row.date, leftToRight: true), Cell(row.file, leftToRight: true),
                        Cell(row.status, bold: !row.isValid),
                    ]
                })
        }

        /// The assessor's words (SPEC §11): summary, strengths, recommendations and method.
        mutating func narrative() {
            guard let narrative = view.narrative, narrative.hasText else { return }
            heading(1, label("narrative_summary"))
            for paragraph in narrative.summary?.paragraphs ?? [] { text(paragraph) }
            if narrative.hasStrengths {
                heading(2, label("narrative_strengths"))
                for strength in narrative.strengths { document.append(Paragraph(.listBullet, strength)) }
            }
            if narrative.hasRecommendations {
                heading(2, label("narrative_recommendations"))
                for recommendation in narrative.recommendations {
                    document.append(Paragraph(.listNumber, recommendation))
                }
            }
            if let method = narrative.method {
                heading(2, label("narrative_method"))
                for paragraph in method.paragraphs { text(paragraph) }
            }
        }

        /// The approvals (SPEC §15), each current or outdated against the workspace as it is.
        mutating func signoffs() {
            guard view.hasSignoffs else { return }
            heading(1, label("signoffs"))
            text(label("signoffs_intro"), keepWithNext: true)
            table(
                [34, 18, 14, 34],
                [label("signoff_by"), label("signoff_decision"), label("signoff_date"), label("signoff_state")],
                view.signoffs.map { row in
                    [
                        textCell(row.by, notes: row.note.map { [(label("signoff_note"), $0)] } ?? [], below: row.role),
                        Cell(row.decision, bold: true), Cell(row.date, leftToRight: true),
                        Cell([
                            Paragraph(.tableText, [Run(row.state, bold: !row.isCurrent)]),
                            Paragraph(
                                .tableText,
                                [Run("\(label("signoff_digest")): "), Run(row.shortDigest, leftToRight: true)]),
                        ]),
                    ]
                })
        }

        /// The comparison with the baseline the manifest names.
        mutating func baseline() {
            guard let baseline = view.baseline else { return }
            heading(1, label("baseline"))
            text(baseline.intro)
            for warning in baseline.warnings { text("\(label("compare_warning")): \(warning)") }
            table(
                [46, 18, 18, 18], ["", label("compare_old"), label("compare_new"), label("compare_delta")],
                baseline.scores.map { row in
                    [
                        Cell(row.name), Cell(row.old, isNumber: true), Cell(row.new, isNumber: true),
                        Cell(row.delta, bold: !row.trend.isEmpty, isNumber: true),
                    ]
                }, numbers: [1, 2, 3])
            text(baseline.summary)
            if baseline.hasRequirements {
                table(
                    [34, 18, 18, 30],
                    [
                        label("requirement"), label("compare_old_level"), label("compare_new_level"),
                        label("compare_change"),
                    ],
                    baseline.requirements.map { row in
                        [
                            Cell(row.key, leftToRight: true), Cell(row.oldLevel, isNumber: true),
                            Cell(row.newLevel, isNumber: true), Cell(row.change),
                        ]
                    }, numbers: [1, 2])
            }
            table(
                [25, 75], [label("compare_gaps"), label("requirements")],
                [
                    (label("compare_gaps_closed"), baseline.closed), (label("compare_gaps_opened"), baseline.opened),
                    (label("compare_gaps_persisting"), baseline.persisting),
                ].map { name, ids in [Cell(name, bold: true), Cell(ids, leftToRight: true)] })
            heading(2, label("compare_actions"))
            guard baseline.hasActions else { return text(label("compare_actions_none")) }
            text(label("compare_actions_intro"), keepWithNext: true)
            table(
                [14, 46, 16, 24],
                [label("action"), label("action_title"), label("compare_completed"), label("compare_change")],
                baseline.actions.map { row in
                    [
                        Cell(row.id, leftToRight: true, bold: true), Cell(row.title),
                        Cell(row.completed, leftToRight: true), Cell(row.change),
                    ]
                })
        }

        /// Every KPI read against the latest period or wave (SPEC §12).
        mutating func measuredIndicators() {
            guard view.hasMeasuredIndicators else { return }
            heading(1, label("measured_indicators"))
            text(label("measured_indicators_intro"), keepWithNext: true)
            table(
                [24, 9, 7, 11, 7, 5, 10, 27],
                [
                    label("measure_kpi"), label("measure_period"), label("measure_value"), label("measure_interval"),
                    label("measure_target"), label("measure_n"), label("measure_met"), label("measure_supports"),
                ],
                view.measuredIndicators.map { row in
                    [
                        Cell([
                            Paragraph(.tableText, [Run(row.kpi, bold: true, leftToRight: true)]),
                            Paragraph(.tableText, row.title),
                        ]),
                        Cell(row.period, leftToRight: true), Cell(row.value, isNumber: true),
                        Cell(row.interval, leftToRight: true), Cell(row.target, isNumber: true),
                        Cell(row.n, isNumber: true), Cell(row.outcome, bold: row.outcomeClass == "missed"),
                        Cell(row.supportList.map { Paragraph(.tableText, [Run($0, leftToRight: true)]) }),
                    ]
                }, numbers: [2, 4, 5])
        }

        /// The findings annex: every requirement by checklist and clause, with the assessor's
        /// commentary under its clause.
        mutating func annex() {
            document.blocks.append(.pageBreak)
            heading(1, label("annex"))
            text(label("annex_intro"))
            for checklist in view.annex {
                heading(2, [Run(checklist.standard, leftToRight: true), Run(" · "), Run(checklist.title)])
                for clause in checklist.clauses {
                    heading(3, [Run(clause.id, leftToRight: true), Run(" "), Run(clause.title)])
                    for commentary in clause.commentary {
                        document.append(
                            Paragraph(.quote, [Run(label("clause_commentary"), bold: true)], keepWithNext: true))
                        for paragraph in commentary.paragraphs { document.append(Paragraph(.quote, paragraph)) }
                    }
                    guard !clause.requirements.isEmpty else { continue }
                    table(
                        [11, 37, 22, 30],
                        [checklist.requirementLabel, label("question"), label("grade"), label("annex_evidence")],
                        clause.requirements.map(annexRow))
                }
            }
        }

        func annexRow(_ requirement: ReportView.AnnexRequirement) -> [Cell] {
            var notes: [(label: String, text: String)] = []
            if let justification = requirement.justification { notes.append((label("justification"), justification)) }
            if let reason = requirement.reason { notes.append((label("unsupported_reason"), reason)) }
            if let notesText = requirement.notes { notes.append((label("notes"), notesText)) }
            // The grade with the levels below it, as the HTML annex has them on one line: four narrow
            // columns would break their (Arabic) headings inside words.
            var grade = [Paragraph(.tableText, [Run(requirement.grade, bold: requirement.gradeClass == "major")])]
            if requirement.applicable {
                let figures = [
                    ("claimed", requirement.claimed), ("effective", requirement.effective),
                    ("target", requirement.target), ("gap", requirement.gap),
                ]
                for (key, figure) in figures {
                    grade.append(
                        Paragraph(.tableText, [Run("\(label(key)): "), Run(figure, bold: true, leftToRight: true)]))
                }
                grade.append(Paragraph(.tableText, "\(label("criticality")): \(requirement.criticality)"))
            }
            var evidence = requirement.evidence.map { item in
                var runs = [Run(item.status, bold: !item.isValid), Run(" · \(item.type): "), Run(item.ref)]
                if item.measured { runs.append(Run(" \(label("evidence_measured"))")) }
                if let date = item.date { runs += [Run(" · "), Run(date, leftToRight: true)] }
                if let expires = item.expires {
                    runs += [Run(" · \(label("evidence_expires")) "), Run(expires, leftToRight: true)]
                }
                if let file = item.file { runs += [Run(" · "), Run(file, leftToRight: true)] }
                return Paragraph(.tableText, runs)
            }
            if evidence.isEmpty && requirement.applicable {
                evidence = [Paragraph(.tableText, [Run(label("annex_no_evidence"), italic: true)])]
            }
            return [
                Cell(requirement.id, leftToRight: true, bold: true), textCell(requirement.question, notes: notes),
                Cell(grade), Cell(evidence),
            ]
        }

        mutating func closing() {
            document.append(Paragraph(.caption, label("generated_by")))
            document.append(Paragraph(.caption, label("confidential")))
        }
    }
}

extension ReportView {
    /// A label of the report, its key where the catalogue lacks it.
    func label(_ key: String) -> String { labels[key] ?? key }
}

extension [WordDocument.Block] {
    /// Inserts the contents heading and field after the page break at `index`, and a page break
    /// after them.
    fileprivate mutating func insertContents(_ entries: [WordDocument.ContentsEntry], title: String, after index: Int) {
        insert(contentsOf: [.paragraph(.init(.tocHeading, title)), .contents(entries)], at: index + 1)
        insert(.pageBreak, at: index + 3)
    }
}

extension ReportRenderer {
    /// The report as an editable Word document (`.docx`, SPEC §14): the sections of the HTML
    /// report with built-in heading styles, tables whose header row repeats on every page, page
    /// numbers, A4, and right to left for Arabic. The same input gives the same bytes.
    public static func docx(_ input: ReportInput) throws -> Data {
        try WordprocessingML.data(ReportWord.document(input))
    }
}
