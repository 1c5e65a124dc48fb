import ArgumentParser
import Foundation
import IsogapDiagnostics

/// A command's standard output and standard error: the one place that prints, with diagnostics
/// printed the way compilers print them and everything that comes from input made safe by the one
/// sanitiser (``TerminalText``).
struct Console {
    /// Whether stderr is a terminal and `NO_COLOR` is unset.
    let colour: Bool
    /// Whether stderr is a terminal (source lines with a caret are shown only there).
    let stderrIsTerminal: Bool
    private let stdout: OutputSink
    private let stderr: OutputSink

    /// The console of a command's context.
    init(_ context: CommandContext) {
        stderrIsTerminal = context.stderrIsTerminal
        colour = stderrIsTerminal && context.environment["NO_COLOR"] == nil
        stdout = context.stdout
        stderr = context.stderr
    }

    /// Result lines for people (summaries, tables), made safe and ended with a newline.
    func out(_ text: String) {
        stdout.write(TerminalText.visibleLines(text.hasSuffix("\n") ? text : text + "\n"))
    }

    /// A document (report, JSON, CSV, calendar) as it is: its format's own escaping applies.
    func write(_ text: String) {
        stdout.write(text)
    }

    /// A status line on standard error (what was changed, a count), made safe.
    func status(_ text: String) {
        stderr.write(TerminalText.visibleLines(text.hasSuffix("\n") ? text : text + "\n"))
    }

    /// Control sequences of isogap's own (a progress bar), as they are.
    func control(_ text: String) {
        stderr.write(text)
    }

    /// Prints diagnostics to stderr, sorted by position, then a count when there are any.
    func report(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics.sortedByLocation() { emit(diagnostic) }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        if !diagnostics.isEmpty {
            status("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        }
    }

    /// Prints one diagnostic (no count).
    func emit(_ diagnostic: Diagnostic) {
        stderr.write(format(diagnostic) + "\n")
    }

    /// Prints `diagnostic` and returns `status`, for `throw console.fail(…)`.
    func fail(_ diagnostic: Diagnostic, _ status: ExitCode) -> ExitCode {
        emit(diagnostic)
        return status
    }

    /// Prints an error without a location and returns `status`, for `throw console.fail(…)`.
    func fail(_ message: String, _ status: ExitCode) -> ExitCode {
        fail(.error(message, at: nil), status)
    }

    /// The diagnostic as printed: `file:line:column: severity: message`, the source line and a
    /// caret on a terminal, then the notes. Paths, messages and the source line are made safe.
    func format(_ diagnostic: Diagnostic) -> String {
        let severity = diagnostic.severity.rawValue
        let painted =
            colour ? "\u{1B}[1;\(diagnostic.severity == .error ? 31 : 33)m\(severity):\u{1B}[0m" : "\(severity):"
        var lines: [String] = []
        let prefix = diagnostic.location.map { "\(TerminalText.visible($0.description)): " } ?? ""
        lines.append("\(prefix)\(painted) \(TerminalText.visible(diagnostic.message))")
        if stderrIsTerminal, let location = diagnostic.location, let source = diagnostic.sourceLine {
            let line = source.replacingOccurrences(of: "\t", with: " ")
            lines.append(TerminalText.visible(line))
            // The caret under the column, counting the escapes written for unsafe scalars before it.
            let before = String(String.UnicodeScalarView(line.unicodeScalars.prefix(max(0, location.column - 1))))
            let offset = TerminalText.visible(before).unicodeScalars.count
            lines.append(String(repeating: " ", count: offset) + (colour ? "\u{1B}[1;32m^\u{1B}[0m" : "^"))
        }
        for note in diagnostic.notes {
            let notePrefix = note.location.map { "\(TerminalText.visible($0.description)): " } ?? ""
            lines.append(
                "\(notePrefix)\(colour ? "\u{1B}[1;36mnote:\u{1B}[0m" : "note:") \(TerminalText.visible(note.message))")
        }
        return lines.joined(separator: "\n")
    }
}
