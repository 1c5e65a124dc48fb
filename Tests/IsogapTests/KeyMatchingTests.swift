import IsogapDiagnostics
import IsogapLoading
import IsogapModel
import IsogapYAML
import Testing

/// Mapping keys and enumeration values matched by their bytes give the answers `String` equality
/// gives, including for text that is long or not ASCII.
@Suite("Key matching")
struct KeyMatchingTests {
    private static let names: YAMLKeyNames = ["type", "ref", "Kelvin", "a_key_longer_than_sixteen_bytes", "café"]

    private func root(_ text: String) throws -> YAMLNode {
        try #require(YAMLParser().parse(text, file: "t.yaml").root)
    }

    @Test func namesAreFoundAsStringsCompare() {
        let names = Self.names
        #expect(names.index(of: "type") == 0)
        #expect(names.index(of: "ref") == 1)
        #expect(names.index(of: "a_key_longer_than_sixteen_bytes") == 3)
        // The Kelvin sign is canonically equivalent to the letter K; a decomposed é to the composed one.
        #expect(names.index(of: "\u{212A}elvin") == 2)
        #expect(names.index(of: "cafe\u{301}") == 4)
        #expect(names.index(of: "typ") == nil)
        #expect(names.index(of: "types") == nil)
        #expect(names.index(of: "") == nil)
    }

