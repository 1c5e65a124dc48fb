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
        var writer = Writer(capacity: 1 << 16)
        write(to: &writer, indent: 0)
        writer.bytes.append(UInt8(ascii: "\n"))
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// The bytes of a document being written, and the indentation of each depth, made once.
    private struct Writer {
        var bytes: [UInt8] = []
        var pads: [[UInt8]] = [[]]

        init(capacity: Int = 0) {
            bytes.reserveCapacity(capacity)
        }

        mutating func append(_ text: StaticString) {
            text.withUTF8Buffer { bytes.append(contentsOf: $0) }
        }

        mutating func pad(_ depth: Int) {
            while pads.count <= depth { pads.append([UInt8](repeating: UInt8(ascii: " "), count: 2 * pads.count)) }
            bytes.append(contentsOf: pads[depth])
        }

        /// `text` quoted and escaped (see ``JSONValue/quote(_:)``); runs that need no escape are
        /// copied whole.
        mutating func appendQuoted(_ text: String) {
            bytes.append(UInt8(ascii: "\""))
            var text = text
            text.withUTF8 { utf8 in
                var runStart = 0
                var index = 0
                while index < utf8.count {
                    let byte = utf8[index]
                    let escape: StaticString?
                    var length = 1
                    switch byte {
                    case UInt8(ascii: "\""): escape = "\\\""
                    case UInt8(ascii: "\\"): escape = "\\\\"
                    case UInt8(ascii: "\n"): escape = "\\n"
                    case UInt8(ascii: "\r"): escape = "\\r"
                    case UInt8(ascii: "\t"): escape = "\\t"
                    case 0xE2
                    where index + 2 < utf8.count && utf8[index + 1] == 0x80
                        && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                        // U+2028 and U+2029 end a line in JavaScript.
                        escape = utf8[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                        length = 3
                    case ..<0x20: escape = nil
                    default:
                        index += 1
                        continue
                    }
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                    if let escape {
                        append(escape)
                    } else {
                        let hex = String(byte, radix: 16)
                        append("\\u")
                        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: 4 - hex.utf8.count))
                        bytes.append(contentsOf: hex.utf8)
                    }
                    index += length
                    runStart = index
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
            }
            bytes.append(UInt8(ascii: "\""))
        }

        /// A number as ``JSONValue/format(_:)`` writes it.
        mutating func appendNumber(_ value: Double) {
            // A whole number's digits form a small `String`, made without an allocation.
            if let whole = JSONValue.whole(value) { return bytes.append(contentsOf: String(whole).utf8) }
            bytes.append(contentsOf: JSONValue.format(value).utf8)
        }
    }

    /// Appends the value at nesting depth `indent`.
    private func write(to writer: inout Writer, indent: Int) {
        switch self {
        case .object(let members):
            guard !members.isEmpty else { return writer.append("{}") }
            writer.append("{\n")
            for (index, (key, value)) in members.enumerated() {
                writer.pad(indent + 1)
                writer.appendQuoted(key)
                writer.append(": ")
                value.write(to: &writer, indent: indent + 1)
                writer.append(index == members.count - 1 ? "\n" : ",\n")
            }
            writer.pad(indent)
            writer.append("}")
        case .array(let items):
            guard !items.isEmpty else { return writer.append("[]") }
            writer.append("[\n")
            for (index, item) in items.enumerated() {
                writer.pad(indent + 1)
                item.write(to: &writer, indent: indent + 1)
                writer.append(index == items.count - 1 ? "\n" : ",\n")
            }
            writer.pad(indent)
            writer.append("]")
        case .string(let text): writer.appendQuoted(text)
        case .number(let value): writer.appendNumber(value)
        case .bool(let value): writer.append(value ? "true" : "false")
        case .null: writer.append("null")
        }
    }

    /// Integers without a fraction (`6`), other values in their shortest exact form (`57.8`).
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if let whole = whole(value) { return String(whole) }
        return "\(value)"
    }

    /// `value` as an integer, when it is one written without a fraction.
    private static func whole(_ value: Double) -> Int? {
        value.isFinite && value == value.rounded() && abs(value) < 1e15 ? Int(value) : nil
    }

    /// `text` quoted and escaped as a JSON string (U+2028 and U+2029 escaped too, as they end a
    /// line in JavaScript).
    static func quote(_ text: String) -> String {
        var writer = Writer()
        writer.appendQuoted(text)
        return String(decoding: writer.bytes, as: UTF8.self)
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
