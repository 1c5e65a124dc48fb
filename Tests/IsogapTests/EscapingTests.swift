import Foundation
import IsogapModel
import Testing

@testable import IsogapCLI
@testable import IsogapRendering

/// Free text with a combining mark after every special character, through every output, read back
/// by programs that are not isogap: Python's `csv`, `html.parser` and `icalendar`, a strict grammar
/// of Mermaid's gantt lines, `JSONSerialization`, and Chromium.
///
/// A `"` followed by U+0301 is one Swift `Character`; an escaper that compares characters leaves
/// the quote raw. The corpus is `Tests/Fixtures/hostile/escaping/` (written by `make-corpus.py`).
@Suite("Escaping of hostile text", .startingSharedRuns { BrowserPages.start() })
struct EscapingTests {
    static let folder = Fixtures.url("hostile/escaping")
    static let workspace = "combining-marks"
    static let mark = "\u{301}"
    /// `SPECIALS` of make-corpus.py.
    static let specials =
        "\"\(mark) data-injected=\"1\(mark) |\(mark) *\(mark) _\(mark) [\(mark)] ;\(mark) :\(mark) #\(mark) %\(mark) (\(mark)) `\(mark) <\(mark)b> ,\(mark) &\(mark) \\\(mark) '\(mark) }\(mark){"
    /// `BREAKS` of make-corpus.py.
    static let breaks = "\r\n=HYPERLINK(\"http://x\")\(mark)\n+1+2\r@SUM(A1)\n -3+4\r\n\t=5"

    /// Writes one output of the corpus workspace and returns its path.
    static func output(_ arguments: [String], into scratch: URL, name: String) throws -> URL {
        let target = scratch.appendingPathComponent(name)
        // `actions` prints to standard output; the others write `--out`.
        let toStandardOutput = arguments.first == "actions"
        let result = try Command.run(
            arguments + [workspace, "--as-of", "2026-11-26"] + (toStandardOutput ? [] : ["--out", target.path]),
            in: folder)
        try #require(result.status == 0, "\(arguments): \(result.stderr)")
        if toStandardOutput { try Data(result.stdout.utf8).write(to: target) }
        return target
    }

    @Test func htmlAttributesCannotBeAdded() throws {
        let scratch = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        for command in ["report", "plan"] {
            let page = try Self.output([command, "--format", "html"], into: scratch, name: "\(command).html")
            let found = try HTMLAttributes.read(page)
            #expect(!found.names.contains("data-injected"), "\(command): an attribute was injected")
            #expect(found.payloads > 0, "\(command): the hostile text is not in the page")
        }
        // The heat map's cell tooltips hold the sub-clause title whole, as an attribute value.
        let report = try HTMLAttributes.read(scratch.appendingPathComponent("report.html"))
        #expect(report.titles.contains("1.1 Sub \(Self.specials): 77.8"))
    }

    @Test func chromiumSeesNoInjectedAttributeInTheHeatMap() async throws {
        // The report's DOM, from the browser tests' shared Chromium run (``BrowserPages``).
        let dom = try #require(try await BrowserPages.get().doms["escaping"], "Chromium serialised no DOM")
        try #require(dom.contains("</html>"), "Chromium printed no DOM")
        let scratch = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let serialised = scratch.appendingPathComponent("dom.html")
        try Data(dom.utf8).write(to: serialised)
        let found = try HTMLAttributes.read(serialised)
        #expect(!found.names.contains("data-injected"))
        #expect(found.titles.contains("1.1 Sub \(Self.specials): 77.8"))
    }

