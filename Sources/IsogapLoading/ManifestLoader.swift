internal import IsogapDiagnostics
public import IsogapModel
internal import IsogapYAML

/// Reads the workspace manifest (`isogap.yaml`, `kind: workspace`).
public enum ManifestLoader {
    /// Keys of the mappings read once per item, prepared once.
    static let assessorKeys: YAMLKeyNames = ["name", "role"]
    static let surveyWaveKeys: YAMLKeyNames = ["file", "wave", "invited"]
    static let notApplicableKeys: YAMLKeyNames = ["checklist", "requirements", "clauses", "justification"]
    static let holidayKeys: YAMLKeyNames = ["date", "name"]

    static let keys: YAMLKeyNames = [
        "isogap", "kind", "organization", "site", "scope", "language", "assessment_date", "assessors",
        "target_level", "checklists", "evidence_max_age_days", "plan", "measures", "baseline",
        "size", "not_applicable",
    ]

    public static func load(_ bytes: some Collection<UInt8>, file: String) -> Loaded<WorkspaceManifest> {
        load(ParsedDocument(bytes, file: file))
    }

    /// Loads a document already parsed, without parsing it again.
    public static func load(_ document: ParsedDocument) -> Loaded<WorkspaceManifest> {
        DocumentLoading.load(document, kind: .workspace) { decoder, root -> WorkspaceManifest in
            let placeholderDate = CalendarDate(dayNumber: 0)
            guard
                let fields = decoder.fields(
                    root, allowed: keys,
                    required: ["organization", "scope", "assessment_date", "target_level", "checklists"],
                    what: "the workspace manifest")
            else {
                return WorkspaceManifest(
                    organization: "", scope: "", assessmentDate: placeholderDate, targetLevel: 0, checklists: [])
            }
            let assessors = decoder.items(fields, "assessors") { decoder, node -> WorkspaceManifest.Assessor? in
                guard
                    let assessor = decoder.fields(
                        node, allowed: assessorKeys, required: ["name"], what: "an assessor")
                else { return nil }
                return WorkspaceManifest.Assessor(
                    name: decoder.required(assessor, "name") { $0.nonEmptyString($1, $2) } ?? "",
                    roleText: decoder.optional(assessor, "role") { $0.localizedText($1, $2) })
            }
            let organization = decoder.required(fields, "organization") { nonEmptyText(&$0, $1, $2) }
            let site = decoder.optional(fields, "site") { $0.localizedText($1, $2) }
            let scope = decoder.required(fields, "scope") { nonEmptyText(&$0, $1, $2) }
            var manifest = WorkspaceManifest(
                organization: organization?.english ?? "",
                site: site?.english,
                scope: scope?.english ?? "",
                language: decoder.optional(fields, "language") { $0.choice($1, $2, as: ReportLanguage.self) } ?? .en,
                assessmentDate: decoder.required(fields, "assessment_date") { $0.date($1, $2) } ?? placeholderDate,
                assessors: assessors.compactMap { $0 },
                targetLevel: decoder.required(fields, "target_level") { $0.integer($1, $2) } ?? 0,
                checklists: decodeChecklists(fields, &decoder),
                evidenceMaxAgeDays: decoder.optional(fields, "evidence_max_age_days") { $0.integer($1, $2) },
                plan: decoder.optional(fields, "plan") { decoder, node, _ in decodePlan(node, &decoder) }
                    ?? PlanSettings())
            manifest.measures = decoder.optional(fields, "measures") { decoder, node, _ in
                decodeMeasures(node, &decoder)
            }
            manifest.size =
                decoder.optional(fields, "size") { decoder, node, _ in decodeSize(node, &decoder) }
                ?? OrganisationSize()
            manifest.notApplicable = decoder.items(fields, "not_applicable") { decoder, node in
                decodeNotApplicable(node, &decoder)
            }.map { $0 ?? NotApplicableGroup(checklist: "", justification: LocalizedText("-")) }
            manifest.baseline = decoder.optional(fields, "baseline") { workspacePath(&$0, $1, $2) }
            manifest.texts = WorkspaceManifest.Texts(
                organization: organization ?? LocalizedText(""), site: site, scope: scope ?? LocalizedText(""))
            warnMissingTranslations(manifest, fields, &decoder)
            return manifest
        }
    }

