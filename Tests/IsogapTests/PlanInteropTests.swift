import Foundation
import IsogapModel
import IsogapRendering
import Testing

/// Independent readers: the `.ics` output parsed by Python's `icalendar` package (an RFC 5545
/// parser isogap does not share code with) and the CSV by Python's `csv` module.
///
/// The tests are skipped when `python3` itself is missing. When python3 is there but `icalendar`
/// is not, they fail: CI installs it (`python3 -m pip install icalendar`).
@Suite("Plan outputs read by independent parsers", .enabled(if: Python.isAvailable, "python3 is not installed"))
struct PlanInteropTests {
    /// Reads an .ics file and prints, per event, UID, start, end and summary as JSON.
    static let icsReader = """
        import json, sys
        try:
            import icalendar
        except ImportError:
            sys.exit("the Python package 'icalendar' is missing; install it with: python3 -m pip install icalendar")
        with open(sys.argv[1], 'rb') as f:
            calendar = icalendar.Calendar.from_ical(f.read())
        assert str(calendar['VERSION']) == '2.0', calendar['VERSION']
        assert str(calendar['PRODID']).startswith('-//isogap//'), calendar['PRODID']
        events = []
        for event in calendar.walk('VEVENT'):
            events.append({
                'uid': str(event['UID']),
                'start': event.decoded('DTSTART').isoformat(),
                'end': event.decoded('DTEND').isoformat(),
                'stamp': event.decoded('DTSTAMP').isoformat(),
                'summary': str(event['SUMMARY']),
                'description': str(event.get('DESCRIPTION', '')),
            })
        print(json.dumps(events))
        """

    /// Reads a CSV file (UTF-8 with a byte order mark) and prints its rows as JSON.
    static let csvReader = """
        import csv, json, sys
        with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
            print(json.dumps(list(csv.reader(f, strict=True))))
        """

    struct Event: Decodable {
        var uid: String
        var start: String
        var end: String
        var stamp: String
        var summary: String
        var description: String
    }

    @Test(arguments: ["en", "ar"])
    func icsOfTheSampleReadsBackEventForEvent(language: String) throws {
        let ics = try PlanCommandTests.plan(["--format", "ics", "--lang", language]).stdout
        let json = try PlanCommandTests.plan(["--format", "json", "--lang", language]).stdout
        let plan = try #require(
            (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["plan"] as? [String: Any])
        let tasks = try #require(plan["tasks"] as? [[String: Any]])
        let milestones = try #require(plan["milestones"] as? [[String: Any]])
        let events = try JSONDecoder().decode([Event].self, from: Data(Python.run(Self.icsReader, on: ics).utf8))
        #expect(events.count == tasks.count + milestones.count)
        #expect(Set(events.map(\.uid)).count == events.count, "UIDs are unique")
        for (task, event) in zip(tasks, events) {
            let id = try #require(task["id"] as? String)
            #expect(event.uid.hasPrefix("task-\(id)@") && event.uid.hasSuffix(".isogap"))
            #expect(event.summary == task["title"] as? String)
            #expect(event.start == task["start"] as? String)
            let finish = try #require((task["finish"] as? String).flatMap { CalendarDate($0) })
            #expect(event.end == finish.adding(days: 1).description, "DTEND is the day after the last working day")
            #expect(event.stamp == "2026-11-26T00:00:00+00:00")
        }
        for (milestone, event) in zip(milestones, events.suffix(milestones.count)) {
            #expect(event.uid.hasPrefix("milestone-\(milestone["phase"] as? String ?? "?")@"))
            #expect(event.start == milestone["date"] as? String)
        }
    }

    /// Escaping and folding on hostile text: backslashes, semicolons, commas, line breaks, long
    /// Arabic titles (folded inside multi-byte text) must all come back exactly.
    @Test func icsEscapingAndFoldingRoundTrip() throws {
        let ics = PlanICS.text(try PlanRenderingTests.hostileInput())
        #expect(ics.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        let events = try JSONDecoder().decode([Event].self, from: Data(Python.run(Self.icsReader, on: ics).utf8))
        let titles = PlanRenderingTests.hostileTitles
        #expect(Set(events.prefix(titles.count).map(\.summary)) == Set(titles))
        #expect(events.first?.description.contains("Task: t") == true)
    }

