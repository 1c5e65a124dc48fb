public import IsogapDiagnostics
public import IsogapModel
public import IsogapYAML

/// Reads YAML nodes into typed values, collecting every problem as a located diagnostic.
///
/// Each reader returns `nil` after reporting a problem, so a loader can go on and report the rest
/// of the file in the same run.
public struct NodeDecoder {
    /// The file name used in diagnostics.
    public let file: String
    public private(set) var diagnostics: [Diagnostic] = []

    public init(file: String) {
        self.file = file
    }

    /// The location of a node in this file.
    public func location(_ node: YAMLNode) -> SourceLocation {
        SourceLocation(file: file, line: node.mark.line, column: node.mark.column)
    }

    public mutating func error(_ message: String, at node: YAMLNode, notes: [Diagnostic.Note] = []) {
        diagnostics.append(.error(message, at: location(node), notes: notes))
    }

    public mutating func warning(_ message: String, at node: YAMLNode) {
        diagnostics.append(.warning(message, at: location(node)))
    }

    public mutating func append(_ more: [Diagnostic]) {
        diagnostics += more
    }

    // MARK: Mappings

    /// The entries of a mapping, after checking that every key is allowed and every required key is
    /// present (`allowed.required`, then `required`). Returns `nil` (after an error) when `node` is
    /// not a mapping.
    public mutating func fields(
        _ node: YAMLNode, allowed: YAMLKeyNames, required: [String] = [], what: @autoclosure () -> String
    ) -> Fields? {
        // `what` is built only for a message: most mappings have no problem.
        guard let pairs = node.mapping else {
            error("expected \(what()) as a mapping of 'key: value' lines, found \(node.kindDescription)", at: node)
            return nil
        }
        var fields = Fields(node: node, pairs: pairs, names: allowed)
        // A misspelt required key is reported once, as the unknown key with its suggestion.
        var suggested: Set<String> = []
        pairs.forEachKey(in: allowed) { position, name in
            if let name {
                fields.record(name: name, at: position)
                return
            }
            // A key that is not a scalar was reported by the parser.
            let keyNode = pairs[position].key
            guard let key = keyNode.scalar?.value else { return }
            var message = "unknown key '\(key)' in \(what())"
            if let suggestion = Suggestion.closest(to: key, in: allowed.names) {
                message += "; did you mean '\(suggestion)'?"
                suggested.insert(suggestion)
            }
            error(message, at: keyNode)
        }
        for name in allowed.required where fields.position(ofName: name) == nil {
            let key = allowed.names[name]
            if !suggested.contains(key) { error("\(what()) is missing the required key '\(key)'", at: node) }
        }
        for key in required where fields[key] == nil && !suggested.contains(key) {
            error("\(what()) is missing the required key '\(key)'", at: node)
        }
        return fields
    }

    // MARK: Scalars

    /// Any non-null scalar as text.
    public mutating func string(_ node: YAMLNode, _ key: String) -> String? {
        guard let text = node.text else {
            error("'\(key)' must be text, found \(node.kindDescription)", at: node)
            return nil
        }
        return text
    }

    /// Text that is not empty or only spaces.
    public mutating func nonEmptyString(_ node: YAMLNode, _ key: String) -> String? {
        guard let text = string(node, key) else { return nil }
        if Self.isBlank(text) {
            error("'\(key)' must not be empty", at: node)
            return nil
        }
        return text
    }

    /// Whether `text` is empty or only spaces (which ``nonEmptyString(_:_:)`` refuses).
    static func isBlank(_ text: String) -> Bool {
        // Text that starts with a visible ASCII character is not blank; only other text is read
        // character by character.
        let startsVisible = text.utf8.first.map { (0x21...0x7E).contains($0) } ?? false
        return !startsVisible && text.allSatisfy(\.isWhitespace)
    }

    /// A plain decimal integer.
    public mutating func integer(_ node: YAMLNode, _ key: String) -> Int? {
        if let value = node.integer { return value }
        error("'\(key)' must be a whole number such as 3, \(found(node) { $0.integer != nil })", at: node)
        return nil
    }

    /// A plain decimal number.
    public mutating func number(_ node: YAMLNode, _ key: String) -> Double? {
        if let value = node.decimal { return value }
        error("'\(key)' must be a plain number such as 2 or 0.5, \(found(node) { $0.decimal != nil })", at: node)
        return nil
    }

