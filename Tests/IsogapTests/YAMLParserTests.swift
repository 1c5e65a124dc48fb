import IsogapDiagnostics
import IsogapYAML
import Testing

@Suite("YAML layer")
struct YAMLParserTests {
    private func parse(_ text: String) -> YAMLParser.Result {
        YAMLParser().parse(text, file: "t.yaml")
    }

    @Test func keepsMappingOrderAndMarks() throws {
        let result = parse("b: 1\na: [x, \"y\"]\nc:\n  - k: v\n")
        let root = try #require(result.root)
        let pairs = try #require(root.mapping)
        #expect(pairs.map { $0.key.scalar?.value } == ["b", "a", "c"])
        #expect(pairs[1].value.mark == YAMLMark(line: 2, column: 4))
        let items = try #require(pairs[1].value.sequence)
        #expect(items[1].scalar == YAMLScalar("y", style: .doubleQuoted))
        #expect(items[1].mark == YAMLMark(line: 2, column: 8))
        let nested = try #require(pairs[2].value.sequence?.first?.mapping?.first)
        #expect(nested.key.mark == YAMLMark(line: 4, column: 5))
        #expect(result.diagnostics.isEmpty)
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let root = try #require(parse("ar: \"شكوى\"\nx: [شكوى, b]\n").root)
        let list = try #require(root.mapping?[1].value.sequence)
        #expect(list[1].mark == YAMLMark(line: 2, column: 11))
    }

