/// One requirement of one checklist, written `checklist-id:requirement-id` in files and outputs.
/// Code that needs either part holds this type rather than the written form, so nothing is parsed
/// back from a string it made.
public struct RequirementKey: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    public var checklist: String
    public var requirement: String

    public init(checklist: String, requirement: String) {
        self.checklist = checklist
        self.requirement = requirement
    }

    /// Reads `checklist:requirement` (split at the first colon); `nil` when either side is empty.
    public init?(_ text: String) {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let checklist = String(text[..<colon]), requirement = String(text[text.index(after: colon)...])
        guard !checklist.isEmpty, !requirement.isEmpty else { return nil }
        self.init(checklist: checklist, requirement: requirement)
    }

    /// A key written in code (tests, built-in tables); text without a colon is all requirement.
    public init(stringLiteral text: String) {
        self = RequirementKey(text) ?? RequirementKey(checklist: "", requirement: text)
    }

    public var description: String { "\(checklist):\(requirement)" }

    public static func < (lhs: RequirementKey, rhs: RequirementKey) -> Bool {
        (lhs.checklist, lhs.requirement) < (rhs.checklist, rhs.requirement)
    }
}

extension CrossReference {
    /// The reference as a requirement key (its target taken as the requirement).
    public init(_ key: RequirementKey) {
        self.init(checklist: key.checklist, target: key.requirement)
    }
}
