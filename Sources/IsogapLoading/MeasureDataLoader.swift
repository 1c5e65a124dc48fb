public import IsogapDiagnostics
public import IsogapModel

/// The outcome of reading one CSV data file: the value, the diagnostics kept (at most
/// ``MeasureDataLoader/maxDiagnostics``) and how many more errors were found but not kept.
public struct LoadedData<Value: Sendable>: Sendable {
    public var value: Value?
    public var diagnostics: [Diagnostic]
    /// Errors found beyond the ones kept.
    public var suppressed: Int

    /// Whether the file loaded with no error.
    public var succeeded: Bool { value != nil && !diagnostics.containsErrors && suppressed == 0 }
}

/// Reads the data files of `isogap measure` (SPEC §12): complaint logs, survey waves, volumes.
///
/// Each reader takes the file in chunks so memory grows with the rows kept (a compact record per
/// complaint), not with the file's text. Every bad cell is reported at the line and column where
/// the cell starts, all at once; spaces and tabs around a value are ignored.
public enum MeasureDataLoader {
    /// Most diagnostics kept per file; the rest are counted.
    public static let maxDiagnostics = 50

    public static let complaintColumns = [
        "id", "received", "acknowledged", "responded", "closed", "channel", "category", "site", "outcome", "stage",
        "reopened", "customer", "satisfaction", "action",
    ]
    public static let surveyColumns = ["respondent", "date", "site", "segment", "overall", "nps", "ces", "weight"]
    public static let volumeColumns = ["period", "transactions"]

    /// Reads a complaint log. `actionIDs` are the ids of `actions.yaml` that `action` may name.
    public static func complaints(
        file: String, chunks: () -> [UInt8]?, actionIDs: Set<String>, limits: CSVReader.Limits = .standard
    ) -> LoadedData<ComplaintLog> {
        var builder = ComplaintLogBuilder(file: file, actionIDs: actionIDs)
        let structural = CSVReader(file: file, limits: limits).read(chunks: chunks) { row in
            builder.add(row)
            return true
        }
        return builder.sink.finish(structural: structural, header: builder.header, value: builder.log)
    }

    /// Reads one survey wave.
    public static func survey(
        file: String, wave: String, invited: Int?, chunks: () -> [UInt8]?, limits: CSVReader.Limits = .standard
    ) -> LoadedData<SurveyWave> {
        var sink = DiagnosticSink(file: file)
        var header: Header?
        var result = SurveyWave(wave: wave, invited: invited)
        var performanceColumns: [Column] = []
        var importanceColumns: [Column] = []
        var c = SurveyColumns()
        var firstLine: [String: Int] = [:]
        let structural = CSVReader(file: file, limits: limits).read(chunks: chunks) { row in
            guard let columns = header else {
                let parsed = Header(
                    row, known: surveyColumns, required: ["respondent"], sink: &sink,
                    isKnown: { $0.hasPrefix("perf:") && $0.count > 5 || $0.hasPrefix("imp:") && $0.count > 4 })
                for name in parsed.names {
                    let attribute: String
                    if name.hasPrefix("perf:") {
                        attribute = String(name.dropFirst(5))
                    } else if name.hasPrefix("imp:") {
                        attribute = String(name.dropFirst(4))
                    } else {
                        continue
                    }
                    if !result.attributes.contains(attribute) { result.attributes.append(attribute) }
                }
                performanceColumns = result.attributes.map { parsed.column("perf:" + $0) }
                importanceColumns = result.attributes.map { parsed.column("imp:" + $0) }
                result.hasImportance = importanceColumns.map { $0.index != nil }
                c = SurveyColumns(parsed)
                header = parsed
                return true
            }
            guard columns.checkWidth(row, sink: &sink) else { return true }
            var cells = Cells(row: row, sink: sink)
            defer { sink = cells.sink }
            let respondent = cells.text(c.respondent, required: true)
            var response = SurveyResponse(respondent: respondent ?? "", attributeCount: result.attributes.count)
            response.date = cells.date(c.date)
            response.site = cells.text(c.site)
            response.segment = cells.text(c.segment)
            response.overall = cells.integer(c.overall, in: 1...5)
            response.nps = cells.integer(c.nps, in: 0...10)
            response.ces = cells.integer(c.ces, in: 1...7)
            for index in result.attributes.indices {
                response.performance[index] = cells.integer(performanceColumns[index], in: 1...5)
                response.importance[index] = cells.integer(importanceColumns[index], in: 1...5)
            }
            if let weight = cells.number(c.weight) {
                if weight > 0, weight.isFinite {
                    response.weight = weight
                } else {
                    cells.error(c.weight, "'weight' must be greater than 0")
                }
            }
            if let respondent {
                if let first = firstLine[respondent] {
                    cells.error(c.respondent, "duplicate respondent '\(respondent)'; first used on line \(first)")
                } else {
                    firstLine[respondent] = cells.line(c.respondent)
                    result.responses.append(response)
                }
            }
            return true
        }
        return sink.finish(structural: structural, header: header, value: result)
    }