    /// `true` or `false`.
    public mutating func bool(_ node: YAMLNode, _ key: String) -> Bool? {
        if let value = node.bool { return value }
        error("'\(key)' must be true or false, \(found(node) { $0.bool != nil })", at: node)
        return nil
    }

    /// What was found instead of a typed value; a quoted value that would be right without its
    /// quotes says so.
    private func found(_ node: YAMLNode, validWithoutQuotes: (YAMLScalar) -> Bool) -> String {
        if let scalar = node.scalar, scalar.style == .singleQuoted || scalar.style == .doubleQuoted,
            validWithoutQuotes(YAMLScalar(scalar.value))
        {
            return "found the quoted text '\(scalar.value)'; remove the quotes"
        }
        return "found \(node.kindDescription)"
    }

    /// A real date written `YYYY-MM-DD`.
    public mutating func date(_ node: YAMLNode, _ key: String) -> CalendarDate? {
        // Read from the scalar's bytes: most dates are valid and need no `String`.
        if let date = node.calendarDate { return date }
        if let scalar = node.scalar, Self.looksLikeDate(scalar.value) {
            error("'\(scalar.value)' is not a real date (\(key) must be YYYY-MM-DD)", at: node)
        } else {
            error("'\(key)' must be a date written YYYY-MM-DD, found \(node.kindDescription)", at: node)
        }
        return nil
    }

