internal import IsogapModel

/// The plan as JSON: the `plan` object of SPEC §9 (its field names are a contract), and the
/// document `isogap plan --format json` writes around it.
public enum PlanJSON {
    /// `{"isogap": 1, "organization": …, "assessment_date": …, "as_of": …, "language": …, "plan": {…}}`:
    /// the plan sits at `.plan`, as it does in the JSON report.
    public static func document(_ input: PlanInput) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("isogap", .number(1)),
            ("organization", .string(input.manifest.organization)),
        ]
        if let site = input.manifest.site { members.append(("site", .string(site))) }
        members += [
            ("assessment_date", .string(input.manifest.assessmentDate.description)),
            ("as_of", .string(input.asOf.description)),
            ("language", .string(input.language.rawValue)),
            ("plan", object(input)),
        ]
        return .object(members)
    }

    /// The `plan` object: dates, working days, calendar, phases with milestones, work per role,
    /// and every task.
    public static func object(_ input: PlanInput) -> JSONValue {
        let plan = input.plan
        return .object([
            ("start", .string(plan.start.description)),
            ("finish", .string(plan.finish.description)),
            ("working_days", .integer(plan.workingDays)),
            ("person_days", .number(PlanInput.personDays(plan.personDays))),
            ("phase_gates", .bool(plan.phaseGates)),
            (
                "calendar",
                .object([
                    (
                        "weekend",
                        .array(Weekday.allCases.filter(plan.calendar.weekend.contains).map { .string($0.rawValue) })
                    ),
                    ("holidays", .array(plan.holidays.map { .string($0.date.description) })),
                    (
                        "holiday_names",
                        .array(
                            plan.holidays.map { holiday in
                                .object([
                                    ("date", .string(holiday.date.description)),
                                    ("name", .string(holiday.name.map(input.text))),
                                ])
                            })
                    ),
                ])
            ),
            ("phases", .array(plan.phases.map { phase($0, input) })),
            (
                "milestones",
                .array(
                    plan.phases.compactMap { phase in
                        phase.finish.map { finish in
                            .object([
                                ("phase", .string(phase.id)),
                                ("title", .string(input.text(phase.title))),
                                ("date", .string(finish.description)),
                            ])
                        }
                    })
            ),
            ("roles", .array(plan.roles.map { role($0, input) })),
            ("critical_chain", .array(plan.criticalChain.map { .string($0) })),
            (
                "bottlenecks",
                .array(
                    plan.bottlenecks.map { bottleneck in
                        .object([
                            ("role", .string(bottleneck.role)),
                            ("finish_if_plus_one", .string(bottleneck.finishIfPlusOne.description)),
                            ("working_days_saved", .integer(bottleneck.workingDaysSaved)),
                        ])
                    })
            ),
            ("tasks", .array(plan.tasks.map { task($0, input) })),
        ])
    }

    static func phase(_ phase: Plan.Phase, _ input: PlanInput) -> JSONValue {
        .object([
            ("id", .string(phase.id)),
            ("title", .string(input.text(phase.title))),
            ("accountable", .string(phase.accountable)),
            ("start", .string(phase.start?.description)),
            ("finish", .string(phase.finish?.description)),
            ("working_days", .integer(phase.workingDays)),
            ("person_days", .number(PlanInput.personDays(phase.personDays))),
            ("tasks", .integer(phase.taskCount)),
        ])
    }

    static func role(_ load: Plan.RoleLoad, _ input: PlanInput) -> JSONValue {
        .object([
            ("id", .string(load.role.id)),
            ("name", .string(input.text(load.role.name))),
            ("capacity", .integer(load.people)),
            ("people", .integer(load.people)),
            ("tasks", .integer(load.taskCount)),
            ("person_days", .number(PlanInput.personDays(load.personDays))),
            ("utilisation", .number(Rounding.halfAwayFromZero(load.utilisation, places: 3))),
            ("finish_if_plus_one", .string(load.finishIfPlusOne?.description)),
            ("accountable_for", .array(load.accountableFor.map { .string($0) })),
        ])
    }

    static func task(_ task: Plan.Task, _ input: PlanInput) -> JSONValue {
        .object([
            ("id", .string(task.key)),
            ("kind", .string(PlanInput.kind(of: task))),
            ("title", .string(input.title(of: task))),
            ("phase", .string(task.phase)),
            ("role", .string(task.role)),
            ("accountable", .string(task.accountable)),
            ("requirements", .array(task.item.requirements.map { .string($0.description) })),
            ("tags", .array(task.item.tags.map { .string($0) })),
            ("priority", .number(task.item.priority.map(Rounding.priority))),
            ("effort_days", .number(task.item.effortDays)),
            ("start", .string(task.start.description)),
            ("finish", .string(task.finish.description)),
            ("working_days", .integer(task.workingDays)),
            ("after", .array(task.item.after.map { .string($0) })),
            ("gate", .string(task.gate)),
            ("late_start", .string(task.lateStart.description)),
            ("late_finish", .string(task.lateFinish.description)),
            ("slack", .integer(task.slack)),
            ("critical", .bool(task.critical)),
        ])
    }
}
