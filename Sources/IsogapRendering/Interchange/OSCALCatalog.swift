public import IsogapModel

/// A checklist as an OSCAL 1.1.2 catalog (SPEC §16): a group per clause, a control per
/// requirement.
///
/// OSCAL ids are tokens that start with a letter, so a clause `8.3` becomes the group `c8.3` and a
/// requirement `8.3-a` the control `r8.3-a`; the original numbers stay in `label` properties.
/// Each control has a `statement` part (the question), a `guidance` part and, when the requirement
/// lists expected evidence, an `assessment-objective` part. OSCAL has no place for a second
/// language, so the other language's texts (Arabic when the catalog is in English) are parts named
/// `translation` in isogap's namespace, with a `lang` property, next to the part they translate;
/// translated clause titles are such parts of the group.
public enum OSCALCatalog {
    /// The catalog of `checklist` with texts in `language`, dated `date` (OSCAL requires a
    /// last-modified time; a checklist carries none).
    public static func document(_ checklist: Checklist, language: ReportLanguage, date: CalendarDate) -> JSONValue {
        var tokens = TokenRegistry()
        let other = language == .en ? "ar" : "en"
        func text(_ value: LocalizedText) -> String { value.resolved(language.rawValue) }
        func translation(_ value: LocalizedText?, id: String, of what: String) -> JSONValue? {
            guard let value, let translated = value[other], translated != text(value) else { return nil }
            return .object([
                ("id", .string(tokens.unique(id))), ("name", .string("translation")), ("ns", .string(OSCAL.namespace)),
                ("props", .array([OSCAL.prop("lang", other), OSCAL.prop("translates", what)])),
                ("prose", .string(translated)),
            ])
        }
        func label(_ value: String) -> JSONValue {
            .object([("name", .string("label")), ("value", .string(value))])
        }
        func control(_ requirement: Requirement) -> JSONValue {
            let id = tokens.unique("r" + OSCAL.token(requirement.id, prefix: ""))
            var props = [
                label(requirement.id), OSCAL.prop("weight", JSONValue.format(requirement.weight)),
                OSCAL.prop("criticality", requirement.criticality.rawValue),
            ]
            props += requirement.maps.map { OSCAL.prop("maps", $0.description) }
            var parts: [JSONValue] = [
                .object([
                    ("id", .string(tokens.unique(id + "_smt"))), ("name", .string("statement")),
                    ("prose", .string(text(requirement.text))),
                ])
            ]
            if let part = translation(requirement.text, id: id + "_smt_" + other, of: "statement") {
                parts.append(part)
            }
            if let guidance = requirement.guidance {
                parts.append(
                    .object([
                        ("id", .string(tokens.unique(id + "_gdn"))), ("name", .string("guidance")),
                        ("prose", .string(text(guidance))),
                    ]))
                if let part = translation(guidance, id: id + "_gdn_" + other, of: "guidance") { parts.append(part) }
            }
            if !requirement.evidence.isEmpty {
                parts.append(
                    .object([
                        ("id", .string(tokens.unique(id + "_obj"))), ("name", .string("assessment-objective")),
                        (
                            "prose",
                            .string(
                                "Expected evidence: \(requirement.evidence.map(\.rawValue).joined(separator: ", "))."
                            )
                        ),
                    ]))
            }
            return .object([
                ("id", .string(id)), ("title", .string(oneLine(text(requirement.text)))), ("props", .array(props)),
                ("parts", .array(parts)),
            ])
        }
        func group(_ clause: Clause) -> JSONValue {
            let id = tokens.unique("c" + OSCAL.token(clause.id, prefix: ""))
            var members: [(String, JSONValue)] = [
                ("id", .string(id)), ("title", .string(oneLine(text(clause.title)))),
                ("props", .array([label(clause.id)])),
            ]
            if let part = translation(clause.title, id: id + "_title_" + other, of: "title") {
                members.append(("parts", .array([part])))
            }
            if !clause.clauses.isEmpty { members.append(("groups", .array(clause.clauses.map(group)))) }
            if !clause.requirements.isEmpty { members.append(("controls", .array(clause.requirements.map(control)))) }
            return .object(members)
        }
        let groups = checklist.clauses.map(group)
        var props = [OSCAL.prop("checklist", checklist.id), OSCAL.prop("standard", checklist.standard)]
        props += checklist.scale.map { OSCAL.prop("scale-level", "\($0.level): \(text($0.label))") }
        let metadata = OSCAL.metadata(
            title: oneLine(text(checklist.title)), date: date, version: checklist.version, props: props)
        var body: [(String, JSONValue)] = [("metadata", metadata)]
        if !groups.isEmpty { body.append(("groups", .array(groups))) }
        return OSCAL.document(root: "catalog", body: body)
    }

    /// Titles are one line in OSCAL (`markup-line`).
    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}
