public import IsogapModel

/// The audit sample as a checklist for the internal auditor: the sampled complaints with their
/// fields and a blank result column (csv, md, json).
public struct AuditSampleView: Sendable {
    public var sample: AuditSample
    public var log: ComplaintLog
    public var seed: String
    public var by: String?

    public init(sample: AuditSample, log: ComplaintLog, seed: String, by: String?) {
        self.sample = sample
        self.log = log
        self.seed = seed
        self.by = by
    }

    static let columns = [
        "id", "received", "acknowledged", "responded", "closed", "channel", "category", "site", "outcome", "stage",
        "reopened", "customer", "satisfaction", "action",
    ]

    func fields(_ complaint: Complaint) -> [String] {
        func date(_ day: Int32) -> String { day == Complaint.none ? "" : CalendarDate(dayNumber: Int(day)).description }
        return [
            complaint.id, date(complaint.received), date(complaint.acknowledged), date(complaint.responded),
            date(complaint.closed), log.name(complaint.channel) ?? "", log.name(complaint.category) ?? "",
            log.name(complaint.site) ?? "", complaint.outcome?.rawValue ?? "",
            complaint.stage == 0 ? "" : String(complaint.stage), date(complaint.reopened),
            log.name(complaint.customer) ?? "", complaint.satisfaction == 0 ? "" : String(complaint.satisfaction),
            complaint.action ?? "",
        ]
    }

    public func csv() -> String {
        var writer = CSVWriter(header: ["#"] + Self.columns + ["result"])
        for (number, index) in sample.selected.enumerated() {
            writer.append([String(number + 1)] + fields(log.complaints[index]) + [""])
        }
        return writer.text
    }

    public func markdown() -> String {
        var lines = [
            "# Audit sample", "",
            "Seed `\(seed)`: \(sample.size) of \(sample.population) complaints, ranked by SHA-256 of \"seed:id\".", "",
        ]
        if let by {
            lines.append("| \(MarkdownText.escape(by)) | complaints | sampled |")
            lines.append("|---|---:|---:|")
            for stratum in sample.strata {
                lines.append("| \(MarkdownText.escape(stratum.value)) | \(stratum.count) | \(stratum.size) |")
            }
            lines.append("")
        }
        lines.append("| # | " + Self.columns.joined(separator: " | ") + " | result |")
        lines.append("|---:|" + Self.columns.map { _ in "---|" }.joined() + "---|")
        for (number, index) in sample.selected.enumerated() {
            lines.append(
                "| \(number + 1) | " + fields(log.complaints[index]).map(MarkdownText.escape).joined(separator: " | ")
                    + " |  |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public func json() -> JSONValue {
        .object([
            ("isogap", .number(1)),
            ("seed", .string(seed)),
            ("population", .integer(sample.population)),
            ("size", .integer(sample.size)),
            ("by", .string(by)),
            (
                "strata",
                .array(
                    sample.strata.map {
                        .object([
                            ("value", .string($0.value)), ("count", .integer($0.count)), ("size", .integer($0.size)),
                        ])
                    })
            ),
            (
                "sample",
                .array(
                    sample.selected.map { index in
                        .object(
                            zip(Self.columns, fields(log.complaints[index])).map { ($0, .string($1)) } + [
                                ("result", .string(""))
                            ])
                    })
            ),
        ])
    }
}