    @Test func csvCellsStayCellsAndNeverRun() throws {
        let scratch = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let files = [
            try Self.output(["report", "--format", "csv"], into: scratch, name: "report.csv"),
            try Self.output(["plan", "--format", "csv"], into: scratch, name: "plan.csv"),
            try Self.output(["actions", "--format", "csv"], into: scratch, name: "actions.csv"),
        ]
        let script = #"""
            import csv, json, re, sys
            rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline=""), strict=True))
            widths = sorted(set(len(row) for row in rows))
            formula = [c for row in rows for c in row
                       if c[:1] in ("\t", "\r") or (c.lstrip()[:1] in ("=", "+", "-", "@")
                                                    and not re.fullmatch(r"[-+]?[0-9]+(\.[0-9]+)?", c))]
            print(json.dumps({"widths": widths, "formula": formula, "cells": [c for row in rows for c in row]}))
            """#
        for file in files {
            let result = try PythonScript.run(script, [file.path])
            try #require(result.status == 0, "\(file.lastPathComponent): \(result.stderr)")
            let parsed = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect((parsed["widths"] as? [Int])?.count == 1, "\(file.lastPathComponent): rows of different widths")
            #expect((parsed["formula"] as? [String]) == [], "\(file.lastPathComponent): \(parsed["formula"] ?? "")")
            let cells = parsed["cells"] as? [String] ?? []
            #expect(cells.contains { $0.contains(Self.specials) }, "\(file.lastPathComponent): the text is not whole")
        }
        // The notes that are nothing but line breaks and formulas come back as they were, behind a '.
        let report = try PythonScript.run(script, [files[0].path])
        let cells = (try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])?["cells"]
        #expect((cells as? [String])?.contains("'" + Self.breaks) == true)
    }

    @Test func markdownTablesKeepTheirColumns() throws {
        let scratch = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        for command in ["report", "plan"] {
            let file = try Self.output([command, "--format", "md"], into: scratch, name: "\(command).md")
            let text = try String(contentsOf: file, encoding: .utf8)
            var tables = 0
            var width: Int?
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                guard line.hasPrefix("|") else {
                    width = nil
                    continue
                }
                let pipes = MarkdownCells.unescapedPipes(in: String(line))
                if let width {
                    #expect(pipes == width, "\(command).md: \(line)")
                } else {
                    tables += 1
                    width = pipes
                }
            }
            #expect(tables >= 3)
            #expect(text.contains("\\|\(Self.mark)"), "\(command).md: the pipe is not escaped")
        }
    }

    @Test func mermaidLinesFollowTheGanttGrammar() throws {
        let scratch = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let file = try Self.output(["plan", "--format", "md"], into: scratch, name: "plan.md")
        // What a gantt label may hold: no ':' (it starts the data), ';' (ends a statement), '#'
        // (entities), '%' (comments), parentheses, backticks, angle brackets or line breaks.
        let script = #"""
            import re, sys
            text = open(sys.argv[1], encoding="utf-8").read()
            block = text.split("```mermaid\n", 1)[1].split("\n```", 1)[0]
            label = r"[^:;#%()`<>\x00-\x1f\x7f-\x9f\u2028\u2029]+"
            date = r"\d{4}-\d{2}-\d{2}"
            grammar = [r"gantt", r"    title " + label, r"    dateFormat YYYY-MM-DD", r"    axisFormat %Y-%m-%d",
                       r"    todayMarker off", r"    section " + label,
                       r"    \d+\. " + label + r" :(crit, )?t\d+, " + date + ", " + date,
                       r"    " + label + r" :milestone, m\d+, " + date + ", 0d"]
            bad = [line for line in block.split("\n") if not any(re.fullmatch(g, line) for g in grammar)]
            print(len(block.split("\n")))
            for line in bad: print("BAD " + line)
            """#
        let result = try PythonScript.run(script, [file.path])
        try #require(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("BAD "), "\(result.stdout)")
        #expect((Int(result.stdout.split(separator: "\n").first ?? "") ?? 0) > 10)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("Task \"\(Self.mark) data-injected"), "the task's title is in the chart")
    }

    @Test func iCalendarValuesComeBackWhole() throws {
        let scratch = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let files = [
            try Self.output(["plan", "--format", "ics"], into: scratch, name: "plan.ics"),
            try Self.output(["actions", "--format", "ics"], into: scratch, name: "actions.ics"),
        ]
        let script = #"""
            import json, re, sys, icalendar
            raw = open(sys.argv[1], "rb").read()
            lines = raw.split(b"\r\n")
            long = [l.decode("utf-8", "replace") for l in lines if len(l) > 75]
            split = 0
            for l in lines:
                try: l.decode("utf-8")
                except UnicodeDecodeError: split += 1
            calendar = icalendar.Calendar.from_ical(raw)
            summaries = [str(e.get("SUMMARY")) for e in calendar.walk("VEVENT")]
            print(json.dumps({"long": long, "split": split, "summaries": summaries,
                              # icalendar keeps an X- property as written: unescaped here as the TEXT it is.
                              "name": re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1),
                                             calendar.get("X-WR-CALNAME").to_ical().decode())}))
            """#
        var summaries: [String] = []
        for file in files {
            let result = try PythonScript.run(script, [file.path])
            try #require(result.status == 0, "\(file.lastPathComponent): \(result.stderr)")
            let parsed = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect((parsed["long"] as? [String]) == [], "\(file.lastPathComponent): lines over 75 octets")
            #expect((parsed["split"] as? Int) == 0, "\(file.lastPathComponent): a fold splits a UTF-8 sequence")
            summaries += parsed["summaries"] as? [String] ?? []
            #expect((parsed["name"] as? String)?.contains("Org \(Self.specials)") == true)
        }
        #expect(summaries.contains { $0.hasSuffix("Task \(Self.specials)") }, "\(summaries)")
        // Every line break (CR LF, LF, lone CR) is one \n; the tab is a space.
        let breaks = Self.breaks.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .replacingOccurrences(of: "\t", with: " ")
        #expect(summaries.contains("A-2 due: Action \(Self.specials)\(breaks)"), "\(summaries)")
    }

    @Test func jsonStringsComeBackWhole() throws {
        let scratch = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        for command in ["report", "plan", "actions"] {
            let file = try Self.output([command, "--format", "json"], into: scratch, name: "\(command).json")
            let object = try JSONSerialization.jsonObject(with: try Data(contentsOf: file))
            var strings: [String] = []
            func collect(_ value: Any) {
                if let text = value as? String { strings.append(text) }
                if let array = value as? [Any] { array.forEach(collect) }
                if let dictionary = value as? [String: Any] { dictionary.values.forEach(collect) }
            }
            collect(object)
            let expected = command == "actions" ? "Action \(Self.specials)\(Self.breaks)" : "Org \(Self.specials)"
            #expect(strings.contains { $0.contains(expected) }, "\(command).json")
        }
    }

    /// The document writer escapes as `JSONValue.quote` does, byte for byte, and Foundation's
    /// parser reads every string and number back as it was.
    @Test func jsonWriterEscapesAsQuoteDoesAndReadsBack() throws {
        let texts = [
            "", "plain", "\"", "\\", "a\"b\\c", "\n\r\t", "\u{0}\u{1}\u{1F}\u{7F}", "\u{2028}x\u{2029}", "\u{2028}",
            "…—\u{2027}\u{202A}", "شكوى \(Self.mark)", "emoji 👍🏽", "ends with …", "…", "x\u{2029}",
        ]
        for text in texts {
            #expect(JSONValue.string(text).serialized() == JSONValue.quote(text) + "\n", "\(text.debugDescription)")
        }
        #expect(
            JSONValue.quote("a\u{0}\u{1F}\u{7F}\u{2028}…\u{2029}\t\"\\")
                == #""a\u0000\u001f\#u{7F}\u2028…\u2029\t\"\\""#)
        let numbers: [Double] = [
            0, -0.0, 1, -1, 7, 10, 99, 100, 123_456_789, -987_654_321, 999_999_999_999_999, 1e15, 0.5, -2.25, 57.8,
        ]
        let document = JSONValue.object([
            ("texts", .array(texts.map { .string($0) })), ("numbers", .array(numbers.map { .number($0) })),
        ])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(document.serialized().utf8)) as? [String: [Any]])
        #expect(object["texts"] as? [String] == texts)
        #expect((object["numbers"] as? [NSNumber])?.map(\.doubleValue) == numbers)
        for number in numbers {
            #expect(JSONValue.number(number).serialized() == JSONValue.format(number) + "\n", "\(number)")
        }
    }

    /// Each escaper on its own, for every special scalar followed by a combining mark.
    @Test func everyEscaperWorksOnScalars() {
        for (special, entity) in [("\"", "&quot;"), ("'", "&#39;"), ("<", "&lt;"), (">", "&gt;"), ("&", "&amp;")] {
            #expect(HTMLText.escape("a\(special)\(Self.mark)b") == "a\(entity)\(Self.mark)b", "HTML \(special)")
        }
        for special in ["|", "*", "_", "[", "]", "#", "`", "\\", "!", "~"] {
            let escaped = MarkdownText.escape("a\(special)\(Self.mark)b")
            #expect(escaped.contains("\\\(special)\(Self.mark)"), "Markdown \(special)")
        }
        for special in [":", ";", "#", "%", "(", ")", "`", "<", ">", "\n", "\r", "\u{2028}"] {
            let sanitized = MermaidGantt.sanitized("a\(special)\(Self.mark)b", limit: 60)
            #expect(!sanitized.unicodeScalars.contains(Unicode.Scalar(special)!), "Mermaid \(special.debugDescription)")
        }
        for special in [",", "\"", "\n", "\r"] {
            #expect(CSVWriter.field("a\(special)\(Self.mark)b").hasPrefix("\""), "CSV \(special.debugDescription)")
        }
        for formula in [
            "=1", "+1+A1", "-A1", "@SUM(A1)", " =1", "\n=1", "\r\n@A1", "\t1", "\r1", "\u{A0}=1", "=\(Self.mark)1",
        ] {
            #expect(CSVWriter.field(formula).unicodeScalars.first.map { $0 == "'" || $0 == "\"" } == true)
            #expect(CSVWriter.isFormula(formula), "\(formula.debugDescription)")
        }
        for number in ["-5", "+1.5", "12", "-0.25"] { #expect(CSVWriter.field(number) == number) }
        for special in [";", ",", "\\"] {
            #expect(ICalendarWriter.escape("a\(special)\(Self.mark)") == "a\\\(special)\(Self.mark)")
        }
        #expect(ICalendarWriter.escape("a\r\nb\rc\nd") == "a\\nb\\nc\\nd")
        #expect(JSONValue.quote("\"\(Self.mark)\n") == "\"\\\"\(Self.mark)\\n\"")
        #expect(SVGWriter.escape("\"\(Self.mark)<\(Self.mark)") == "&quot;\(Self.mark)&lt;\(Self.mark)")
    }

    /// Paths are compared as bytes: a mark after `/` does not hide it, and NFC and NFD names differ.
    @Test func pathsAreComparedByteWise() {
        for hostile in [
            "/\(Self.mark)etc/passwd", "../\(Self.mark)x", "a/..", "~\(Self.mark)/x", "c:\(Self.mark)x",
            "a\\\(Self.mark)b",
        ] {
            #expect(WorkspacePath.problem(with: hostile) != nil, "\(hostile.debugDescription)")
        }
        #expect(WorkspacePath.problem(with: "evidence/..\(Self.mark)/x") == nil, "'..' with a mark is a plain name")
        let nfc = "/w/caf\u{E9}", nfd = "/w/cafe\u{301}"
        #expect(nfc == nfd, "Swift treats them as equal")
        #expect(!PathBytes.isInside("\(nfd)/x", folder: nfc))
        #expect(PathBytes.isInside("\(nfc)/x", folder: nfc))
        #expect(!PathBytes.isInside(nfc, folder: nfc))
        #expect(!PathBytes.same(nfc, nfd))
    }

    /// Folding never splits a scalar, whatever the mix of widths.
    @Test func iCalendarFoldsOnScalarBoundaries() {
        for filler in ["a", "é", "ش", "€", "𝄞", "e\u{301}"] {
            for count in [40, 74, 75, 76, 150] {
                let line = "SUMMARY:" + String(repeating: filler, count: count)
                let folded = Array(ICalendarWriter.fold(line).utf8)
                // Physical lines, split on CR LF as bytes; each is whole UTF-8 of at most 75 octets.
                var physical: [[UInt8]] = [[]]
                var index = 0
                while index < folded.count {
                    if folded[index] == 13, index + 1 < folded.count, folded[index + 1] == 10 {
                        physical.append([])
                        index += 2
                    } else {
                        physical[physical.count - 1].append(folded[index])
                        index += 1
                    }
                }
                for (number, bytes) in physical.enumerated() {
                    #expect(bytes.count <= 75)
                    #expect(String(validating: bytes, as: UTF8.self) != nil, "\(filler) × \(count): line \(number)")
                }
                let unfolded = physical.enumerated().flatMap {
                    $0.offset == 0 ? $0.element : Array($0.element.dropFirst())
                }
                #expect(unfolded == Array(line.utf8))
            }
        }
    }
}

/// Attribute names, `title` values and hostile-text count of an HTML file, from Python's
/// `html.parser`.
enum HTMLAttributes {
    struct Found {
        var names: Set<String>
        var titles: [String]
        var payloads: Int
    }

    static func read(_ file: URL) throws -> Found {
        let script = #"""
            import json, sys
            from html.parser import HTMLParser
            class Reader(HTMLParser):
                def __init__(self):
                    super().__init__(convert_charrefs=True)
                    self.names, self.titles, self.payloads = set(), [], 0
                def handle_starttag(self, tag, attrs):
                    for name, value in attrs:
                        self.names.add(name)
                        if name == "title": self.titles.append(value)
                        if value and "data-injected" in value: self.payloads += 1
                def handle_data(self, data):
                    if "data-injected" in data: self.payloads += 1
            reader = Reader()
            reader.feed(open(sys.argv[1], encoding="utf-8").read())
            reader.close()
            print(json.dumps({"names": sorted(reader.names), "titles": reader.titles, "payloads": reader.payloads}))
            """#
        let result = try PythonScript.run(script, [file.path])
        try #require(result.status == 0, "\(result.stderr)")
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return Found(
            names: Set(parsed["names"] as? [String] ?? []), titles: parsed["titles"] as? [String] ?? [],
            payloads: parsed["payloads"] as? Int ?? 0)
    }
}

/// Markdown table cells as a renderer splits them.
enum MarkdownCells {
    /// The number of `|` that end cells: a backslash escapes the scalar after it.
    static func unescapedPipes(in line: String) -> Int {
        var count = 0
        var escaped = false
        for scalar in line.unicodeScalars {
            if escaped {
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else if scalar == "|" {
                count += 1
            }
        }
        return count
    }
}

/// `python3 -c SCRIPT ARGUMENTS...`, for reading outputs with independent parsers.
enum PythonScript {
    static func run(_ script: String, _ arguments: [String]) throws -> Command.Output {
        let python = Python.command(["-c", script] + arguments)
        return try ChildProcess.run(python.executable, python.arguments)
    }
}
