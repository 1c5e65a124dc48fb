internal import IsogapModel

/// The body of the findings annex in HTML and Markdown, written directly rather than through a
/// template: the annex has a block for every requirement of every checklist, and drawing
/// thousands of them through the template renderer (which looks every name up through the whole
/// context) would cost more time and render budget than the rest of the report together. Like the
/// charts, it escapes every text itself, on Unicode scalars (``HTMLText``, ``MarkdownText``); the
/// annex partials place it.
struct AnnexWriter {
    let checklists: [ReportView.AnnexChecklist]
    /// The report's labels, already in its language.
    let labels: [String: String]

    private func label(_ key: String) -> String { labels[key] ?? key }

    /// HTML: a heading per checklist and clause, the clause commentary, and an article per requirement.
    var html: String {
        var out = ""
        func h(_ text: String) -> String { HTMLText.escape(text) }
        for checklist in checklists {
            out += "<h3><bdi dir=\"ltr\">\(h(checklist.standard))</bdi> · <bdi>\(h(checklist.title))</bdi></h3>\n"
            for clause in checklist.clauses {
                out += "<div class=\"annex-clause depth-\(clause.depth)\">\n"
                out += "<h4><bdi dir=\"ltr\" class=\"id\">\(h(clause.id))</bdi> <bdi>\(h(clause.title))</bdi></h4>\n"
                for commentary in clause.commentary {
                    out +=
                        "<blockquote class=\"commentary\"><p class=\"commentary-label\">\(h(label("clause_commentary")))</p>"
                    for paragraph in commentary.paragraphs { out += "<p><bdi>\(h(paragraph))</bdi></p>" }
                    out += "</blockquote>\n"
                }
                for requirement in clause.requirements { out += html(requirement) }
                out += "</div>\n"
            }
        }
        return out
    }

    private func html(_ requirement: ReportView.AnnexRequirement) -> String {
        func h(_ text: String) -> String { HTMLText.escape(text) }
        func labelled(_ key: String, _ text: String, _ className: String) -> String {
            "<p class=\"\(className)\"><span class=\"notes-label\">\(h(label(key))):</span> <bdi>\(h(text))</bdi></p>\n"
        }
        var out = "<article class=\"finding grade-\(h(requirement.gradeClass))\" id=\"\(h(requirement.anchor))\">\n"
        out +=
            "<p class=\"finding-head\"><bdi dir=\"ltr\" class=\"id\">\(h(requirement.id))</bdi> <span class=\"badge grade-\(h(requirement.gradeClass))\">\(h(requirement.grade))</span></p>\n"
        out += "<p class=\"finding-question\"><bdi>\(h(requirement.question))</bdi></p>\n"
        if requirement.applicable {
            let figures = [
                ("claimed", requirement.claimed), ("effective", requirement.effective),
                ("target", requirement.target), ("gap", requirement.gap),
            ]
            out += "<p class=\"finding-figures\">"
            out += figures.map { "<span>\(h(label($0.0))): <b>\(h($0.1))</b></span>" }.joined(separator: " ")
            out += " <span>\(h(label("criticality"))): \(h(requirement.criticality))</span></p>\n"
        }
        if let justification = requirement.justification { out += labelled("justification", justification, "reason") }
        if let reason = requirement.reason { out += labelled("unsupported_reason", reason, "reason") }
        if let notes = requirement.notes { out += labelled("notes", notes, "notes") }
        if !requirement.evidence.isEmpty {
            out += "<ul class=\"finding-evidence\">\n"
            for item in requirement.evidence {
                out += "<li\(item.isValid ? "" : " class=\"invalid\"")>"
                out += "<span class=\"evidence-status status-\(h(item.statusClass))\">\(h(item.status))</span> "
                out += "\(h(item.type)): <bdi>\(h(item.ref))</bdi>"
                if item.measured { out += " \(h(label("evidence_measured")))" }
                if let date = item.date { out += " · <bdi dir=\"ltr\">\(h(date))</bdi>" }
                if let expires = item.expires {
                    out += " · \(h(label("evidence_expires"))) <bdi dir=\"ltr\">\(h(expires))</bdi>"
                }
                if let file = item.file { out += " · <bdi dir=\"ltr\" class=\"file\">\(h(file))</bdi>" }
                out += "</li>\n"
            }
            out += "</ul>\n"
        } else if requirement.applicable {
            out += "<p class=\"empty\">\(h(label("annex_no_evidence")))</p>\n"
        }
        return out + "</article>\n"
    }

    /// Markdown: a heading per checklist and clause, the commentary as a quote, and a short list per
    /// requirement.
    var markdown: String {
        func m(_ text: String) -> String { MarkdownText.escape(text) }
        var out = ""
        for checklist in checklists {
            out += "\n### \(m(checklist.standard)): \(m(checklist.title))\n"
            for clause in checklist.clauses {
                out += "\n#### \(m(clause.id)) \(m(clause.title))\n"
                for commentary in clause.commentary {
                    out += "\n> **\(m(label("clause_commentary"))):**\n"
                    for paragraph in commentary.paragraphs { out += ">\n> \(m(paragraph))\n" }
                }
                for requirement in clause.requirements { out += markdown(requirement) }
            }
        }
        return out
    }

    private func markdown(_ requirement: ReportView.AnnexRequirement) -> String {
        func m(_ text: String) -> String { MarkdownText.escape(text) }
        var out = "\n**\(m(requirement.id))** · \(m(requirement.grade)) · \(m(requirement.question))\n\n"
        if requirement.applicable {
            let figures = [
                ("claimed", requirement.claimed), ("effective", requirement.effective),
                ("target", requirement.target), ("gap", requirement.gap), ("criticality", requirement.criticality),
            ]
            out += "- " + figures.map { "\(m(label($0.0))): \(m($0.1))" }.joined(separator: " · ") + "\n"
        }
        if let justification = requirement.justification {
            out += "- \(m(label("justification"))): \(m(justification))\n"
        }
        if let reason = requirement.reason { out += "- \(m(label("unsupported_reason"))): \(m(reason))\n" }
        if let notes = requirement.notes { out += "- \(m(label("notes"))): \(m(notes))\n" }
        if !requirement.evidence.isEmpty {
            out += "- \(m(label("annex_evidence"))):\n"
            for item in requirement.evidence {
                let status = item.isValid ? m(item.status) : "**\(m(item.status))**"
                out += "  - \(status) · \(m(item.type)): \(m(item.ref))"
                if item.measured { out += " \(m(label("evidence_measured")))" }
                if let date = item.date { out += " · \(m(date))" }
                if let expires = item.expires { out += " · \(m(label("evidence_expires"))) \(m(expires))" }
                if let file = item.file { out += " · \(m(file))" }
                out += "\n"
            }
        } else if requirement.applicable {
            out += "- \(m(label("annex_no_evidence")))\n"
        }
        return out
    }
}