    @Test func duplicateKeysReportBothPositions() throws {
        let result = parse("a: 1\nb: 2\na: 3\n")
        #expect(
            result.diagnostics.map(\.description) == [
                "t.yaml:3:1: error: duplicate key 'a'\nt.yaml:1:1: note: 'a' is first defined here"
            ])
        #expect(result.root?.mapping?.count == 2)
    }

    /// Duplicates are the keys equal as `String`s, in small mappings (searched one by one) and large
    /// ones (indexed: packed while every key is short ASCII, then by text), including keys that are
    /// canonically equivalent but written with other bytes, long keys, and a non-ASCII key that
    /// repeats a short ASCII one after the index was built.
    @Test(arguments: [3, 23, 24, 25, 60])
    func duplicateKeysAreThoseEqualAsStrings(fillers: Int) throws {
        var keys = (0..<fillers).map { "k\($0)" }
        keys += [
            "Kelvin", "\u{212A}elvin", "caf\u{E9}", "cafe\u{301}", "a_key_longer_than_sixteen_bytes",
            "a_key_longer_than_sixteen_bytes", "k0", "plain", "K", "\u{212A}",
        ]
        let text = keys.enumerated().map { "\"\($1)\": \($0)" }.joined(separator: "\n") + "\n"
        let result = parse(text)
        var firstLine: [String: Int] = [:]
        var expected: [String] = []
        for (offset, key) in keys.enumerated() {
            if let first = firstLine[key] {
                expected.append("t.yaml:\(offset + 1):1: error: duplicate key '\(key)'")
                expected.append("t.yaml:\(first):1: note: '\(key)' is first defined here")
            } else {
                firstLine[key] = offset + 1
            }
        }
        #expect(expected.count == 10)
        #expect(result.diagnostics.flatMap { $0.description.split(separator: "\n").map(String.init) } == expected)
        #expect(result.root?.mapping?.count == firstLine.count)
    }

    @Test func aliasesAreRejected() {
        let result = parse("a: &x [1, 2]\nb: *x\n")
        #expect(result.root == nil)
        #expect(
            result.diagnostics.map(\.headline) == [
                "t.yaml:2:4: error: aliases ('*name') are not supported; write the value out in full"
            ])
    }

    @Test func billionLaughsFailsFast() {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1..<10 {
            text +=
                "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]\n"
        }
        let clock = ContinuousClock()
        let elapsed = clock.measure { #expect(parse(text).root == nil) }
        #expect(elapsed < .seconds(1))
    }

    @Test func depthIsCapped() {
        let text = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        let result = parse(text)
        #expect(result.root == nil)
        #expect(
            result.diagnostics.map(\.headline) == ["t.yaml:1:65: error: nesting is deeper than the limit of 64 levels"])
    }

    @Test func fileSizeAndScalarLengthAreCapped() {
        let limits = YAMLLimits(maxFileSize: 100, maxDepth: 8, maxScalarLength: 10, maxNodes: 5)
        let parser = YAMLParser(limits: limits)
        #expect(
            parser.parse(String(repeating: "#", count: 101), file: "t.yaml").diagnostics.map(\.headline)
                == ["t.yaml:1:1: error: the file is larger than the limit of 100 bytes"])
        #expect(
            parser.parse("a: abcdefghijk\n", file: "t.yaml").diagnostics.map(\.headline)
                == ["t.yaml:1:4: error: text of 11 bytes is longer than the limit of 10 bytes"])
        #expect(
            parser.parse("[1, 2, 3, 4, 5, 6]", file: "t.yaml").diagnostics.map(\.headline)
                == ["t.yaml:1:17: error: the document has more than 5 values, the limit"])
    }

    @Test func oneDocumentPerFile() {
        let result = parse("a: 1\n---\nb: 2\n")
        #expect(result.root == nil)
        #expect(
            result.diagnostics.map(\.headline) == [
                "t.yaml:2:1: error: a file holds one YAML document; a second document starts here"
            ])
    }

    @Test func emptyFileIsAnError() {
        for text in ["", "# only a comment\n", "\n\n"] {
            #expect(
                parse(text).diagnostics.map(\.headline)
                    == ["t.yaml:1:1: error: the file is empty; expected a YAML mapping that starts with 'isogap: 1'"])
        }
    }

    @Test func libyamlErrorsAreLocated() {
        #expect(
            parse("a: [1, 2\n").diagnostics.map(\.description) == [
                "t.yaml:2:1: error: did not find expected ',' or ']'\nt.yaml:1:4: note: while parsing a flow sequence that starts here"
            ])
        #expect(
            parse("a:\n\tb: 1\n").diagnostics.map(\.headline) == [
                "t.yaml:2:1: error: found character that cannot start any token (tab characters cannot indent YAML; use spaces)"
            ])
    }

    @Test func invalidUTF8IsLocated() {
        let bytes = Array("a: ok\nb: x".utf8) + [0xFF, 0x0A]
        let result = YAMLParser().parse(bytes, file: "t.yaml")
        #expect(result.root == nil)
        #expect(
            result.diagnostics.map(\.headline) == [
                "t.yaml:2:5: error: byte 0xFF is not valid UTF-8; save the file as UTF-8"
            ])
    }

    @Test func tagsAreRejected() {
        #expect(
            parse("a: !!str 1\n").diagnostics.map(\.headline)
                == ["t.yaml:1:4: error: YAML tags ('!name') are not supported; write the plain value"])
    }

    @Test(arguments: [
        ("true", true as Bool?), ("false", false), ("yes", nil), ("True", nil), ("on", nil), ("1", nil),
    ])
    func strictBooleans(text: String, expected: Bool?) {
        #expect(YAMLScalar(text).bool == expected)
        #expect(YAMLScalar(text, style: .doubleQuoted).bool == nil)
    }

    @Test(arguments: [
        ("3", 3.0 as Double?), ("-2", -2), ("0.5", 0.5), ("10.25", 10.25), ("1e3", nil), ("+1", nil), ("01", nil),
        (".5", nil), ("1.", nil), ("0x10", nil), ("1_000", nil), (".inf", nil), ("", nil),
    ])
    func strictNumbers(text: String, expected: Double?) {
        #expect(YAMLScalar(text).decimal == expected)
        #expect(YAMLScalar(text, style: .singleQuoted).decimal == nil)
    }

    @Test func integersRejectFractions() {
        #expect(YAMLScalar("4").integer == 4)
        #expect(YAMLScalar("4.0").integer == nil)
        #expect(YAMLScalar("99999999999999999999").integer == nil)
    }

    @Test func nulls() {
        #expect(YAMLScalar("").isNull && YAMLScalar("~").isNull && YAMLScalar("null").isNull)
        #expect(!YAMLScalar("", style: .doubleQuoted).isNull)
        #expect(!YAMLScalar("none").isNull)
    }
}

