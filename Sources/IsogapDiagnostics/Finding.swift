/// A problem found by the model, located by document path rather than by file position.
///
/// The loader turns findings into ``Diagnostic``s using the source positions it recorded.
public struct Finding: Sendable, Hashable {
    /// A note pointing at another place in the same document.
    public struct Note: Sendable, Hashable {
        public var message: String
        public var path: DocumentPath?

        public init(_ message: String, at path: DocumentPath? = nil) {
            self.message = message
            self.path = path
        }
    }

    public var severity: Diagnostic.Severity
    public var message: String
    public var path: DocumentPath
    public var notes: [Note]

    public init(_ severity: Diagnostic.Severity, _ message: String, at path: DocumentPath, notes: [Note] = []) {
        self.severity = severity
        self.message = message
        self.path = path
        self.notes = notes
    }

    public static func error(_ message: String, at path: DocumentPath, notes: [Note] = []) -> Finding {
        Finding(.error, message, at: path, notes: notes)
    }

    public static func warning(_ message: String, at path: DocumentPath, notes: [Note] = []) -> Finding {
        Finding(.warning, message, at: path, notes: notes)
    }
}
