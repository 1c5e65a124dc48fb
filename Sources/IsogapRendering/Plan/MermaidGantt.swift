internal import IsogapModel

/// The lines of a Mermaid `gantt` block (GitHub and most Markdown viewers draw it).
///
/// Tasks are numbered as in the plan's task table; that number starts each bar's label, which
/// also keeps a title from starting with one of Mermaid's keywords (`title`, `section`,
/// `excludes`, …). Every bar has explicit first and last dates, so Mermaid computes nothing:
/// it draws what the planner scheduled. Mermaid ends a bar at the start of its end date, so the
/// end written is the day after the task's last working day.
enum MermaidGantt {
    /// `numbers` gives each task key its number in the task table.
    static func lines(_ input: PlanInput, numbers: [String: Int]) -> [String] {
        let plan = input.plan
        var lines = [
            "gantt",
            "    title \(sanitized(input.label("plan_title") + " - " + input.manifest.organization, limit: 100))",
            "    dateFormat YYYY-MM-DD",
            "    axisFormat %Y-%m-%d",
            "    todayMarker off",
        ]
        for (index, phase) in plan.phases.enumerated() {
            let tasks = plan.tasks.filter { $0.phase == phase.id }
            guard let finish = phase.finish, !tasks.isEmpty else { continue }
            lines.append("    section \(sanitized(input.text(phase.title), limit: 60))")
            for task in tasks {
                let number = numbers[task.key] ?? 0
                let tags = task.critical ? "crit, " : ""
                lines.append(
                    "    \(number). \(sanitized(input.title(of: task), limit: 60)) :\(tags)t\(number), \(task.start), \(task.finish.adding(days: 1))"
                )
            }
            let milestone = input.label("milestone_end_of", [("phase", input.text(phase.title))])
            lines.append("    \(sanitized(milestone, limit: 70)) :milestone, m\(index + 1), \(finish), 0d")
        }
        return lines
    }

    /// Text that cannot break a Mermaid line in any Mermaid version GitHub has used: no `:` (it
    /// starts a bar's data), `#` (an entity or, in older versions, a comment), `;` (a statement
    /// end), parentheses (older versions reject them in a bar's label), `%` (`%%` starts a
    /// comment) or backtick (it could close the code fence); no angle brackets; one line; at most
    /// `limit` characters.
    static func sanitized(_ text: String, limit: Int) -> String {
        // Unicode scalars, not characters: `:` followed by a combining mark is one character.
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case ":": result += " -"
            case "#": result += "No."
            case ";": result += ","
            case "(": result += "["
            case ")": result += "]"
            case "%": result += "\u{FF05}"
            case "`": result += "'"
            case "<": result += "‹"
            case ">": result += "›"
            case "\n", "\r", "\t", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}": result += " "
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                result += " "
            default: result.unicodeScalars.append(scalar)
            }
        }
        let words = result.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        return words.count <= limit ? words : String(words.prefix(limit - 1)) + "…"
    }
}
