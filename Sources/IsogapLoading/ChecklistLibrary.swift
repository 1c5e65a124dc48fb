public import IsogapDiagnostics
public import IsogapModel

/// The checklists and phase template a run can use: the built-in ones (compiled into the binary)
/// and any a workspace or the command line adds.
public struct ChecklistLibrary: Sendable {
    /// A checklist that loaded, with where it came from.
    public struct Entry: Sendable {
        public let checklist: Checklist
        /// The file it was read from, as shown in diagnostics.
        public var file: String
        public var loaded: Loaded<Checklist>
        /// Whether it is one of the checklists compiled into the binary.
        public var isBuiltIn: Bool
        /// The checklist's requirement ids, made once for every file checked against it.
        public let requirementIDs: Checklist.RequirementIDs

        init(checklist: Checklist, file: String, loaded: Loaded<Checklist>, isBuiltIn: Bool) {
            self.checklist = checklist
            self.file = file
            self.loaded = loaded
            self.isBuiltIn = isBuiltIn
            requirementIDs = Checklist.RequirementIDs(checklist)
        }
    }

    public private(set) var entries: [Entry] = []
    /// Diagnostics of files that did not load at all.
    public private(set) var diagnostics: [Diagnostic] = []
    public var phaseTemplate: Loaded<PhaseTemplate>

    /// A library of the given checklist files and phase template file.
    public init(builtInChecklists: [(file: String, bytes: [UInt8])], phaseTemplate: (file: String, bytes: [UInt8])) {
        self.init(
            loadedBuiltIns: builtInChecklists.map { ($0.file, ChecklistLoader.load($0.bytes, file: $0.file)) },
            phaseTemplate: PhaseTemplateLoader.load(phaseTemplate.bytes, file: phaseTemplate.file))
    }

    /// A library of built-in checklists and a phase template loaded already (so that a caller can
    /// load the files side by side).
    public init(loadedBuiltIns: [(file: String, loaded: Loaded<Checklist>)], phaseTemplate: Loaded<PhaseTemplate>) {
        self.phaseTemplate = phaseTemplate
        for (file, loaded) in loadedBuiltIns {
            if let checklist = loaded.value, !checklist.id.isEmpty {
                entries.append(Entry(checklist: checklist, file: file, loaded: loaded, isBuiltIn: true))
            } else {
                diagnostics += loaded.diagnostics
            }
        }
    }

    /// Adds a checklist the user named. It takes the place of a built-in checklist with the same id
    /// (so an edited copy of a built-in file is validated as itself); two user files with one id are
    /// an error. Returns the entry, or `nil` when the file did not load or was refused.
    @discardableResult
    public mutating func add(_ loaded: Loaded<Checklist>, file: String) -> Entry? {
        guard let checklist = loaded.value, !checklist.id.isEmpty else {
            diagnostics += loaded.diagnostics
            return nil
        }
        if let index = entries.firstIndex(where: { $0.checklist.id == checklist.id }) {
            guard entries[index].isBuiltIn else {
                let location = loaded.sourceMap?.location(of: DocumentPath.root["id"])
                diagnostics += loaded.diagnostics
                diagnostics.append(
                    .error(
                        "checklist id '\(checklist.id)' is already used by \(entries[index].file); ids must be unique among loaded checklists",
                        at: location))
                return nil
            }
            entries.remove(at: index)
        }
        let entry = Entry(checklist: checklist, file: file, loaded: loaded, isBuiltIn: false)
        entries.append(entry)
        return entry
    }

    /// The error for a workspace checklist whose id is a built-in checklist's: it would shadow the
    /// built-in one for every workspace reader (SPEC §4). `nil` when there is no clash.
    public func builtInClash(_ loaded: Loaded<Checklist>) -> Diagnostic? {
        guard let id = loaded.value?.id, !id.isEmpty,
            entries.contains(where: { $0.isBuiltIn && $0.checklist.id == id })
        else { return nil }
        return .error(
            "checklist id '\(id)' is the id of a built-in checklist; a workspace checklist needs an id of its own (list the built-in one by its id instead)",
            at: loaded.sourceMap?.location(of: DocumentPath.root["id"]))
    }

    /// The checklist with this id.
    public func checklist(_ id: String) -> Checklist? {
        entry(id)?.checklist
    }

    /// The entry of the checklist with this id.
    public func entry(_ id: String) -> Entry? {
        entries.first { $0.checklist.id == id }
    }

    /// All checklist ids, in load order.
    public var ids: [String] { entries.map(\.checklist.id) }

    /// The context that checklist validation needs: phase ids and cross-checklist references.
    public var validationContext: ChecklistContext {
        let targets = Dictionary(
            entries.map { entry in
                (
                    entry.checklist.id,
                    Set(
                        entry.checklist.clausesInOrder.map(\.id)
                            + entry.checklist.requirementsInOrder.map(\.requirement.id))
                )
            },
            uniquingKeysWith: { first, _ in first })
        return ChecklistContext(phaseIDs: phaseTemplate.value?.phaseIDs, knownTags: knownTags) { checklist, target in
            targets[checklist].map { $0.contains(target) }
        }
    }

    /// Every tag that a task of a loaded checklist or of the phase template carries: the words
    /// `tag:NAME` may name in any of them.
    public var knownTags: Set<String> {
        var tags = Set(phaseTemplate.value?.phases.flatMap { $0.tasks.flatMap(\.tags) } ?? [])
        for entry in entries { tags.formUnion(entry.checklist.taskTags) }
        return tags
    }

    /// Every diagnostic of a checklist file: loading and model validation, sorted by position.
    public func validation(of entry: Entry) -> [Diagnostic] {
        var result = entry.loaded.diagnostics
        if let map = entry.loaded.sourceMap {
            result += map.diagnostics(for: entry.checklist.validate(in: validationContext))
        }
        return result.sortedByLocation()
    }

    /// Every diagnostic of the phase template: loading and validation.
    public var phaseTemplateValidation: [Diagnostic] {
        var result = phaseTemplate.diagnostics
        if let template = phaseTemplate.value, let map = phaseTemplate.sourceMap {
            result += map.diagnostics(for: template.validate(knownTags: knownTags))
        }
        return result.sortedByLocation()
    }
}
