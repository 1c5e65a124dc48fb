internal import IsogapDiagnostics
public import IsogapModel
internal import IsogapYAML

/// Reads a KPI file (`kpis.yaml`, `kind: kpis`, SPEC §12).
///
/// `known` lists the requirements (`checklist:requirement`) a KPI may support; others are errors.
public enum KPILoader {
    /// Keys of a mapping read once per item, prepared once.
    static let kpiKeys: YAMLKeyNames = ["id", "measure", "title", "target", "better", "min_n", "supports"]

    public static func load(_ bytes: some Collection<UInt8>, file: String, known: Set<RequirementKey>? = nil) -> Loaded<
        KPISet
    > {
        load(ParsedDocument(bytes, file: file), known: known)
    }

    /// Loads a document already parsed, without parsing it again.
    public static func load(_ document: ParsedDocument, known: Set<RequirementKey>? = nil) -> Loaded<KPISet> {
        DocumentLoading.load(document, kind: .kpis) { decoder, root -> KPISet in
            guard
                let fields = decoder.fields(
                    root, allowed: ["isogap", "kind", "targets", "kpis"], required: ["kpis"], what: "the KPI file")
            else { return KPISet() }
            var targets = MeasureTargets()
            if let node = fields["targets"], !node.isNull,
                let target = decoder.fields(
                    node, allowed: ["ack_days", "resolution_days", "repeat_window_days"], what: "the targets")
            {
                func days(_ key: String, _ value: inout Int) {
                    guard let number = decoder.optional(target, key, { $0.integer($1, $2) }) else { return }
                    if number < 0, let node = target[key] {
                        decoder.error("'\(key)' must be 0 or more", at: node)
                    } else {
                        value = number
                    }
                }
                days("ack_days", &targets.ackDays)
                days("resolution_days", &targets.resolutionDays)
                days("repeat_window_days", &targets.repeatWindowDays)
            }
            var seen: Set<String> = []
            let measures = KPI.complaintMeasures + KPI.surveyMeasures
            let kpis = decoder.items(fields, "kpis") { decoder, node -> KPI? in
                guard
                    let kpi = decoder.fields(
                        node, allowed: kpiKeys,
                        required: ["id", "measure", "title", "target", "better", "min_n"], what: "a KPI")
                else { return nil }
                let id = decoder.required(kpi, "id") { $0.nonEmptyString($1, $2) } ?? ""
                if let idNode = kpi["id"], !id.isEmpty, !seen.insert(id).inserted {
                    decoder.error("duplicate KPI id '\(id)'", at: idNode)
                }
                let measure = decoder.required(kpi, "measure") { $0.nonEmptyString($1, $2) } ?? ""
                if let node = kpi["measure"], !measure.isEmpty, !measures.contains(measure) {
                    var message = "unknown measure '\(measure)'"
                    if let suggestion = Suggestion.closest(to: measure, in: measures) {
                        message += "; did you mean '\(suggestion)'?"
                    }
                    decoder.error(message, at: node)
                }
                let minN = decoder.required(kpi, "min_n") { $0.integer($1, $2) } ?? 0
                if let node = kpi["min_n"], minN < 1 { decoder.error("'min_n' must be 1 or more", at: node) }
                let supports = decoder.items(kpi, "supports") { decoder, node -> RequirementKey? in
                    guard let text = decoder.nonEmptyString(node, "supports") else { return nil }
                    let key = RequirementKey(text)
                    if let known, key.map(known.contains) != true {
                        decoder.error(
                            "'\(text)' is not a requirement of a known checklist; write checklist-id:requirement-id",
                            at: node)
                    } else if key == nil {
                        decoder.error("'\(text)' is not written checklist-id:requirement-id", at: node)
                    }
                    return key
                }
                return KPI(
                    id: id, measure: measure,
                    title: decoder.required(kpi, "title") { $0.localizedText($1, $2) } ?? LocalizedText(""),
                    target: decoder.required(kpi, "target") { $0.number($1, $2) } ?? 0,
                    better: decoder.required(kpi, "better") { $0.choice($1, $2, as: KPI.Better.self) } ?? .higher,
                    minN: minN, supports: supports.compactMap { $0 })
            }
            return KPISet(targets: targets, kpis: kpis.compactMap { $0 })
        }
    }
}
