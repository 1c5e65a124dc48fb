import IsogapDiagnostics
import IsogapLoading
import IsogapModel
import Testing

@testable import IsogapYAML

/// A guard against slow loading: the whole loader (UTF-8 check, libyaml, the node tree, decoding)
/// against libyaml's bare event scan of the same bytes. The benchmark is
/// `benchmarks/portfolio`; this only catches a loader that becomes several times slower.
@Suite("Load speed")
struct LoadSpeedTests {
    /// A valid checklist just under the 4 MiB file limit: 40 clauses of 60 requirements, each with
    /// bilingual text and guidance, evidence, weights, mappings and a task.
    static func largeChecklist() -> [UInt8] {
        var text = """
            isogap: 1
            kind: checklist
            id: large
            standard: "Large 1:2026"
            title: {en: Large checklist, ar: قائمة كبيرة}
            version: 1.0.0
            scale:
              - {level: 0, label: None, min_evidence: 0}
              - {level: 1, label: {en: Some, ar: بعض}, min_evidence: 1, evidence_types: [document]}
            roles:
              - {id: owner, name: {en: Owner, ar: المالك}}
            clauses:

            """
        let question = "Is the practice described in a document that the people who apply it know, use and review?"
        let guidance = String(
            repeating: "Ask for the record of the last review and compare it with practice. ", count: 6)
        let arabic = "هل توجد ممارسة موثقة يعرفها من يطبقها ويستخدمها ويراجعها بانتظام؟ "
        var clause = 0
        while text.utf8.count < 4_000_000 {
            clause += 1
            text += "  - id: \"\(clause)\"\n    title: {en: \"Clause \(clause)\", ar: \"البند \(clause)\"}\n"
            text += "    requirements:\n"
            for item in 1...60 {
                let id = "\(clause).\(item)"
                let lines = [
                    "      - id: \"\(id)\"",
                    "        text:",
                    "          en: \"\(question)\"",
                    "          ar: \"\(arabic)\"",
                    "        guidance:",
                    "          en: \"\(guidance)\"",
                    "          ar: \"\(arabic)\(arabic)\"",
                    "        evidence: [document, record, interview]",
                    "        weight: 1.5",
                    "        criticality: low",
                    "        tasks:",
                    "          - id: \"t-\(id)\"",
                    "            title: {en: \"Write and approve the procedure for \(id)\", ar: \"كتابة الإجراء واعتماده\"}",
                    "            role: owner",
                    "            effort_days: 2",
                    "            phase: design",
                ]
                text += lines.joined(separator: "\n") + "\n"
            }
        }
        return Array(text.utf8)
    }

    @Test func aLargeChecklistLoadsWithinFourTimesTheBareScan() throws {
        let bytes = Self.largeChecklist()
        #expect(bytes.count > 3_900_000 && bytes.count <= YAMLLimits.standard.maxFileSize)
        #expect(YAMLEventScan.count(bytes) != nil)
        var loaded: Loaded<Checklist>?
        var scan = Double.infinity, load = Double.infinity
        // Best of three, each measured in CPU time of this thread, interleaved: other tests and
        // other work on the machine slow both alike and do not count.
        for _ in 0..<3 {
            scan = min(scan, ResourceBudgetTests.threadCPUSeconds { _ = YAMLEventScan.count(bytes) })
            load = min(
                load, ResourceBudgetTests.threadCPUSeconds { loaded = ChecklistLoader.load(bytes, file: "large.yaml") })
        }
        let checklist = try #require(loaded?.value)
        #expect(loaded?.diagnostics.isEmpty == true, "\(loaded?.diagnostics.prefix(3).map(\.description) ?? [])")
        #expect(checklist.requirementsInOrder.count > 2000)
        #expect(load < Self.allowedFactor * scan, "load \(load) s, bare scan \(scan) s of CPU")
    }

    /// Four times the scan in an optimised build. Unoptimised (debug) builds run the Swift above
    /// libyaml several times slower while libyaml itself is always optimised, so they get a
    /// proportionally wider bound.
    #if DEBUG
        static let allowedFactor = 4.0 * 6
    #else
        static let allowedFactor = 4.0
    #endif
}
