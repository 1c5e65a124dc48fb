/// The workspace manifest (`isogap.yaml`): who is assessed, against which checklists, and the
/// settings of the implementation plan.
public struct WorkspaceManifest: Sendable, Hashable {
    /// A person who took part in the assessment.
    public struct Assessor: Sendable, Hashable {
        public var name: String
        /// The role in the manifest's current language (see ``WorkspaceManifest/localized(_:)``).
        public var role: String?
        /// The role in every language the manifest gives.
        public var roleText: LocalizedText?

        public init(name: String, role: String? = nil, roleText: LocalizedText? = nil) {
            self.name = name
            self.role = role ?? roleText?.english
            self.roleText = roleText ?? role.map(LocalizedText.init)
        }
    }

    /// The manifest's text in every language it gives: `organization`, `site` and `scope` hold
    /// one language's form of these (English until ``localized(_:)``).
    public struct Texts: Sendable, Hashable {
        public var organization: LocalizedText
        public var site: LocalizedText?
        public var scope: LocalizedText

        public init(organization: LocalizedText, site: LocalizedText? = nil, scope: LocalizedText) {
            self.organization = organization
            self.site = site
            self.scope = scope
        }
    }

    public var organization: String
    public var site: String?
    public var scope: String
    public var language: ReportLanguage
    public var assessmentDate: CalendarDate
    public var assessors: [Assessor]
    /// Default target level for every requirement, capped at each checklist's top level.
    public var targetLevel: Int
    /// Built-in checklist ids or paths relative to the workspace, in report order.
    public var checklists: [String]
    /// Evidence dated earlier than `assessmentDate` minus this many days is stale.
    public var evidenceMaxAgeDays: Int?
    public var plan: PlanSettings
    /// The data files of `isogap measure` (SPEC §12), when the manifest names them.
    public var measures: MeasureSettings?
    /// The size of the organisation in scope (`size:`), which scaling tasks' effort grows with.
    public var size = OrganisationSize()
    /// Requirements marked not applicable in groups, each with one justification (`not_applicable:`).
    public var notApplicable: [NotApplicableGroup] = []
    /// A saved JSON report of an earlier assessment (a path inside the workspace) that reports
    /// compare with (SPEC §13 v2, `baseline:`).
    public var baseline: String? = nil
    /// The organization, site and scope in every language the manifest gives.
    public var texts: Texts

    public init(
        organization: String, site: String? = nil, scope: String, language: ReportLanguage = .en,
        assessmentDate: CalendarDate, assessors: [Assessor] = [], targetLevel: Int, checklists: [String],
        evidenceMaxAgeDays: Int? = nil, plan: PlanSettings = PlanSettings()
    ) {
        self.organization = organization
        self.site = site
        self.scope = scope
        self.texts = Texts(
            organization: LocalizedText(organization), site: site.map(LocalizedText.init), scope: LocalizedText(scope))
        self.language = language
        self.assessmentDate = assessmentDate
        self.assessors = assessors
        self.targetLevel = targetLevel
        self.checklists = checklists
        self.evidenceMaxAgeDays = evidenceMaxAgeDays
        self.plan = plan
    }

    /// The manifest with `organization`, `site`, `scope` and the assessors' roles in `language`,
    /// falling back to English where the manifest has no such form.
    public func localized(_ language: ReportLanguage) -> WorkspaceManifest {
        var manifest = self
        manifest.organization = texts.organization.resolved(language.rawValue)
        manifest.site = texts.site?.resolved(language.rawValue)
        manifest.scope = texts.scope.resolved(language.rawValue)
        for index in manifest.assessors.indices {
            if let text = manifest.assessors[index].roleText {
                manifest.assessors[index].role = text.resolved(language.rawValue)
            }
        }
        return manifest
    }
}

/// The `measures:` settings of a manifest: data files relative to the workspace.
public struct MeasureSettings: Sendable, Hashable {
    /// One survey wave file.
    public struct Survey: Sendable, Hashable {
        public var file: String
        public var wave: String
        public var invited: Int?

        public init(file: String, wave: String, invited: Int? = nil) {
            self.file = file
            self.wave = wave
            self.invited = invited
        }
    }

    public var complaints: String?
    /// Waves in manifest order.
    public var surveys: [Survey]
    public var volumes: String?
    /// The workspace's KPI file; the built-in one when absent.
    public var kpis: String?
    public var period: MeasurePeriod

    public init(
        complaints: String? = nil, surveys: [Survey] = [], volumes: String? = nil, kpis: String? = nil,
        period: MeasurePeriod = .quarter
    ) {
        self.complaints = complaints
        self.surveys = surveys
        self.volumes = volumes
        self.kpis = kpis
        self.period = period
    }
}

/// How the implementation plan is scheduled.
public struct PlanSettings: Sendable, Hashable {
    /// First day of the plan; the assessment date when absent.
    public var start: CalendarDate?
    /// Days nobody works.
    public var weekend: [Weekday]
    public var holidays: [CalendarDate]
    /// Names of holidays written `{date, name}`, in source order.
    public var holidayNames: [(date: CalendarDate, name: LocalizedText)] = []
    /// People per role as `(role id, count)` pairs in source order; roles not listed have 1.
    public var capacity: [(role: String, people: Int)]
    /// Whether a phase starts only after every task of the earlier phases has finished.
    public var phaseGates: Bool

    public init(
        start: CalendarDate? = nil, weekend: [Weekday] = [.sat, .sun], holidays: [CalendarDate] = [],
        capacity: [(role: String, people: Int)] = [], phaseGates: Bool = true
    ) {
        self.start = start
        self.weekend = weekend
        self.holidays = holidays
        self.capacity = capacity
        self.phaseGates = phaseGates
    }

    /// People available in `role`.
    public func people(in role: String) -> Int {
        capacity.first { $0.role == role }?.people ?? 1
    }

    public static func == (lhs: PlanSettings, rhs: PlanSettings) -> Bool {
        lhs.start == rhs.start && lhs.weekend == rhs.weekend && lhs.holidays == rhs.holidays
            && lhs.holidayNames.elementsEqual(rhs.holidayNames) { $0 == $1 }
            && lhs.phaseGates == rhs.phaseGates && lhs.capacity.elementsEqual(rhs.capacity) { $0 == $1 }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(start)
        hasher.combine(weekend)
        hasher.combine(holidays)
        hasher.combine(phaseGates)
        for (date, name) in holidayNames {
            hasher.combine(date)
            hasher.combine(name)
        }
        for (role, people) in capacity {
            hasher.combine(role)
            hasher.combine(people)
        }
    }
}