    /// Reads a volumes file.
    public static func volumes(file: String, chunks: () -> [UInt8]?, limits: CSVReader.Limits = .standard)
        -> LoadedData<VolumeTable>
    {
        var sink = DiagnosticSink(file: file)
        var header: Header?
        var period = Column(index: nil, name: "period"), transactions = Column(index: nil, name: "transactions")
        var form: MeasurePeriod?
        var rows: [(key: Int, transactions: Int)] = []
        var firstLine: [Int: Int] = [:]
        let structural = CSVReader(file: file, limits: limits).read(chunks: chunks) { row in
            guard let columns = header else {
                let parsed = Header(row, known: volumeColumns, required: ["period", "transactions"], sink: &sink)
                period = parsed.column("period")
                transactions = parsed.column("transactions")
                header = parsed
                return true
            }
            guard columns.checkWidth(row, sink: &sink) else { return true }
            var cells = Cells(row: row, sink: sink)
            defer { sink = cells.sink }
            let count = cells.integer(transactions, in: 0...Int(Int32.max), required: true)
            guard let text = cells.text(period, required: true) else { return true }
            guard let parsed = MeasurePeriod.parse(text) else {
                cells.error(period, "'period' \(text) is not YYYY-MM, YYYY-Qn or YYYY")
                return true
            }
            if let form, form != parsed.period {
                cells.error(
                    period,
                    "'period' \(text) is a \(parsed.period.rawValue); the file's periods are \(form.rawValue)s")
                return true
            }
            form = parsed.period
            if let first = firstLine[parsed.key] {
                cells.error(period, "duplicate period \(text); first given on line \(first)")
                return true
            }
            firstLine[parsed.key] = cells.line(period)
            if let count { rows.append((parsed.key, count)) }
            return true
        }
        return sink.finish(
            structural: structural, header: header, value: VolumeTable(period: form ?? .quarter, rows: rows))
    }
}

/// The columns of a complaint log, looked up once.
struct ComplaintColumns {
    var id, received, acknowledged, responded, closed, channel, category, site, outcome, stage, reopened,
        customer, satisfaction, action: Column

    init(_ header: Header? = nil) {
        func column(_ name: String) -> Column { header?.column(name) ?? Column(index: nil, name: name) }
        id = column("id")
        received = column("received")
        acknowledged = column("acknowledged")
        responded = column("responded")
        closed = column("closed")
        channel = column("channel")
        category = column("category")
        site = column("site")
        outcome = column("outcome")
        stage = column("stage")
        reopened = column("reopened")
        customer = column("customer")
        satisfaction = column("satisfaction")
        action = column("action")
    }
}

/// Reads the rows of a complaint log one at a time into a ``ComplaintLog``.
///
/// A million rows go through here, so the row's cells are read where they lie: ids and names are
/// numbered by ``TextKeyTable`` from their bytes, and a name becomes a `String` only the first
/// time it is seen.
struct ComplaintLogBuilder {
    var sink: DiagnosticSink
    var header: Header?
    var log = ComplaintLog()
    private var c = ComplaintColumns()
    private let actionIDs: Set<String>
    /// The ids kept, and the line each was first used on (by id number).
    private var ids = TextKeyTable()
    private var firstLines: [Int] = []
    /// Channel, category, site and customer names, numbered as in `log.names`.
    private var names = TextKeyTable()

    private static let outcomes = ComplaintOutcome.allCases.map { (outcome: $0, bytes: Array($0.rawValue.utf8)) }

    init(file: String, actionIDs: Set<String>) {
        sink = DiagnosticSink(file: file)
        self.actionIDs = actionIDs
    }