    @Test func csvReadsBackRowForRow() throws {
        let csv = try PlanCommandTests.plan(["--format", "csv"]).stdout
        let json = try PlanCommandTests.plan(["--format", "json"]).stdout
        let plan = try #require(
            (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["plan"] as? [String: Any])
        let tasks = try #require(plan["tasks"] as? [[String: Any]])
        let rows = try JSONDecoder().decode([[String]].self, from: Data(Python.run(Self.csvReader, on: csv).utf8))
        #expect(
            rows.first == [
                "id", "title", "phase", "responsible_role", "accountable_role", "start", "finish", "working_days",
                "predecessors", "critical", "requirements", "slack", "late_start", "late_finish", "tags",
            ])
        #expect(rows.count == tasks.count + 1)
        for (row, task) in zip(rows.dropFirst(), tasks) {
            #expect(row.count == 15)
            #expect(row[11] == String(task["slack"] as? Int ?? -1))
            #expect(row[12] == task["late_start"] as? String && row[13] == task["late_finish"] as? String)
            #expect(row[14] == (task["tags"] as? [String] ?? []).joined(separator: " "))
            #expect(row[0] == task["id"] as? String)
            #expect(row[1] == task["title"] as? String)
            #expect(row[3] == task["role"] as? String && row[4] == task["accountable"] as? String)
            #expect(row[5] == task["start"] as? String && row[6] == task["finish"] as? String)
            #expect(row[7] == String(task["working_days"] as? Int ?? -1))
            #expect(row[9] == ((task["critical"] as? Bool ?? false) ? "true" : "false"))
            #expect(row[10] == (task["requirements"] as? [String] ?? []).joined(separator: " "))
            let after = task["after"] as? [String] ?? []
            let gate = (task["gate"] as? String).map { ["phase:\($0)"] } ?? []
            #expect(row[8] == (after + gate).joined(separator: " "))
        }
    }
}

/// Runs Python scripts for the interoperability tests.
enum Python {
    /// The interpreter `python3` on the PATH stands for, asked once: a version manager's shim (pyenv's
    /// costs about 0.1 s of CPU and a third of a second at each start) is then gone through once, not
    /// at every start. Nil when `python3` cannot be started.
    static let interpreter: URL? = {
        let output = try? ChildProcess.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", "import sys; print(sys.executable)"])
        guard let output, output.status == 0 else { return nil }
        let path = output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return FileManager.default.isExecutableFile(atPath: path) ? URL(fileURLWithPath: path) : nil
    }()

    /// Whether `python3` can be started at all.
    static var isAvailable: Bool { interpreter != nil }

    /// The executable and arguments that run `python3 arguments`.
    static func command(_ arguments: [String]) -> (executable: URL, arguments: [String]) {
        if let interpreter { return (interpreter, arguments) }
        return (URL(fileURLWithPath: "/usr/bin/env"), ["python3"] + arguments)
    }

    private static func start(_ arguments: [String], stdout: FileHandle? = nil, stderr: FileHandle? = nil) throws
        -> Process
    {
        let process = Process()
        (process.executableURL, process.arguments) = command(arguments)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout ?? FileHandle.nullDevice
        process.standardError = stderr ?? FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs `script` with a file holding `input` as its argument; returns its standard output, or
    /// records a failure with its standard error.
    static func run(_ script: String, on input: String, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> String
    {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let inputURL = folder.appendingPathComponent("input")
        try Data(input.utf8).write(to: inputURL)
        let outURL = folder.appendingPathComponent("stdout"), errURL = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = try start(
            ["-c", script, inputURL.path], stdout: try FileHandle(forWritingTo: outURL),
            stderr: try FileHandle(forWritingTo: errURL))
        process.waitUntilExit()
        let stderr = String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
        #expect(process.terminationStatus == 0, "python3 failed: \(stderr)", sourceLocation: sourceLocation)
        return String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
    }
}
