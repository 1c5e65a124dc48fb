internal import IsogapDiagnostics

/// A checklist: a standard's clauses as a tree, with the requirements an assessor scores.
///
/// Arrays keep the order of the source file; a value at `clauses[2].requirements[0]` in the file
/// is at the same index here, which is how validation findings are located.
public struct Checklist: Sendable, Hashable {
    public var id: String
    public var standard: String
    public var title: LocalizedText
    public var version: String
    public var scale: [ScaleLevel]
    public var roles: [Role]
    public var clauses: [Clause]
    /// Whether the standard gives guidance ("should") or requirements ("shall"); it changes the
    /// words of reports, never the numbers.
    public var nature: ChecklistNature

    public init(
        id: String, standard: String, title: LocalizedText, version: String,
        scale: [ScaleLevel], roles: [Role], clauses: [Clause], nature: ChecklistNature = .requirements
    ) {
        self.nature = nature
        self.id = id
        self.standard = standard
        self.title = title
        self.version = version
        self.scale = scale
        self.roles = roles
        self.clauses = clauses
    }

    /// The highest level of the scale (`N`); at least 1 in a valid checklist, never below 0.
    public var maxLevel: Int { max(0, scale.last?.level ?? 0) }

    /// Every requirement in document order, with the clauses above it (outermost first).
    public var requirementsInOrder: [(requirement: Requirement, clauses: [Clause])] {
        var result: [(Requirement, [Clause])] = []
        func walk(_ clause: Clause, _ ancestors: [Clause]) {
            let chain = ancestors + [clause]
            for requirement in clause.requirements { result.append((requirement, chain)) }
            for child in clause.clauses { walk(child, chain) }
        }
        for clause in clauses { walk(clause, []) }
        return result
    }

    /// The ids of every requirement in document order (cheaper than ``requirementsInOrder`` when
    /// only ids are needed: no clause chains are built).
    public var requirementIDs: [String] {
        var result: [String] = []
        func walk(_ clause: Clause) {
            for requirement in clause.requirements { result.append(requirement.id) }
            clause.clauses.forEach(walk)
        }
        clauses.forEach(walk)
        return result
    }

    /// The requirement ids of the checklist, listed and as a set: made once for a checklist that
    /// many files are checked against (``Assessment/validate(against:ids:)``).
    public struct RequirementIDs: Sendable {
        /// In document order.
        public let ordered: [String]
        public let known: Set<String>

        public init(_ checklist: Checklist) {
            ordered = checklist.requirementIDs
            known = Set(ordered)
        }
    }

    /// Every clause in document order (pre-order).
    public var clausesInOrder: [Clause] {
        var result: [Clause] = []
        func walk(_ clause: Clause) {
            result.append(clause)
            clause.clauses.forEach(walk)
        }
        clauses.forEach(walk)
        return result
    }

    /// The requirement with this id.
    public func requirement(_ id: String) -> Requirement? {
        requirementsInOrder.first { $0.requirement.id == id }?.requirement
    }
}

/// One level of a checklist's maturity scale, with the evidence it takes to support it.
public struct ScaleLevel: Sendable, Hashable {
    public var level: Int
    public var label: LocalizedText
    public var description: LocalizedText?
    /// Valid evidence items needed to support this level.
    public var minEvidence: Int
    /// Whether one valid item must be of a type the requirement expects.
    public var expectedType: Bool
    /// When not empty, one valid item must be of one of these types (SPEC §6 v2).
    public var evidenceTypes: [EvidenceType]

    /// The level of a scale entry that could not be read (its problems are reported by the loader).
    public static let unreadable = Int.min

    public init(
        level: Int, label: LocalizedText, description: LocalizedText?, minEvidence: Int, expectedType: Bool,
        evidenceTypes: [EvidenceType] = []
    ) {
        self.evidenceTypes = evidenceTypes
        self.level = level
        self.label = label
        self.description = description
        self.minEvidence = minEvidence
        self.expectedType = expectedType
    }
}

/// A role that tasks and actions name (RACI "responsible" or "accountable").
public struct Role: Sendable, Hashable {
    public var id: String
    public var name: LocalizedText

    public init(id: String, name: LocalizedText) {
        self.id = id
        self.name = name
    }
}

