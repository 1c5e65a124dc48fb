public import IsogapDiagnostics

/// A problem that stops a plan from being made (error) or that the user should know about
/// (warning).
///
/// Problems that lie in the workspace manifest (a capacity, the start date, the gates) carry the
/// path of the value there, so that they print as `isogap.yaml:line:column`.
public struct PlanProblem: Sendable, Hashable, CustomStringConvertible {
    /// Errors stop the plan; warnings travel beside it.
    public var severity: Diagnostic.Severity
    /// What is wrong and what is expected, in a user's words.
    public var message: String
    /// Where in the workspace manifest the problem lies, if it lies there.
    public var manifestPath: DocumentPath?

    public init(_ severity: Diagnostic.Severity, _ message: String, manifestPath: DocumentPath? = nil) {
        self.severity = severity
        self.message = message
        self.manifestPath = manifestPath
    }

    /// A problem that stops the plan.
    public static func error(_ message: String, manifestPath: DocumentPath? = nil) -> PlanProblem {
        PlanProblem(.error, message, manifestPath: manifestPath)
    }

    /// A problem the user should know about; the plan is still made.
    public static func warning(_ message: String, manifestPath: DocumentPath? = nil) -> PlanProblem {
        PlanProblem(.warning, message, manifestPath: manifestPath)
    }

    public var description: String { "\(severity.rawValue): \(message)" }
}
