public import Foundation
internal import IsogapDiagnostics
public import IsogapModel

/// A SpreadsheetML workbook (.xlsx) built from sheets of typed cells, written through
/// ``XMLWriter`` and ``OOXMLPackage``: strings are inline, so every text stays text (an id such as
/// `4.10` is never read as a number); numbers and dates are numbers with a number format.
public struct XLSXWorkbook: Sendable {
    /// How a cell looks and whether it may be edited on a protected sheet.
    public enum Style: Int, Sendable, CaseIterable {
        /// Text, top-aligned, not wrapped.
        case plain = 0
        /// A header cell: bold on grey, wrapped.
        case header
        /// Text, wrapped.
        case wrapped
        /// An answer the user fills in: wrapped, pale yellow, not locked.
        case answer
        /// A date (`yyyy-mm-dd`).
        case date
        /// A number with one decimal.
        case decimal
        /// A whole number.
        case integer
        /// A title: bold, larger.
        case title
    }

    /// One cell's value.
    public enum Value: Sendable, Hashable {
        case text(String)
        case number(Double)
        case date(CalendarDate)
        case empty
    }

    /// A cell: value and style.
    public struct Cell: Sendable, Hashable {
        public var value: Value
        public var style: Style

        public init(_ value: Value, style: Style = .plain) {
            self.value = value
            self.style = style
        }

        /// A text cell (empty when `text` is empty).
        public static func text(_ text: String, _ style: Style = .plain) -> Cell {
            Cell(text.isEmpty ? .empty : .text(text), style: style)
        }

        /// A number cell, or an empty one when `number` is nil.
        public static func number(_ number: Double?, _ style: Style = .decimal) -> Cell {
            Cell(number.map { .number($0) } ?? .empty, style: style)
        }

        /// A date cell, or an empty one when `date` is nil.
        public static func date(_ date: CalendarDate?) -> Cell {
            Cell(date.map { .date($0) } ?? .empty, style: .date)
        }
    }

    /// A list to pick a column's values from (data validation).
    public struct ListValidation: Sendable {
        /// Zero-based column.
        public var column: Int
        /// First and last one-based row.
        public var rows: ClosedRange<Int>
        /// The allowed values as a formula: a range (`Scale!$E$2:$E$7`) or a quoted list (`"yes,no"`).
        public var source: String

        public init(column: Int, rows: ClosedRange<Int>, source: String) {
            self.column = column
            self.rows = rows
            self.source = source
        }
    }

    /// One worksheet.
    public struct Sheet: Sendable {
        /// The tab name (at most 31 characters, none of `[]:*?/\`).
        public var name: String
        public var rows: [[Cell]]
        /// Column widths in characters; columns past the list keep the default width.
        public var widths: [Double] = []
        /// Rows kept in view when scrolling (0 for none).
        public var frozenRows = 0
        /// Columns kept in view when scrolling.
        public var frozenColumns = 0
        /// An autofilter over the used range, with row 1 as the header.
        public var filter = false
        public var rightToLeft = false
        /// Hidden from the tab bar (still readable by programs).
        public var hidden = false
        /// Protected without a password: only cells with the ``Style/answer`` style may be edited.
        public var protected = false
        public var validations: [ListValidation] = []

        public init(name: String, rows: [[Cell]]) {
            self.name = name
            self.rows = rows
        }
    }

    public var sheets: [Sheet]
    /// The title spreadsheet programs show in the document properties (the creator is isogap).
    public var title: String

    public init(title: String, sheets: [Sheet]) {
        self.title = title
        self.sheets = sheets
    }

    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let sheetType = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"

