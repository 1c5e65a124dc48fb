/// The styles part of the Word report (`word/styles.xml`).
///
/// Headings, the title, the contents entries, the caption and the footer use the style ids and
/// names of Word's built-in styles (`Heading1` named `heading 1`...): Word and LibreOffice then
/// treat them as their own, so the navigation pane, outline view and a table of contents find the
/// headings, and a user's template restyles them. Heading styles carry their outline level for
/// readers that look only at that.
enum WordStyles {
    /// The style of every table: thin grey borders, small cell margins.
    static let tableStyle = "ReportTable"

    private struct Definition {
        var id: String
        var name: String
        var basedOn: String?
        var outlineLevel: Int?
        var keepNext = false
        var spaceBefore = 0
        var spaceAfter: Int?
        var indent = 0
        var size: Int?
        var bold = false
        var italic = false
        var color: String?
        var center = false
        /// The list (`w:numId` of the numbering part) whose items the style's paragraphs are.
        var numbering: Int?
    }

    /// The lists of the numbering part (``numbering``): bullets and decimal numbers.
    static let bulletList = 1
    static let numberedList = 2

    private static let ink = "1F2933"
    private static let accent = "1D4E89"
    private static let muted = "52606D"

    private static let paragraphStyles: [Definition] = [
        Definition(
            id: "Title", name: "Title", basedOn: "Normal", spaceAfter: 240, size: 48, bold: true, color: accent),
        Definition(id: "Subtitle", name: "Subtitle", basedOn: "Normal", spaceAfter: 120, size: 28, color: muted),
        Definition(
            id: "Heading1", name: "heading 1", basedOn: "Normal", outlineLevel: 0, keepNext: true, spaceBefore: 360,
            spaceAfter: 120, size: 32, bold: true, color: accent),
        Definition(
            id: "Heading2", name: "heading 2", basedOn: "Normal", outlineLevel: 1, keepNext: true, spaceBefore: 240,
            spaceAfter: 100, size: 26, bold: true, color: accent),
        Definition(
            id: "Heading3", name: "heading 3", basedOn: "Normal", outlineLevel: 2, keepNext: true, spaceBefore: 200,
            spaceAfter: 80, size: 22, bold: true, color: ink),
        Definition(
            id: "TOCHeading", name: "TOC Heading", basedOn: "Normal", keepNext: true, spaceBefore: 240,
            spaceAfter: 120, size: 32, bold: true, color: accent),
        Definition(id: "TOC1", name: "toc 1", basedOn: "Normal", spaceAfter: 60, bold: true),
        Definition(id: "TOC2", name: "toc 2", basedOn: "Normal", spaceAfter: 40, indent: 240),
        Definition(
            id: "Caption", name: "caption", basedOn: "Normal", spaceAfter: 120, size: 17, italic: true, color: muted),
        Definition(id: "ListBullet", name: "List Bullet", basedOn: "Normal", spaceAfter: 60, numbering: bulletList),
        Definition(id: "ListNumber", name: "List Number", basedOn: "Normal", spaceAfter: 60, numbering: numberedList),
        Definition(id: "Quote", name: "Quote", basedOn: "Normal", spaceAfter: 80, indent: 360, color: muted),
        Definition(id: "TableText", name: "Table Text", basedOn: "Normal", spaceAfter: 0, size: 17),
        Definition(id: "TableHeading", name: "Table Heading", basedOn: "TableText", keepNext: true, bold: true),
        Definition(
            id: "Footer", name: "footer", basedOn: "Normal", spaceAfter: 0, size: 16, color: muted, center: true),
    ]

