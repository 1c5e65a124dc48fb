// `stat` and `timespec` fields: the clang module that owns them varies with the build (CoreFoundation or
// CDispatch), and member import visibility wants the owner imported, so both are.
import CDispatch
import CoreFoundation
import Foundation
import Testing

/// `--out` writes only what it should: read-only files, folders, pipes and devices are never
/// replaced, and every refusal says why with exit 73 (64 for an empty name).
@Suite("Output targets")
struct OutputTargetTests {
    static let sample = Fixtures.url("sample").path

    func report(_ out: String, in folder: URL) throws -> Command.Output {
        try Command.run(["report", Self.sample, "--as-of", "2026-11-26", "--out", out], in: folder)
    }

    @Test func readOnlyTargetIsRefusedNotReplaced() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("report.md")
        try Data("kept\n".utf8).write(to: target)
        chmod(target.path, 0o444)
        let result = try report("report.md", in: folder)
        #expect(result.status == 73)
        #expect(result.stderr == "error: cannot write report.md: the file is read-only; it is not replaced\n")
        #expect(try String(contentsOf: target, encoding: .utf8) == "kept\n")
    }

    @Test func theModeOfAReplacedFileIsKept() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("report.md")
        try Data("old\n".utf8).write(to: target)
        chmod(target.path, 0o600)
        let result = try report("report.md", in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        var info = stat()
        #expect(stat(target.path, &info) == 0 && info.st_mode & 0o7777 == 0o600)
        #expect(try String(contentsOf: target, encoding: .utf8).hasPrefix("# Gap assessment report"))
    }

    @Test func usageAndFolderErrorsSayWhat() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("out"), withIntermediateDirectories: true)
        let empty = try report("", in: folder)
        #expect(empty.status == 64)
        #expect(empty.stderr == "error: --out needs a file name\n")
        let isFolder = try report("out", in: folder)
        #expect(isFolder.status == 73)
        #expect(isFolder.stderr == "error: cannot write out: it is a folder; name a file to write\n")
        let missing = try report("nowhere/report.md", in: folder)
        #expect(missing.status == 73)
        #expect(missing.stderr == "error: cannot write nowhere/report.md: the folder nowhere does not exist\n")
        for result in [empty, isFolder, missing] { #expect(!result.stderr.contains("NSCocoaErrorDomain")) }
    }

    @Test func characterDevicesAreWrittenThroughNotReplaced() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try report("/dev/null", in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        var info = stat()
        #expect(lstat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR, "/dev/null was replaced")
    }

    @Test func namedPipesAreWrittenThroughOrRefusedNeverReplaced() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipe = folder.appendingPathComponent("pipe")
        #expect(mkfifo(pipe.path, 0o644) == 0)
        // Nobody reads: refused at once, not waited on.
        let unread = try report("pipe", in: folder)
        #expect(unread.status == 73)
        #expect(unread.stderr == "error: cannot write pipe: it is a named pipe that no program is reading\n")
        // A reader: the report goes through the pipe.
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/sh")
        reader.arguments = ["-c", "cat pipe > received"]
        reader.currentDirectoryURL = folder
        try reader.run()
        var written: Command.Output?
        for _ in 0..<50 {
            usleep(100_000)
            written = try report("pipe", in: folder)
            if written?.status == 0 { break }
        }
        reader.waitUntilExit()
        #expect(written?.status == 0, "\(written?.stderr ?? "")")
        let received = try String(contentsOf: folder.appendingPathComponent("received"), encoding: .utf8)
        #expect(received.hasPrefix("# Gap assessment report"))
        var info = stat()
        #expect(lstat(pipe.path, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO, "the pipe was replaced")
    }
}
