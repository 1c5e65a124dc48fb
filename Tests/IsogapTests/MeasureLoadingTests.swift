import IsogapDiagnostics
import IsogapLoading
import IsogapModel
import Testing

/// Cells with their positions, read by ``CSVReader``.
private func cells(_ text: String, chunkSize: Int = 1 << 20) -> (
    rows: [[String]], positions: [[String]], errors: [String]
) {
    var rows: [[String]] = [], positions: [[String]] = []
    let bytes = Array(text.utf8)
    var offset = 0
    let errors = CSVReader(file: "t.csv").read(
        chunks: {
            guard offset < bytes.count else { return nil }
            defer { offset += chunkSize }
            return Array(bytes[offset..<min(bytes.count, offset + chunkSize)])
        },
        { row in
            rows.append((0..<row.count).map { row.string($0) })
            positions.append((0..<row.count).map { "\(row.position($0).line):\(row.position($0).column)" })
            return true
        })
    return (rows, positions, errors.map(\.description))
}

@Suite("CSV reader")
struct CSVReaderTests {
    @Test(
        "quoted cells spanning lines, BOM, CRLF and characters beyond ASCII keep their positions",
        arguments: [1, 2, 3, 7, 1 << 20])
    func positions(chunkSize: Int) {
        let text = "\u{FEFF}id,note,x\r\n1,\"a, \"\"b\"\"\nc\",é\r\n\r\n2,ذهب,\"\"\n3,\"x\ny\nz\",w"
        let result = cells(text, chunkSize: chunkSize)
        #expect(result.errors == [])
        #expect(
            result.rows == [
                ["id", "note", "x"], ["1", "a, \"b\"\nc", "é"], ["2", "ذهب", ""], ["3", "x\ny\nz", "w"],
            ])
        #expect(
            result.positions == [
                ["1:1", "1:4", "1:9"], ["2:1", "2:3", "3:4"], ["5:1", "5:3", "5:7"], ["6:1", "6:3", "8:4"],
            ])
    }

    @Test("structural errors are located where the problem starts")
    func structuralErrors() {
        #expect(
            cells("a,b\n1,\"open\n2,3\n").errors == [
                "t.csv:2:3: error: a quoted cell is not closed; add the closing '\"'"
            ])
        #expect(
            cells("a,b\n1,x\"y\n").errors == [
                "t.csv:2:4: error: a quote inside a cell that does not start with one; quote the whole cell and double the quote"
            ])
        #expect(
            cells("a,b\n1,\"x\"y\n").errors == [
                "t.csv:2:6: error: text after the closing quote of a cell; a quote inside a quoted cell is written '\"\"'"
            ])
    }

    @Test("caps refuse oversized files, rows and cells")
    func caps() {
        let limits = CSVReader.Limits(maxFileSize: 100, maxRows: 2, maxColumns: 3, maxCellLength: 5)
        func errors(_ text: String) -> [String] {
            CSVReader(file: "t.csv", limits: limits).read(Array(text.utf8)) { _ in true }.map(\.message)
        }
        #expect(errors(String(repeating: "a\n", count: 60)) == ["the file is larger than 0 MiB, the most isogap reads"])
        #expect(errors("a\n1\n2\n3\n") == ["the file has more than 2 rows, the most isogap reads"])
        #expect(errors("a,b,c,d\n") == ["a row has more than 3 cells"])
        #expect(errors("abcdefg\n") == ["a cell is longer than 5 bytes"])
    }
}

@Suite("Measure data loading")
struct MeasureDataLoadingTests {
    static func complaints(_ text: String, actions: Set<String> = ["CA-1"]) -> LoadedData<ComplaintLog> {
        let bytes = Array(text.utf8)
        var given = false
        return MeasureDataLoader.complaints(
            file: "c.csv",
            chunks: {
                defer { given = true }
                return given ? nil : bytes
            }, actionIDs: actions)
    }