    /// The .xlsx file.
    public func data() throws -> Data {
        var package = OOXMLPackage()
        package.addRelationships(
            "_rels/.rels",
            [
                .init(id: "rId1", type: OOXMLPackage.Relationship.officeDocument, target: "xl/workbook.xml"),
                .init(id: "rId2", type: OOXMLPackage.Relationship.coreProperties, target: "docProps/core.xml"),
                .init(id: "rId3", type: OOXMLPackage.Relationship.extendedProperties, target: "docProps/app.xml"),
            ])
        package.addCoreProperties(title: title)
        package.add(
            "docProps/app.xml",
            contentType: "application/vnd.openxmlformats-officedocument.extended-properties+xml", xml: appProperties)
        package.add(
            "xl/workbook.xml",
            contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            xml: workbook)
        var relationships: [OOXMLPackage.Relationship] = sheets.indices.map {
            .init(
                id: "rId\($0 + 1)", type: OOXMLPackage.Relationship.officeDocumentPrefix + "worksheet",
                target: "worksheets/sheet\($0 + 1).xml")
        }
        relationships.append(
            .init(id: "rId\(sheets.count + 1)", type: OOXMLPackage.Relationship.styles, target: "styles.xml"))
        package.addRelationships("xl/_rels/workbook.xml.rels", relationships)
        package.add(
            "xl/styles.xml", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
            xml: Self.styles)
        for (index, sheet) in sheets.enumerated() {
            package.add(
                "xl/worksheets/sheet\(index + 1).xml", contentType: Self.sheetType,
                xml: Self.worksheet(sheet, selected: index == 0))
        }
        return try package.zipped()
    }

