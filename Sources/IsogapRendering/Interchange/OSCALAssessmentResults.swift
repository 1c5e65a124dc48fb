public import IsogapModel

/// A workspace's assessment as an OSCAL 1.1.2 assessment-results document (SPEC §16).
///
/// One result for the assessment; one observation per evidence item; one finding per assessed
/// requirement, whose target is an objective id made from the checklist and requirement ids and
/// whose state is `satisfied` when the gap is 0; one risk per gap. Every UUID is name-based
/// (``NameBasedUUID``) on the workspace's identity and the item's key, so the same workspace
/// always gives the same document.
public enum OSCALAssessmentResults {
    /// The document for `input` (its manifest, scores and language).
    public static func document(_ input: ReportInput) -> JSONValue {
        let manifest = input.manifest
        let base = subjectKey(manifest)
        var tokens = TokenRegistry()
        var observations: [JSONValue] = []
        var findings: [JSONValue] = []
        var risks: [JSONValue] = []
        for requirement in input.score.requirements {
            let key = requirement.key
            var observationUUIDs: [String] = []
            for (index, scored) in requirement.evidence.enumerated() where requirement.applicable {
                let uuid = NameBasedUUID("\(base)|observation|\(key)|\(index)").description
                observationUUIDs.append(uuid)
                observations.append(observation(scored, uuid: uuid, requirement: requirement, input: input))
            }
            guard requirement.isAssessed, let gap = requirement.gap, let effective = requirement.effective else {
                continue
            }
            var riskUUID: String?
            if gap > 0 {
                let uuid = NameBasedUUID("\(base)|risk|\(key)").description
                riskUUID = uuid
                risks.append(risk(requirement, uuid: uuid, gap: gap, effective: effective, input: input))
            }
            let objective = tokens.unique(
                OSCAL.token(requirement.checklist) + "_" + OSCAL.token(requirement.requirement.id))
            findings.append(
                finding(
                    requirement, uuid: NameBasedUUID("\(base)|finding|\(key)").description, objective: objective,
                    observations: observationUUIDs, risk: riskUUID, input: input))
        }
        var result: [(String, JSONValue)] = [
            ("uuid", .string(NameBasedUUID("\(base)|result").description)),
            ("title", .string("Gap assessment of \(manifest.organization)")),
            ("description", .string(resultDescription(input))),
            ("start", OSCAL.timestamp(manifest.assessmentDate)),
            ("props", .array(resultProps(input))),
            ("reviewed-controls", .object([("control-selections", .array([.object([("include-all", .object([]))])]))])),
        ]
        if !observations.isEmpty { result.append(("observations", .array(observations))) }
        if !risks.isEmpty { result.append(("risks", .array(risks))) }
        if !findings.isEmpty { result.append(("findings", .array(findings))) }
        return OSCAL.document(
            root: "assessment-results",
            body: [
                ("metadata", metadata(input, base: base)),
                ("import-ap", .object([("href", .string("#"))])),
                ("results", .array([.object(result)])),
            ])
    }

    /// What identifies the assessment across revisions of the workspace: organisation, site and
    /// assessment date (the English forms, so every language's export names the same subject).
    static func subjectKey(_ manifest: WorkspaceManifest) -> String {
        let (organization, site) = (manifest.texts.organization.english, manifest.texts.site?.english ?? "")
        return "isogap|\(organization)|\(site)|\(manifest.assessmentDate)"
    }

    /// Title, dates, version, the organisation assessed and the assessors.
    static func metadata(_ input: ReportInput, base: String) -> JSONValue {
        let manifest = input.manifest
        var title = "Gap assessment of \(manifest.organization)"
        if let site = manifest.site, !site.isEmpty { title += " (\(site))" }
        let organization = NameBasedUUID("\(base)|party|organization").description
        var parties: [JSONValue] = [
            .object([
                ("uuid", .string(organization)), ("type", .string("organization")),
                ("name", .string(manifest.organization)),
            ])
        ]
        var assessorUUIDs: [JSONValue] = []
        for (index, assessor) in manifest.assessors.enumerated() {
            let uuid = NameBasedUUID("\(base)|party|assessor|\(index)|\(assessor.name)").description
            assessorUUIDs.append(.string(uuid))
            var party: [(String, JSONValue)] = [
                ("uuid", .string(uuid)), ("type", .string("person")), ("name", .string(assessor.name)),
            ]
            if let role = assessor.role, !role.isEmpty { party.append(("props", .array([OSCAL.prop("role", role)]))) }
            parties.append(.object(party))
        }
        var roles: [JSONValue] = [.object([("id", .string("prepared-for")), ("title", .string("Prepared for"))])]
        var responsible: [JSONValue] = [
            .object([("role-id", .string("prepared-for")), ("party-uuids", .array([.string(organization)]))])
        ]
        if !assessorUUIDs.isEmpty {
            roles.append(.object([("id", .string("assessor")), ("title", .string("Assessor"))]))
            responsible.append(.object([("role-id", .string("assessor")), ("party-uuids", .array(assessorUUIDs))]))
        }
        return OSCAL.metadata(
            title: title, date: manifest.assessmentDate, version: manifest.assessmentDate.description,
            props: [OSCAL.prop("generator", "isogap")],
            extra: [
                ("roles", .array(roles)), ("parties", .array(parties)), ("responsible-parties", .array(responsible)),
            ])
    }

    static func resultDescription(_ input: ReportInput) -> String {
        let manifest = input.manifest
        let standards = input.score.checklists.map(\.checklist.standard).joined(separator: ", ")
        var text = "Self-assessment against \(standards)"
        if !manifest.scope.isEmpty { text += ". Scope: \(manifest.scope)" }
        return text
    }

