import Foundation
import Testing

@testable import IsogapRendering

/// Workbooks made to hurt (SPEC §14): each is refused with an exact message and exit 65, fast, and
/// nothing named inside the zip is ever written. They are built here, with the package writer.
@Suite("Hostile workbooks")
struct HostileWorkbookTests {
    static let sheetType = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    static let workbookXML = """
        <?xml version="1.0" encoding="UTF-8"?>
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>
        """
    static let relationships = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
        """

    /// A one-sheet workbook whose parts can be replaced or added to.
    static func workbook(
        sheet: String =
            "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData/></worksheet>",
        workbook: String = workbookXML, extra: [(String, [UInt8])] = []
    ) throws -> Data {
        var package = OOXMLPackage()
        package.add("xl/workbook.xml", contentType: nil, bytes: Array(workbook.utf8))
        package.add("xl/_rels/workbook.xml.rels", contentType: nil, bytes: Array(relationships.utf8))
        package.add("xl/worksheets/sheet1.xml", contentType: sheetType, bytes: Array(sheet.utf8))
        for (name, bytes) in extra { package.add(name, contentType: nil, bytes: bytes) }
        return try package.zipped()
    }

    static func cells(_ cells: String) -> String {
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\">\(cells)</row></sheetData></worksheet>"
    }

    static let billionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="&lol3;" sheetId="1" r:id="rId1"/></sheets></workbook>
        """

    static let externalEntity = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE worksheet [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&secret;</t></is></c></row></sheetData></worksheet>
        """

    /// (name, workbook bytes, the error line expected on standard error).
    static func corpus() throws -> [(String, Data, String)] {
        let utf16 = Data([0xFF, 0xFE] + "<worksheet/>".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        var many: [(String, [UInt8])] = []
        for index in 0..<1_000 { many.append(("xl/media/image\(index).xml", Array("<a/>".utf8))) }
        return [
            (
                "not-a-zip", Data("name,level\n4.1-a,3\n".utf8),
                "error: not-a-zip.xlsx: not an .xlsx workbook (it is not a zip file)"
            ),
            (
                "truncated", try workbook().prefix(200),
                "error: truncated.xlsx: not an .xlsx workbook (the zip container cannot be read)"
            ),
            (
                "billion-laughs", try workbook(workbook: billionLaughs),
                "error: billion-laughs.xlsx: xl/workbook.xml has a document type declaration (DTD); refused"
            ),
            (
                "external-entity", try workbook(sheet: externalEntity),
                "error: external-entity.xlsx: xl/worksheets/sheet1.xml has a document type declaration (DTD); refused"
            ),
            (
                "utf-16", try workbook(extra: []).replacingPart(with: utf16),
                "error: utf-16.xlsx: xl/worksheets/sheet1.xml is not UTF-8 XML; refused"
            ),
            (
                "zip-bomb",
                try workbook(
                    sheet: cells(
                        "<c r=\"A1\" t=\"inlineStr\"><is><t>" + String(repeating: "A", count: 3 << 19) + "</t></is></c>"
                    )),
                "error: zip-bomb.xlsx: the entry 'xl/worksheets/sheet1.xml' is compressed more than 200 to 1 (a zip bomb?); refused"
            ),
            (
                "huge-entry", try workbook(sheet: cells(String(repeating: "<c/>", count: 600_000))),
                "error: huge-entry.xlsx: the entry 'xl/worksheets/sheet1.xml' inflates to 2400129 bytes, more than 2097152; refused"
            ),
            (
                "too-many-entries", try workbook(extra: many),
                "error: too-many-entries.xlsx: the zip has more than 1000 entries; refused"
            ),
            (
                "shared-string-index", try workbook(sheet: cells("<c r=\"B2\" t=\"s\"><v>99</v></c>")),
                "shared-string-index.xlsx:Sheet1!B2: error: the shared string index 99 does not exist (the workbook has 0)"
            ),
            (
                "style-index", try workbook(sheet: cells("<c r=\"C1\" s=\"42\"><v>1</v></c>")),
                "style-index.xlsx:Sheet1!C1: error: the style index 42 does not exist (the workbook has 1)"
            ),
            (
                "entry-names",
                try workbook(extra: [
                    ("../../escaped.txt", Array("x".utf8)), ("xl/../../../escaped.txt", Array("x".utf8)),
                ]),
                "error: not a questionnaire exported by isogap (it has no 'isogap' sheet); export one with 'isogap export xlsx'"
            ),
            (
                "deep-nesting",
                try workbook(sheet: String(repeating: "<a>", count: 200) + String(repeating: "</a>", count: 200)),
                "error: deep-nesting.xlsx: xl/worksheets/sheet1.xml: elements nest more than 64 deep; refused"
            ),
        ]
    }

    @Test func eachIsRefusedWithItsMessageQuickly() throws {
        let scratch = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        try FileManager.default.copyItem(at: Fixtures.url("sample"), to: scratch.appendingPathComponent("ws"))
        let inner = scratch.appendingPathComponent("in/deeper")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        for (name, bytes, expected) in try Self.corpus() {
            try bytes.write(to: inner.appendingPathComponent("\(name).xlsx"))
            let start = ContinuousClock.now
            let result = try Command.run(["import", "xlsx", "\(name).xlsx", "../../ws"], in: inner)
            let elapsed = ContinuousClock.now - start
            #expect(result.status == 65, "\(name): \(result.status) \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").contains { $0 == expected }, "\(name): \(result.stderr)")
            #expect(elapsed < .seconds(2), "\(name) took \(elapsed)")
        }
        // Names inside the zip are never paths: nothing was written outside (or inside) the folder.
        #expect(!FileManager.default.fileExists(atPath: scratch.appendingPathComponent("escaped.txt").path))
    }
}

extension Data {
    /// The workbook with its sheet part's bytes replaced (built again with the same writer).
    fileprivate func replacingPart(with bytes: Data) throws -> Data {
        var package = OOXMLPackage()
        package.add("xl/workbook.xml", contentType: nil, bytes: Array(HostileWorkbookTests.workbookXML.utf8))
        package.add(
            "xl/_rels/workbook.xml.rels", contentType: nil, bytes: Array(HostileWorkbookTests.relationships.utf8))
        package.add("xl/worksheets/sheet1.xml", contentType: HostileWorkbookTests.sheetType, bytes: Array(bytes))
        return try package.zipped()
    }
}
