import IsogapYAML
import Testing

/// The event reader stops, with no value, wherever the tree parser would report: at each limit,
/// a tag, an alias, a second document, a libyaml error, and at anything left unread.
@Suite("YAML event reader")
struct YAMLEventReaderTests {
    /// Every scalar of a document whose mappings have short ASCII keys, in order, or `nil` when
    /// the reader stops.
    private func scalars(_ text: String, limits: YAMLLimits = .standard) -> [String]? {
        YAMLEventReader.read(Array(text.utf8), limits: limits) { root -> [String]? in
            var found: [String] = []
            func read(_ value: inout YAMLEventReader) -> Bool {
                if let text = value.text {
                    found.append(text)
                    return true
                }
                if value.isNull { return true }
                return value.allItems(read)
                    || value.allEntries { key, value in
                        found.append(key)
                        return read(&value)
                    }
            }
            return read(&root) ? found : nil
        }
    }

    private static let small = YAMLLimits(maxFileSize: 64, maxDepth: 2, maxScalarLength: 5, maxNodes: 6)

    @Test func aDocumentIsReadInOrder() {
        #expect(scalars("a: [x, {b: y}]\nc: ~\nd: 'z'\n") == ["a", "x", "b", "y", "c", "d", "z"])
        #expect(scalars("[1, 2]") == ["1", "2"])
        #expect(scalars("a: [1, 2]\n", limits: Self.small) == ["a", "1", "2"])
    }

    @Test func eachLimitStopsTheReader() {
        #expect(scalars("a: [[1]]\n", limits: Self.small) == nil)
        #expect(scalars("a: abcdef\n", limits: Self.small) == nil)
        #expect(scalars("a: [1, 2, 3, 4]\n", limits: Self.small) == nil)
        #expect(scalars("a: " + String(repeating: "b", count: 64) + "\n", limits: Self.small) == nil)
        // Six nodes: the mapping, its key, the list and its three items.
        #expect(scalars("a: [1, 2, 3]\n", limits: Self.small) == ["a", "1", "2", "3"])
    }

    @Test func whatTheTreeReportsStopsTheReader() {
        for text in [
            "a: !t x\n", "a: &n x\nb: *n\n", "a: x\n---\nb: y\n", "a: [x\n", "a: x\n...\n]\n", "\u{85}a: x\n",
            "a: x\na: y\n", "[a]: x\n", "",
        ] {
            #expect(scalars(text) == nil, "\(text)")
        }
        // An anchor without an alias, comments and explicit document markers are no problem.
        #expect(scalars("# c\n---\na: &n x\n...\n") == ["a", "x"])
    }

    @Test func aValueLeftUnreadStopsTheReader() {
        let read = YAMLEventReader.read(Array("a: [1]\nb: 2\n".utf8)) { root -> Bool? in
            root.allEntries { key, _ in key == "a" || key == "b" } ? true : nil
        }
        #expect(read == nil)
        let names: YAMLKeyNames = ["a", "b"]
        let skipped = YAMLEventReader.read(Array("a: {x: 1}\nb: 2\n".utf8)) { root -> Bool? in
            root.allValues(in: names) { _, _ in true } ? true : nil
        }
        #expect(skipped == nil)
    }
}
