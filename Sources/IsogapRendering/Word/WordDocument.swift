/// A Word document as a list of blocks, before it is written as WordprocessingML.
///
/// The model knows only what the report needs: paragraphs in named styles, runs of plain text,
/// tables with one header row, a table of contents and page breaks. Text stays raw here; the
/// writer escapes it. Direction is a property of the whole document: a right-to-left document
/// makes every paragraph and table right to left, and runs marked ``Run/leftToRight`` (ids,
/// dates, figures) keep their own order inside it.
struct WordDocument {
    /// A named paragraph style of ``WordStyles``.
    enum Style: String, CaseIterable {
        case normal = "Normal"
        case title = "Title"
        case subtitle = "Subtitle"
        case heading1 = "Heading1"
        case heading2 = "Heading2"
        case heading3 = "Heading3"
        case tocHeading = "TOCHeading"
        case toc1 = "TOC1"
        case toc2 = "TOC2"
        case caption = "Caption"
        /// A bulleted list item (the narrative's strengths).
        case listBullet = "ListBullet"
        /// A numbered list item (the narrative's recommendations).
        case listNumber = "ListNumber"
        /// An indented quotation (the assessor's clause commentary in the annex).
        case quote = "Quote"
        case tableText = "TableText"
        case tableHeading = "TableHeading"
        case footer = "Footer"

        /// The heading level (1 to 3) of a heading style, nil for the others.
        var headingLevel: Int? {
            switch self {
            case .heading1: 1
            case .heading2: 2
            case .heading3: 3
            default: nil
            }
        }
    }

    /// A piece of text in one format.
    struct Run: Equatable {
        var text: String
        var bold = false
        var italic = false
        /// Text that reads left to right whatever the paragraph's direction: ids, clause numbers,
        /// dates, figures. In a right-to-left document it is embedded left to right so that the
        /// bidirectional algorithm does not reorder its parts ("7.4-a" would show as "a-7.4").
        /// Other text is embedded in the other direction when all its letters are of that direction.
        var leftToRight = false

        init(_ text: String, bold: Bool = false, italic: Bool = false, leftToRight: Bool = false) {
            self.text = text
            self.bold = bold
            self.italic = italic
            self.leftToRight = leftToRight
        }
    }

    struct Paragraph: Equatable {
        var style: Style
        var runs: [Run]
        /// Keeps the paragraph on the page of the next one (intros before their tables).
        var keepWithNext = false

        init(_ style: Style = .normal, _ runs: [Run], keepWithNext: Bool = false) {
            self.style = style
            self.runs = runs
            self.keepWithNext = keepWithNext
        }

        init(_ style: Style = .normal, _ text: String, keepWithNext: Bool = false) {
            self.init(style, [Run(text)], keepWithNext: keepWithNext)
        }
    }

    /// A table cell: paragraphs, an optional fill colour (hex RGB) and whether it holds a figure,
    /// aligned to the end edge.
    struct Cell: Equatable {
        var paragraphs: [Paragraph]
        var fill: String?
        var isNumber = false

        init(_ paragraphs: [Paragraph], fill: String? = nil, isNumber: Bool = false) {
            self.paragraphs = paragraphs
            self.fill = fill
            self.isNumber = isNumber
        }

        /// A cell of one run of text in the table text style.
        init(_ text: String, leftToRight: Bool = false, bold: Bool = false, fill: String? = nil, isNumber: Bool = false)
        {
            self.init(
                [Paragraph(.tableText, [Run(text, bold: bold, leftToRight: leftToRight || isNumber)])], fill: fill,
                isNumber: isNumber)
        }
    }

    /// A table the width of the text, with one header row repeated on every page and rows that
    /// never split across pages.
    struct Table: Equatable {
        /// Relative widths of the columns; the writer scales them to the text width.
        var widths: [Int]
        var header: [Cell]
        var rows: [[Cell]]
    }

    /// An entry of the table of contents as it stands until a word processor updates the field.
    struct ContentsEntry: Equatable {
        var level: Int
        var text: String
    }

    enum Block: Equatable {
        case paragraph(Paragraph)
        case table(Table)
        /// A `TOC` field over heading levels 1 and 2, showing `entries` until it is updated.
        case contents([ContentsEntry])
        case pageBreak
    }

    var blocks: [Block] = []
    var rightToLeft: Bool
    /// BCP 47 tag of the document's language (`en-GB`, `ar-SA`).
    var language: String
    /// Dublin Core title and subject of the package (`docProps/core.xml`).
    var title: String
    var subject: String

    mutating func append(_ paragraph: Paragraph) {
        blocks.append(.paragraph(paragraph))
    }

    mutating func append(_ table: Table) {
        blocks.append(.table(table))
    }

    /// The headings of levels 1 and 2 in order, for the table of contents.
    var headings: [ContentsEntry] {
        blocks.compactMap { block in
            guard case .paragraph(let paragraph) = block, let level = paragraph.style.headingLevel, level <= 2 else {
                return nil
            }
            return ContentsEntry(level: level, text: paragraph.runs.map(\.text).joined())
        }
    }
}
