public import IsogapDiagnostics

extension Assessment {
    /// Checks the responses against their checklist: requirement ids, levels and targets within the
    /// scale, the not-applicable rules and evidence file paths. `ids` are the checklist's
    /// requirement ids when they are already known.
    public func validate(against checklist: Checklist, ids: Checklist.RequirementIDs? = nil) -> [Finding] {
        var findings: [Finding] = []
        if !self.checklist.isEmpty, self.checklist != checklist.id {
            findings.append(
                .error(
                    "this assessment is for checklist '\(self.checklist)', but the file belongs to '\(checklist.id)'",
                    at: .root["checklist"]))
        }
        let ids = ids ?? Checklist.RequirementIDs(checklist)
        let requirementIDs = ids.ordered
        let knownIDs = ids.known
        // A broken scale is reported with the checklist; here it only must not break the checks.
        let top = max(0, checklist.maxLevel)
        let scaleText = "0–\(top)"
        for response in responses {
            // Paths are built only for findings: most responses have none.
            var path: DocumentPath { DocumentPath.root["responses"][response.requirement] }
            guard knownIDs.contains(response.requirement) else {
                var message = "'\(response.requirement)' is not a requirement of checklist '\(checklist.id)'"
                if let suggestion = Suggestion.didYouMean(response.requirement, in: requirementIDs) {
                    message += "; \(suggestion)"
                }
                findings.append(.error(message, at: DocumentPath.root["responses"].keyPath(response.requirement)))
                continue
            }
            if let level = response.level, !(0...top).contains(level) {
                findings.append(
                    .error(
                        "level \(level) is outside the scale \(scaleText) of checklist \(checklist.id)",
                        at: path["level"]))
            }
            if let target = response.target, !(0...top).contains(target) {
                findings.append(
                    .error(
                        "target \(target) is outside the scale \(scaleText) of checklist \(checklist.id)",
                        at: path["target"]))
            }
            if !response.applicable {
                if response.level != nil {
                    findings.append(
                        .error(
                            "a requirement that is not applicable cannot have a level; remove 'level' or 'applicable: false'",
                            at: path["level"]))
                }
                if (response.justification ?? "").allSatisfy(\.isWhitespace) {
                    findings.append(
                        .error(
                            "'applicable: false' needs a 'justification' saying why the requirement does not apply",
                            at: path["applicable"]))
                }
            }
            for (index, item) in response.evidence.enumerated() {
                findings += Self.validate(item) { path["evidence"][index] }
            }
        }
        return findings
    }

    /// The findings about one evidence item; its path is built only for a finding.
    private static func validate(_ item: EvidenceItem, at path: () -> DocumentPath) -> [Finding] {
        guard item.file != nil || item.expires != nil || item.sha256 != nil else { return [] }
        var findings: [Finding] = []
        if let file = item.file, let problem = WorkspacePath.problem(with: file) {
            findings.append(.error("evidence file '\(file)' \(problem)", at: path()["file"]))
        }
        if let date = item.date, let expires = item.expires, expires < date {
            findings.append(
                .warning("the evidence expires (\(expires)) before it was produced (\(date))", at: path()["expires"]))
        }
        if let sha256 = item.sha256,
            sha256.count != 64
                || !sha256.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || ("a"..."f").contains($0) })
        {
            findings.append(.error("sha256 must be 64 lowercase hexadecimal digits", at: path()["sha256"]))
        }
        return findings
    }
}

/// Rules for paths that must stay inside a workspace.
public enum WorkspacePath {
    /// Why `path` may not be used as a workspace-relative path, or `nil` when it is acceptable.
    public static func problem(with path: String) -> String? {
        // Bytes, not characters: "/" followed by a combining mark is one Swift character, which
        // neither starts with "/" nor splits on it, while the file system sees a plain "/".
        let bytes = Array(path.utf8)
        if bytes.isEmpty { return "is empty" }
        if bytes[0] == UInt8(ascii: "/") || bytes[0] == UInt8(ascii: "~") || bytes.contains(UInt8(ascii: "\\"))
            || (bytes.count > 1 && bytes[1] == UInt8(ascii: ":"))
        {
            return "must be a path relative to the workspace (no leading '/', '~', drive letter or '\\')"
        }
        if bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).contains(where: {
            $0.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")])
        }) {
            return "must stay inside the workspace (no '..')"
        }
        if path.unicodeScalars.contains(where: { $0.value < 0x20 }) {
            return "contains a control character"
        }
        return nil
    }
}
