import Foundation
import IsogapDiagnostics

/// Standard output and standard error, with diagnostics printed the way compilers print them.
struct Console {
    /// Whether stderr is a terminal and `NO_COLOR` is unset.
    let colour: Bool
    /// Whether stderr is a terminal (source lines with a caret are shown only there).
    let stderrIsTerminal: Bool

    private let stdout: OutputSink
    private let stderr: OutputSink
    /// Where relative paths of source files start (for the caret line).
    private let context: CommandContext?

    /// The console of a command's context.
    init(_ context: CommandContext) {
        stderrIsTerminal = context.stderrIsTerminal
        colour = stderrIsTerminal && context.environment["NO_COLOR"] == nil
        stdout = context.stdout
        stderr = context.stderr
        self.context = context
    }

    /// A console with fixed settings that prints nothing (`colour: false, stderrIsTerminal:
    /// false` formats diagnostics as plain text for reports).
    init(colour: Bool, stderrIsTerminal: Bool) {
        self.colour = colour
        self.stderrIsTerminal = stderrIsTerminal
        stdout = OutputSink { _ in }
        stderr = OutputSink { _ in }
        context = nil
    }

    func out(_ text: String) {
        stdout.write(text.hasSuffix("\n") ? text : text + "\n")
    }

    /// Writes `text` to standard output as it is, with no newline added.
    func write(_ text: String) {
        stdout.write(text)
    }

    func err(_ text: String) {
        stderr.write(text.hasSuffix("\n") ? text : text + "\n")
    }

    /// Writes `text` to standard error as it is (progress bars).
    func writeError(_ text: String) {
        stderr.write(text)
    }

    /// Prints diagnostics to stderr, sorted by position, then a count when there are any.
    func report(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics.sortedByLocation() { err(format(diagnostic)) }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        if !diagnostics.isEmpty {
            err("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        }
    }

    func format(_ diagnostic: Diagnostic) -> String {
        let severity = diagnostic.severity.rawValue
        let painted =
            colour ? "\u{1B}[1;\(diagnostic.severity == .error ? 31 : 33)m\(severity):\u{1B}[0m" : "\(severity):"
        var lines: [String] = []
        let prefix = diagnostic.location.map { "\($0): " } ?? ""
        lines.append("\(prefix)\(painted) \(Self.visible(diagnostic.message))")
        if stderrIsTerminal, let location = diagnostic.location, let source = sourceLine(location) {
            lines.append(source)
            lines.append(
                String(repeating: " ", count: max(0, location.column - 1)) + (colour ? "\u{1B}[1;32m^\u{1B}[0m" : "^"))
        }
        for note in diagnostic.notes {
            let notePrefix = note.location.map { "\($0): " } ?? ""
            lines.append(
                "\(notePrefix)\(colour ? "\u{1B}[1;36mnote:\u{1B}[0m" : "note:") \(Self.visible(note.message))")
        }
        return lines.joined(separator: "\n")
    }

    /// `text` with control characters and invisible format characters (zero-width spaces,
    /// bidirectional overrides) written as `\u{XXXX}`: a message quotes the user's input, which
    /// must not be able to break the line, hide text or reorder what the terminal shows.
    static func visible(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                || scalar.properties.generalCategory == .format
            {
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The text of the diagnostic's line, read back from the file (terminal display only).
    private func sourceLine(_ location: SourceLocation) -> String? {
        guard let context, let data = FileManager.default.contents(atPath: context.resolve(location.file)) else {
            return nil
        }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.indices.contains(location.line - 1) else { return nil }
        return String(lines[location.line - 1]).replacingOccurrences(of: "\t", with: " ")
    }
}