    /// Whether `text` is written `NNNN-NN-NN` (so a failure means an impossible day, not a wrong form).
    private static func looksLikeDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 10
            && bytes.enumerated().allSatisfy { index, byte in
                index == 4 || index == 7
                    ? byte == UInt8(ascii: "-") : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            }
    }

    /// One of the raw values of an enumeration.
    public mutating func choice<Value: RawRepresentable & CaseIterable>(
        _ node: YAMLNode, _ key: String, as type: Value.Type
    ) -> Value? where Value.RawValue == String {
        guard let text = string(node, key) else { return nil }
        if let value = Value(rawValue: text) { return value }
        let allowed = Value.allCases.map(\.rawValue)
        var message = "'\(text)' is not a valid \(key); expected one of \(allowed.joined(separator: ", "))"
        if let suggestion = Suggestion.didYouMean(text, in: allowed) { message += "; \(suggestion)" }
        error(message, at: node)
        return nil
    }

    /// One of the cases in `cases`, matched against the scalar's bytes; the message for anything
    /// else is that of ``choice(_:_:as:)``.
    public mutating func choice<Value>(_ node: YAMLNode, _ key: String, in cases: CaseNames<Value>) -> Value? {
        if let value = node.choice(in: cases) { return value }
        return choice(node, key, as: Value.self)
    }

    /// The items of a list.
    public mutating func list(_ node: YAMLNode, _ key: String) -> YAMLNode.Items? {
        if let items = node.sequence { return items }
        error("'\(key)' must be a list, found \(node.kindDescription)", at: node)
        return nil
    }

    /// Text in one language (a plain string, taken as English) or several (`{en: …, ar: …}`).
    public mutating func localizedText(_ node: YAMLNode, _ key: String) -> LocalizedText? {
        if let scalar = node.scalar {
            guard !scalar.isNull else {
                error("'\(key)' must be text, found \(node.kindDescription)", at: node)
                return nil
            }
            return LocalizedText(scalar.value)
        }
        guard let pairs = node.mapping else {
            error("'\(key)' must be text or a mapping of languages such as {en: ..., ar: ...}", at: node)
            return nil
        }
        var translations: [(language: String, text: String)] = []
        for pair in pairs {
            guard let language = pair.key.scalar?.value else { continue }
            guard ReportLanguage(rawValue: language) != nil else {
                error("unsupported language '\(language)' in '\(key)'; isogap supports en and ar", at: pair.key)
                continue
            }
            if let text = string(pair.value, "\(key).\(language)") { translations.append((language, text)) }
        }
        guard let text = LocalizedText(translations: translations) else {
            if translations.count == pairs.count {
                error("'\(key)' needs an English version ('en'), used when a translation is missing", at: node)
            }
            return nil
        }
        return text
    }

    // MARK: Combinators

    /// Reads `fields[name]` with `read` when the key is present and not null.
    public mutating func optional<Value>(
        _ fields: Fields, _ name: YAMLKeyNames.Name, _ read: (inout NodeDecoder, YAMLNode, String) -> Value?
    ) -> Value? {
        guard let node = fields[name], !node.isNull else { return nil }
        return read(&self, node, name.text)
    }

    /// Reads `fields[name]`, reporting it when null (as the same reader of a key does).
    public mutating func required<Value>(
        _ fields: Fields, _ name: YAMLKeyNames.Name, _ read: (inout NodeDecoder, YAMLNode, String) -> Value?
    ) -> Value? {
        guard let node = fields[name] else { return nil }
        return requiredValue(node, name.text, read)
    }

    /// Reads every item of the list at `fields[name]` (as the same reader of a key does).
    public mutating func items<Value>(
        _ fields: Fields, _ name: YAMLKeyNames.Name, _ read: (inout NodeDecoder, YAMLNode) -> Value?
    ) -> [Value?] {
        guard let node = fields[name], !node.isNull, let items = list(node, name.text) else { return [] }
        return items.map { read(&self, $0) }
    }

    /// Reads every item of the list at `fields[name]`; an item that fails is `placeholder`, so that
    /// indices keep matching the file (one array, where `items(_:_:_:)` and a `map` make two).
    public mutating func items<Value>(
        _ fields: Fields, _ name: YAMLKeyNames.Name, placeholder: @autoclosure () -> Value,
        _ read: (inout NodeDecoder, YAMLNode) -> Value?
    ) -> [Value] {
        guard let node = fields[name], !node.isNull, let items = list(node, name.text) else { return [] }
        return items.map { read(&self, $0) ?? placeholder() }
    }

    /// Reads `fields[key]` with `read` when the key is present and not null.
    public mutating func optional<Value>(
        _ fields: Fields, _ key: String, _ read: (inout NodeDecoder, YAMLNode, String) -> Value?
    ) -> Value? {
        guard let node = fields[key], !node.isNull else { return nil }
        return read(&self, node, key)
    }

    /// Reads `fields[key]`, reporting it when absent (already reported by ``fields(_:allowed:required:what:)``)
    /// or null.
    public mutating func required<Value>(
        _ fields: Fields, _ key: String, _ read: (inout NodeDecoder, YAMLNode, String) -> Value?
    ) -> Value? {
        guard let node = fields[key] else { return nil }
        return requiredValue(node, key, read)
    }

    private mutating func requiredValue<Value>(
        _ node: YAMLNode, _ key: String, _ read: (inout NodeDecoder, YAMLNode, String) -> Value?
    ) -> Value? {
        if node.isNull {
            error("'\(key)' needs a value", at: node)
            return nil
        }
        return read(&self, node, key)
    }

    /// Reads every item of the list at `fields[key]` with `read`; an absent key gives an empty list.
    /// Items that fail are still present as `nil` so that indices keep matching the file.
    public mutating func items<Value>(
        _ fields: Fields, _ key: String, _ read: (inout NodeDecoder, YAMLNode) -> Value?
    ) -> [Value?] {
        guard let node = fields[key], !node.isNull, let items = list(node, key) else { return [] }
        return items.map { read(&self, $0) }
    }
}

/// The forms the readers above accept, for loaders that read a value without a problem in one
/// pass (from a tree or straight from the event stream).
extension YAMLValueReading {
    /// Text that is not empty or only spaces (what ``NodeDecoder/nonEmptyString(_:_:)`` accepts;
    /// ``YAMLValueReading/text`` is what ``NodeDecoder/string(_:_:)`` accepts).
    var nonBlankText: String? {
        text.flatMap { NodeDecoder.isBlank($0) ? nil : $0 }
    }

    /// One of the cases in `cases`, matched against the bytes of a scalar that is not null (what
    /// ``NodeDecoder/choice(_:_:in:)`` accepts).
    func choice<Value>(in cases: CaseNames<Value>) -> Value? {
        isNull ? nil : position(in: cases.names).map { cases.cases[$0] }
    }

    /// The scalar as a real date written `YYYY-MM-DD` (any style), read from its bytes.
    var calendarDate: CalendarDate? {
        withScalarBytes { bytes, _ in CalendarDate(utf8: bytes) } ?? nil
    }
}

