internal import IsogapModel

/// The JSON report: the field names of SPEC §9 are a contract that other tools read.
public enum ReportJSON {
    public static func document(_ input: ReportInput) -> JSONValue {
        let score = input.score
        var members: [(String, JSONValue)] = [
            ("isogap", .number(1)),
            ("organization", .string(input.manifest.organization)),
        ]
        if let site = input.manifest.site { members.append(("site", .string(site))) }
        members += [
            ("scope", .string(input.manifest.scope)),
            ("language", .string(input.language.rawValue)),
            ("assessment_date", .string(input.manifest.assessmentDate.description)),
            ("as_of", .string(input.asOf.description)),
            (
                "assessors",
                .array(
                    input.manifest.assessors.map { .object([("name", .string($0.name)), ("role", .string($0.role))]) })
            ),
            ("target_level", .integer(input.manifest.targetLevel)),
            (
                "combined",
                .object([
                    ("percent", .number(score.combined.percent.map(Rounding.percent))),
                    ("completeness", .number(score.combined.completeness.map(Rounding.completeness))),
                    ("provisional", .bool(score.combined.isProvisional)),
                    ("assessed", .integer(score.combined.assessed)),
                    ("applicable", .integer(score.combined.applicable)),
                    ("requirements_total", .integer(score.combined.total)),
                ])
            ),
            ("checklists", .array(score.checklists.map { checklist($0, input) })),
            ("gaps", .array(score.gaps.map(gap))),
            ("not_borne_out", .array(input.notBorneOut.map { notBorneOut($0, input) })),
            ("measured_indicators", MeasuredIndicators.json(input)),
        ]
        if let actions = input.actions { members.append(("actions", ActionReport.json(actions))) }
        if let plan = input.planInput { members.append(("plan", PlanJSON.object(plan))) }
        if let baseline = input.baseline { members.append(("baseline", CompareJSON.document(baseline))) }
        members.append(("narrative", input.narrative.map { narrative($0, input) } ?? .null))
        members.append(("signoffs", .array(input.signoffs.map(signoff))))
        return .object(members)
    }

    /// The assessor's narrative (SPEC §11) in the report's language.
    static func narrative(_ narrative: Narrative, _ input: ReportInput) -> JSONValue {
        let document = narrative.document.map { control -> JSONValue in
            .object([
                ("title", .string(control.title.map { input.text($0) })),
                ("reference", .string(control.reference)),
                ("version", .string(control.version)),
                ("status", .string(control.status?.rawValue)),
                ("distribution", .array(control.distribution.map { .string(input.text($0)) })),
            ])
        }
        return .object([
            ("document", document ?? .null),
            ("summary", .string(narrative.summary.map { input.text($0) })),
            ("method", .string(narrative.method.map { input.text($0) })),
            ("strengths", .array(narrative.strengths.map { .string(input.text($0)) })),
            ("recommendations", .array(narrative.recommendations.map { .string(input.text($0)) })),
            (
                "clauses",
                .array(
                    narrative.clauses.map {
                        .object([
                            ("checklist", .string($0.checklist)), ("clause", .string($0.clause)),
                            ("text", .string(input.text($0.text))),
                        ])
                    })
            ),
        ])
    }

    /// One approval with whether it still matches the workspace (SPEC §15).
    static func signoff(_ status: SignoffStatus) -> JSONValue {
        .object([
            ("by", .string(status.signoff.by)),
            ("role", .string(status.signoff.role)),
            ("decision", .string(status.signoff.decision.rawValue)),
            ("date", .string(status.signoff.date.description)),
            ("note", .string(status.signoff.note)),
            ("digest", .string(status.signoff.digest)),
            ("current", .bool(status.isCurrent)),
        ])
    }

    static func checklist(_ score: ChecklistScore, _ input: ReportInput) -> JSONValue {
        let counts = score.gradeCounts
        return .object([
            ("id", .string(score.checklist.id)),
            ("standard", .string(score.checklist.standard)),
            ("title", .string(input.text(score.checklist.title))),
            ("version", .string(score.checklist.version)),
            ("max_level", .integer(score.checklist.maxLevel)),
            ("level", .number(score.aggregate.level.map(Rounding.level))),
            ("percent", .number(score.aggregate.percent.map(Rounding.percent))),
            ("assessed", .integer(score.aggregate.assessed)),
            ("applicable", .integer(score.aggregate.applicable)),
            ("requirements_total", .integer(score.aggregate.total)),
            ("completeness", .number(score.aggregate.completeness.map(Rounding.completeness))),
            ("provisional", .bool(score.aggregate.isProvisional)),
            ("nature", .string(score.checklist.nature.rawValue)),
            ("grades", .object(Grade.allCases.map { ($0.rawValue, .integer(counts[$0] ?? 0)) })),
            ("clauses", .array(score.clauses.map { clause($0, input) })),
            ("requirements", .array(score.requirements.map { requirement($0, input) })),
        ])
    }

