import IsogapYAML
import Testing

@testable import IsogapRendering

@Suite("Writers")
struct WriterTests {
    @Test(arguments: [
        ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""),
        ("=1+1", "'=1+1"), ("+cmd", "'+cmd"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
        ("-12.5", "-12.5"), ("", ""), ("=A1,B1", "\"'=A1,B1\""), ("شكوى", "شكوى"),
    ])
    func csvField(value: String, expected: String) {
        #expect(CSVWriter.field(value) == expected)
    }

    @Test func csvDocument() {
        var writer = CSVWriter(header: ["a", "b"])
        writer.append(["1", "x,y"])
        #expect(writer.text == "\u{FEFF}a,b\r\n1,\"x,y\"\r\n")
    }

    @Test func jsonValues() {
        let value = JSONValue.object([
            ("n", .number(6)), ("f", .number(57.8)), ("s", .string("q\"\\\n\u{1}")), ("z", .null), ("b", .bool(true)),
            ("a", .array([])), ("o", .object([])),
        ])
        #expect(
            value.serialized() == """
                {
                  "n": 6,
                  "f": 57.8,
                  "s": "q\\"\\\\\\n\\u0001",
                  "z": null,
                  "b": true,
                  "a": [],
                  "o": {}
                }

                """)
    }

    @Test(arguments: [
        ("a | b", "a \\| b"), ("<script>", "&lt;script&gt;"), ("*bold* _it_", "\\*bold\\* \\_it\\_"),
        ("line\nbreak", "line break"),
        ("[link](x)", "\\[link\\](x)"), ("R&D", "R&amp;D"), ("# head", "\\# head"), ("عربي", "عربي"),
    ])
    func markdownEscaping(text: String, expected: String) {
        #expect(MarkdownText.escape(text) == expected)
    }

    @Test func yamlQuoting() {
        #expect(YAMLText.quoted("Acme \"X\": \\ LLC\n\u{7}") == "\"Acme \\\"X\\\": \\\\ LLC\\n\\u0007\"")
        #expect(YAMLText.commentLine("a\nb") == "a b")
    }
}
