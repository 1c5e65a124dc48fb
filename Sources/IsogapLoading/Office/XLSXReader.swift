public import Foundation
internal import IsogapDiagnostics
internal import ZIPFoundation

#if canImport(FoundationXML)
    internal import FoundationXML
#endif

/// Reads the cells of an .xlsx workbook that came from outside: the zip container and every XML
/// part are untrusted (SPEC §14), so each limit is checked before the work it bounds.
///
/// - The file, the number of entries, each entry's size, all entries together and each entry's
///   compression ratio are capped (zip bombs), on the sizes the zip declares and again on the
///   bytes actually inflated.
/// - XML with a document type declaration is refused before parsing (no entity can be declared,
///   so no external entity is read and no entity expands), and only UTF-8 is read.
/// - Entry names are only looked up in the zip's own directory; none is ever used as a path.
/// - Shared-string and style indices are checked against the tables they point into.
public enum XLSXReader {
    /// The limits; the defaults keep a workbook within the 2 s and 256 MB allowed for untrusted input.
    public struct Limits: Sendable {
        public var fileSize = 16 << 20
        public var entries = 1_000
        public var entrySize = 2 << 20
        public var totalSize = 6 << 20
        /// Inflated size over compressed size, for entries larger than `ratioFloor`.
        public var compressionRatio = 200
        public var ratioFloor = 256 << 10
        public var sharedStrings = 200_000
        public var cellsPerSheet = 50_000
        public init() {}
    }

    /// Why a workbook cannot be read; `sheet` and `cell` locate it when they are known.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var sheet: String?
        public var cell: String?
        public init(_ message: String, sheet: String? = nil, cell: String? = nil) {
            self.message = message
            self.sheet = sheet
            self.cell = cell
        }
        public var description: String { message }
    }

    /// One cell as read: its text (numbers as written, booleans as TRUE/FALSE) and whether it
    /// holds a formula.
    public struct Cell: Sendable, Hashable {
        public var text: String
        public var formula: Bool
    }

    /// One worksheet: its name and cells by reference (`B7`), with row and zero-based column.
    public struct Sheet: Sendable {
        public var name: String
        /// Cells by (one-based row, zero-based column).
        public var cells: [Position: Cell]
        public var rowCount: Int { cells.keys.map(\.row).max() ?? 0 }

        public subscript(row: Int, column: Int) -> Cell? { cells[Position(row: row, column: column)] }
    }

    /// A cell position.
    public struct Position: Sendable, Hashable {
        public var row: Int
        public var column: Int
        public init(row: Int, column: Int) {
            self.row = row
            self.column = column
        }

        /// The cell reference, for messages: row 7, column 1 → `B7`.
        var reference: String { CellReference.name(column: column, row: row) }
    }

    /// The sheets of the workbook, in tab order.
    public static func read(_ bytes: Data, limits: Limits = Limits()) throws(Failure) -> [Sheet] {
        guard bytes.count <= limits.fileSize else {
            throw Failure("the file is \(bytes.count) bytes; a workbook may have at most \(limits.fileSize)")
        }
        guard bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
            throw Failure("not an .xlsx workbook (it is not a zip file)")
        }
        let archive: Archive
        do { archive = try Archive(data: bytes, accessMode: .read) } catch {
            throw Failure("not an .xlsx workbook (the zip container cannot be read)")
        }
        var entries: [String: Entry] = [:]
        var count = 0
        var declared: UInt64 = 0
        for entry in archive {
            count += 1
            guard count <= limits.entries else {
                throw Failure("the zip has more than \(limits.entries) entries; refused")
            }
            let name = entry.path
            guard entries[name] == nil else {
                throw Failure("the zip holds the entry '\(visible(name))' twice; refused")
            }
            guard entry.uncompressedSize <= UInt64(limits.entrySize) else {
                throw Failure(
                    "the entry '\(visible(name))' inflates to \(entry.uncompressedSize) bytes, more than \(limits.entrySize); refused"
                )
            }
            if entry.uncompressedSize > UInt64(limits.ratioFloor),
                entry.uncompressedSize / max(1, entry.compressedSize) > UInt64(limits.compressionRatio)
            {
                throw Failure(
                    "the entry '\(visible(name))' is compressed more than \(limits.compressionRatio) to 1 (a zip bomb?); refused"
                )
            }
            declared += entry.uncompressedSize
            guard declared <= UInt64(limits.totalSize) else {
                throw Failure("the entries inflate to more than \(limits.totalSize) bytes together; refused")
            }
            entries[name] = entry
        }
        var reader = PartReader(archive: archive, entries: entries, limits: limits)
        return try reader.sheets()
    }

    /// A name from the zip, safe to print.
    static func visible(_ name: String) -> String {
        String(name.unicodeScalars.prefix(120).map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) })
    }
}

/// Reads the parts a workbook's cells depend on.
private struct PartReader {
    let archive: Archive
    let entries: [String: Entry]
    let limits: XLSXReader.Limits
    var inflated = 0

