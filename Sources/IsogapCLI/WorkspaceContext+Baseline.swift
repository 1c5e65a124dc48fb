import IsogapDiagnostics
import IsogapLoading
import IsogapModel

extension WorkspaceContext {
    /// This workspace's snapshot: its figures and action register as a comparison reads them.
    func snapshot(language: ReportLanguage?) -> Snapshot {
        let manifest = workspace.manifest
        return Snapshot(
            organization: manifest.localized(language ?? manifest.language).organization,
            assessmentDate: manifest.assessmentDate, score: score, actions: workspace.actions,
            organizationNames: manifest.texts.organization.translations.map(\.text))
    }

    /// The comparison of this workspace with the saved report its manifest names as `baseline:`
    /// (SPEC §13), or `nil` when it names none. The file is read through ``FileReader`` from inside
    /// the workspace only; a missing file is 66, an invalid one 65, each located in the manifest or
    /// the file.
    func baselineComparison(directory: String, language: ReportLanguage?, context: CommandContext) throws
        -> Comparison?
    {
        guard let path = workspace.manifest.baseline else { return nil }
        let console = context.console
        let files = DiskFiles(folder: directory, in: context)
        let bytes: [UInt8]
        switch FileReader.read(path, inside: context.resolve(directory)) {
        case .success(let read): bytes = read
        case .failure(let failure):
            let message = "the baseline '\(path)' cannot be read: \(failure.reason)"
            let located = evaluation.manifestMap?.diagnostics(for: [Finding(.error, message, at: .root["baseline"])])
                .first
            throw console.fail(
                located ?? .error(message, at: nil),
                failure.kind == .missing || failure.kind == .unreadable ? ExitStatus.noInput : ExitStatus.dataError)
        }
        let loaded = SnapshotLoader.load(bytes, file: files.displayPath(path))
        if !loaded.diagnostics.isEmpty { console.report(loaded.diagnostics) }
        guard let baseline = loaded.value, !loaded.diagnostics.containsErrors else { throw ExitStatus.dataError }
        return Comparison(old: baseline, new: snapshot(language: language))
    }
}