    static func resultProps(_ input: ReportInput) -> [JSONValue] {
        var props: [JSONValue] = []
        let combined = input.score.combined
        if let percent = combined.percent {
            props.append(OSCAL.prop("combined-percent", JSONValue.format(Rounding.percent(percent))))
        }
        if let completeness = combined.completeness {
            props.append(OSCAL.prop("completeness", JSONValue.format(Rounding.completeness(completeness))))
        }
        for checklist in input.score.checklists {
            props.append(OSCAL.prop("checklist", checklist.checklist.id))
        }
        return props
    }

    /// The OSCAL method for an evidence type: documents and records are examined, interviews are
    /// interviews, observations of the practice are tests.
    public static func method(_ type: EvidenceType) -> String {
        switch type {
        case .document, .record: "EXAMINE"
        case .interview: "INTERVIEW"
        case .observation: "TEST"
        }
    }

    static func observation(
        _ scored: ScoredEvidence, uuid: String, requirement: RequirementScore, input: ReportInput
    ) -> JSONValue {
        let item = scored.item
        var props = [
            OSCAL.prop("evidence-type", item.type.rawValue),
            OSCAL.prop("evidence-status", scored.status.rawValue),
            OSCAL.prop("requirement", requirement.key),
        ]
        if let sha = item.sha256 { props.append(OSCAL.prop("sha256", sha)) }
        var evidence: [(String, JSONValue)] = []
        if let file = item.file { evidence.append(("href", .string(uriReference(file)))) }
        evidence.append(("description", .string(item.ref)))
        var members: [(String, JSONValue)] = [
            ("uuid", .string(uuid)),
            ("title", .string("\(item.type.rawValue): \(item.ref)")),
            ("description", .string(item.ref)),
            ("props", .array(props)),
            ("methods", .array([.string(method(item.type))])),
            ("relevant-evidence", .array([.object(evidence)])),
            ("collected", OSCAL.timestamp(item.date ?? input.manifest.assessmentDate)),
        ]
        if let expires = item.expires { members.append(("expires", OSCAL.timestamp(expires))) }
        return .object(members)
    }

    static func risk(_ requirement: RequirementScore, uuid: String, gap: Int, effective: Int, input: ReportInput)
        -> JSONValue
    {
        var props = [OSCAL.prop("gap", String(gap))]
        if let priority = requirement.priority {
            props.append(OSCAL.prop("priority", JSONValue.format(Rounding.priority(priority))))
        }
        if let grade = requirement.grade { props.append(OSCAL.prop("grade", grade.rawValue)) }
        props.append(OSCAL.prop("criticality", requirement.requirement.criticality.rawValue))
        var statement =
            "Supported level \(effective) of \(requirement.maxLevel) against a target of \(requirement.target)"
        statement += ": a gap of \(gap)"
        if let grade = requirement.grade { statement += ", graded \(grade.rawValue)" }
        if let priority = requirement.priority {
            statement += ", priority \(JSONValue.format(Rounding.priority(priority)))"
        }
        return .object([
            ("uuid", .string(uuid)),
            ("title", .string("Gap on \(requirement.key)")),
            ("description", .string(input.text(requirement.requirement.text))),
            ("statement", .string(statement + ".")),
            ("props", .array(props)),
            ("status", .string("open")),
        ])
    }

    static func finding(
        _ requirement: RequirementScore, uuid: String, objective: String, observations: [String], risk: String?,
        input: ReportInput
    ) -> JSONValue {
        var props = [
            OSCAL.prop("checklist", requirement.checklist), OSCAL.prop("requirement", requirement.requirement.id),
        ]
        if let claimed = requirement.claimed { props.append(OSCAL.prop("claimed-level", String(claimed))) }
        if let effective = requirement.effective { props.append(OSCAL.prop("supported-level", String(effective))) }
        props.append(OSCAL.prop("target-level", String(requirement.target)))
        if let gap = requirement.gap { props.append(OSCAL.prop("gap", String(gap))) }
        if let grade = requirement.grade { props.append(OSCAL.prop("grade", grade.rawValue)) }
        let state = requirement.gap == 0 ? "satisfied" : "not-satisfied"
        var members: [(String, JSONValue)] = [
            ("uuid", .string(uuid)),
            ("title", .string("\(requirement.checklist) \(requirement.requirement.id)")),
            ("description", .string(input.text(requirement.requirement.text))),
            ("props", .array(props)),
            (
                "target",
                .object([
                    ("type", .string("objective-id")), ("target-id", .string(objective)),
                    ("status", .object([("state", .string(state))])),
                ])
            ),
        ]
        if !observations.isEmpty {
            members.append(
                ("related-observations", .array(observations.map { .object([("observation-uuid", .string($0))]) })))
        }
        if let risk { members.append(("related-risks", .array([.object([("risk-uuid", .string(risk))])]))) }
        if let notes = requirement.response?.notes, !notes.isEmpty { members.append(("remarks", .string(notes))) }
        return .object(members)
    }

    /// A workspace-relative file path as a URI reference: every byte outside the unreserved
    /// characters and `/` is percent-encoded.
    static func uriReference(_ path: String) -> String {
        var result = ""
        for byte in path.utf8 {
            let scalar = Unicode.Scalar(byte)
            if ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || "-._~/".unicodeScalars.contains(scalar)
            {
                result.unicodeScalars.append(scalar)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (byte < 16 ? "0" : "") + hex
            }
        }
        return result
    }
}
