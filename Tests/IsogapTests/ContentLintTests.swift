import IsogapLoading
import IsogapModel
import Testing

/// Design rules of the built-in ISO 10002 and ISO 10004 content (docs/content.md), checked so that
/// a later edit cannot quietly undo them: evidence rules that match the levels, principle items
/// that do not outweigh the operational clauses, weight and criticality as two judgements, each
/// task kept once, references that resolve, and Arabic text that reads as Arabic.
@Suite("Checklist content lint")
struct ContentLintTests {
    static let guidanceChecklists = ["iso-10002-2018", "iso-10004-2018"]
    static var library: ChecklistLibrary { BuiltInChecklistTests.library }

    /// The highest level that any number of valid items of `types` can support for `requirement`,
    /// following the cumulative rules of SPEC §6 (min_evidence, expected_type, evidence_types).
    static func reachable(_ requirement: Requirement, scale: [ScaleLevel], types: Set<EvidenceType>) -> Int {
        var reached = 0
        for level in scale.sorted(by: { $0.level < $1.level }) where level.level > 0 {
            let enoughItems = level.minEvidence == 0 || !types.isEmpty
            let expected =
                !level.expectedType || requirement.evidence.isEmpty || !types.isDisjoint(with: requirement.evidence)
            let typed = level.evidenceTypes.isEmpty || !types.isDisjoint(with: level.evidenceTypes)
            guard enoughItems, expected, typed else { break }
            reached = level.level
        }
        return reached
    }

    @Test(arguments: guidanceChecklists)
    func interviewsAloneNeverSupportLevelThree(id: String) throws {
        let checklist = try #require(Self.library.checklist(id))
        #expect(checklist.maxLevel >= 3)
        for (requirement, _) in checklist.requirementsInOrder {
            let level = Self.reachable(requirement, scale: checklist.scale, types: [.interview])
            #expect(level < 3, "\(id):\(requirement.id) reaches level \(level) on interviews alone")
        }
    }