    typealias Failure = XLSXReader.Failure

    /// The bytes of part `name` (no leading `/`), or nil when the zip has no such entry.
    mutating func part(_ name: String) throws(Failure) -> Data? {
        guard let entry = entries[name] else { return nil }
        guard entry.type == .file else { throw Failure("the entry '\(XLSXReader.visible(name))' is not a file") }
        var data = Data()
        let cap = min(Int(entry.uncompressedSize), limits.entrySize)
        let budget = limits.totalSize - inflated
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                // The declared size may lie: the inflated bytes are capped as they come.
                guard data.count + chunk.count <= cap, data.count + chunk.count <= budget else {
                    throw Failure("the entry '\(XLSXReader.visible(name))' inflates to more than it declares; refused")
                }
                data.append(chunk)
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure("the entry '\(XLSXReader.visible(name))' cannot be inflated (the zip is damaged)")
        }
        inflated += data.count
        return data
    }

    mutating func requiredPart(_ name: String) throws(Failure) -> Data {
        guard let data = try part(name) else {
            throw Failure("not an .xlsx workbook (it has no \(name))")
        }
        return data
    }

    mutating func sheets() throws(Failure) -> [XLSXReader.Sheet] {
        let workbook = try XMLTree.parse(try requiredPart("xl/workbook.xml"), part: "xl/workbook.xml")
        let relations = try XMLTree.parse(
            try requiredPart("xl/_rels/workbook.xml.rels"), part: "xl/_rels/workbook.xml.rels")
        var targets: [String: String] = [:]
        for relation in relations.children where relation.name == "Relationship" {
            if let id = relation.attributes["Id"], let target = relation.attributes["Target"] {
                targets[id] = Self.partName(target, base: "xl/")
            }
        }
        let strings = try sharedStrings()
        let styleCount = try styles()
        var result: [XLSXReader.Sheet] = []
        for sheet in workbook.child("sheets")?.children ?? [] where sheet.name == "sheet" {
            guard let name = sheet.attributes["name"],
                let id = sheet.attributes["r:id"] ?? sheet.attribute(local: "id"),
                let target = targets[id]
            else { throw Failure("not an .xlsx workbook (a sheet of xl/workbook.xml names no part)") }
            guard let data = try part(target) else {
                throw Failure("the sheet '\(name)' has no part in the zip (\(XLSXReader.visible(target)))", sheet: name)
            }
            let cells = try worksheet(data, part: target, sheet: name, strings: strings, styles: styleCount)
            result.append(XLSXReader.Sheet(name: name, cells: cells))
        }
        return result
    }

    /// A relationship target as a part name: relative to `base`, or absolute from the root.
    static func partName(_ target: String, base: String) -> String {
        var segments: [Substring] = target.hasPrefix("/") ? [] : base.split(separator: "/")
        for segment in target.split(separator: "/") {
            if segment == ".." {
                if !segments.isEmpty { segments.removeLast() }
            } else if segment != "." {
                segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }

    mutating func sharedStrings() throws(Failure) -> [String] {
        guard let data = try part("xl/sharedStrings.xml") else { return [] }
        let root = try XMLTree.parse(data, part: "xl/sharedStrings.xml")
        var strings: [String] = []
        for item in root.children where item.name == "si" {
            strings.append(item.runText)
            guard strings.count <= limits.sharedStrings else {
                throw Failure("the workbook has more than \(limits.sharedStrings) shared strings; refused")
            }
        }
        return strings
    }

    /// The number of cell formats (`cellXfs`), which a cell's `s` must stay below.
    mutating func styles() throws(Failure) -> Int {
        guard let data = try part("xl/styles.xml") else { return 1 }
        let root = try XMLTree.parse(data, part: "xl/styles.xml")
        return max(1, root.child("cellXfs")?.children.filter { $0.name == "xf" }.count ?? 1)
    }

    func worksheet(_ data: Data, part: String, sheet: String, strings: [String], styles: Int) throws(Failure)
        -> [XLSXReader.Position: XLSXReader.Cell]
    {
        let root = try XMLTree.parse(data, part: part)
        var cells: [XLSXReader.Position: XLSXReader.Cell] = [:]
        var nextRow = 1
        for row in root.child("sheetData")?.children ?? [] where row.name == "row" {
            let rowNumber = row.attributes["r"].flatMap(Int.init) ?? nextRow
            nextRow = rowNumber + 1
            var nextColumn = 0
            for cell in row.children where cell.name == "c" {
                let position: XLSXReader.Position
                if let reference = cell.attributes["r"] {
                    guard let parsed = Self.position(reference) else {
                        throw Failure("'\(XLSXReader.visible(reference))' is not a cell reference", sheet: sheet)
                    }
                    position = parsed
                } else {
                    position = .init(row: rowNumber, column: nextColumn)
                }
                nextColumn = position.column + 1
                let reference = position.reference
                if let style = cell.attributes["s"] {
                    guard let index = Int(style), index >= 0, index < styles else {
                        throw Failure(
                            "the style index \(XLSXReader.visible(style)) does not exist (the workbook has \(styles))",
                            sheet: sheet, cell: reference)
                    }
                }
                let value = cell.child("v")?.characters ?? ""
                let text: String
                switch cell.attributes["t"] ?? "n" {
                case "s":
                    guard let index = Int(value), index >= 0, index < strings.count else {
                        throw Failure(
                            "the shared string index \(XLSXReader.visible(value)) does not exist (the workbook has \(strings.count))",
                            sheet: sheet, cell: reference)
                    }
                    text = strings[index]
                case "inlineStr": text = cell.child("is")?.runText ?? ""
                case "b": text = value == "1" ? "TRUE" : "FALSE"
                default: text = value
                }
                cells[position] = XLSXReader.Cell(text: text, formula: cell.child("f") != nil)
                guard cells.count <= limits.cellsPerSheet else {
                    throw Failure("the sheet has more than \(limits.cellsPerSheet) cells; refused", sheet: sheet)
                }
            }
        }
        return cells
    }

    /// `B7` → row 7, column 1.
    static func position(_ reference: String) -> XLSXReader.Position? {
        CellReference.position(reference).map { .init(row: $0.row, column: $0.column) }
    }

}

/// A small element tree of one XML part, parsed with Foundation's parser after the checks above.
struct XMLTree {
    var name: String
    var attributes: [String: String]
    var children: [XMLTree] = []
    var characters = ""

    func child(_ name: String) -> XMLTree? { children.first { $0.name == name } }

    /// An attribute by its local name, whatever its prefix.
    func attribute(local: String) -> String? {
        attributes.first { $0.key.split(separator: ":").last.map(String.init) == local }?.value
    }

    /// The text of a rich-text string (`si`, `is`): its `t` elements in order, leaving out
    /// phonetic runs (`rPh`); whitespace between elements is not text.
    var runText: String {
        if name == "t" { return characters }
        var result = ""
        for child in children where child.name != "rPh" { result += child.runText }
        return result
    }

    static let maxDepth = 64
    /// Elements in one part: the tree of a part at this cap stays well inside the memory budget.
    static let maxElements = 120_000

    /// Parses `data`; refuses a DTD, text that is not UTF-8, and malformed XML.
    static func parse(_ data: Data, part: String) throws(XLSXReader.Failure) -> XMLTree {
        let name = XLSXReader.visible(part)
        // UTF-16 and other encodings would hide a DTD from the check below: only UTF-8 is read.
        if data.starts(with: [0xFE, 0xFF]) || data.starts(with: [0xFF, 0xFE]) || data.prefix(64).contains(0) {
            throw XLSXReader.Failure("\(name) is not UTF-8 XML; refused")
        }
        if data.range(of: Data("<!DOCTYPE".utf8)) != nil || data.range(of: Data("<!ENTITY".utf8)) != nil {
            throw XLSXReader.Failure("\(name) has a document type declaration (DTD); refused")
        }
        if let head = String(data: data.prefix(200), encoding: .isoLatin1), let declaration = head.range(of: "?>"),
            let encoding = head[..<declaration.lowerBound].range(of: "encoding=")
        {
            let value = head[encoding.upperBound...].dropFirst().prefix { $0 != "\"" && $0 != "'" }.lowercased()
            guard value == "utf-8" || value == "utf8" else {
                throw XLSXReader.Failure("\(name) is not UTF-8 XML; refused")
            }
        }
        let builder = TreeBuilder()
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.delegate = builder
        let parsed = parser.parse()
        if let failure = builder.failure { throw XLSXReader.Failure("\(name): \(failure)") }
        guard parsed, let root = builder.stack.first?.children.first else {
            throw XLSXReader.Failure("\(name) is not well-formed XML")
        }
        return root
    }
}

private final class TreeBuilder: NSObject, XMLParserDelegate {
    var stack: [XMLTree] = [XMLTree(name: "", attributes: [:])]
    var failure: String?
    var elements = 0

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        guard stack.count <= XMLTree.maxDepth else {
            failure = "elements nest more than \(XMLTree.maxDepth) deep; refused"
            parser.abortParsing()
            return
        }
        elements += 1
        guard elements <= XMLTree.maxElements else {
            failure = "has more than \(XMLTree.maxElements) elements; refused"
            parser.abortParsing()
            return
        }
        stack.append(XMLTree(name: elementName, attributes: attributes))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        guard stack.count > 1, let element = stack.popLast() else { return }
        stack[stack.count - 1].children.append(element)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard stack.count > 1 else { return }
        stack[stack.count - 1].characters += string
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        guard stack.count > 1 else { return }
        stack[stack.count - 1].characters += String(decoding: block, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
        failure = "declares an entity; refused"
        parser.abortParsing()
    }

    func parser(
        _ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?
    ) {
        failure = "declares an external entity; refused"
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
        failure = "refers to an external entity; refused"
        parser.abortParsing()
        return nil
    }
}