    mutating func add(_ row: CSVReader.Row) {
        guard let columns = header else {
            let parsed = Header(
                row, known: MeasureDataLoader.complaintColumns, required: ["id", "received"], sink: &sink)
            c = ComplaintColumns(parsed)
            header = parsed
            return
        }
        guard columns.checkWidth(row, sink: &sink) else { return }
        var cells = Cells(row: row, sink: sink)
        defer { sink = cells.sink }
        let id = cells.text(c.id, required: true)
        guard let receivedDate = cells.date(c.received, required: true) else { return }
        var complaint = Complaint(id: id ?? "", received: receivedDate)
        func after(_ column: Column, _ earliest: CalendarDate?, _ earliestName: String) -> Int32 {
            guard let date = cells.date(column) else { return Complaint.none }
            if let earliest, date < earliest {
                cells.error(column, "'\(column.name)' \(date) is before '\(earliestName)' \(earliest)")
            }
            return Int32(date.dayNumber)
        }
        complaint.acknowledged = after(c.acknowledged, receivedDate, "received")
        complaint.responded = after(c.responded, receivedDate, "received")
        complaint.closed = after(c.closed, receivedDate, "received")
        let closed = complaint.closed == Complaint.none ? nil : CalendarDate(dayNumber: Int(complaint.closed))
        complaint.reopened = after(c.reopened, closed ?? receivedDate, closed == nil ? "received" : "closed")
        complaint.channel = name(c.channel, in: &cells)
        complaint.category = name(c.category, in: &cells)
        complaint.site = name(c.site, in: &cells)
        complaint.customer = name(c.customer, in: &cells)
        // The four outcomes are ASCII: matching bytes is matching text (an escaped cell's bytes
        // are its unescaped text). A cell that matches none is reported with its text.
        switch cells.withText(c.outcome, { bytes in Self.outcomes.first { $0.bytes.elementsEqual(bytes) }?.outcome }) {
        case .none: break
        case .some(.some(let outcome)): complaint.outcome = outcome
        case .some(.none):
            let text = cells.text(c.outcome) ?? ""
            cells.error(
                c.outcome,
                "unknown outcome '\(text)'; expected \(ComplaintOutcome.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", "))"
            )
        }
        complaint.stage = Int8(cells.integer(c.stage, in: 1...3) ?? 0)
        complaint.satisfaction = Int8(cells.integer(c.satisfaction, in: 1...5) ?? 0)
        if let action = cells.text(c.action) {
            if actionIDs.contains(action) {
                complaint.action = action
            } else {
                cells.error(c.action, "unknown action id '\(action)'; it is not in actions.yaml")
            }
        }
        guard var id else { return }
        let (number, added) = id.withUTF8 { ids.number(of: $0) }
        if added {
            firstLines.append(cells.line(c.id))
            log.complaints.append(complaint)
        } else {
            cells.error(c.id, "duplicate id '\(id)'; first used on line \(firstLines[number])")
        }
    }

    /// The index in `log.names` of a name cell, or -1 when blank.
    private mutating func name(_ column: Column, in cells: inout Cells) -> Int32 {
        cells.withText(column) { bytes in
            let (number, added) = names.number(of: bytes)
            if added { log.names.append(String(decoding: bytes, as: UTF8.self)) }
            return Int32(number)
        } ?? -1
    }
}

/// The fixed columns of a survey wave, looked up once.
struct SurveyColumns {
    var respondent, date, site, segment, overall, nps, ces, weight: Column

    init(_ header: Header? = nil) {
        func column(_ name: String) -> Column { header?.column(name) ?? Column(index: nil, name: name) }
        respondent = column("respondent")
        date = column("date")
        site = column("site")
        segment = column("segment")
        overall = column("overall")
        nps = column("nps")
        ces = column("ces")
        weight = column("weight")
    }
}

/// Diagnostics of one file, capped.
struct DiagnosticSink {
    let file: String
    var diagnostics: [Diagnostic] = []
    var suppressed = 0

    mutating func add(_ diagnostic: Diagnostic) {
        if diagnostics.count < MeasureDataLoader.maxDiagnostics {
            diagnostics.append(diagnostic)
        } else if diagnostic.severity == .error {
            suppressed += 1
        }
    }

    func finish<Value>(structural: [Diagnostic], header: Header?, value: Value) -> LoadedData<Value> {
        var all = diagnostics + structural
        if header == nil, structural.isEmpty {
            all.append(
                .error("the file is empty; expected a header row", at: SourceLocation(file: file, line: 1, column: 1)))
        }
        let failed = all.containsErrors || suppressed > 0
        return LoadedData(value: failed ? nil : value, diagnostics: all, suppressed: suppressed)
    }
}

