internal import Foundation

/// Writes a ``WordDocument`` as a `.docx` package (ECMA-376 WordprocessingML, transitional).
///
/// Parts: the document, its styles (Word's built-in `Title`, `heading 1`–`heading 3`, `toc 1`,
/// `toc 2`, `caption`, `List Bullet`, `List Number`, `Quote` and `footer`, so the navigation pane,
/// the table of contents and outline view work), the numbering of the two list styles, settings, a
/// footer with the page number, and the core properties. The page is A4
/// portrait with 2 cm margins. Every piece of text goes through ``XMLWriter``; nothing depends on
/// the clock or the machine, so the same document gives the same bytes.
enum WordprocessingML {
    static let main = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// A4 in twentieths of a point, and the margins (2 cm).
    static let pageWidth = 11906
    static let pageHeight = 16838
    static let margin = 1134
    /// The width of the text between the margins.
    static var textWidth: Int { pageWidth - 2 * margin }

    /// The zipped package.
    static func data(_ document: WordDocument) throws -> Data {
        try package(document).zipped()
    }

    static func package(_ document: WordDocument) -> OOXMLPackage {
        typealias Relationship = OOXMLPackage.Relationship
        let prefix = Relationship.officeDocumentPrefix
        var package = OOXMLPackage()
        package.addRelationships(
            "_rels/.rels",
            [
                Relationship(id: "rId1", type: Relationship.officeDocument, target: "word/document.xml"),
                Relationship(id: "rId2", type: Relationship.coreProperties, target: "docProps/core.xml"),
            ])
        package.add(
            "word/document.xml",
            contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            xml: body(document))
        package.addRelationships(
            "word/_rels/document.xml.rels",
            [
                Relationship(id: "rId1", type: Relationship.styles, target: "styles.xml"),
                Relationship(id: "rId2", type: prefix + "settings", target: "settings.xml"),
                Relationship(id: "rId3", type: prefix + "footer", target: "footer1.xml"),
                Relationship(id: "rId4", type: prefix + "numbering", target: "numbering.xml"),
            ])
        package.add(
            "word/styles.xml", contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
            xml: WordStyles.xml(document))
        package.add(
            "word/settings.xml",
            contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml",
            xml: settings(document))
        package.add(
            "word/numbering.xml",
            contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
            xml: WordStyles.numbering(rightToLeft: document.rightToLeft))
        package.add(
            "word/footer1.xml",
            contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
            xml: footer(document))
        package.addCoreProperties(title: document.title, subject: document.subject, language: document.language)
        return package
    }

    // MARK: - Document

    static func body(_ document: WordDocument) -> XMLWriter {
        var xml = XMLWriter()
        xml.open("w:document", ["xmlns:w": main, "xmlns:r": relationships])
        xml.open("w:body")
        let writer = BodyWriter(rightToLeft: document.rightToLeft)
        for (index, block) in document.blocks.enumerated() {
            switch block {
            case .paragraph(let paragraph): writer.paragraph(paragraph, into: &xml)
            case .table(let table):
                writer.table(table, into: &xml)
                // Two tables in a row would merge into one; a blank line keeps them apart.
                if index + 1 < document.blocks.count, case .table = document.blocks[index + 1] {
                    writer.paragraph(.init(.normal, []), into: &xml)
                }
            case .contents(let entries): writer.contents(entries, into: &xml)
            case .pageBreak:
                xml.open("w:p")
                writer.paragraphProperties(.init(.normal, []), into: &xml)
                xml.open("w:r")
                xml.element("w:br", ["w:type": "page"])
                xml.close()
                xml.close()
            }
        }
        xml.open("w:sectPr")
        xml.element("w:footerReference", ["w:type": "default", "r:id": "rId3"])
        xml.element("w:pgSz", ["w:w": String(pageWidth), "w:h": String(pageHeight)])
        xml.element(
            "w:pgMar",
            [
                "w:top": String(margin), "w:right": String(margin), "w:bottom": String(margin),
                "w:left": String(margin), "w:header": "567", "w:footer": "567", "w:gutter": "0",
            ])
        if document.rightToLeft { xml.element("w:bidi") }
        xml.close()
        xml.close()
        xml.close()
        return xml
    }

    /// Writes paragraphs, runs and tables in the document's direction.
    struct BodyWriter {
        let rightToLeft: Bool

        func paragraphProperties(
            _ paragraph: WordDocument.Paragraph, alignEnd: Bool = false, into xml: inout XMLWriter
        ) {
            guard paragraph.style != .normal || paragraph.keepWithNext || rightToLeft || alignEnd else { return }
            xml.open("w:pPr")
            if paragraph.style != .normal { xml.element("w:pStyle", ["w:val": paragraph.style.rawValue]) }
            if paragraph.keepWithNext { xml.element("w:keepNext") }
            if rightToLeft { xml.element("w:bidi") }
            // In a right-to-left paragraph Word reads "right" as the end edge, as the figures want.
            if alignEnd { xml.element("w:jc", ["w:val": "right"]) }
            xml.close()
        }

