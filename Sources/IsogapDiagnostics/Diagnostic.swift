/// One problem found in the user's input, located in a file.
///
/// Prints as `file:line:column: error: message`, with each note on a line of its own.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Hashable, Comparable {
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .warning && rhs == .error
        }
    }

    /// Extra information attached to a diagnostic, such as where a duplicate was first defined.
    public struct Note: Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var location: SourceLocation?

        public init(_ message: String, at location: SourceLocation? = nil) {
            self.message = message
            self.location = location
        }

        public var description: String {
            if let location { return "\(location): note: \(message)" }
            return "note: \(message)"
        }
    }

    public var severity: Severity
    public var message: String
    /// Where the problem is; `nil` only for problems with no file (for example a missing folder).
    public var location: SourceLocation?
    public var notes: [Note]
    /// The text of the line the location points into, taken from the bytes already read (capped
    /// in length, not yet made safe for a terminal); shown with a caret on a terminal.
    public var sourceLine: String?

    public init(_ severity: Severity, _ message: String, at location: SourceLocation?, notes: [Note] = []) {
        self.severity = severity
        self.message = message
        self.location = location
        self.notes = notes
    }

    public static func error(_ message: String, at location: SourceLocation?, notes: [Note] = []) -> Diagnostic {
        Diagnostic(.error, message, at: location, notes: notes)
    }

    public static func warning(_ message: String, at location: SourceLocation?, notes: [Note] = []) -> Diagnostic {
        Diagnostic(.warning, message, at: location, notes: notes)
    }

    /// The first line, `file:line:column: severity: message`.
    public var headline: String {
        if let location { return "\(location): \(severity.rawValue): \(message)" }
        return "\(severity.rawValue): \(message)"
    }

    public var description: String {
        ([headline] + notes.map(\.description)).joined(separator: "\n")
    }

    /// Equal when severity, message, location and notes are (the source line is only a display aid).
    public static func == (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        lhs.severity == rhs.severity && lhs.message == rhs.message && lhs.location == rhs.location
            && lhs.notes == rhs.notes
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(severity)
        hasher.combine(message)
        hasher.combine(location)
        hasher.combine(notes)
    }
}

extension Array where Element == Diagnostic {
    /// Sorted by file, line and column; diagnostics without a location come first.
    public func sortedByLocation() -> [Diagnostic] {
        enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case let (l?, r?) where l != r: return l < r
            case (nil, _?): return true
            case (_?, nil): return false
            default: return a.offset < b.offset
            }
        }.map(\.element)
    }

    /// Whether any diagnostic is an error.
    public var containsErrors: Bool { contains { $0.severity == .error } }
}
