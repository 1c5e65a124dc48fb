import ArgumentParser
import IsogapDiagnostics
import IsogapLoading
import IsogapModel
import IsogapRendering

/// `isogap sample [DIR]`: a reproducible sample of complaint cases for an internal audit (SPEC §12).
struct Sample: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Draw a reproducible sample of complaints for an internal audit, as a checklist for the auditor.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, md, json
    }

    /// Columns a sample can be stratified by.
    enum Field: String, ExpressibleByArgument, CaseIterable {
        case channel, category, site, outcome, stage, satisfaction
    }

    @OptionGroup var workspace: WorkspaceArgument

    @Option(help: "Sample size.")
    var size: Int?

    @Option(help: "Confidence level for the size: 90, 95 or 99 (with --margin).")
    var confidence: Int?

    @Option(help: "Margin of error in percent for the size (with --confidence).")
    var margin: Double?

    @Option(help: "Seed of the ranking (default: the assessment date).")
    var seed: String?

    @Option(help: "Allocate the sample across the values of this column in proportion to their counts.")
    var by: Field?

    @Option(help: "First day of 'received' to include, YYYY-MM-DD.")
    var from: CalendarDate?

    @Option(help: "Last day of 'received' to include, YYYY-MM-DD.")
    var to: CalendarDate?

    @Option(help: "Output format: csv, md or json.")
    var format: Format = .csv

    @OptionGroup var output: OutputOption

    func validate() throws {
        switch (size, confidence, margin) {
        case (let size?, nil, nil):
            guard size >= 0 else { throw ValidationError("--size must be 0 or more") }
        case (nil, let confidence?, let margin?):
            guard AuditSample.z(confidence: confidence) != nil else {
                throw ValidationError("--confidence must be 90, 95 or 99")
            }
            guard margin > 0, margin < 100 else { throw ValidationError("--margin must be a percentage above 0") }
        default:
            throw ValidationError("give either --size, or --confidence and --margin")
        }
    }

    func run(in context: CommandContext) throws {
        let loaded = try WorkspaceContext.load(workspace.directory, context: context)
        let data = try MeasureData.load(loaded, directory: workspace.directory, context: context, period: nil)
        guard let log = data.log else {
            context.console.emit(.error("the manifest's 'measures:' names no complaint log ('complaints:')", at: nil))
            throw ExitStatus.noInput
        }
        let seed = self.seed ?? loaded.workspace.manifest.assessmentDate.description
        let low = from.map { Int32($0.dayNumber) } ?? Int32.min
        let high = to.map { Int32($0.dayNumber) } ?? Int32.max
        let population = log.complaints.lazy.filter { $0.received >= low && $0.received <= high }.count
        let n: Int
        if let size {
            n = size
        } else if let confidence, let margin, let z = AuditSample.z(confidence: confidence) {
            n = AuditSample.size(z: z, marginPercent: margin, population: population)
        } else {
            throw ExitStatus.usage
        }
        let stratum: ((Complaint) -> String)? = by.map { field in
            { complaint in
                switch field {
                case .channel: log.name(complaint.channel) ?? ""
                case .category: log.name(complaint.category) ?? ""
                case .site: log.name(complaint.site) ?? ""
                case .outcome: complaint.outcome?.rawValue ?? ""
                case .stage: complaint.stage == 0 ? "" : String(complaint.stage)
                case .satisfaction: complaint.satisfaction == 0 ? "" : String(complaint.satisfaction)
                }
            }
        }
        let sample = AuditSample(log: log, size: n, seed: seed, from: from, to: to, stratum: stratum)
        let view = AuditSampleView(sample: sample, log: log, seed: seed, by: by?.rawValue)
        let text: String =
            switch format {
            case .csv: view.csv()
            case .md: view.markdown()
            case .json: view.json().serialized()
            }
        try OutputTarget.write(text, to: output.out, context: context)
    }
}