/// The header row: column names and where they are.
struct Header {
    var names: [String]
    /// Column index by name.
    var index: [String: Int]
    let required: [String]

    init(
        _ row: CSVReader.Row, known: [String], required: [String], sink: inout DiagnosticSink,
        isKnown: (String) -> Bool = { _ in false }
    ) {
        self.required = required
        names = (0..<row.count).map { row.string($0) }
        index = [:]
        var unknown: [(String, Int)] = []
        for (column, name) in names.enumerated() {
            let position = row.position(column)
            let location = SourceLocation(file: sink.file, line: position.line, column: position.column)
            if index[name] != nil {
                sink.add(.error("column '\(name)' appears twice in the header", at: location))
                continue
            }
            index[name] = column
            if !known.contains(name), !isKnown(name) { unknown.append((name, column)) }
        }
        for name in required where index[name] == nil {
            sink.add(
                .error("missing required column '\(name)'", at: SourceLocation(file: sink.file, line: 1, column: 1)))
        }
        if let first = unknown.first {
            let position = row.position(first.1)
            sink.add(
                .warning(
                    "unknown column\(unknown.count == 1 ? "" : "s") \(unknown.map { "'\($0.0)'" }.joined(separator: ", ")) ignored; known columns: \(known.joined(separator: ", "))",
                    at: SourceLocation(file: sink.file, line: position.line, column: position.column)))
        }
    }

    /// Whether the row has as many cells as the header; reports it when not.
    func checkWidth(_ row: CSVReader.Row, sink: inout DiagnosticSink) -> Bool {
        guard row.count != names.count else { return true }
        let position = row.position(min(row.count, names.count))
        sink.add(
            .error(
                "the row has \(row.count) cell\(row.count == 1 ? "" : "s"); the header has \(names.count)",
                at: SourceLocation(file: sink.file, line: position.line, column: position.column)))
        return false
    }
}

/// A column of a data file: its index in the header (`nil` when the file has none) and its name.
struct Column {
    let index: Int?
    let name: String
}

extension Header {
    /// The column named `name`, looked up once per file rather than once per cell.
    func column(_ name: String) -> Column { Column(index: index[name], name: name) }
}

/// Typed reading of the cells of one row, reporting bad values. Cells are read in place: nothing
/// is copied but the text that is kept.
struct Cells {
    let row: CSVReader.Row
    var sink: DiagnosticSink

    init(row: CSVReader.Row, sink: DiagnosticSink) {
        self.row = row
        self.sink = sink
    }

    func location(_ column: Int) -> SourceLocation {
        let position = row.position(column)
        return SourceLocation(file: sink.file, line: position.line, column: position.column)
    }

    func line(_ column: Column) -> Int {
        column.index.map { row.position($0).line } ?? row.line
    }

    mutating func error(_ column: Column, _ message: String) {
        sink.add(.error(message, at: location(column.index ?? 0)))
    }

    /// Calls `body` with the cell's bytes without surrounding spaces and tabs (`nil` when blank).
    private func withTrimmed<R>(_ column: Int, _ body: (UnsafeBufferPointer<UInt8>?) -> R) -> R {
        row.withBytes(column) { bytes in
            var start = 0, end = bytes.count
            while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
            while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
            return body(start == end ? nil : UnsafeBufferPointer(rebasing: bytes[start..<end]))
        }
    }

    private mutating func required(_ column: Int, _ name: String) {
        sink.add(.error("'\(name)' is required", at: location(column)))
    }

    /// A cell's text without surrounding spaces and tabs; `nil` when blank (an error when `required`).
    mutating func text(_ column: Column, required: Bool = false) -> String? {
        guard let index = column.index else { return nil }
        let text: String? = withTrimmed(index) { bytes in
            guard let bytes else { return nil }
            guard row.isEscaped(index) else { return String(decoding: bytes, as: UTF8.self) }
            let whole = row.string(index)
            let blanks: Set<Character> = [" ", "\t"]
            guard let first = whole.firstIndex(where: { !blanks.contains($0) }),
                let last = whole.lastIndex(where: { !blanks.contains($0) })
            else { return nil }
            return String(whole[first...last])
        }
        if text == nil, required { self.required(index, column.name) }
        return text
    }

