public import IsogapModel
import IsogapYAML

/// A checklist written in isogap's checklist format (SPEC §4), every text quoted so that it reads
/// back unchanged. Used for checklists made from other formats (`isogap import ciso-assistant`).
public enum ChecklistYAMLWriter {
    /// The checklist file, after the comment lines `header`.
    public static func yaml(_ checklist: Checklist, header: [String] = []) -> String {
        var out = YAMLLines()
        for line in header { out.comment(line) }
        out.raw("isogap", "1")
        out.raw("kind", "checklist")
        out.scalar("id", checklist.id)
        out.scalar("standard", checklist.standard)
        if checklist.nature != .requirements { out.raw("nature", checklist.nature.rawValue) }
        text(&out, "title", checklist.title)
        out.scalar("version", checklist.version)
        out.open("scale")
        for level in checklist.scale {
            out.item()
            out.raw("level", String(level.level))
            text(&out, "label", level.label)
            if let description = level.description { text(&out, "description", description) }
            out.raw("min_evidence", String(level.minEvidence))
            out.raw("expected_type", level.expectedType ? "true" : "false")
            if !level.evidenceTypes.isEmpty {
                out.raw("evidence_types", "[" + level.evidenceTypes.map(\.rawValue).joined(separator: ", ") + "]")
            }
            out.close()
        }
        out.close()
        if !checklist.roles.isEmpty {
            out.open("roles")
            for role in checklist.roles {
                out.item()
                out.scalar("id", role.id)
                text(&out, "name", role.name)
                out.close()
            }
            out.close()
        }
        out.open("clauses")
        for clause in checklist.clauses { write(clause, to: &out) }
        out.close()
        return out.text
    }

    private static func write(_ clause: Clause, to out: inout YAMLLines) {
        out.item()
        out.scalar("id", clause.id)
        text(&out, "title", clause.title)
        if !clause.requirements.isEmpty {
            out.open("requirements")
            for requirement in clause.requirements { write(requirement, to: &out) }
            out.close()
        }
        if !clause.clauses.isEmpty {
            out.open("clauses")
            for child in clause.clauses { write(child, to: &out) }
            out.close()
        }
        out.close()
    }

    private static func write(_ requirement: Requirement, to out: inout YAMLLines) {
        out.item()
        out.scalar("id", requirement.id)
        text(&out, "text", requirement.text)
        if let guidance = requirement.guidance { text(&out, "guidance", guidance) }
        if !requirement.evidence.isEmpty {
            out.raw("evidence", "[" + requirement.evidence.map(\.rawValue).joined(separator: ", ") + "]")
        }
        out.raw("weight", JSONValue.format(requirement.weight))
        out.raw("criticality", requirement.criticality.rawValue)
        if !requirement.maps.isEmpty {
            out.raw(
                "maps", "[" + requirement.maps.map { YAMLText.quoted($0.description) }.joined(separator: ", ") + "]")
        }
        if !requirement.tasks.isEmpty {
            out.open("tasks")
            for task in requirement.tasks {
                out.item()
                out.scalar("id", task.id)
                text(&out, "title", task.title)
                out.scalar("role", task.role)
                out.raw("effort_days", JSONValue.format(task.effortDays))
                out.scalar("phase", task.phase)
                if !task.after.isEmpty {
                    out.raw("after", "[" + task.after.map(YAMLText.quoted).joined(separator: ", ") + "]")
                }
                out.close()
            }
            out.close()
        }
        out.close()
    }

    /// Localized text: a quoted string when it is English only, else one line per language.
    private static func text(_ out: inout YAMLLines, _ key: String, _ value: LocalizedText) {
        guard value.languages != ["en"] else { return out.scalar(key, value.english) }
        out.open(key)
        for (language, text) in value.translations { out.scalar(language, text) }
        out.close()
    }
}
