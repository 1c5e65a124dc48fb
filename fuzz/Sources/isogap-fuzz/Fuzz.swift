import Foundation
@testable import IsogapLoading
import IsogapModel
import IsogapRendering
import IsogapYAML

/// One fuzzing input (called by libFuzzer's driver, see main.swift). The first byte of an input chooses what reads the rest:
///
/// | byte % 10 | target                                                                  |
/// |----------|--------------------------------------------------------------------------|
/// | 0        | the YAML layer alone (`YAMLParser`)                                      |
/// | 1        | a checklist: loader and full validation                                  |
/// | 2        | a workspace manifest: loader and validation against the built-ins        |
/// | 3        | an assessment of ISO 10002: loader, validation and `evidence lock`'s editor; |
/// |          | the loader's value, diagnostics and placed findings equal the checking   |
/// |          | decoder's alone                                                          |
/// | 4        | an action register: loader, validation, the tracker's figures and the    |
/// |          | editors of `actions set`, `edit` and `add`; the loader's value,          |
/// |          | diagnostics and placed findings equal the checking decoder's alone       |
/// | 5        | a plan phase template: loader and validation                             |
/// | 6        | report labels, a narrative and a sign-off file: loaders, validation and  |
/// |          | the editor of `isogap signoff`                                           |
/// | 7        | a Mustache template: parsing and rendering                               |
/// | 8        | a whole workspace: parts split at NUL bytes (manifest, assessment of     |
/// |          | ISO 10002, actions, a workspace checklist `own.yaml`), loaded, scored,   |
/// |          | tracked and reduced to a portfolio summary                               |
/// | 9        | every escaper (HTML, Markdown, CSV, SVG, iCalendar, Mermaid, terminal,   |
/// |          | JSON), each checked against its promise (see Escapers.swift)             |
///
/// Nothing here may crash, hang or allocate without bound, whatever the bytes.
func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let selector = bytes[0] % 10
    let body = Array(bytes.dropFirst())
    switch selector {
    case 0:
        let result = YAMLParser().parse(body, file: "input.yaml")
        _ = result.diagnostics.count
    case 1:
        let loaded = ChecklistLoader.load(body, file: "checklist.yaml")
        if let checklist = loaded.value, let map = loaded.sourceMap {
            _ = map.diagnostics(for: checklist.validate(in: Context.library.validationContext))
            _ = Scorer(assessmentDate: Fixed.assessmentDate, evidenceMaxAgeDays: nil, targetLevel: 3)
                .score(checklist, assessment: Assessment(checklist: checklist.id, responses: []))
        }
    case 2:
        let loaded = ManifestLoader.load(body, file: "isogap.yaml")
        if let manifest = loaded.value, let map = loaded.sourceMap {
            _ = map.diagnostics(for: manifest.validate(checklists: Context.builtIns, roles: Context.roles))
        }
    case 3:
        let loaded = AssessmentLoader.load(body, file: "assessment.yaml")
        // A clean file is read from the events, any other through the tree: never a difference.
        let checked = AssessmentLoader.load(
            ParsedDocument(body, file: "assessment.yaml"), readingCleanEntriesAtOnce: false)
        precondition(loaded.value == checked.value && loaded.diagnostics == checked.diagnostics)
        if let assessment = loaded.value, let map = loaded.sourceMap, let checklist = Context.builtIns.first {
            let findings = assessment.validate(against: checklist)
            // Findings placed through the map that parses when asked, as through the tree's map.
            let placed = map.diagnostics(for: findings)
            let expected = checked.sourceMap?.diagnostics(for: findings)
            precondition(placed == expected && placed.map { $0.sourceLine } == expected?.map { $0.sourceLine })
            _ = Scorer(assessmentDate: Fixed.assessmentDate, evidenceMaxAgeDays: 30, targetLevel: 4)
                .score(checklist, assessment: assessment)
        }
        // The byte editor of `evidence lock`: it re-checks its own output, so any edit it returns parses.
        _ = EvidenceLocks.lock(body, file: "assessment.yaml") { $0.count % 3 == 0 ? nil : "digest-\($0.count)" }
    case 4:
        let loaded = ActionRegisterLoader.load(body, file: "actions.yaml")
        let checked = ActionRegisterLoader.load(
            ParsedDocument(body, file: "actions.yaml"), readingCleanEntriesAtOnce: false)
        precondition(loaded.value == checked.value && loaded.diagnostics == checked.diagnostics)
        if let register = loaded.value, let map = loaded.sourceMap {
            let findings = register.validate(checklists: Context.builtIns, roles: Context.roles)
            let placed = map.diagnostics(for: findings)
            let expected = checked.sourceMap?.diagnostics(for: findings)
            precondition(placed == expected && placed.map { $0.sourceLine } == expected?.map { $0.sourceLine })
            if !findings.contains(where: { $0.severity == .error }) {
                let tracker = ActionTracker(register: register, score: Context.emptyScore, asOf: Fixed.asOf)
                _ = (tracker.overdue.count, tracker.uncoveredGaps.count, tracker.projected, tracker.achieved)
            }
            editActions(register, body)
        }
    case 5:
        let loaded = PhaseTemplateLoader.load(body, file: "plan-phases.yaml")
        if let template = loaded.value, let map = loaded.sourceMap {
            _ = map.diagnostics(for: template.validate())
        }
    case 6:
        let loaded = LabelsLoader.load(body, file: "labels.yaml")
        if let labels = loaded.value, let map = loaded.sourceMap {
            _ = map.diagnostics(for: labels.validate())
        }
        // The same bytes as a narrative and as a sign-off file, and the editor of `isogap signoff`
        // (it loads its own output again before returning it).
        let narrative = NarrativeLoader.load(body, file: "narrative.yaml")
        if let value = narrative.value, let map = narrative.sourceMap {
            _ = map.diagnostics(for: value.validate(checklists: Context.builtIns))
        }
        _ = SignoffsLoader.load(body, file: "signoffs.yaml").value?.count
        let signoff = Signoff(
            by: "A", role: "B", decision: .approved, date: Fixed.asOf, digest: String(repeating: "0", count: 64))
        _ = try? SignoffEditor.append(signoff, to: body)
    case 7:
        let text = String(decoding: body, as: UTF8.self)
        if let library = try? TemplateLibrary(files: [("fuzz.mustache", text)]) {
            _ = try? library.render(["name": "x", "items": ["a", "b"]] as [String: Any], template: "fuzz")
        }
    case 8:
        workspace(body)
    default:
        fuzzEscapers(body)
    }
    return 0
}