    static func clause(_ score: ClauseScore, _ input: ReportInput) -> JSONValue {
        .object([
            ("id", .string(score.clause.id)),
            ("title", .string(input.text(score.clause.title))),
            ("level", .number(score.aggregate.level.map(Rounding.level))),
            ("percent", .number(score.aggregate.percent.map(Rounding.percent))),
            ("assessed", .integer(score.aggregate.assessed)),
            ("applicable", .integer(score.aggregate.applicable)),
            ("clauses", .array(score.children.map { clause($0, input) })),
        ])
    }

    static func requirement(_ score: RequirementScore, _ input: ReportInput) -> JSONValue {
        let measured = input.measured.filter {
            $0.checklist == score.checklist && $0.requirement == score.requirement.id
        }
        return .object([
            ("id", .string(score.requirement.id)),
            ("clause", .string(score.clausePath.last)),
            ("question", .string(input.text(score.requirement.text))),
            ("applicable", .bool(score.applicable)),
            ("claimed", .integer(score.claimed)),
            ("effective", .integer(score.effective)),
            ("evidence_ok", .bool(score.evidenceOK)),
            ("target", .integer(score.target)),
            ("gap", .integer(score.gap)),
            ("weight", .number(score.requirement.weight)),
            ("criticality", .string(score.requirement.criticality.rawValue)),
            ("priority", .number(score.priority.map(Rounding.priority))),
            ("grade", .string(score.grade?.rawValue)),
            ("evidence_total", .integer(score.evidence.count)),
            ("evidence_valid", .integer(score.validEvidence)),
            ("notes", .string(score.response?.notes)),
            ("justification", .string(input.justification(score.response))),
            ("evidence", .array(score.evidence.map(evidence))),
            ("unsupported", score.unsupported.map(unsupported) ?? .null),
            ("measured", .array(measured.map { reading($0.result) })),
        ])
    }

    /// A KPI's reading against a requirement it supports (SPEC §12 `requirements[].measured`).
    static func reading(_ result: KPIResult) -> JSONValue {
        .object([
            ("kpi", .string(result.kpi.id)),
            ("period", .string(result.period)),
            ("value", .number(result.value)),
            ("target", .number(result.kpi.target)),
            ("sufficient", .bool(result.sufficient)),
            ("met", result.met.map { .bool($0) } ?? .null),
            ("n", .integer(result.n)),
        ])
    }

    /// A KPI that misses its target on a requirement claimed at level 3 or more.
    static func notBorneOut(_ reading: MeasuredEvidence.Reading, _ input: ReportInput) -> JSONValue {
        let claimed = input.score.checklists.first { $0.checklist.id == reading.checklist }?
            .requirements.first { $0.requirement.id == reading.requirement }?.claimed
        return .object([
            ("checklist", .string(reading.checklist)),
            ("requirement", .string(reading.requirement)),
            ("claimed", .integer(claimed)),
            ("kpi", .string(reading.result.kpi.id)),
            ("period", .string(reading.result.period)),
            ("value", .number(reading.result.value)),
            ("target", .number(reading.result.kpi.target)),
        ])
    }

    /// One evidence item with its status (SPEC §6 v2); absent fields are null.
    static func evidence(_ scored: ScoredEvidence) -> JSONValue {
        .object(
            [
                ("type", .string(scored.item.type.rawValue)),
                ("ref", .string(scored.item.ref)),
                ("date", .string(scored.item.date?.description)),
                ("expires", .string(scored.item.expires?.description)),
                ("file", .string(scored.item.file)),
                ("status", .string(scored.status.rawValue)),
            ] + (scored.item.measured ? [("measured", .bool(true))] : []))
    }

    /// Why a claim is not supported: the first unsupported level and the rule it fails.
    static func unsupported(_ claim: UnsupportedClaim) -> JSONValue {
        .object([
            ("level", .integer(claim.level)),
            ("rule", .string(claim.rule.rawValue)),
            ("needed", .integer(claim.needed)),
            ("valid", .integer(claim.valid)),
            ("types", .array(claim.types.map { .string($0.rawValue) })),
        ])
    }

    static func gap(_ score: RequirementScore) -> JSONValue {
        .object([
            ("checklist", .string(score.checklist)),
            ("requirement", .string(score.requirement.id)),
            ("clause", .string(score.clausePath.last)),
            ("effective", .integer(score.effective)),
            ("target", .integer(score.target)),
            ("gap", .integer(score.gap)),
            ("priority", .number(score.priority.map(Rounding.priority))),
            ("grade", .string(score.grade?.rawValue)),
        ])
    }
}