        func paragraph(_ paragraph: WordDocument.Paragraph, alignEnd: Bool = false, into xml: inout XMLWriter) {
            xml.open("w:p")
            paragraphProperties(paragraph, alignEnd: alignEnd, into: &xml)
            for run in paragraph.runs { self.run(run, into: &xml) }
            xml.close()
        }

        func runProperties(bold: Bool, italic: Bool, rightToLeft rightToLeftRun: Bool, into xml: inout XMLWriter) {
            guard bold || italic || rightToLeftRun else { return }
            xml.open("w:rPr")
            if bold {
                xml.element("w:b")
                xml.element("w:bCs")
            }
            if italic {
                xml.element("w:i")
                xml.element("w:iCs")
            }
            if rightToLeftRun { xml.element("w:rtl") }
            xml.close()
        }

        func run(_ run: WordDocument.Run, into xml: inout XMLWriter) {
            guard !run.text.isEmpty else { return }
            // Text in the other direction than the paragraph's is embedded in its own, as HTML's
            // <bdi> does: ids and figures always left to right; other text when it has letters of
            // the other direction only (a note in English in an Arabic report, or the reverse).
            let letters = Self.letterDirections(run.text)
            let textRightToLeft =
                run.leftToRight
                ? false
                : rightToLeft
                    ? letters.rightToLeft || !letters.leftToRight : letters.rightToLeft && !letters.leftToRight
            // LEFT-TO-RIGHT or RIGHT-TO-LEFT EMBEDDING ... POP DIRECTIONAL FORMATTING.
            let text =
                textRightToLeft != rightToLeft
                ? "\(textRightToLeft ? "\u{202B}" : "\u{202A}")\(run.text)\u{202C}" : run.text
            xml.open("w:r")
            runProperties(bold: run.bold, italic: run.italic, rightToLeft: textRightToLeft, into: &xml)
            // Line breaks and tabs are elements in WordprocessingML; in w:t they would be spaces.
            var first = true
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if !first { xml.element("w:br") }
                first = false
                var firstPiece = true
                for piece in line.split(separator: "\t", omittingEmptySubsequences: false) {
                    if !firstPiece { xml.element("w:tab") }
                    firstPiece = false
                    if !piece.isEmpty { xml.element("w:t", ["xml:space": "preserve"], text: String(piece)) }
                }
            }
            xml.close()
        }

        func table(_ table: WordDocument.Table, into xml: inout XMLWriter) {
            let widths = Self.columnWidths(table.widths, total: WordprocessingML.textWidth)
            xml.open("w:tbl")
            xml.open("w:tblPr")
            xml.element("w:tblStyle", ["w:val": WordStyles.tableStyle])
            if rightToLeft { xml.element("w:bidiVisual") }
            xml.element("w:tblW", ["w:w": String(WordprocessingML.textWidth), "w:type": "dxa"])
            xml.element("w:tblLayout", ["w:type": "fixed"])
            xml.element(
                "w:tblLook",
                [
                    "w:val": "0420", "w:firstRow": "1", "w:lastRow": "0", "w:firstColumn": "0", "w:lastColumn": "0",
                    "w:noHBand": "1", "w:noVBand": "1",
                ])
            xml.close()
            xml.open("w:tblGrid")
            for width in widths { xml.element("w:gridCol", ["w:w": String(width)]) }
            xml.close()
            row(table.header, widths: widths, header: true, into: &xml)
            for cells in table.rows { row(cells, widths: widths, header: false, into: &xml) }
            xml.close()
        }

        private func row(_ cells: [WordDocument.Cell], widths: [Int], header: Bool, into xml: inout XMLWriter) {
            xml.open("w:tr")
            xml.open("w:trPr")
            xml.element("w:cantSplit")
            if header { xml.element("w:tblHeader") }
            xml.close()
            for (index, width) in widths.enumerated() {
                let cell = index < cells.count ? cells[index] : WordDocument.Cell([])
                xml.open("w:tc")
                xml.open("w:tcPr")
                xml.element("w:tcW", ["w:w": String(width), "w:type": "dxa"])
                if let fill = cell.fill { xml.element("w:shd", ["w:val": "clear", "w:color": "auto", "w:fill": fill]) }
                xml.close()
                // A cell ends with a paragraph, even an empty one.
                let paragraphs = cell.paragraphs.isEmpty ? [.init(.tableText, [])] : cell.paragraphs
                for paragraph in paragraphs { self.paragraph(paragraph, alignEnd: cell.isNumber, into: &xml) }
                xml.close()
            }
            xml.close()
        }