@Suite("YAML layer: encodings")
struct YAMLEncodingTests {
    @Test func utf8ByteOrderMarkIsAccepted() throws {
        let result = YAMLParser().parse([0xEF, 0xBB, 0xBF] + Array("a: 1\n".utf8), file: "t.yaml")
        #expect(result.diagnostics.isEmpty)
        #expect(try #require(result.root?.mapping).first?.key.mark == YAMLMark(line: 1, column: 1))
    }

    @Test func utf16IsRejected() {
        let result = YAMLParser().parse([0xFF, 0xFE, 0x61, 0x00], file: "t.yaml")
        #expect(
            result.diagnostics.map(\.headline) == ["t.yaml:1:1: error: the file is UTF-16; isogap reads UTF-8 only"])
    }
}

@Suite("YAML layer: hostile and unusual sources")
struct YAMLHostileSourceTests {
    private func headlines(_ bytes: [UInt8]) -> [String] {
        YAMLParser().parse(bytes, file: "t.yaml").diagnostics.map(\.headline)
    }

    @Test func latin1ByteIsReportedWhereItIs() {
        #expect(
            headlines(Array("a: 1\nnotes: caf".utf8) + [0xE9] + Array(" policy\n".utf8))
                == ["t.yaml:2:11: error: byte 0xE9 is not valid UTF-8; save the file as UTF-8"])
    }

    @Test func overlongAndSurrogateEncodingsAreRejected() {
        #expect(
            headlines([0x61, 0x3A, 0x20, 0xC0, 0xAF]) == [
                "t.yaml:1:4: error: byte 0xC0 is not valid UTF-8; save the file as UTF-8"
            ])
        #expect(
            headlines([0x61, 0x3A, 0x20, 0xED, 0xA0, 0x80]) == [
                "t.yaml:1:4: error: byte 0xED is not valid UTF-8; save the file as UTF-8"
            ])
    }

    @Test func lineSeparatorsThatShiftLineNumbersAreRejected() {
        #expect(
            headlines(Array("a: 1\n# note\u{2028}x\nb: 2\n".utf8))
                == [
                    "t.yaml:2:7: error: the character U+2028 (line separator) is not allowed; use an ordinary line break or a space"
                ])
        #expect(
            headlines(Array("a: \"x\u{85}y\"\n".utf8))
                == [
                    "t.yaml:1:6: error: the character U+0085 (next line) is not allowed; use an ordinary line break or a space"
                ])
    }

    @Test func truncatedFileWithoutFinalLineBreakStaysOnItsLastLine() {
        #expect(headlines(Array("a: 1\nb: [1, 2".utf8)).first == "t.yaml:2:9: error: did not find expected ',' or ']'")
    }

    @Test func carriageReturnOnlyLinesAreCounted() {
        #expect(
            headlines(Array("a: 1\rb: x".utf8) + [0xFF]) == [
                "t.yaml:2:5: error: byte 0xFF is not valid UTF-8; save the file as UTF-8"
            ])
    }

    /// Building the tree is linear: a list of 200,000 items parses without quadratic copying.
    @Test func longFlatListsParseInLinearTime() throws {
        let text = "a: [" + Array(repeating: "x", count: 200_000).joined(separator: ",") + "]\n"
        let clock = ContinuousClock()
        var count = 0
        let elapsed = clock.measure {
            count = YAMLParser().parse(text, file: "t.yaml").root?.mapping?.first?.value.sequence?.count ?? 0
        }
        #expect(count == 200_000)
        #expect(elapsed < .seconds(10), "a hang guard, not a benchmark")
    }
}