    /// Localized text whose English form is not empty.
    private static func nonEmptyText(_ decoder: inout NodeDecoder, _ node: YAMLNode, _ key: String) -> LocalizedText? {
        guard let text = decoder.localizedText(node, key) else { return nil }
        guard !text.english.allSatisfy(\.isWhitespace) else {
            decoder.error("'\(key)' must not be empty", at: node)
            return nil
        }
        return text
    }

    /// A warning for every manifest text that lacks a language another of its texts, or the
    /// manifest's `language`, uses: reports in that language fall back to English there.
    private static func warnMissingTranslations(
        _ manifest: WorkspaceManifest, _ fields: Fields, _ decoder: inout NodeDecoder
    ) {
        var texts: [(LocalizedText, YAMLNode)] = []
        for key in ["organization", "site", "scope"] {
            let text =
                key == "organization"
                ? manifest.texts.organization : key == "site" ? manifest.texts.site : manifest.texts.scope
            if let text, let node = fields[key] { texts.append((text, node)) }
        }
        if let list = fields["assessors"]?.sequence {
            for (assessor, node) in zip(manifest.assessors, list) {
                if let text = assessor.roleText,
                    let roleNode = node.mapping?.first(where: { $0.key.scalar?.value == "role" })?.value
                {
                    texts.append((text, roleNode))
                }
            }
        }
        var used = manifest.language == .en ? [] : [manifest.language.rawValue]
        for (text, _) in texts {
            for language in text.languages where !used.contains(language) { used.append(language) }
        }
        for (text, node) in texts {
            for language in used where text[language] == nil {
                decoder.warning("no '\(language)' translation; the English text will be used", at: node)
            }
        }
    }

    /// A path that must stay inside the workspace.
    private static func workspacePath(_ decoder: inout NodeDecoder, _ node: YAMLNode, _ key: String) -> String? {
        guard let text = decoder.nonEmptyString(node, key) else { return nil }
        if let problem = WorkspacePath.problem(with: text) {
            decoder.error("'\(key)' \(problem)", at: node)
            return nil
        }
        return text
    }

    /// The `measures:` settings; every path must stay inside the workspace.
    private static func decodeMeasures(_ node: YAMLNode, _ decoder: inout NodeDecoder) -> MeasureSettings? {
        guard
            let fields = decoder.fields(
                node, allowed: ["complaints", "surveys", "volumes", "kpis", "period"], what: "the measures settings")
        else { return nil }
        let surveys = decoder.items(fields, "surveys") { decoder, node -> MeasureSettings.Survey? in
            guard
                let survey = decoder.fields(
                    node, allowed: surveyWaveKeys, required: ["file", "wave"], what: "a survey wave")
            else { return nil }
            let file = decoder.required(survey, "file") { workspacePath(&$0, $1, $2) }
            let invited = decoder.optional(survey, "invited") { $0.integer($1, $2) }
            if let invited, invited < 1, let node = survey["invited"] {
                decoder.error("'invited' must be 1 or more", at: node)
            }
            guard let file, let wave = decoder.required(survey, "wave", { $0.nonEmptyString($1, $2) }) else {
                return nil
            }
            return MeasureSettings.Survey(file: file, wave: wave, invited: invited)
        }
        return MeasureSettings(
            complaints: decoder.optional(fields, "complaints") { workspacePath(&$0, $1, $2) },
            surveys: surveys.compactMap { $0 },
            volumes: decoder.optional(fields, "volumes") { workspacePath(&$0, $1, $2) },
            kpis: decoder.optional(fields, "kpis") { workspacePath(&$0, $1, $2) },
            period: decoder.optional(fields, "period") { $0.choice($1, $2, as: MeasurePeriod.self) } ?? .quarter)
    }