/// Built-in checklists and the phase template, read once from the package's own files.
enum Context {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let library: ChecklistLibrary = {
        func read(_ path: String) -> [UInt8] {
            Array(FileManager.default.contents(atPath: packageRoot.appendingPathComponent(path).path) ?? Data())
        }
        return ChecklistLibrary(
            builtInChecklists: ["checklists/iso-10002-2018.yaml", "checklists/iso-10004-2018.yaml"].map {
                ($0, read($0))
            },
            phaseTemplate: ("templates/plan-phases.yaml", read("templates/plan-phases.yaml")))
    }()

    static let builtIns: [Checklist] = library.entries.map(\.checklist)

    static let roles: [String] =
        builtIns.flatMap { $0.roles.map(\.id) } + (library.phaseTemplate.value?.roles.map(\.id) ?? [])

    static let emptyScore = Scorer(assessmentDate: Fixed.assessmentDate, evidenceMaxAgeDays: nil, targetLevel: 3)
        .score(checklists: builtIns, assessments: builtIns.map { Assessment(checklist: $0.id, responses: []) })
}

/// A workspace made of NUL-separated parts, loaded through the same path as `isogap portfolio`.
func workspace(_ body: [UInt8]) {
    let parts = body.split(separator: 0, maxSplits: 3, omittingEmptySubsequences: false).map(Array.init)
    let names = ["isogap.yaml", "assessments/iso-10002-2018.yaml", "actions.yaml", "own.yaml"]
    var files: [String: [UInt8]] = [:]
    for (name, part) in zip(names, parts) { files[name] = part }
    let loaded = WorkspaceLoader.load(from: InMemoryFiles(bytes: files), library: Context.library)
    guard let workspace = loaded.value, !loaded.diagnostics.contains(where: { $0.severity == .error }) else { return }
    let score = Scorer(workspace: workspace)
        .score(checklists: workspace.checklists, assessments: workspace.assessments)
    let tracker = ActionTracker(
        register: workspace.actions ?? ActionRegister(actions: []), score: score, asOf: Fixed.asOf)
    _ = (tracker.overdue.count, tracker.uncoveredGaps.count, tracker.projected, tracker.achieved)
}

/// Fixed dates, so that a crash reproduces whatever day it is.
enum Fixed {
    static let assessmentDate = CalendarDate(dayNumber: 20_777)
    static let asOf = CalendarDate(dayNumber: 20_819)
}

/// The byte editors of `actions set`, `actions edit` and `actions add` on a register that loaded: each
/// either refuses or returns bytes that load as the intended register (they check that themselves).
private func editActions(_ register: ActionRegister, _ body: [UInt8]) {
    for action in register.actions.prefix(2) {
        let transition = ActionTransition(to: action.status == .open ? .done : .open, date: Fixed.asOf, note: "x\ry")
        _ = try? ActionRegisterEditor.apply(transition, to: action.id, in: body)
        let change = ActionChange(title: "T", due: Fixed.asOf, owner: "O", raisesTo: 2)
        _ = try? ActionRegisterEditor.update(action.id, with: change, in: body)
    }
    let new = Action(
        id: register.nextActionID, title: "N", requirements: [CrossReference(checklist: "c", target: "r")],
        type: .corrective, ownerRole: "owner", opened: Fixed.asOf, due: Fixed.asOf, status: .open)
    _ = try? ActionRegisterEditor.append([new], to: body)
}