/// A clause of a standard: either sub-clauses, requirements, or both.
public struct Clause: Sendable, Hashable {
    public var id: String
    public var title: LocalizedText
    public var clauses: [Clause]
    public var requirements: [Requirement]

    public init(id: String, title: LocalizedText, clauses: [Clause] = [], requirements: [Requirement] = []) {
        self.id = id
        self.title = title
        self.clauses = clauses
        self.requirements = requirements
    }
}

/// A question an assessor answers with a maturity level and evidence.
public struct Requirement: Sendable, Hashable {
    public var id: String
    public var text: LocalizedText
    public var guidance: LocalizedText?
    /// Evidence types that prove this requirement; empty when any type will do.
    public var evidence: [EvidenceType]
    public var weight: Double
    public var criticality: Criticality
    public var maps: [CrossReference]
    public var tasks: [PlanTask]

    public init(
        id: String, text: LocalizedText, guidance: LocalizedText? = nil, evidence: [EvidenceType] = [],
        weight: Double = 1, criticality: Criticality = .medium, maps: [CrossReference] = [], tasks: [PlanTask] = []
    ) {
        self.id = id
        self.text = text
        self.guidance = guidance
        self.evidence = evidence
        self.weight = weight
        self.criticality = criticality
        self.maps = maps
        self.tasks = tasks
    }
}

/// Whether a checklist's standard is guidance or a set of requirements (SPEC §4 v2).
public enum ChecklistNature: String, Sendable, Hashable, CaseIterable, Codable {
    /// A guidance standard ("should"): reports speak of gaps, targets met and criteria.
    case guidance
    /// A requirements standard ("shall"): reports speak of nonconformities and conformity.
    case requirements
}

/// The kinds of evidence an assessor can record.
public enum EvidenceType: String, Sendable, Hashable, CaseIterable, Codable {
    case document, record, interview, observation
}

/// How much a requirement matters when it falls short.
public enum Criticality: String, Sendable, Hashable, CaseIterable, Codable {
    case high, medium, low
}

/// A link from a requirement to a clause or requirement of another checklist,
/// written `checklist-id:clause-or-requirement-id`.
public struct CrossReference: Sendable, Hashable, CustomStringConvertible {
    public var checklist: String
    public var target: String

    public init(checklist: String, target: String) {
        self.checklist = checklist
        self.target = target
    }

    /// Parses `checklist:target`; `nil` when either side is empty.
    public init?(_ text: String) {
        // In ASCII text (every id isogap writes) each byte is a character, so the colon is found
        // without breaking the text into characters; in other text a colon joined by a combining
        // mark is another character.
        let ascii = text.utf8.withContiguousStorageIfAvailable(ASCII.isASCII) ?? false
        guard let colon = ascii ? text.utf8.firstIndex(of: UInt8(ascii: ":")) : text.firstIndex(of: ":") else {
            return nil
        }
        let checklist = String(text[..<colon]), target = String(text[text.index(after: colon)...])
        guard !checklist.isEmpty, !target.isEmpty else { return nil }
        self.init(checklist: checklist, target: target)
    }

    public var description: String { "\(checklist):\(target)" }
}

/// A piece of work that closes a gap (in a checklist) or runs the programme (in the phase template).
public struct PlanTask: Sendable, Hashable {
    public var id: String
    public var title: LocalizedText
    /// The responsible role.
    public var role: String
    /// Person-days of work.
    public var effortDays: Double
    public var phase: String
    /// What must finish first: task ids of the same file, `phase:ID` and `tag:NAME` (see
    /// ``DependencyWord``).
    public var after: [String]
    /// Words other tasks can depend on with `tag:NAME`.
    public var tags: [String]
    /// The size driver the effort grows with (`scales_with`), `nil` for a fixed effort.
    public var scalesWith: SizeDriver? = nil
    /// How many of the driver one unit of the written effort covers (`scale_per`); `nil` for the
    /// driver's default.
    public var scalePer: Int? = nil

    public init(
        id: String, title: LocalizedText, role: String, effortDays: Double, phase: String, after: [String] = [],
        tags: [String] = []
    ) {
        self.id = id
        self.title = title
        self.role = role
        self.effortDays = effortDays
        self.phase = phase
        self.after = after
        self.tags = tags
    }
}