    static func xml(_ document: WordDocument) -> XMLWriter {
        var xml = XMLWriter()
        xml.open("w:styles", ["xmlns:w": WordprocessingML.main])
        xml.open("w:docDefaults")
        xml.open("w:rPrDefault")
        xml.open("w:rPr")
        // Complex-script text (Arabic) has its own font, size and language in WordprocessingML.
        xml.element("w:rFonts", ["w:ascii": "Calibri", "w:hAnsi": "Calibri", "w:eastAsia": "Calibri", "w:cs": "Arial"])
        xml.element("w:color", ["w:val": ink])
        xml.element("w:sz", ["w:val": "20"])
        xml.element("w:szCs", ["w:val": "20"])
        xml.element(
            "w:lang", ["w:val": "en-GB", "w:eastAsia": "en-GB", "w:bidi": "ar-SA"])
        xml.close()
        xml.close()
        xml.open("w:pPrDefault")
        xml.open("w:pPr")
        xml.element("w:spacing", ["w:after": "120", "w:line": "264", "w:lineRule": "auto"])
        xml.close()
        xml.close()
        xml.close()

        xml.open("w:style", ["w:type": "paragraph", "w:default": "1", "w:styleId": "Normal"])
        xml.element("w:name", ["w:val": "Normal"])
        xml.element("w:qFormat")
        if document.rightToLeft {
            xml.open("w:pPr")
            xml.element("w:bidi")
            xml.close()
        }
        xml.close()
        for style in paragraphStyles { write(style, rightToLeft: document.rightToLeft, into: &xml) }

        xml.open("w:style", ["w:type": "character", "w:default": "1", "w:styleId": "DefaultParagraphFont"])
        xml.element("w:name", ["w:val": "Default Paragraph Font"])
        xml.element("w:uiPriority", ["w:val": "1"])
        xml.element("w:semiHidden")
        xml.close()

        xml.open("w:style", ["w:type": "table", "w:default": "1", "w:styleId": "TableNormal"])
        xml.element("w:name", ["w:val": "Normal Table"])
        xml.element("w:semiHidden")
        xml.open("w:tblPr")
        cellMargins(into: &xml, vertical: 0, horizontal: 108)
        xml.close()
        xml.close()

        xml.open("w:style", ["w:type": "table", "w:styleId": tableStyle])
        xml.element("w:name", ["w:val": "Report Table"])
        xml.element("w:basedOn", ["w:val": "TableNormal"])
        xml.open("w:tblPr")
        xml.open("w:tblBorders")
        for edge in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            xml.element(
                "w:\(edge)", attributes: [("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "BFC7D1")])
        }
        xml.close()
        cellMargins(into: &xml, vertical: 40, horizontal: 80)
        xml.close()
        xml.close()
        xml.close()
        return xml
    }

    private static func cellMargins(into xml: inout XMLWriter, vertical: Int, horizontal: Int) {
        xml.open("w:tblCellMar")
        for (edge, width) in [("top", vertical), ("left", horizontal), ("bottom", vertical), ("right", horizontal)] {
            xml.element("w:\(edge)", attributes: [("w:w", String(width)), ("w:type", "dxa")])
        }
        xml.close()
    }

    private static func write(_ style: Definition, rightToLeft: Bool, into xml: inout XMLWriter) {
        xml.open("w:style", attributes: [("w:type", "paragraph"), ("w:styleId", style.id)])
        xml.element("w:name", attributes: [("w:val", style.name)])
        if let basedOn = style.basedOn { xml.element("w:basedOn", attributes: [("w:val", basedOn)]) }
        xml.element("w:next", ["w:val": "Normal"])
        if style.outlineLevel != nil { xml.element("w:uiPriority", ["w:val": "9"]) }
        xml.element("w:qFormat")
        xml.open("w:pPr")
        if style.keepNext {
            xml.element("w:keepNext")
            xml.element("w:keepLines")
        }
        if let numbering = style.numbering {
            xml.open("w:numPr")
            xml.element("w:numId", attributes: [("w:val", String(numbering))])
            xml.close()
        }
        if rightToLeft { xml.element("w:bidi") }
        var spacing: [(String, String)] = []
        if style.spaceBefore > 0 { spacing.append(("w:before", String(style.spaceBefore))) }
        if let after = style.spaceAfter { spacing.append(("w:after", String(after))) }
        if !spacing.isEmpty { xml.element("w:spacing", attributes: spacing) }
        if style.indent > 0 { xml.element("w:ind", attributes: [("w:left", String(style.indent))]) }
        if style.center { xml.element("w:jc", ["w:val": "center"]) }
        if let level = style.outlineLevel { xml.element("w:outlineLvl", attributes: [("w:val", String(level))]) }
        xml.close()
        xml.open("w:rPr")
        if style.bold {
            xml.element("w:b")
            xml.element("w:bCs")
        }
        if style.italic {
            xml.element("w:i")
            xml.element("w:iCs")
        }
        if let color = style.color { xml.element("w:color", attributes: [("w:val", color)]) }
        if let size = style.size {
            xml.element("w:sz", attributes: [("w:val", String(size))])
            xml.element("w:szCs", attributes: [("w:val", String(size))])
        }
        xml.close()
        xml.close()
    }

    /// The numbering part (`word/numbering.xml`): one bulleted and one numbered list, each a single
    /// level with a hanging indent, for the list styles. In a right-to-left document the level is
    /// right to left too, so the bullet or number stands at the start of the line, on the right
    /// (without it LibreOffice puts it on the left, far from the text).
    static func numbering(rightToLeft: Bool) -> XMLWriter {
        var xml = XMLWriter()
        xml.open("w:numbering", ["xmlns:w": WordprocessingML.main])
        for (id, format, text) in [(bulletList, "bullet", "\u{2022}"), (numberedList, "decimal", "%1.")] {
            xml.open("w:abstractNum", attributes: [("w:abstractNumId", String(id))])
            xml.element("w:multiLevelType", ["w:val": "singleLevel"])
            xml.open("w:lvl", ["w:ilvl": "0"])
            xml.element("w:start", ["w:val": "1"])
            xml.element("w:numFmt", attributes: [("w:val", format)])
            xml.element("w:lvlText", attributes: [("w:val", text)])
            xml.element("w:lvlJc", ["w:val": "left"])
            xml.open("w:pPr")
            if rightToLeft { xml.element("w:bidi") }
            xml.element("w:ind", ["w:left": "360", "w:hanging": "360"])
            xml.close()
            xml.close()
            xml.close()
        }
        for id in [bulletList, numberedList] {
            xml.open("w:num", attributes: [("w:numId", String(id))])
            xml.element("w:abstractNumId", attributes: [("w:val", String(id))])
            xml.close()
        }
        xml.close()
        return xml
    }
}
