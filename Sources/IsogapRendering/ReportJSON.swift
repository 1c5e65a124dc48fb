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
                    ("assessed", .integer(score.combined.assessed)),
                    ("applicable", .integer(score.combined.applicable)),
                    ("requirements_total", .integer(score.combined.total)),
                ])
            ),
            ("checklists", .array(score.checklists.map { checklist($0, input) })),
            ("gaps", .array(score.gaps.map(gap))),
        ]
        if let actions = input.actions { members.append(("actions", ActionReport.json(actions))) }
        return .object(members)
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
            ("grades", .object(Grade.allCases.map { ($0.rawValue, .integer(counts[$0] ?? 0)) })),
            ("clauses", .array(score.clauses.map { clause($0, input) })),
            ("requirements", .array(score.requirements.map(requirement))),
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

    static func requirement(_ score: RequirementScore) -> JSONValue {
        .object([
            ("id", .string(score.requirement.id)),
            ("clause", .string(score.clausePath.last)),
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
            ("evidence_total", .integer(score.response?.evidence.count ?? 0)),
            ("evidence_valid", .integer(score.validEvidence)),
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
