import Foundation
import IsogapDiagnostics
import Testing

/// Everything printed from input goes through one sanitiser (``TerminalText``), and the caret
/// line comes from the bytes already read.
@Suite("Terminal output")
struct TerminalOutputTests {
    @Test func controlFormatAndSeparatorScalarsAreEscaped() {
        #expect(TerminalText.visible("a\u{1B}]0;t\u{07}b") == #"a\u{1B}]0;t\u{7}b"#)
        #expect(TerminalText.visible("x\u{202E}y\u{200B}z\u{2028}") == #"x\u{202E}y\u{200B}z\u{2028}"#)
        #expect(TerminalText.visible("\u{9B}31m") == #"\u{9B}31m"#)
        // A combining mark after a control character cannot hide it (the check is per scalar).
        #expect(TerminalText.visible("\u{1B}\u{301}") == "\\u{1B}\u{301}")
        #expect(TerminalText.visible("مرحبا é") == "مرحبا é")
        #expect(TerminalText.visible("a\nb\tc") == #"a\u{A}b\u{9}c"#)
        #expect(TerminalText.visibleLines("a\nb\tc\r") == "a\nb\tc\\u{D}")
    }

    @Test func sourceLinesFollowLibyamlLineBreaksAndAreCapped() throws {
        let bytes =
            Array("one\rtwo\r\nthree\u{85}four\u{2028}five\n".utf8) + Array(repeating: UInt8(ascii: "x"), count: 5000)
        let lines = SourceLines(file: "f", bytes: bytes)
        let located = (1...6).map { Diagnostic.error("m", at: SourceLocation(file: "f", line: $0, column: 1)) }
        let attached = lines.attach(to: located + [.error("m", at: SourceLocation(file: "g", line: 1, column: 1))])
        #expect(attached.prefix(5).map(\.sourceLine) == ["one", "two", "three", "four", "five"])
        let long = try #require(attached[5].sourceLine)
        #expect(long.unicodeScalars.count == SourceLines.maxLineLength + 1)
        #expect(long.hasSuffix("…"))
        #expect(attached[6].sourceLine == nil)
    }

    /// A workspace whose texts hold escape sequences, bidirectional overrides and a line separator.
    private func hostileWorkspace() throws -> URL {
        let folder = try Fixtures.temporaryFolder()
        let workspace = folder.appendingPathComponent("ws")
        try FileManager.default.copyItem(at: Fixtures.url("sample"), to: workspace)
        let manifest = workspace.appendingPathComponent("isogap.yaml")
        let text = try String(contentsOf: manifest, encoding: .utf8).replacingOccurrences(
            of: #"organization: "Sample & Sons <Trading> | Co.""#,
            with: #"organization: "Evil\e]0;pwned\a \u202Eoc.\u2028Co""#)
        try Data(text.utf8).write(to: manifest)
        return folder
    }

    private static let unsafe: [Character] = ["\u{1B}", "\u{07}", "\u{202E}", "\u{2028}"]

    @Test(arguments: [
        ["validate", "ws"], ["score", "ws"], ["actions", "ws", "--as-of", "2026-11-26"],
        ["portfolio", ".", "--as-of", "2026-11-26"], ["validate", "ws/isogap.yaml"],
    ])
    func resultsNeverCarryControlsFromInput(arguments: [String]) throws {
        let folder = try hostileWorkspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try Command.run(arguments, in: folder)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("Evil") || output.stdout.contains("A-2"), "\(output.stdout)")
        for character in Self.unsafe {
            #expect(
                !output.stdout.contains(character),
                "\(arguments) stdout holds U+\(character.unicodeScalars.first!.value)")
            #expect(!output.stderr.contains(character), "\(arguments) stderr")
        }
    }

    @Test func diagnosticPathsAndMessagesAreEscaped() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let name = "bad\u{1B}[2J\u{202E}.yaml"
        try Data("isogap: 1\nkind: assessment\nchecklist: \"x\\e[31m\"\nresponses: {}\n".utf8).write(
            to: folder.appendingPathComponent(name))
        let output = try Command.run(["validate", name], in: folder)
        #expect(output.status == 65)
        #expect(output.stderr.contains(#"bad\u{1B}[2J\u{202E}.yaml:3:12: error: "#), "\(output.stderr)")
        for character in Self.unsafe {
            #expect(!output.stderr.contains(character))
            #expect(!output.stdout.contains(character))
        }
    }

    /// Under a pseudo-terminal: the source line and caret are shown, escaped, capped, and taken from
    /// the bytes read (a huge line is never echoed whole).
    @Test func caretLineOnATerminalIsEscapedAndCapped() throws {
        let executable = try #require(Command.executable)
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let padding = String(repeating: "y", count: 50_000)
        try Data(
            "isogap: 1\nkind: assessment\nchecklist: iso-10002-2018\nresponses:\n  \"4.2-a\": {notes: \"\\e]0;t\\a\", level: 9} # \(padding)\n"
                .utf8
        ).write(to: folder.appendingPathComponent("a.yaml"))
        let output = try Command.process(
            ["-qec", "'\(executable.path)' validate a.yaml", "/dev/null"],
            in: folder, environment: ["NO_COLOR": "1"], executableOverride: URL(fileURLWithPath: "/usr/bin/script"))
        let text = output.stdout
        #expect(text.contains("a.yaml:5:"), "\(text)")
        #expect(text.contains("^"), "no caret line on a terminal:\n\(text)")
        #expect(!text.contains("\u{1B}]0;"))
        #expect(!text.contains(padding))
        #expect(text.contains("…"))
    }

    @Test func portfolioFolderDeeperThanPathMaxIsReported() throws {
        let folder = try Fixtures.temporaryFolder()
        // Made (and removed) with descriptors, since the whole path is too long for one call.
        let name = String(repeating: "d", count: 250)
        var descriptors = [open(folder.path, O_RDONLY | O_DIRECTORY)]
        for _ in 0..<20 {
            #expect(mkdirat(descriptors[descriptors.count - 1], name, 0o755) == 0)
            descriptors.append(openat(descriptors[descriptors.count - 1], name, O_RDONLY | O_DIRECTORY))
        }
        defer {
            close(descriptors.removeLast())
            while let parent = descriptors.popLast() {
                unlinkat(parent, name, AT_REMOVEDIR)
                close(parent)
            }
            try? FileManager.default.removeItem(at: folder)
        }
        let output = try Command.run(["portfolio", "."], in: folder)
        #expect(output.stderr.contains("warning: "), "\(output.stderr)")
        #expect(output.stderr.contains("cannot read the folder"), "\(output.stderr)")
    }
}
