/// A position in a source file: 1-based line and column (columns count characters).
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The file as the user named it (relative paths stay relative).
    public var file: String
    /// 1-based line number.
    public var line: Int
    /// 1-based column, counted in Unicode scalars as libyaml counts them.
    public var column: Int

    /// A spreadsheet cell (`Sheet!B7`, SPEC §14) in place of line and column, when the file is a workbook.
    public var cell: String?

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// A cell of a workbook: `FILE:SHEET!CELL` (`line` is the row and `column` the one-based
    /// column, for ordering). Without a cell, the sheet alone (`FILE:SHEET`).
    public init(file: String, sheet: String, cell: String?, row: Int = 0, column: Int = 0) {
        self.file = file
        self.line = row
        self.column = column
        self.cell = cell.map { "\(sheet)!\($0)" } ?? sheet
    }

    public var description: String { cell.map { "\(file):\($0)" } ?? "\(file):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}
