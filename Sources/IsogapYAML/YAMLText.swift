/// Writing values into YAML that isogap generates, so that any text reads back unchanged.
public enum YAMLText {
    /// `text` as a double-quoted YAML scalar, with every character that needs it escaped.
    public static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case _
            where scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF:
                result += "\\u" + String(String(scalar.value, radix: 16).leftPadded(to: 4))
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// `text` on one line, safe to put after `# ` in a YAML comment.
    public static func commentLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
