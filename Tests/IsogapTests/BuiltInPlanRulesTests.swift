import Foundation
import Testing

/// SPEC §8: the built-in phase template and checklists give the example workspace a plan that a
/// project manager accepts. Read from `isogap plan --format json`, as a user's tools would.
@Suite("Built-in plan sequencing rules")
struct BuiltInPlanRulesTests {
    struct Task {
        var id: String, title: String, phase: String, role: String, start: String, finish: String
        var tags: [String], after: [String]
    }

    static func tasks(_ arguments: [String] = []) throws -> [Task] {
        let result = try Command.run(["plan", "examples/alnoor-retail", "--format", "json"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        // The example cites one changed and one missing evidence file on purpose (scoring v2); the
        // plan itself must add no warning.
        let planWarnings = result.stderr.split(separator: "\n").filter {
            $0.contains("warning:") && !$0.contains("evidence file")
        }
        #expect(planWarnings.isEmpty, "no plan warning for the built-in content: \(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let plan = try #require(document["plan"] as? [String: Any])
        let tasks = try #require(plan["tasks"] as? [[String: Any]])
        return tasks.map { task in
            Task(
                id: task["id"] as? String ?? "", title: task["title"] as? String ?? "",
                phase: task["phase"] as? String ?? "", role: task["role"] as? String ?? "",
                start: task["start"] as? String ?? "", finish: task["finish"] as? String ?? "",
                tags: task["tags"] as? [String] ?? [], after: task["after"] as? [String] ?? [])
        }
    }

    /// Every task of `later` starts after every task of `earlier` has finished (ISO dates compare
    /// as text).
    static func expectAfter(
        _ later: [Task], _ earlier: [Task], _ rule: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(
            !later.isEmpty && !earlier.isEmpty, "\(rule): both sides are in the plan", sourceLocation: sourceLocation)
        for task in later {
            for before in earlier where before.id != task.id {
                #expect(
                    before.finish < task.start,
                    "\(rule): \(before.id) (\(before.finish)) before \(task.id) (\(task.start))",
                    sourceLocation: sourceLocation)
            }
        }
    }

    @Test func everySequencingRuleHolds() throws {
        let tasks = try Self.tasks()
        func phase(_ id: String) -> [Task] { tasks.filter { $0.phase == id } }
        func tagged(_ tag: String) -> [Task] { tasks.filter { $0.tags.contains(tag) } }
        func task(_ id: String) -> [Task] { tasks.filter { $0.id == id } }
        // Nothing is approved before it is drafted.
        Self.expectAfter(phase("approve"), phase("design") + tagged("draft"), "approval after drafting")
        for approval in tasks where approval.title.hasPrefix("Approve") {
            #expect(
                approval.phase == "approve" || !approval.after.isEmpty,
                "\(approval.id) approves something: it must follow what it approves")
        }
        // Build after approval; training after approval and build; go-live after training and build.
        Self.expectAfter(phase("implement"), phase("approve"), "build after approval")
        Self.expectAfter(
            phase("train"), phase("approve") + phase("implement") + tagged("system"), "training after build")
        Self.expectAfter(task("prog-go-live"), phase("train") + phase("implement") + tagged("system"), "go-live")
        Self.expectAfter(phase("operate"), task("prog-go-live"), "operation after go-live")
        // The first internal audit after an operating period, the management review after it.
        Self.expectAfter(tagged("internal-audit"), task("prog-early-operation"), "audit after operation")
        Self.expectAfter(task("prog-management-review"), tagged("internal-audit"), "review after audit")
        // The baseline survey after the measurement method and sampling plan are approved.
        let method = tagged("measurement-method")
        #expect(method.contains { $0.id == "iso-10004-2018:7.3.4-sampling-plan" })
        Self.expectAfter(
            task("prog-baseline-satisfaction"), method + task("prog-approve-policy-procedures"),
            "baseline after method and sampling plan")
        // Assessment catch-up work goes to the assessor, never to top management.
        #expect(tasks.filter { $0.id.hasSuffix(":assess-first") }.allSatisfy { $0.role == "assessor" })
        // No programme task repeats a checklist task.
        let programme = Set(tasks.filter { !$0.id.contains(":") }.map(\.id))
        #expect(
            programme.isDisjoint(with: [
                "prog-first-internal-audit", "prog-train-auditors", "prog-recognition-incentives",
            ]))
        let checklistTitles = Set(tasks.filter { $0.id.contains(":") }.map { $0.title.lowercased() })
        #expect(tasks.filter { !$0.id.contains(":") }.allSatisfy { !checklistTitles.contains($0.title.lowercased()) })
    }
}
