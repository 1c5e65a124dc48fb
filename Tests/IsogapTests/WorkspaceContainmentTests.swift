import Foundation
import IsogapModel
import Testing

@testable import IsogapCLI

/// Every file a workspace names is read from inside it (SPEC §5): a symbolic link that leads out
/// is refused and never read, checked on the descriptor opened; paths compare byte for byte.
@Suite("Workspace containment")
struct WorkspaceContainmentTests {
    static let marker = "TOP-SECRET-MARKER"

    private func scratch() throws -> (folder: URL, workspace: URL) {
        let folder = try Fixtures.temporaryFolder()
        let workspace = folder.appendingPathComponent("ws")
        try FileManager.default.copyItem(at: Fixtures.url("sample"), to: workspace)
        return (folder, workspace)
    }

    /// Replaces `file` of the workspace by a link to a copy outside it, with the secret added.
    private func linkOut(_ file: String, workspace: URL, folder: URL) throws {
        let inside = workspace.appendingPathComponent(file)
        let outside = folder.appendingPathComponent("outside-\(inside.lastPathComponent)")
        let text = try String(contentsOf: inside, encoding: .utf8)
        try Data("\(text)\n\(Self.marker): [\n".utf8).write(to: outside)
        try FileManager.default.removeItem(at: inside)
        try FileManager.default.createSymbolicLink(at: inside, withDestinationURL: outside)
    }