    /// Every requirement can reach the top of the scale with the kinds of evidence it expects, and
    /// every level's own types include one of them.
    @Test(arguments: guidanceChecklists)
    func everyRequirementCanReachItsTopLevelWithItsOwnEvidenceTypes(id: String) throws {
        let checklist = try #require(Self.library.checklist(id))
        for (requirement, _) in checklist.requirementsInOrder {
            let level = Self.reachable(requirement, scale: checklist.scale, types: Set(requirement.evidence))
            #expect(
                level == checklist.maxLevel,
                "\(id):\(requirement.id) stops at level \(level) with its own types \(requirement.evidence)")
        }
    }

    /// The guiding principles (clause 4) ask whether each principle is built into the design; the
    /// operational clauses carry the weight.
    @Test(arguments: guidanceChecklists)
    func principlesCarryAtMostAQuarterOfTheWeight(id: String) throws {
        let checklist = try #require(Self.library.checklist(id))
        let all = checklist.requirementsInOrder
        let total = all.reduce(0) { $0 + $1.requirement.weight }
        let principles = all.filter { $0.clauses.first?.id == "4" }.reduce(0) { $0 + $1.requirement.weight }
        #expect(principles > 0)
        #expect(principles <= total / 4, "clause 4 carries \(principles) of \(total)")
    }

    /// Weight (importance to the process) and criticality (exposure to harm) are separate judgements.
    @Test(arguments: guidanceChecklists)
    func weightAndCriticalityAgreeOnAtMostSixtyPercent(id: String) throws {
        let checklist = try #require(Self.library.checklist(id))
        let all = checklist.requirementsInOrder.map(\.requirement)
        let paired: [Double: Criticality] = [3: .high, 2: .medium, 1: .low]
        let agreeing = all.filter { paired[$0.weight] == $0.criticality }.count
        #expect(agreeing * 10 <= all.count * 6, "\(agreeing) of \(all.count) requirements pair weight with criticality")
    }

    /// The content words of a task title, lower-cased, with a plural "s" dropped.
    static func words(_ title: String) -> Set<String> {
        let stop: Set<String> = [
            "a", "an", "the", "and", "or", "of", "to", "for", "in", "on", "with", "from", "by", "at", "into", "each",
            "all", "any", "its", "their", "it", "as", "be", "is", "are",
        ]
        let tokens = title.lowercased().split { !("a"..."z").contains($0) }.map(String.init)
        return Set(
            tokens.filter { !stop.contains($0) }.map { $0.count > 3 && $0.hasSuffix("s") ? String($0.dropLast()) : $0 })
    }

    /// A task id without its clause prefix: `4.6-triage-rules` → `triage-rules`. Two requirements
    /// whose tasks share a stem are doing the same work under two numbers.
    static func idStem(_ id: String) -> Substring {
        guard let dash = id.firstIndex(of: "-") else { return Substring(id) }
        return id[id.index(after: dash)...]
    }

    static func similarity(_ a: Set<String>, _ b: Set<String>) -> Double {
        let union = a.union(b).count
        return union == 0 ? 1 : Double(a.intersection(b).count) / Double(union)
    }

    /// A task is kept once: no two requirements carry the same task title, near-identical titles for
    /// the same role, almost the same title for any role, or task ids that differ only in the clause.
    @Test(arguments: guidanceChecklists)
    func noTaskIsDuplicatedAcrossRequirements(id: String) throws {
        let checklist = try #require(Self.library.checklist(id))
        let tasks = checklist.requirementsInOrder.flatMap { entry in
            entry.requirement.tasks.map {
                (requirement: entry.requirement.id, task: $0, words: Self.words($0.title.english))
            }
        }
        for (index, first) in tasks.enumerated() {
            for second in tasks[(index + 1)...] where first.requirement != second.requirement {
                let score = Self.similarity(first.words, second.words)
                let duplicate =
                    first.words == second.words || score >= 0.75
                    || (first.task.role == second.task.role && score >= 0.6)
                    || Self.idStem(first.task.id) == Self.idStem(second.task.id)
                #expect(
                    !duplicate,
                    "\(id): task \(first.task.id) (\(first.requirement)) and \(second.task.id) (\(second.requirement)) look like the same work"
                )
            }
        }
    }

    @Test(arguments: guidanceChecklists)
    func everyMapTargetExists(id: String) throws {
        let checklist = try #require(Self.library.checklist(id))
        var count = 0
        for (requirement, _) in checklist.requirementsInOrder {
            for reference in requirement.maps {
                count += 1
                let target = try #require(
                    Self.library.checklist(reference.checklist), "\(id):\(requirement.id) maps to \(reference)")
                let clauseIDs = Set(target.clausesInOrder.map(\.id))
                #expect(
                    clauseIDs.contains(reference.target) || target.requirement(reference.target) != nil,
                    "\(id):\(requirement.id) maps to \(reference), which does not exist")
            }
        }
        #expect(count > 0)
    }

    /// Every text a reader sees has an English and an Arabic form, neither empty.
    @Test(arguments: guidanceChecklists + ["iso-9001-2015"])
    func bothLanguagesArePresent(id: String) throws {
        let checklist = try #require(Self.library.checklist(id))
        var texts: [(String, LocalizedText)] = [("title", checklist.title)]
        texts += checklist.scale.flatMap { level in
            [("scale \(level.level)", level.label)] + (level.description.map { [("scale \(level.level)", $0)] } ?? [])
        }
        texts += checklist.roles.map { ("role \($0.id)", $0.name) }
        texts += checklist.clausesInOrder.map { ("clause \($0.id)", $0.title) }
        for (requirement, _) in checklist.requirementsInOrder {
            texts.append(("\(requirement.id) text", requirement.text))
            texts.append(("\(requirement.id) guidance", requirement.guidance ?? LocalizedText("")))
            texts += requirement.tasks.map { ("task \($0.id)", $0.title) }
        }
        for (name, text) in texts {
            #expect(!(text["en"] ?? "").isEmpty && !(text["ar"] ?? "").isEmpty, "\(id) \(name) lacks a language")
        }
    }

    /// Arabic text never shows a role or phase id (those are for files, not readers), and uses
    /// Western digits only, the project's one digit convention.
    @Test(arguments: guidanceChecklists + ["iso-9001-2015"])
    func arabicTextHasNoLatinIdsAndOneDigitConvention(id: String) throws {
        let checklist = try #require(Self.library.checklist(id))
        let template = try #require(Self.library.phaseTemplate.value)
        let ids = Set(checklist.roles.map(\.id) + template.roles.map(\.id) + template.phaseIDs)
        var arabic: [String] = checklist.roles.compactMap { $0.name["ar"] } + [checklist.title["ar"] ?? ""]
        arabic += checklist.clausesInOrder.compactMap { $0.title["ar"] }
        for (requirement, _) in checklist.requirementsInOrder {
            arabic += [requirement.text["ar"], requirement.guidance?["ar"]].compactMap { $0 }
            arabic += requirement.tasks.compactMap { $0.title["ar"] }
        }
        arabic += template.phases.flatMap { phase in [phase.title["ar"]] + phase.tasks.map { $0.title["ar"] } }
            .compactMap { $0 }
        for text in arabic {
            let latin = text.split { !($0.isASCII && ($0.isLetter || $0 == "-")) }.map(String.init)
            let leaked = latin.filter { ids.contains($0) }
            #expect(leaked.isEmpty, "\(id): Arabic text names \(leaked): \(text)")
            let easternDigits = text.unicodeScalars.filter {
                (0x660...0x669).contains($0.value) || (0x6F0...0x6F9).contains($0.value)
            }
            #expect(easternDigits.isEmpty, "\(id): Arabic-Indic digits in: \(text)")
        }
    }

    /// Questions ask one thing. The heuristic flags "… and is …", "… or do …": a second question
    /// joined to the first. A few may legitimately remain; the review's bound is four.
    @Test(arguments: guidanceChecklists)
    func atMostFourQuestionsAskTwoThings(id: String) throws {
        let checklist = try #require(Self.library.checklist(id))
        let auxiliaries: Set<Substring> = [
            "is", "are", "do", "does", "can", "has", "have", "was", "were", "did", "will", "should",
        ]
        let doubles = checklist.requirementsInOrder.map(\.requirement).filter { requirement in
            let words = requirement.text.english.lowercased().split { !$0.isLetter }
            return zip(words, words.dropFirst()).contains { ($0 == "and" || $0 == "or") && auxiliaries.contains($1) }
        }
        #expect(doubles.count <= 4, "\(id) double questions: \(doubles.map(\.id))")
    }

    @Test(arguments: guidanceChecklists)
    func theStandardsAreGuidance(id: String) throws {
        let checklist = try #require(Self.library.checklist(id))
        #expect(checklist.nature == .guidance)
        #expect(checklist.version.hasPrefix("2."))
    }

    @Test(arguments: [
        ("iso-10002-2018", "en"), ("iso-10002-2018", "ar"), ("iso-10004-2018", "en"), ("iso-10004-2018", "ar"),
    ])
    func showGoldens(id: String, language: String) throws {
        let result = try Command.run(["show", id, "--lang", language])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        if language == "ar" {
            // The outline names phases and roles by their Arabic titles, never by id.
            let template = try #require(Self.library.phaseTemplate.value)
            let checklist = try #require(Self.library.checklist(id))
            let ids = Set(template.phaseIDs + template.roles.map(\.id) + checklist.roles.map(\.id))
            let words = Set(result.stdout.split { !($0.isASCII && ($0.isLetter || $0 == "-")) }.map(String.init))
            #expect(words.isDisjoint(with: ids), "\(id): ids in the Arabic outline: \(words.intersection(ids))")
            #expect(result.stdout.contains("المرحلة: "))
        }
        try Golden.check(result.stdout, against: "show/\(id)-\(language).txt")
    }
}
