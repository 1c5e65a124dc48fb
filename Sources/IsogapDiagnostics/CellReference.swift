/// Spreadsheet cell references (`B7`): written into workbooks and read back from them, and the
/// `SHEET!CELL` part of a located message about a workbook.
public enum CellReference {
    /// The column letters of a zero-based column index (0 → `A`, 26 → `AA`).
    public static func columnName(_ index: Int) -> String {
        var number = index + 1
        var letters: [Character] = []
        while number > 0 {
            letters.append(Character(Unicode.Scalar(UInt8(65 + (number - 1) % 26))))
            number = (number - 1) / 26
        }
        return String(letters.reversed())
    }

    /// The reference of a cell: zero-based column, one-based row (column 1, row 7 → `B7`).
    public static func name(column: Int, row: Int) -> String {
        columnName(column) + String(row)
    }

    /// The zero-based column and one-based row of a reference such as `B7`, or `nil` for anything
    /// that is not one within a worksheet's bounds (three letters at most, rows up to 1,048,576).
    public static func position(_ reference: String) -> (column: Int, row: Int)? {
        var column = 0
        var letters = 0
        let utf8 = reference.utf8
        var index = utf8.startIndex
        while index < utf8.endIndex, (65...90).contains(utf8[index]) {
            column = column * 26 + Int(utf8[index] - 64)
            letters += 1
            index = utf8.index(after: index)
        }
        guard letters > 0, letters <= 3, let row = Int(String(reference[index...])), row > 0, row <= 1_048_576 else {
            return nil
        }
        return (column - 1, row)
    }
}
