import Foundation
import IsogapDiagnostics
import IsogapLoading
import IsogapModel
import IsogapResources

/// The measurement data of a workspace (SPEC §12), read from the files `measures:` names.
struct MeasureData {
    var settings: MeasureSettings
    var log: ComplaintLog?
    var waves: [SurveyWave]
    var volumes: VolumeTable?
    var kpis: KPISet
    var calendar: WorkingCalendar

    static let builtInKPIs = "templates/kpis.yaml"

    /// Reads every file, printing diagnostics (capped per file, with a count of the rest); throws
    /// 66 when a file is missing or outside the workspace, 65 when any is invalid.
    static func load(_ loaded: WorkspaceContext, directory: String, context: CommandContext, period: MeasurePeriod?)
        throws -> MeasureData
    {
        let console = context.console
        let manifest = loaded.workspace.manifest
        guard var settings = manifest.measures else {
            console.emit(
                .error(
                    "\(DiskFiles(folder: directory, in: context).displayPath(WorkspaceLoader.manifestFile)) has no 'measures:' settings; name the complaint log and survey files there (see docs/measures.md)",
                    at: nil))
            throw ExitStatus.noInput
        }
        if let period { settings.period = period }
        let files = WorkspaceDataFiles(folder: directory, context: context)
        var diagnostics: [Diagnostic] = []
        var suppressed: [(String, Int)] = []
        var missing = false
        func open(_ path: String) -> ChunkedFile? {
            switch files.open(path) {
            case .success(let file): return file
            case .failure(let problem):
                console.emit(.error("\(files.display(path)): \(problem.message)", at: nil))
                missing = true
                return nil
            }
        }
        func collect<Value>(_ result: LoadedData<Value>, _ path: String) -> Value? {
            diagnostics += result.diagnostics
            if result.suppressed > 0 { suppressed.append((files.display(path), result.suppressed)) }
            return result.succeeded ? result.value : nil
        }
        // KPIs first: their targets do not change the reading, but a broken file is reported with the rest.
        var kpis = KPISet()
        let known = Set(
            loaded.workspace.checklists.flatMap { checklist in
                checklist.requirementsInOrder.map {
                    RequirementKey(checklist: checklist.id, requirement: $0.requirement.id)
                }
            })
        if let path = settings.kpis {
            if let file = open(path) {
                let loadedKPIs = KPILoader.load(file.readAll(), file: files.display(path), known: known)
                diagnostics += loadedKPIs.diagnostics
                if let set = loadedKPIs.value { kpis = set }
            }
        } else {
            let loadedKPIs = KPILoader.load(
                Array(EmbeddedFiles.contents(of: builtInKPIs) ?? Data()), file: builtInKPIs)
            diagnostics += loadedKPIs.diagnostics
            if let set = loadedKPIs.value {
                // Built-in KPIs that support a checklist the workspace does not use keep their other links.
                kpis = set
            }
        }
        var log: ComplaintLog?
        if let path = settings.complaints, let file = open(path) {
            let actionIDs = Set(loaded.workspace.actions?.actions.map(\.id) ?? [])
            log = collect(
                MeasureDataLoader.complaints(file: files.display(path), chunks: file.nextChunk, actionIDs: actionIDs),
                path)
        }
        var waves: [SurveyWave] = []
        for survey in settings.surveys {
            guard let file = open(survey.file) else { continue }
            if let wave = collect(
                MeasureDataLoader.survey(
                    file: files.display(survey.file), wave: survey.wave, invited: survey.invited, chunks: file.nextChunk
                ),
                survey.file)
            {
                waves.append(wave)
            }
        }
        var volumes: VolumeTable?
        if let path = settings.volumes, let file = open(path) {
            volumes = collect(MeasureDataLoader.volumes(file: files.display(path), chunks: file.nextChunk), path)
        }
        if !diagnostics.isEmpty { console.report(diagnostics) }
        for (file, count) in suppressed {
            console.status(
                "\(file): \(count) more error\(count == 1 ? "" : "s") not shown (the first \(MeasureDataLoader.maxDiagnostics) are)"
            )
        }
        if missing { throw ExitStatus.noInput }
        if diagnostics.containsErrors || !suppressed.isEmpty { throw ExitStatus.dataError }
        guard let calendar = WorkingCalendar(manifest.plan) else { throw ExitStatus.dataError }
        return MeasureData(settings: settings, log: log, waves: waves, volumes: volumes, kpis: kpis, calendar: calendar)
    }

    /// The measures, with the KPIs read against the latest period and wave.
    func report() -> MeasureReport {
        MeasureReport(
            period: settings.period, log: log, waves: waves, volumes: volumes, kpiSet: kpis, calendar: calendar)
    }
}

/// Why a data file cannot be read.
struct DataFileProblem: Error {
    var message: String
}

/// A regular file inside the workspace, read in chunks of 1 MiB.
final class ChunkedFile {
    private let descriptor: Int32
    private var closed = false

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        if !closed { close(descriptor) }
    }

    /// The next chunk, or `nil` at the end (or on a read error).
    func nextChunk() -> [UInt8]? {
        guard !closed else { return nil }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 {
                close(descriptor)
                closed = true
                return nil
            }
            buffer.removeLast(buffer.count - count)
            return buffer
        }
    }

    /// The whole file, capped at 4 MiB (YAML files).
    func readAll(limit: Int = 4 << 20) -> [UInt8] {
        var bytes: [UInt8] = []
        while bytes.count <= limit, let chunk = nextChunk() { bytes += chunk }
        return bytes
    }
}

/// Opening the data files of a workspace without leaving it: absolute paths, `..` and symbolic
/// links that resolve outside the workspace are refused, and only regular files are opened.
struct WorkspaceDataFiles {
    let folder: String
    let location: String

    init(folder: String, context: CommandContext) {
        self.folder = folder
        location = context.resolve(folder)
    }

    func display(_ path: String) -> String {
        if folder.isEmpty || folder == "." { return path }
        return folder.hasSuffix("/") ? folder + path : "\(folder)/\(path)"
    }

    /// Opens `path` through the one ``FileReader``: inside the workspace, regular files only.
    func open(_ path: String) -> Result<ChunkedFile, DataFileProblem> {
        if let problem = WorkspacePath.problem(with: path) {
            return .failure(DataFileProblem(message: "the path \(problem)"))
        }
        switch FileReader.openInside(path, root: location) {
        case .success(let descriptor): return .success(ChunkedFile(descriptor: descriptor))
        case .failure(let failure): return .failure(DataFileProblem(message: failure.reason))
        }
    }
}