        /// Whether `text` has letters written right to left (Arabic, Hebrew, Syriac, Thaana, N'Ko and
        /// their presentation forms) and letters written left to right.
        static func letterDirections(_ text: String) -> (rightToLeft: Bool, leftToRight: Bool) {
            var result = (rightToLeft: false, leftToRight: false)
            for scalar in text.unicodeScalars {
                switch scalar.value {
                case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF, 0x10800...0x10FFF, 0x1E800...0x1EFFF:
                    result.rightToLeft = true
                default:
                    if scalar.properties.isAlphabetic { result.leftToRight = true }
                }
                if result.rightToLeft && result.leftToRight { break }
            }
            return result
        }

        /// Relative widths scaled to `total`; the last column takes what rounding leaves.
        static func columnWidths(_ relative: [Int], total: Int) -> [Int] {
            let sum = max(1, relative.reduce(0) { $0 + max(0, $1) })
            var widths = relative.map { max(0, $0) * total / sum }
            if !widths.isEmpty { widths[widths.count - 1] += total - widths.reduce(0, +) }
            return widths
        }

        /// The table of contents: a `TOC` field over heading levels 1 and 2 whose shown result lists
        /// the headings (without page numbers) until the field is updated; the settings ask Word to
        /// update fields when the document opens.
        func contents(_ entries: [WordDocument.ContentsEntry], into xml: inout XMLWriter) {
            func fieldStart(into xml: inout XMLWriter) {
                xml.open("w:r")
                xml.element("w:fldChar", ["w:fldCharType": "begin"])
                xml.close()
                xml.open("w:r")
                xml.element("w:instrText", ["xml:space": "preserve"], text: #" TOC \o "1-2" \h \z \u "#)
                xml.close()
                xml.open("w:r")
                xml.element("w:fldChar", ["w:fldCharType": "separate"])
                xml.close()
            }
            func fieldEnd(into xml: inout XMLWriter) {
                xml.open("w:r")
                xml.element("w:fldChar", ["w:fldCharType": "end"])
                xml.close()
            }
            guard !entries.isEmpty else {
                xml.open("w:p")
                paragraphProperties(.init(.toc1, []), into: &xml)
                fieldStart(into: &xml)
                fieldEnd(into: &xml)
                xml.close()
                return
            }
            for (index, entry) in entries.enumerated() {
                xml.open("w:p")
                paragraphProperties(.init(entry.level == 1 ? .toc1 : .toc2, []), into: &xml)
                if index == 0 { fieldStart(into: &xml) }
                run(.init(entry.text), into: &xml)
                if index == entries.count - 1 { fieldEnd(into: &xml) }
                xml.close()
            }
        }
    }

    // MARK: - Other parts

    static func settings(_ document: WordDocument) -> XMLWriter {
        var xml = XMLWriter()
        xml.open("w:settings", ["xmlns:w": main])
        xml.element("w:defaultTabStop", ["w:val": "720"])
        xml.element("w:characterSpacingControl", ["w:val": "doNotCompress"])
        // The table of contents and the page count are filled in when Word opens the document.
        xml.element("w:updateFields", ["w:val": "true"])
        xml.open("w:compat")
        xml.element(
            "w:compatSetting",
            ["w:name": "compatibilityMode", "w:uri": "http://schemas.microsoft.com/office/word", "w:val": "15"])
        xml.close()
        xml.element("w:themeFontLang", ["w:val": "en-GB", "w:bidi": "ar-SA"])
        xml.close()
        return xml
    }

    /// The footer: "page N / M", centred.
    static func footer(_ document: WordDocument) -> XMLWriter {
        var xml = XMLWriter()
        xml.open("w:ftr", ["xmlns:w": main, "xmlns:r": relationships])
        let writer = BodyWriter(rightToLeft: document.rightToLeft)
        xml.open("w:p")
        writer.paragraphProperties(.init(.footer, []), into: &xml)
        func fieldCharacter(_ type: String) {
            xml.open("w:r")
            xml.element("w:fldChar", attributes: [("w:fldCharType", type)])
            xml.close()
        }
        func field(_ instruction: String, shown: String) {
            fieldCharacter("begin")
            xml.open("w:r")
            xml.element("w:instrText", ["xml:space": "preserve"], text: instruction)
            xml.close()
            fieldCharacter("separate")
            xml.open("w:r")
            xml.element("w:t", text: shown)
            xml.close()
            fieldCharacter("end")
        }
        field(" PAGE ", shown: "1")
        writer.run(.init(" / "), into: &xml)
        field(" NUMPAGES ", shown: "1")
        xml.close()
        xml.close()
        return xml
    }
}
