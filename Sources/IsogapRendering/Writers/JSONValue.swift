/// A JSON document with ordered object keys, so reports come out byte-identical for the same input.
public indirect enum JSONValue: Sendable, Hashable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    /// `value` as a number, or `null` when it is absent.
    public static func number(_ value: Double?) -> JSONValue { value.map { .number($0) } ?? .null }
    /// `value` as a number, or `null` when it is absent.
    public static func integer(_ value: Int?) -> JSONValue { value.map { .number(Double($0)) } ?? .null }
    /// `value` as a string, or `null` when it is absent.
    public static func string(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
    /// `value` as a boolean, or `null` when it is absent.
    public static func bool(_ value: Bool?) -> JSONValue { value.map { .bool($0) } ?? .null }

    /// The document as pretty-printed JSON (two-space indentation, one key per line), ending in a newline.
    public func serialized() -> String {
        var output = ""
        var pads = [""]
        write(to: &output, indent: 0, pads: &pads)
        return output + "\n"
    }

    /// Appends the value at nesting depth `indent`; `pads[depth]` is the indentation of that depth,
    /// made once per depth for the whole document.
    private func write(to output: inout String, indent: Int, pads: inout [String]) {
        // Each piece is appended to the output as it is: no value builds a string of its own to be
        // copied again.
        if pads.count <= indent + 1 { pads.append(String(repeating: "  ", count: indent + 1)) }
        switch self {
        case .object(let members):
            guard !members.isEmpty else { return output += "{}" }
            output += "{\n"
            for (index, (key, value)) in members.enumerated() {
                output += pads[indent + 1]
                Self.appendQuoted(key, to: &output)
                output += ": "
                value.write(to: &output, indent: indent + 1, pads: &pads)
                output += index == members.count - 1 ? "\n" : ",\n"
            }
            output += pads[indent]
            output += "}"
        case .array(let items):
            guard !items.isEmpty else { return output += "[]" }
            output += "[\n"
            for (index, item) in items.enumerated() {
                output += pads[indent + 1]
                item.write(to: &output, indent: indent + 1, pads: &pads)
                output += index == items.count - 1 ? "\n" : ",\n"
            }
            output += pads[indent]
            output += "]"
        case .string(let text): Self.appendQuoted(text, to: &output)
        case .number(let value): output += Self.format(value)
        case .bool(let value): output += value ? "true" : "false"
        case .null: output += "null"
        }
    }

    /// Integers without a fraction (`6`), other values in their shortest exact form (`57.8`).
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }

    /// `text` quoted and escaped, appended to `output` (most strings need no escaping and are
    /// appended whole, without a quoted copy of their own).
    static func appendQuoted(_ text: String, to output: inout String) {
        if needsEscaping(text) {
            output += quote(text)
        } else {
            output += "\""
            output += text
            output += "\""
        }
    }

    private static func needsEscaping(_ text: String) -> Bool {
        text.utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == 0xE2 }
    }

    static func quote(_ text: String) -> String {
        // Most strings need no escaping at all: copied whole.
        if !needsEscaping(text) { return "\"" + text + "\"" }
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.object(let a), .object(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case (.array(let a), .array(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(serialized())
    }
}