    private var appProperties: XMLWriter {
        var xml = XMLWriter()
        xml.open("Properties", ["xmlns": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"])
        xml.element("Application", text: "isogap")
        xml.close()
        return xml
    }

    private var workbook: XMLWriter {
        var xml = XMLWriter()
        xml.open("workbook", ["xmlns": Self.mainNamespace, "xmlns:r": Self.relationshipNamespace])
        xml.open("bookViews")
        let active = sheets.firstIndex { !$0.hidden } ?? 0
        xml.element("workbookView", attributes: [("activeTab", String(active))])
        xml.close()
        xml.open("sheets")
        for (index, sheet) in sheets.enumerated() {
            var attributes = [("name", sheet.name), ("sheetId", String(index + 1))]
            if sheet.hidden { attributes.append(("state", "hidden")) }
            attributes.append(("r:id", "rId\(index + 1)"))
            xml.element("sheet", attributes: attributes)
        }
        xml.close()
        // Autofilters need their range as a hidden defined name for spreadsheet programs to honour them.
        let filtered = sheets.enumerated().filter { $0.element.filter && !$0.element.rows.isEmpty }
        if !filtered.isEmpty {
            xml.open("definedNames")
            for (index, sheet) in filtered {
                xml.element(
                    "definedName",
                    attributes: [("name", "_xlnm._FilterDatabase"), ("localSheetId", String(index)), ("hidden", "1")],
                    text:
                        "'\(sheet.name.replacingOccurrences(of: "'", with: "''"))'!\(Self.absolute(Self.usedRange(sheet)))"
                )
            }
            xml.close()
        }
        xml.close()
        return xml
    }

    /// The styles part; the order of `cellXfs` follows ``Style``.
    private static let styles: XMLWriter = {
        var xml = XMLWriter()
        xml.open("styleSheet", ["xmlns": mainNamespace])
        xml.open("numFmts", ["count": "2"])
        xml.element("numFmt", ["numFmtId": "164", "formatCode": "yyyy-mm-dd"])
        xml.element("numFmt", ["numFmtId": "165", "formatCode": "0.0"])
        xml.close()
        xml.open("fonts", ["count": "3"])
        for (bold, size) in [(false, "11"), (true, "11"), (true, "14")] {
            xml.open("font")
            if bold { xml.element("b") }
            xml.element("sz", ["val": size])
            xml.element("name", ["val": "Calibri"])
            xml.close()
        }
        xml.close()
        xml.open("fills", ["count": "4"])
        xml.open("fill")
        xml.element("patternFill", ["patternType": "none"])
        xml.close()
        xml.open("fill")
        xml.element("patternFill", ["patternType": "gray125"])
        xml.close()
        for colour in ["FFD9D9D9", "FFFFF8DC"] {
            xml.open("fill")
            xml.open("patternFill", ["patternType": "solid"])
            xml.element("fgColor", ["rgb": colour])
            xml.element("bgColor", ["indexed": "64"])
            xml.close()
            xml.close()
        }
        xml.close()
        xml.open("borders", ["count": "1"])
        xml.element("border")
        xml.close()
        xml.open("cellStyleXfs", ["count": "1"])
        xml.element("xf", ["numFmtId": "0", "fontId": "0", "fillId": "0", "borderId": "0"])
        xml.close()
        // (number format, font, fill, wrap, locked) for each Style, in order.
        let formats: [(Int, Int, Int, Bool, Bool)] = [
            (0, 0, 0, false, true), (0, 1, 2, true, true), (0, 0, 0, true, true), (49, 0, 3, true, false),
            (164, 0, 0, false, true), (165, 0, 0, false, true), (1, 0, 0, false, true), (0, 2, 0, false, true),
        ]
        xml.open("cellXfs", ["count": String(formats.count)])
        for (format, font, fill, wrap, locked) in formats {
            var attributes = [
                ("numFmtId", String(format)), ("fontId", String(font)), ("fillId", String(fill)), ("borderId", "0"),
                ("xfId", "0"), ("applyAlignment", "1"),
            ]
            if format != 0 { attributes.append(("applyNumberFormat", "1")) }
            if font != 0 { attributes.append(("applyFont", "1")) }
            if fill != 0 { attributes.append(("applyFill", "1")) }
            if !locked { attributes.append(("applyProtection", "1")) }
            xml.open("xf", attributes: attributes)
            xml.element("alignment", attributes: [("vertical", "top")] + (wrap ? [("wrapText", "1")] : []))
            if !locked { xml.element("protection", ["locked": "0"]) }
            xml.close()
        }
        xml.close()
        xml.open("cellStyles", ["count": "1"])
        xml.element("cellStyle", ["name": "Normal", "xfId": "0", "builtinId": "0"])
        xml.close()
        xml.close()
        return xml
    }()

    /// A cell reference such as `B7` (zero-based column, one-based row).
    static func reference(column: Int, row: Int) -> String {
        CellReference.name(column: column, row: row)
    }

    private static func usedRange(_ sheet: Sheet) -> String {
        let width = max(1, sheet.rows.map(\.count).max() ?? 1)
        return "A1:\(reference(column: width - 1, row: max(1, sheet.rows.count)))"
    }

    private static func absolute(_ range: String) -> String {
        range.split(separator: ":").map { part in
            let letters = part.prefix { $0.isLetter }
            return "$\(letters)$\(part.dropFirst(letters.count))"
        }.joined(separator: ":")
    }

    private static let epochDayNumber = CalendarDate(year: 1899, month: 12, day: 30).map(\.dayNumber) ?? 0

    /// Days from 1899-12-30 (the spreadsheet epoch) to `date`.
    static func serial(_ date: CalendarDate) -> Int {
        date.dayNumber - epochDayNumber
    }

    private static func worksheet(_ sheet: Sheet, selected: Bool) -> XMLWriter {
        var xml = XMLWriter()
        xml.open("worksheet", ["xmlns": mainNamespace, "xmlns:r": relationshipNamespace])
        xml.element("dimension", ["ref": usedRange(sheet)])
        xml.open("sheetViews")
        var view = [("workbookViewId", "0")]
        if sheet.rightToLeft { view.insert(("rightToLeft", "1"), at: 0) }
        if selected { view.insert(("tabSelected", "1"), at: 0) }
        if sheet.frozenRows > 0 || sheet.frozenColumns > 0 {
            xml.open("sheetView", attributes: view)
            var pane: [(String, String)] = []
            if sheet.frozenColumns > 0 { pane.append(("xSplit", String(sheet.frozenColumns))) }
            if sheet.frozenRows > 0 { pane.append(("ySplit", String(sheet.frozenRows))) }
            let corner = reference(column: sheet.frozenColumns, row: sheet.frozenRows + 1)
            let active =
                sheet.frozenRows > 0 && sheet.frozenColumns > 0
                ? "bottomRight" : sheet.frozenRows > 0 ? "bottomLeft" : "topRight"
            pane += [("topLeftCell", corner), ("activePane", active), ("state", "frozen")]
            xml.element("pane", attributes: pane)
            xml.element("selection", attributes: [("pane", active), ("activeCell", corner), ("sqref", corner)])
            xml.close()
        } else {
            xml.element("sheetView", attributes: view)
        }
        xml.close()
        xml.element("sheetFormatPr", ["defaultRowHeight": "15"])
        if !sheet.widths.isEmpty {
            xml.open("cols")
            for (index, width) in sheet.widths.enumerated() {
                xml.element(
                    "col",
                    attributes: [
                        ("min", String(index + 1)), ("max", String(index + 1)), ("width", format(width)),
                        ("customWidth", "1"),
                    ])
            }
            xml.close()
        }
        xml.open("sheetData")
        for (rowIndex, row) in sheet.rows.enumerated() {
            xml.open("row", attributes: [("r", String(rowIndex + 1))])
            for (columnIndex, cell) in row.enumerated() {
                let reference = reference(column: columnIndex, row: rowIndex + 1)
                var attributes = [("r", reference)]
                if cell.style != .plain { attributes.append(("s", String(cell.style.rawValue))) }
                switch cell.value {
                case .empty:
                    // Only an editable cell is written empty: it carries the unlocked style.
                    guard cell.style != .plain else { continue }
                    xml.element("c", attributes: attributes)
                case .number(let number):
                    xml.open("c", attributes: attributes)
                    xml.element("v", text: format(number))
                    xml.close()
                case .date(let date):
                    xml.open("c", attributes: attributes)
                    xml.element("v", text: String(serial(date)))
                    xml.close()
                case .text(let text):
                    xml.open("c", attributes: attributes + [("t", "inlineStr")])
                    xml.open("is")
                    xml.element("t", ["xml:space": "preserve"], text: text)
                    xml.close()
                    xml.close()
                }
            }
            xml.close()
        }
        xml.close()
        if sheet.protected {
            // No password: the protection keeps questions from being overwritten by mistake.
            xml.element(
                "sheetProtection",
                [
                    "sheet": "1", "objects": "1", "scenarios": "1", "formatColumns": "0", "formatRows": "0",
                    "autoFilter": "0", "sort": "1",
                ])
        }
        if sheet.filter, !sheet.rows.isEmpty {
            xml.element("autoFilter", ["ref": usedRange(sheet)])
        }
        if !sheet.validations.isEmpty {
            xml.open("dataValidations", attributes: [("count", String(sheet.validations.count))])
            for validation in sheet.validations {
                let range =
                    "\(reference(column: validation.column, row: validation.rows.lowerBound)):\(reference(column: validation.column, row: validation.rows.upperBound))"
                xml.open(
                    "dataValidation",
                    [
                        "type": "list", "allowBlank": "1", "showInputMessage": "1", "showErrorMessage": "1",
                        "sqref": range,
                    ])
                xml.element("formula1", text: validation.source)
                xml.close()
            }
            xml.close()
        }
        xml.element(
            "pageMargins",
            ["left": "0.5", "right": "0.5", "top": "0.75", "bottom": "0.75", "header": "0.3", "footer": "0.3"])
        xml.element("pageSetup", ["paperSize": "9", "orientation": "landscape", "fitToWidth": "1", "fitToHeight": "0"])
        xml.close()
        return xml
    }

    /// A number as written in a cell: whole numbers without a decimal point, others in the
    /// shortest form that reads back the same.
    static func format(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return "\(number)"
    }
}