    @Test func mappingKeysAreMatchedInOrder() throws {
        let pairs = try #require(
            try root(
                "ref: 1\n\u{212A}elvin: 2\na_key_longer_than_sixteen_bytes: 3\ncafe\u{301}: 4\nother: 5\ntype: 7\n"
            ).mapping)
        var found: [Int?] = []
        pairs.forEachKey(in: Self.names) { position, name in
            #expect(position == found.count)
            found.append(name)
        }
        #expect(found == [1, 2, 3, 4, nil, 0])
        // A key that is not text (possible only in a node made in code) matches no name.
        let mark = YAMLMark(line: 1, column: 1)
        let made = YAMLNode(
            .mapping([
                .init(key: YAMLNode(.sequence([]), at: mark), value: YAMLNode(.scalar(YAMLScalar("x")), at: mark)),
                .init(
                    key: YAMLNode(.scalar(YAMLScalar("ref")), at: mark),
                    value: YAMLNode(.scalar(YAMLScalar("y")), at: mark)),
            ]), at: mark)
        var madeFound: [Int?] = []
        try #require(made.mapping).forEachKey(in: Self.names) { _, name in madeFound.append(name) }
        #expect(madeFound == [nil, 1])
    }

    @Test func fieldsAreLookedUpByTextAndByName() throws {
        let node = try root("type: a\n\u{212A}elvin: b\nother: c\n")
        var decoder = NodeDecoder(file: "t.yaml")
        let read = decoder.fields(node, allowed: Self.names, required: ["ref"], what: "a test item")
        let fields = try #require(read)
        #expect(fields["type"]?.scalar?.value == "a")
        #expect(fields[Self.names.name("type")]?.scalar?.value == "a")
        #expect(fields["Kelvin"]?.scalar?.value == "b")
        #expect(fields[Self.names.name("Kelvin")]?.scalar?.value == "b")
        #expect(fields["ref"] == nil)
        #expect(fields[Self.names.name("ref")] == nil)
        // A key outside the list is reported, and can still be read by its text.
        #expect(fields["other"]?.scalar?.value == "c")
        #expect(
            decoder.diagnostics.map(\.description) == [
                "t.yaml:3:1: error: unknown key 'other' in a test item",
                "t.yaml:1:1: error: a test item is missing the required key 'ref'",
            ])
    }

    @Test func manyNamesAndManyEntriesAreFound() throws {
        // Past the 16 names held inline, and past the 254 entries whose positions fit in a byte.
        let manyNames = YAMLKeyNames((0..<20).map { "key\($0)" })
        let node = try root((0..<20).reversed().map { "key\($0): \($0)\n" }.joined())
        var decoder = NodeDecoder(file: "t.yaml")
        let read = decoder.fields(node, allowed: manyNames, what: "a test item")
        let fields = try #require(read)
        for index in 0..<20 {
            #expect(fields["key\(index)"]?.scalar?.value == "\(index)")
            #expect(fields[manyNames.name("key\(index)")]?.scalar?.value == "\(index)")
        }
        let long = try root((0..<300).map { "unknown\($0): \($0)\n" }.joined() + "type: last\n")
        var longDecoder = NodeDecoder(file: "t.yaml")
        let longRead = longDecoder.fields(long, allowed: Self.names, what: "a test item")
        let longFields = try #require(longRead)
        #expect(longFields["type"]?.scalar?.value == "last")
        #expect(longFields[Self.names.name("type")]?.mark == YAMLMark(line: 301, column: 7))
        #expect(longDecoder.diagnostics.count == 300)
    }

    @Test func enumerationValuesAreMatchedByBytesWithTheSameMessages() throws {
        let cases = CaseNames<EvidenceType>()
        let node = try root("a: document\nb: \"record\"\nc: Document\nd: ~\n")
        let pairs = try #require(node.mapping)
        var fast = NodeDecoder(file: "t.yaml")
        var plain = NodeDecoder(file: "t.yaml")
        for pair in pairs {
            #expect(
                fast.choice(pair.value, "type", in: cases) == plain.choice(pair.value, "type", as: EvidenceType.self))
        }
        #expect(fast.choice(pairs[0].value, "type", in: cases) == .document)
        #expect(fast.choice(pairs[1].value, "type", in: cases) == .record)
        #expect(fast.diagnostics.map(\.description) == plain.diagnostics.map(\.description))
        #expect(plain.diagnostics.count == 2)
    }

    /// Required names given with the list are checked by position and reported as the same
    /// required keys given by text are: in the order given, and not when misspelt (the unknown key
    /// is reported with its suggestion instead).
    @Test func requiredNamesOfTheListAreReportedAsRequiredKeysAre() throws {
        let text = "type: record\nrfe: x\nnote: y\n"
        let node = try root(text)
        let names = YAMLKeyNames(["type", "ref", "date", "by", "note"], required: ["by", "ref", "type"])
        #expect(names.required == [3, 1, 0])
        var byPosition = NodeDecoder(file: "t.yaml")
        var byText = NodeDecoder(file: "t.yaml")
        _ = byPosition.fields(node, allowed: names, what: "an item")
        _ = byText.fields(
            node, allowed: ["type", "ref", "date", "by", "note"], required: ["by", "ref", "type"], what: "an item")
        #expect(byPosition.diagnostics.map(\.description) == byText.diagnostics.map(\.description))
        #expect(
            byPosition.diagnostics.map(\.description) == [
                "t.yaml:2:1: error: unknown key 'rfe' in an item; did you mean 'ref'?",
                "t.yaml:1:1: error: an item is missing the required key 'by'",
            ])
    }

    @Test func crossReferencesSplitAtTheFirstColonCharacter() {
        #expect(CrossReference("iso-10002-2018:8.2-a") == CrossReference(checklist: "iso-10002-2018", target: "8.2-a"))
        #expect(CrossReference("a:b:c") == CrossReference(checklist: "a", target: "b:c"))
        #expect(CrossReference("شكاوى:٨") == CrossReference(checklist: "شكاوى", target: "٨"))
        #expect(CrossReference("no-colon") == nil)
        #expect(CrossReference(":x") == nil)
        #expect(CrossReference("x:") == nil)
        // A colon followed by a combining mark is another character, not the separator.
        #expect(CrossReference("a:\u{301}b:c") == CrossReference(checklist: "a:\u{301}b", target: "c"))
    }

    @Test func scalarTextLongerThanTheFileIsKeptWhole() throws {
        // `\L` (two bytes) is U+2028 (three bytes): the text outgrows the room made for it.
        let escapes = String(repeating: "\\L", count: 5000)
        let node = try root("a: \"\(escapes)\"\nb: after\n")
        let pairs = try #require(node.mapping)
        #expect(pairs[0].value.scalar?.value == String(repeating: "\u{2028}", count: 5000))
        #expect(pairs[1].value.scalar?.value == "after")
    }
}