    @Test(arguments: ["isogap.yaml", "sample-checklist.yaml", "assessments/sample-complaints.yaml", "actions.yaml"])
    func aLinkLeavingTheWorkspaceIsNeverRead(file: String) throws {
        let (folder, workspace) = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try linkOut(file, workspace: workspace, folder: folder)
        for arguments in [["validate", "ws"], ["report", "ws", "--format", "json"], ["actions", "ws"]] {
            let output = try Command.run(arguments, in: folder)
            #expect([65, 66].contains(output.status), "\(arguments) \(file): \(output.status)")
            #expect(!output.stdout.contains(Self.marker), "\(arguments) \(file)")
            #expect(!output.stderr.contains(Self.marker), "\(arguments) \(file): \(output.stderr)")
            #expect(
                output.stderr.contains("outside the workspace") || output.stderr.contains("inside the workspace"),
                "\(arguments) \(file): \(output.stderr)")
        }
    }

    /// A file the reader refuses is an error that says why, whichever file it is: a link round in
    /// a loop is not taken for a missing file (it was, for `actions.yaml`).
    @Test(arguments: ["sample-checklist.yaml", "assessments/sample-complaints.yaml", "actions.yaml"])
    func aLinkInALoopIsAnErrorThatSaysWhy(file: String) throws {
        let (folder, workspace) = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = workspace.appendingPathComponent(file).path
        try FileManager.default.removeItem(atPath: path)
        #expect(symlink((file as NSString).lastPathComponent, path) == 0)
        for arguments in [["validate", "ws"], ["report", "ws", "--format", "json"]] {
            let output = try Command.run(arguments, in: folder)
            #expect(output.status == 65, "\(arguments) \(file): \(output.stderr)")
            #expect(
                output.stderr.contains(file) && output.stderr.contains("Too many levels of symbolic links"),
                "\(arguments) \(file): \(output.stderr)")
        }
    }

    /// A register named by a link to nothing counts as no register, as a missing file does.
    @Test func aRegisterLinkedToNothingIsNoRegister() throws {
        let (folder, workspace) = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = workspace.appendingPathComponent("actions.yaml").path
        try FileManager.default.removeItem(atPath: path)
        #expect(symlink("registers/nowhere.yaml", path) == 0)
        let output = try Command.run(["actions", "ws", "--format", "json"], in: folder)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("\"total\": 0"), "\(output.stdout)")
    }

    @Test func aLinkThatStaysInsideIsFollowed() throws {
        let (folder, workspace) = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let registers = workspace.appendingPathComponent("registers")
        try FileManager.default.createDirectory(at: registers, withIntermediateDirectories: true)
        try FileManager.default.moveItem(
            at: workspace.appendingPathComponent("actions.yaml"), to: registers.appendingPathComponent("actions.yaml"))
        try FileManager.default.createSymbolicLink(
            atPath: workspace.appendingPathComponent("actions.yaml").path, withDestinationPath: "registers/actions.yaml"
        )
        let output = try Command.run(["validate", "ws"], in: folder)
        #expect(output.status == 0, "\(output.stderr)")
    }

    /// Links the kernel's own check (`openat2`, which refuses any step outside the folder) turns
    /// away although they end inside: an absolute path, and a path that leaves and comes back.
    /// Both are followed, as the check on the opened file allows them.
    @Test(arguments: ["absolute", "out and back"])
    func aLinkThatEndsInsideIsFollowedHoweverWritten(shape: String) throws {
        let (folder, workspace) = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let registers = workspace.appendingPathComponent("registers")
        try FileManager.default.createDirectory(at: registers, withIntermediateDirectories: true)
        let target = registers.appendingPathComponent("actions.yaml")
        try FileManager.default.moveItem(at: workspace.appendingPathComponent("actions.yaml"), to: target)
        let destination = shape == "absolute" ? target.path : "../ws/registers/actions.yaml"
        try FileManager.default.createSymbolicLink(
            atPath: workspace.appendingPathComponent("actions.yaml").path, withDestinationPath: destination)
        let output = try Command.run(["actions", "ws", "--format", "json"], in: folder)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("\"total\": 5"), "\(output.stdout)")
    }

    /// Folder names that are not UTF-8 are compared as bytes: `ws` followed by the byte 0xFF and
    /// `ws` followed by 0xFE are two folders, though both read as `ws\u{FFFD}` once decoded. A link
    /// from one into the other leads out of the workspace and is refused (the workspace is named
    /// through a link, since such a name cannot be typed as an argument).
    @Test func folderNamesThatAreNotUTF8AreComparedAsBytes() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func raw(_ bytes: [UInt8]) -> [CChar] { (Array(folder.path.utf8) + bytes).map { CChar(bitPattern: $0) } + [0] }
        let inside: [UInt8] = Array("/ws".utf8) + [0xFF]
        let outside: [UInt8] = Array("/ws".utf8) + [0xFE]
        for (name, bytes) in [("a", inside), ("b", outside)] {
            try FileManager.default.copyItem(at: Fixtures.url("sample"), to: folder.appendingPathComponent(name))
            #expect(rename(folder.appendingPathComponent(name).path, raw(bytes)) == 0)
        }
        let secret = raw(outside + Array("/actions.yaml".utf8))
        let text = try String(
            contentsOf: Fixtures.url("sample").appendingPathComponent("actions.yaml"), encoding: .utf8)
        let handle = try #require(fopen(secret, "w"))
        fputs("\(text)\n\(Self.marker): [\n", handle)
        fclose(handle)
        let link = raw(inside + Array("/actions.yaml".utf8))
        #expect(unlink(link) == 0)
        #expect(symlink(secret, link) == 0)
        #expect(symlink(raw(inside), folder.appendingPathComponent("ws").path) == 0)
        let output = try Command.run(["actions", "ws", "--format", "json"], in: folder)
        #expect([65, 66].contains(output.status), "\(output.status)")
        #expect(!output.stdout.contains(Self.marker) && !output.stderr.contains(Self.marker))
    }

    /// A workspace named through a link that is changed while the workspace is read: every file is
    /// still opened in the folder opened first, never through the path again.
    @Test func aFolderSwappedDuringTheRunIsNotFollowed() throws {
        let (folder, workspace) = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try linkOut("actions.yaml", workspace: workspace, folder: folder)
        let other = folder.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        let text = try String(
            contentsOf: Fixtures.url("sample").appendingPathComponent("actions.yaml"), encoding: .utf8)
        try Data("\(text)\n\(Self.marker)-other: [\n".utf8).write(to: other.appendingPathComponent("actions.yaml"))
        let name = folder.appendingPathComponent("named")
        try FileManager.default.createSymbolicLink(at: name, withDestinationURL: workspace)
        let opened = try #require(OpenFolder(name.path))
        try FileManager.default.removeItem(at: name)
        try FileManager.default.createSymbolicLink(at: name, withDestinationURL: other)
        let result = FileReader.read("actions.yaml", inside: name.path, folder: opened)
        #expect(throws: FileReader.Failure.self) { try result.get() }
        if case .failure(let failure) = result { #expect(failure.kind == .outside, "\(failure)") }
    }

    /// A folder whose name is the NFD spelling of the workspace's NFC name is another folder.
    @Test func pathsCompareByteForByte() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let nfc = folder.appendingPathComponent("caf\u{E9}")
        let nfd = folder.appendingPathComponent("cafe\u{301}")
        try FileManager.default.copyItem(at: Fixtures.url("sample"), to: nfc)
        try FileManager.default.createDirectory(at: nfd, withIntermediateDirectories: true)
        let text = try String(contentsOf: nfc.appendingPathComponent("actions.yaml"), encoding: .utf8)
        try Data("\(text)\n\(Self.marker): [\n".utf8).write(to: nfd.appendingPathComponent("actions.yaml"))
        try FileManager.default.removeItem(at: nfc.appendingPathComponent("actions.yaml"))
        try FileManager.default.createSymbolicLink(
            atPath: nfc.appendingPathComponent("actions.yaml").path, withDestinationPath: "../cafe\u{301}/actions.yaml")
        let output = try Command.run(["validate", "caf\u{E9}"], in: folder)
        #expect(output.status == 65, "\(output.stderr)")
        #expect(!output.stderr.contains(Self.marker))
    }

    /// An evidence file swapped between a regular file and a link to a secret while commands run:
    /// the secret's digest is never recorded, since the place is checked on the descriptor read.
    @Test func evidenceSwappedForALinkIsNeverHashed() throws {
        let (folder, workspace) = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let secret = folder.appendingPathComponent("secret.txt")
        try Data(Self.marker.utf8).write(to: secret)
        let evidence = workspace.appendingPathComponent("evidence")
        let target = evidence.appendingPathComponent("swap.txt")
        try Data("harmless".utf8).write(to: target)
        let assessment = workspace.appendingPathComponent("assessments/sample-complaints.yaml")
        let text = try String(contentsOf: assessment, encoding: .utf8).replacingOccurrences(
            of: "  \"2-a\":\n    level: 1\n",
            with:
                "  \"2-a\":\n    level: 1\n    evidence:\n      - {type: document, ref: swap, file: evidence/swap.txt}\n"
        )
        try Data(text.utf8).write(to: assessment)

        let stop = LockedFlag()
        let swapper = Thread {
            var useLink = false
            while !stop.value {
                let staged = evidence.appendingPathComponent(".staged").path
                unlink(staged)
                if useLink {
                    symlink(secret.path, staged)
                } else {
                    _ = FileManager.default.createFile(atPath: staged, contents: Data("harmless".utf8))
                }
                rename(staged, target.path)
                useLink.toggle()
            }
        }
        swapper.start()
        for _ in 0..<30 {
            _ = try Command.run(["evidence", "lock", "ws"], in: folder)
            let recorded = try String(contentsOf: assessment, encoding: .utf8)
            #expect(!recorded.contains(SHA256.hex(of: Array(Self.marker.utf8))))
        }
        stop.set()
    }
}

/// A flag shared with a thread.
final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false

    var value: Bool {
        lock.lock()
        defer { lock.unlock() }
        return raised
    }

    func set() {
        lock.lock()
        raised = true
        lock.unlock()
    }
}