    /// `body` over the UTF-8 bytes of the text ``text(_:required:)`` gives (`nil` when blank), made
    /// into a `String` only when the cell holds a doubled quote. The bytes are the cell's own, not
    /// checked as UTF-8: `String(decoding:as:)` of them is the text.
    mutating func withText<R>(
        _ column: Column, required: Bool = false, _ body: (UnsafeBufferPointer<UInt8>) -> R
    ) -> R? {
        guard let index = column.index else { return nil }
        if row.isEscaped(index) {
            guard var text = text(column, required: required) else { return nil }
            return text.withUTF8(body)
        }
        guard let result = withTrimmed(index, { bytes in bytes.map(body) }) else {
            if required { self.required(index, column.name) }
            return nil
        }
        return result
    }

    /// A date cell (`YYYY-MM-DD`, optionally with a time and zone, of which only the date is used).
    mutating func date(_ column: Column, required: Bool = false) -> CalendarDate? {
        guard let index = column.index else { return nil }
        let result: (CalendarDate?, String?) = withTrimmed(index) { bytes in
            guard let bytes else { return (nil, nil) }
            if let date = Self.parseDate(bytes) { return (date, nil) }
            return (nil, String(decoding: bytes, as: UTF8.self))
        }
        if let bad = result.1 {
            sink.add(
                .error(
                    "'\(column.name)' \(bad.debugDescription) is not a date; expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] with an optional Z or ±HH:MM",
                    at: location(index)))
        } else if result.0 == nil, required {
            self.required(index, column.name)
        }
        return result.0
    }

    /// An integer cell within `range`.
    mutating func integer(_ column: Column, in range: ClosedRange<Int>, required: Bool = false) -> Int? {
        guard let index = column.index else { return nil }
        let result: (Int?, String?) = withTrimmed(index) { bytes in
            guard let bytes else { return (nil, nil) }
            var value = 0
            var valid = bytes.count <= 10
            for byte in bytes where valid {
                if (0x30...0x39).contains(byte) { value = value * 10 + Int(byte - 0x30) } else { valid = false }
            }
            if valid, range.contains(value) { return (value, nil) }
            return (nil, String(decoding: bytes, as: UTF8.self))
        }
        if let bad = result.1 {
            sink.add(
                .error(
                    "'\(column.name)' \(bad.debugDescription) is not a whole number from \(range.lowerBound) to \(range.upperBound)",
                    at: location(index)))
        } else if result.0 == nil, required {
            self.required(index, column.name)
        }
        return result.0
    }

    /// A decimal number cell.
    mutating func number(_ column: Column) -> Double? {
        guard let index = column.index,
            let text = withTrimmed(index, { $0.map { String(decoding: $0, as: UTF8.self) } })
        else { return nil }
        let allowed = text.utf8.allSatisfy { (0x30...0x39).contains($0) || $0 == UInt8(ascii: ".") }
        if allowed, text.utf8.count <= 32, let value = Double(text) { return value }
        sink.add(.error("'\(column.name)' \(text.debugDescription) is not a number", at: location(index)))
        return nil
    }

    /// `YYYY-MM-DD`, then optionally `T`, `HH:MM`, optional `:SS` (and fraction), and
    /// `Z` or `±HH:MM`.
    static func parseDate(_ bytes: UnsafeBufferPointer<UInt8>) -> CalendarDate? {
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let date = CalendarDate(year: year, month: month, day: day)
        else { return nil }
        if bytes.count == 10 { return date }
        var index = 10
        func two(_ limit: Int) -> Bool {
            guard index + 2 <= bytes.count, (0x30...0x39).contains(bytes[index]),
                (0x30...0x39).contains(bytes[index + 1])
            else { return false }
            let value = Int(bytes[index] - 0x30) * 10 + Int(bytes[index + 1] - 0x30)
            index += 2
            return value <= limit
        }
        func expect(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        guard expect(UInt8(ascii: "T")), two(23), expect(UInt8(ascii: ":")), two(59)
        else { return nil }
        if expect(UInt8(ascii: ":")) {
            guard two(60) else { return nil }
            if expect(UInt8(ascii: ".")) {
                let start = index
                while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
                guard index > start else { return nil }
            }
        }
        if index == bytes.count { return date }
        if expect(UInt8(ascii: "Z")) { return index == bytes.count ? date : nil }
        guard expect(UInt8(ascii: "+")) || expect(UInt8(ascii: "-")), two(23), expect(UInt8(ascii: ":")), two(59),
            index == bytes.count
        else { return nil }
        return date
    }
}