    @Test("every bad cell kind is reported at its line and column, all at once")
    func invalidCorpus() {
        let text = """
            id,received,acknowledged,closed,outcome,stage,satisfaction,reopened,action,extra,other
            A1,2026-01-05,2026-01-04,,upheld,1,5,,,x,y
            A2,2026-13-01,,,,,,,,,
            A1,2026-01-05,,2026-01-06,maybe,4,6,2026-01-05,CA-9,,
            ,2026-01-05,,,,,,,,,
            A4,,,,,,,,,,
            A5,2026-01-05T10:00:00+03:00,2026-01-05T25:00,,,,0,,,,
            A6,2026-01-05,"2026-01-06
            ",,,,,,,,
            A7,2026-01-05
            """
        let loaded = Self.complaints(text)
        #expect(loaded.value == nil)
        #expect(
            loaded.diagnostics.sortedByLocation().map(\.description) == [
                "c.csv:1:76: warning: unknown columns 'extra', 'other' ignored; known columns: id, received, acknowledged, responded, closed, channel, category, site, outcome, stage, reopened, customer, satisfaction, action",
                "c.csv:2:15: error: 'acknowledged' 2026-01-04 is before 'received' 2026-01-05",
                "c.csv:3:4: error: 'received' \"2026-13-01\" is not a date; expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] with an optional Z or ±HH:MM",
                "c.csv:4:1: error: duplicate id 'A1'; first used on line 2",
                "c.csv:4:27: error: unknown outcome 'maybe'; expected 'upheld', 'partially-upheld', 'not-upheld', 'withdrawn'",
                "c.csv:4:33: error: 'stage' \"4\" is not a whole number from 1 to 3",
                "c.csv:4:35: error: 'satisfaction' \"6\" is not a whole number from 1 to 5",
                "c.csv:4:37: error: 'reopened' 2026-01-05 is before 'closed' 2026-01-06",
                "c.csv:4:48: error: unknown action id 'CA-9'; it is not in actions.yaml",
                "c.csv:5:1: error: 'id' is required",
                "c.csv:6:4: error: 'received' is required",
                "c.csv:7:30: error: 'acknowledged' \"2026-01-05T25:00\" is not a date; expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] with an optional Z or ±HH:MM",
                "c.csv:7:50: error: 'satisfaction' \"0\" is not a whole number from 1 to 5",
                "c.csv:8:15: error: 'acknowledged' \"2026-01-06\\n\" is not a date; expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] with an optional Z or ±HH:MM",
                "c.csv:10:14: error: the row has 2 cells; the header has 11",
            ])
    }

    @Test("a missing required column is reported on line 1")
    func missingColumn() {
        let loaded = Self.complaints("id,closed\nA,2026-01-01\n")
        #expect(loaded.diagnostics.map(\.description) == ["c.csv:1:1: error: missing required column 'received'"])
    }

    @Test("errors beyond the cap are counted, not kept")
    func cappedDisplay() {
        let text = "id,received\n" + (1...80).map { "X\($0),bad" }.joined(separator: "\n")
        let loaded = Self.complaints(text)
        #expect(loaded.diagnostics.count == MeasureDataLoader.maxDiagnostics)
        #expect(loaded.suppressed == 80 - MeasureDataLoader.maxDiagnostics)
        #expect(!loaded.succeeded)
    }

    @Test("a good log loads with names interned and timestamps cut to their date")
    func goodLog() throws {
        let loaded = Self.complaints(
            "id,received,closed,category,outcome,stage,customer,action\n1,2026-01-05T23:30Z,2026-01-07,late,upheld,1,c1,CA-1\n2, 2026-01-06 ,,late,,,c1,\n"
        )
        let log = try #require(loaded.value)
        #expect(loaded.diagnostics.isEmpty)
        #expect(log.complaints.map(\.id) == ["1", "2"])
        #expect(log.complaints[0].received == Int32(CalendarDate(year: 2026, month: 1, day: 5)!.dayNumber))
        #expect(log.complaints[0].action == "CA-1")
        #expect(log.name(log.complaints[1].category) == "late")
        #expect(log.complaints[0].customer == log.complaints[1].customer)
    }

    @Test("ids and names are told apart as text: many keys, and keys beyond ASCII equal to others")
    func keysAsText() throws {
        var rows = (1...300).map { "A\($0),2026-01-05,c\($0 % 7)" }
        let long = "complaint-with-a-long-id-1"
        rows += ["\(long),2026-01-05,c1", "\(long),2026-01-05,c1"]
        // The Kelvin sign is the letter K as text; é is one character or e with an accent.
        rows += ["\u{212A},2026-01-05,\u{E9}", "K,2026-01-05,e\u{301}", "A7,2026-01-05,c0", "\(long),2026-01-05,"]
        let loaded = Self.complaints("id,received,customer\n" + rows.joined(separator: "\n"))
        #expect(
            loaded.diagnostics.map(\.description) == [
                "c.csv:303:1: error: duplicate id '\(long)'; first used on line 302",
                "c.csv:305:1: error: duplicate id 'K'; first used on line 304",
                "c.csv:306:1: error: duplicate id 'A7'; first used on line 8",
                "c.csv:307:1: error: duplicate id '\(long)'; first used on line 302",
            ])
        let names = Self.complaints(
            "id,received,customer\n1,2026-01-05,\u{E9}\n2,2026-01-05,e\u{301}\n3,2026-01-05,c1\n")
        let log = try #require(names.value)
        #expect(log.complaints.map(\.customer) == [0, 0, 1])
        #expect(log.names == ["\u{E9}", "c1"])
    }

    @Test("survey waves: attributes, weights and located errors")
    func survey() throws {
        func load(_ text: String) -> LoadedData<SurveyWave> {
            var given = false
            return MeasureDataLoader.survey(
                file: "s.csv", wave: "W1", invited: 10,
                chunks: {
                    defer { given = true }
                    return given ? nil : Array(text.utf8)
                })
        }
        let good = load("respondent,overall,perf:speed,imp:speed,perf:price,weight\nr1,5,4,5,3,2\nr2,3,,,2,\n")
        let wave = try #require(good.value)
        #expect(wave.attributes == ["speed", "price"])
        #expect(wave.hasImportance == [true, false])
        #expect(wave.responses[0].weight == 2)
        #expect(wave.responses[1].performance == [nil, 2])
        let bad = load("respondent,overall,nps,ces,weight\nr1,6,11,0,0\nr1,,,,-1\n")
        #expect(
            bad.diagnostics.map(\.description) == [
                "s.csv:2:4: error: 'overall' \"6\" is not a whole number from 1 to 5",
                "s.csv:2:6: error: 'nps' \"11\" is not a whole number from 0 to 10",
                "s.csv:2:9: error: 'ces' \"0\" is not a whole number from 1 to 7",
                "s.csv:2:11: error: 'weight' must be greater than 0",
                "s.csv:3:7: error: 'weight' \"-1\" is not a number",
                "s.csv:3:1: error: duplicate respondent 'r1'; first used on line 2",
            ])
    }

    @Test("volumes: one period form, no duplicates")
    func volumes() {
        func load(_ text: String) -> LoadedData<VolumeTable> {
            var given = false
            return MeasureDataLoader.volumes(
                file: "v.csv",
                chunks: {
                    defer { given = true }
                    return given ? nil : Array(text.utf8)
                })
        }
        #expect(load("period,transactions\n2026-Q1,100\n2026-Q2,200\n").value?.rows.map(\.transactions) == [100, 200])
        #expect(
            load("period,transactions\n2026-Q1,100\n2026-05,1\n2026-Q1,-3\n2026-Q5,1\n").diagnostics.map(\.description)
                == [
                    "v.csv:3:1: error: 'period' 2026-05 is a month; the file's periods are quarters",
                    "v.csv:4:9: error: 'transactions' \"-3\" is not a whole number from 0 to 2147483647",
                    "v.csv:4:1: error: duplicate period 2026-Q1; first given on line 2",
                    "v.csv:5:1: error: 'period' 2026-Q5 is not YYYY-MM, YYYY-Qn or YYYY",
                ])
    }

    @Test("the manifest's measures paths must stay inside the workspace")
    func manifestPaths() {
        let manifest = """
            isogap: 1
            kind: workspace
            organization: A
            scope: B
            assessment_date: 2026-01-01
            target_level: 3
            checklists: [iso-10002-2018]
            measures:
              complaints: ../outside.csv
              surveys: [{file: /etc/passwd, wave: W1}]
              period: week
            """
        let loaded = ManifestLoader.load(Array(manifest.utf8), file: "isogap.yaml")
        #expect(
            loaded.diagnostics.sortedByLocation().map(\.description) == [
                "isogap.yaml:9:15: error: 'complaints' must stay inside the workspace (no '..')",
                "isogap.yaml:10:20: error: 'file' must be a path relative to the workspace (no leading '/', '~', drive letter or '\\')",
                "isogap.yaml:11:11: error: 'week' is not a valid period; expected one of month, quarter, year",
            ])
    }

    @Test("the built-in KPIs load and support requirements that exist")
    func builtInKPIs() throws {
        let bytes = try Fixtures.bytes("../../templates/kpis.yaml")
        var known: Set<RequirementKey> = []
        for name in ["iso-10002-2018", "iso-10004-2018"] {
            let checklist = try #require(
                ChecklistLoader.load(try Fixtures.bytes("../../checklists/\(name).yaml"), file: name).value)
            for entry in checklist.requirementsInOrder {
                known.insert(RequirementKey(checklist: checklist.id, requirement: entry.requirement.id))
            }
        }
        let loaded = KPILoader.load(bytes, file: "kpis.yaml", known: known)
        #expect(loaded.diagnostics.map(\.description) == [])
        let set = try #require(loaded.value)
        #expect(set.kpis.count >= 12)
        #expect(set.kpis.allSatisfy { $0.title["ar"] != nil })
        #expect(set.targets == MeasureTargets(ackDays: 2, resolutionDays: 20, repeatWindowDays: 90))
    }
}
