import Foundation
import Testing

/// The corpus of invalid inputs in `Tests/Fixtures/invalid`: every file `NAME.yaml` (or workspace
/// folder `NAME/`) must make `isogap validate NAME` exit with 65 and print exactly `NAME.expected`
/// on standard error (every problem, located), within the time limit of the hostile corpus
/// (``HostileInputTests``, which also measures memory in a real process). The commands run
/// in-process. `UPDATE_GOLDENS=1` rewrites the expected files.
@Suite("Invalid inputs")
struct InvalidInputTests {
    static let folder = Fixtures.url("invalid")

    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasSuffix(".expected") && !$0.hasPrefix(".") }.sorted()
    }()

    @Test func corpusIsLarge() {
        #expect(Self.cases.count >= 40)
    }

    @Test(arguments: cases)
    func reportsEveryProblem(name: String) throws {
        let start = ContinuousClock.now
        let result = try Command.run(["validate", name], in: Self.folder)
        let elapsed = ContinuousClock.now - start
        #expect(result.status == 65, "\(name): exit \(result.status)\n\(result.stderr)")
        // The time limit of the hostile corpus, measured as wall time (other tests run beside it).
        #expect(elapsed <= .seconds(HostileInputTests.cpuLimit), "\(name): \(elapsed)")
        let base = name.hasSuffix(".yaml") ? String(name.dropLast(5)) : name
        let expectedURL = Self.folder.appendingPathComponent("\(base).expected")
        if Golden.updating {
            try Data(result.stderr.utf8).write(to: expectedURL)
            return
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(result.stderr == expected, "\(name)")
    }
}
