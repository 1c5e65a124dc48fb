import Foundation
import IsogapLoading
import IsogapModel
import Testing

@Suite("Evidence locks")
struct EvidenceTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (String(repeating: "a", count: 1000), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"),
    ])
    func sha256KnownAnswers(message: String, digest: String) {
        #expect(SHA256.hex(of: Array(message.utf8)) == digest)
    }

    @Test func sha256InPiecesEqualsAtOnce() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        var hasher = SHA256()
        for start in stride(from: 0, to: bytes.count, by: 63) {
            hasher.update(bytes[start..<min(start + 63, bytes.count)])
        }
        #expect(hasher.hexDigest() == SHA256.hex(of: bytes))
    }

    static let digest = String(repeating: "ab", count: 32)
    static let assessment = """
        isogap: 1
        kind: assessment   # kept as written
        checklist: c
        responses:
          "1-a":
            level: 2
            evidence:
              - type: record
                ref: "Register, شكاوى"
                file: evidence/a.csv   # the export

              - {type: document, ref: Policy, file: evidence/b.txt}
              - type: record
                ref: Old
                file: evidence/c.csv
                sha256: "0000000000000000000000000000000000000000000000000000000000000000"
              - type: interview
                ref: "No file here"
          "1-b": {level: 1, evidence: [{type: record, ref: x, file: evidence/a.csv}]}
        """

    @Test func lockChangesOnlyTheDigestBytes() {
        let result = EvidenceLocks.lock(Array(Self.assessment.utf8), file: "a.yaml") { _ in Self.digest }
        let expected = Self.assessment
            .replacingOccurrences(
                of: "file: evidence/a.csv   # the export\n",
                with: "file: evidence/a.csv   # the export\n        sha256: \"\(Self.digest)\"\n"
            )
            .replacingOccurrences(
                of: "file: evidence/b.txt}", with: "file: evidence/b.txt, sha256: \"\(Self.digest)\"}"
            )
            .replacingOccurrences(of: String(repeating: "0", count: 64), with: Self.digest)
            .replacingOccurrences(
                of: "file: evidence/a.csv}]}", with: "file: evidence/a.csv, sha256: \"\(Self.digest)\"}]}")
        #expect(String(decoding: result.bytes, as: UTF8.self) == expected)
        #expect(result.updated.map(\.file) == ["evidence/a.csv", "evidence/b.txt", "evidence/c.csv", "evidence/a.csv"])
        // A second lock finds nothing to change.
        let again = EvidenceLocks.lock(result.bytes, file: "a.yaml") { _ in Self.digest }
        #expect(again.bytes == result.bytes && again.updated.isEmpty)
    }

    @Test func lockKeepsCRLFAndAFileWithoutAFinalLineBreak() {
        let text =
            "isogap: 1\r\nkind: assessment\r\nchecklist: c\r\nresponses:\r\n  \"1-a\":\r\n    evidence:\r\n      - type: record\r\n        ref: R\r\n        file: evidence/a.csv"
        let result = EvidenceLocks.lock(Array(text.utf8), file: "a.yaml") { _ in Self.digest }
        #expect(String(decoding: result.bytes, as: UTF8.self) == text + "\r\n        sha256: \"\(Self.digest)\"")
    }

    @Test func unreadableFilesAreLeftAlone() {
        let result = EvidenceLocks.lock(Array(Self.assessment.utf8), file: "a.yaml") {
            $0 == "evidence/b.txt" ? Self.digest : nil
        }
        #expect(result.updated.map(\.file) == ["evidence/b.txt"])
    }

    @Test func commandsLockAndVerify() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let workspace = folder.appendingPathComponent("ws")
        try FileManager.default.copyItem(at: Fixtures.url("sample"), to: workspace)
        try Data("outside".utf8).write(to: folder.appendingPathComponent("secret.txt"))
        try FileManager.default.createSymbolicLink(
            at: workspace.appendingPathComponent("evidence/link.txt"),
            withDestinationURL: folder.appendingPathComponent("secret.txt"))
        let assessmentURL = workspace.appendingPathComponent("assessments/sample-complaints.yaml")
        var assessment = try String(contentsOf: assessmentURL, encoding: .utf8)
        assessment = assessment.replacingOccurrences(
            of: "  \"2-a\":\n    level: 1\n",
            with: """
                  "2-a":
                    level: 1
                    evidence:
                      - {type: document, ref: Gone, file: evidence/gone.txt}
                      - {type: document, ref: Leaks, file: evidence/link.txt}

                """)
        try Data(assessment.utf8).write(to: assessmentURL)
        try Data("not cited".utf8).write(to: workspace.appendingPathComponent("evidence/notes.txt"))

        let locked = try Command.run(["evidence", "lock", "ws"], in: folder)
        #expect(locked.status == 1, "two cited files cannot be locked")
        #expect(locked.stdout == "locked  evidence/register.csv  (sample-complaints 1.1-a)\n")
        #expect(locked.stderr.contains("cannot lock 'evidence/gone.txt': no such file"))
        #expect(
            locked.stderr.contains(
                "cannot lock 'evidence/link.txt': it is a symbolic link to a file outside the workspace"))
        let register = try Data(contentsOf: workspace.appendingPathComponent("evidence/register.csv"))
        #expect(
            try String(contentsOf: assessmentURL, encoding: .utf8).contains("sha256: \"\(SHA256.hex(of: register))\""))

        let verified = try Command.run(["evidence", "verify", "ws"], in: folder)
        #expect(verified.status == 1)
        #expect(
            verified.stdout == """
                ok       evidence/register.csv  (sample-complaints 1.1-a)
                missing  evidence/gone.txt  (sample-complaints 2-a)
                missing  evidence/link.txt  (sample-complaints 2-a)
                uncited  evidence/notes.txt

                """)

        try Data("changed".utf8).write(to: workspace.appendingPathComponent("evidence/register.csv"))
        let changed = try Command.run(["evidence", "verify", "ws"], in: folder)
        #expect(changed.stdout.hasPrefix("changed  evidence/register.csv"))
        #expect(changed.stderr.hasSuffix("1 changed, 2 missing, 1 uncited\n"))
        #expect(
            changed.stderr.contains(
                "sample-complaints.yaml:8:9: warning: evidence file 'evidence/register.csv' has changed since it was locked"
            ), "loading warns about the changed file at its evidence item")
    }
}
