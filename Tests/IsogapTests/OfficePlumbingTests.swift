import Foundation
import Testing

@testable import IsogapRendering

/// The shared Office plumbing: the escaping XML writer and the deterministic package writer.
@Suite("Office plumbing")
struct OfficePlumbingTests {
    @Test func escapesOnScalarsAndReplacesForbiddenCharacters() {
        let mark = "\u{301}"
        var xml = XMLWriter()
        xml.open("a", ["v": "\"\(mark) <\(mark)& \t\n\r"])
        xml.text("<\(mark)b> & \"q\" \u{0}\u{1B}\u{FFFE}\r\n\tok")
        xml.element("empty")
        xml.element("e", ["k": "x"], text: "")
        xml.close()
        let body = String(xml.text.split(separator: "\n", maxSplits: 1)[1])
        #expect(
            body
                == "<a v=\"&quot;\(mark) &lt;\(mark)&amp; &#9;&#10;&#13;\">&lt;\(mark)b&gt; &amp; \"q\" \u{FFFD}\u{FFFD}\u{FFFD}&#13;\n\tok<empty/><e k=\"x\"></e></a>"
        )
        #expect(XMLWriter.escape("plain", attribute: true) == "plain")
        #expect(XMLWriter.escape("\u{10FFFF}\u{FFFF}", attribute: false) == "\u{10FFFF}\u{FFFD}")
    }

    @Test(.enabled(if: Python.isAvailable, "python3 is not installed"))
    func packagesAreDeterministicAndReadableByPython() throws {
        func make() throws -> Data {
            var package = OOXMLPackage()
            package.addRelationships(
                "_rels/.rels",
                [.init(id: "rId1", type: OOXMLPackage.Relationship.officeDocument, target: "word/document.xml")])
            var xml = XMLWriter()
            xml.element("doc", text: "héllo ✓ مرحبا")
            package.add("word/document.xml", contentType: "application/xml", xml: xml)
            return try package.zipped()
        }
        let first = try make()
        let second = try make()
        #expect(first == second)
        let scratch = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let file = scratch.appendingPathComponent("p.zip")
        try first.write(to: file)
        let script = """
            import sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            print([i.filename for i in z.infolist()], {i.date_time for i in z.infolist()})
            print(z.read('word/document.xml').decode('utf-8'))
            """
        let run = try PythonScript.run(script, [file.path])
        try #require(run.status == 0, "\(run.stderr)")
        let result = run.stdout
        #expect(result.contains("['[Content_Types].xml', '_rels/.rels', 'word/document.xml'] {(1980, 1, 1, 0, 0, 0)}"))
        #expect(result.contains("<doc>héllo ✓ مرحبا</doc>"))
    }
}