extension Optional {
    /// Stores the value in `target` when there is one; returns whether there was (so that a
    /// one-pass reader stops at the first value not of its form). The value is moved, not copied.
    consuming func store(in target: inout Wrapped) -> Bool {
        guard let value = self else { return false }
        target = value
        return true
    }

    /// Stores the value in `target` when there is one; returns whether there was.
    consuming func store(in target: inout Wrapped?) -> Bool {
        guard let value = self else { return false }
        target = value
        return true
    }

    /// Appends the value to `list` when there is one; returns whether there was.
    consuming func append(to list: inout [Wrapped]) -> Bool {
        guard let value = self else { return false }
        list.append(value)
        return true
    }
}

/// The cases of an enumeration written as text, prepared for matching scalars by their bytes
/// (for values read thousands of times per file, such as evidence types).
public struct CaseNames<Value: RawRepresentable & CaseIterable & Sendable>: Sendable where Value.RawValue == String {
    let cases: [Value]
    let names: YAMLKeyNames

    public init() {
        cases = Array(Value.allCases)
        names = YAMLKeyNames(cases.map(\.rawValue))
    }
}

/// The entries of a YAML mapping, looked up by key.
public struct Fields {
    public let node: YAMLNode
    public let pairs: YAMLNode.Pairs
    /// The names the keys were matched against (see ``NodeDecoder/fields(_:allowed:required:what:)``).
    private let names: YAMLKeyNames?
    /// One byte for each of the first 16 names: 1 + the position of its entry, 0 when the mapping
    /// has none. Held in two words, so reading a mapping allocates nothing; positions past 254 and
    /// later names are kept in `laterPositions`.
    private var firstPositions: (UInt64, UInt64) = (0, 0)
    private var laterPositions: [Int32] = []

    /// Fields looked up by comparing every key (for a mapping read without a list of names).
    public init(node: YAMLNode, pairs: YAMLNode.Pairs) {
        self.node = node
        self.pairs = pairs
        names = nil
    }

    init(node: YAMLNode, pairs: YAMLNode.Pairs, names: YAMLKeyNames) {
        self.node = node
        self.pairs = pairs
        self.names = names
        if names.count > 16 || pairs.count > 254 { laterPositions = Array(repeating: -1, count: names.count) }
    }

    /// Notes that the entry at `position` has the name at `name` in the list; the first such entry
    /// counts (the parser reports a repeated key).
    mutating func record(name: Int, at position: Int) {
        if laterPositions.isEmpty {
            let shift = UInt64(8 * (name % 8))
            if name < 8 {
                if (firstPositions.0 >> shift) & 0xFF == 0 { firstPositions.0 |= UInt64(position + 1) << shift }
            } else if (firstPositions.1 >> shift) & 0xFF == 0 {
                firstPositions.1 |= UInt64(position + 1) << shift
            }
        } else if laterPositions[name] < 0 {
            laterPositions[name] = Int32(position)
        }
    }

    /// The position of the entry whose key is `key`.
    private func position(of key: String) -> Int? {
        if let names, let name = names.index(of: key) { return position(ofName: name) }
        // A key outside the list (reported as unknown when the mapping was read) or no list.
        return pairs.firstIndex { $0.key.isScalar(key) }
    }

    /// The position of the entry of the name at `name` in the list the mapping was read against.
    fileprivate func position(ofName name: Int) -> Int? {
        if !laterPositions.isEmpty { return laterPositions[name] < 0 ? nil : Int(laterPositions[name]) }
        let word = name < 8 ? firstPositions.0 : firstPositions.1
        let stored = Int((word >> UInt64(8 * (name % 8))) & 0xFF)
        return stored == 0 ? nil : stored - 1
    }

    public subscript(key: String) -> YAMLNode? {
        position(of: key).map { pairs[$0].value }
    }

    /// The value of the entry `name`, found by its position in the list the mapping was read
    /// against (by its text otherwise).
    public subscript(name: YAMLKeyNames.Name) -> YAMLNode? {
        guard let names, names.holds(name) else { return self[name.text] }
        return position(ofName: name.index).map { pairs[$0].value }
    }

    /// The node of the key itself.
    public func keyNode(_ key: String) -> YAMLNode? {
        position(of: key).map { pairs[$0].key }
    }
}