    /// The `checklists` list, which must name at least one checklist when it is present.
    private static func decodeChecklists(_ fields: Fields, _ decoder: inout NodeDecoder) -> [String] {
        if let node = fields["checklists"], node.sequence?.isEmpty == true || node.isNull {
            decoder.error("'checklists' must name at least one checklist", at: node)
        }
        return decoder.items(fields, "checklists") { $0.nonEmptyString($1, "checklists") }.map { $0 ?? "" }
    }

    /// One `not_applicable:` group: `{checklist, requirements, clauses, justification}`.
    private static func decodeNotApplicable(_ node: YAMLNode, _ decoder: inout NodeDecoder) -> NotApplicableGroup? {
        guard
            let fields = decoder.fields(
                node, allowed: notApplicableKeys,
                required: ["checklist", "justification"], what: "a not-applicable group")
        else { return nil }
        return NotApplicableGroup(
            checklist: decoder.required(fields, "checklist") { $0.nonEmptyString($1, $2) } ?? "",
            requirements: decoder.items(fields, "requirements") { $0.nonEmptyString($1, "requirements") }.map {
                $0 ?? ""
            },
            clauses: decoder.items(fields, "clauses") { $0.nonEmptyString($1, "clauses") }.map { $0 ?? "" },
            justification: decoder.required(fields, "justification") { $0.localizedText($1, $2) }
                ?? LocalizedText("-"))
    }

    /// `size: {sites: N, staff: N}`, both optional.
    private static func decodeSize(_ node: YAMLNode, _ decoder: inout NodeDecoder) -> OrganisationSize? {
        guard let fields = decoder.fields(node, allowed: ["sites", "staff"], what: "the organisation size")
        else { return nil }
        return OrganisationSize(
            sites: decoder.optional(fields, "sites") { $0.integer($1, $2) },
            staff: decoder.optional(fields, "staff") { $0.integer($1, $2) })
    }

    private static func decodePlan(_ node: YAMLNode, _ decoder: inout NodeDecoder) -> PlanSettings? {
        guard
            let fields = decoder.fields(
                node, allowed: ["start", "weekend", "holidays", "capacity", "phase_gates"], what: "the plan settings")
        else { return nil }
        var capacity: [(role: String, people: Int)] = []
        if let node = fields["capacity"], !node.isNull {
            if let pairs = node.mapping {
                for pair in pairs {
                    guard let role = pair.key.scalar?.value,
                        let people = decoder.integer(pair.value, "capacity of \(role)")
                    else { continue }
                    capacity.append((role, people))
                }
            } else {
                decoder.error(
                    "'capacity' must map role ids to numbers of people, such as {quality-manager: 2}", at: node)
            }
        }
        let weekend = decoder.optional(fields, "weekend") { decoder, node, key in
            decoder.list(node, key)?.compactMap { decoder.choice($0, "weekend day", as: Weekday.self) }
        }
        // A holiday is a date or {date, name}.
        let holidays = decoder.items(fields, "holidays") { decoder, node -> (CalendarDate, LocalizedText?)? in
            guard node.mapping != nil else { return decoder.date(node, "holiday").map { ($0, nil) } }
            guard
                let holiday = decoder.fields(node, allowed: holidayKeys, required: ["date"], what: "a holiday")
            else { return nil }
            let name = decoder.optional(holiday, "name") { $0.localizedText($1, $2) }
            return decoder.required(holiday, "date") { $0.date($1, $2) }.map { ($0, name) }
        }.compactMap { $0 }
        var settings = PlanSettings(
            start: decoder.optional(fields, "start") { $0.date($1, $2) },
            weekend: weekend ?? [.sat, .sun],
            holidays: holidays.map(\.0),
            capacity: capacity,
            phaseGates: decoder.optional(fields, "phase_gates") { $0.bool($1, $2) } ?? true)
        settings.holidayNames = holidays.compactMap { date, name in name.map { (date, $0) } }
        return settings
    }
}
