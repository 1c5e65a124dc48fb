/// The implementation-plan phase template (`templates/plan-phases.yaml`): phases in order, each
/// with its accountable role and the programme tasks every plan contains.
public struct PhaseTemplate: Sendable, Hashable {
    /// One phase of an implementation programme.
    public struct Phase: Sendable, Hashable {
        public var id: String
        public var title: LocalizedText
        /// The role accountable for the phase (RACI "A").
        public var accountable: String
        public var tasks: [PlanTask]

        public init(id: String, title: LocalizedText, accountable: String, tasks: [PlanTask]) {
            self.id = id
            self.title = title
            self.accountable = accountable
            self.tasks = tasks
        }
    }

    public var roles: [Role]
    public var phases: [Phase]

    public init(roles: [Role], phases: [Phase]) {
        self.roles = roles
        self.phases = phases
    }

    /// The phase ids in order.
    public var phaseIDs: [String] { phases.map(\.id) }
}
