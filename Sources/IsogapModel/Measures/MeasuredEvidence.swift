/// KPIs as evidence (SPEC §12 "KPIs and evidence"): a separate step that adds items to the
/// assessments before they are scored, so the scorer itself is unchanged.
public enum MeasuredEvidence {
    /// A KPI's reading against one requirement it supports (JSON `requirements[].measured`).
    public struct Reading: Sendable, Hashable {
        public var checklist: String
        public var requirement: String
        public var result: KPIResult
    }

    /// Every KPI reading per supported requirement, sufficient or not, in KPI order.
    public static func readings(_ results: [KPIResult]) -> [Reading] {
        results.flatMap { result in
            result.kpi.supports.map { key in
                Reading(checklist: key.checklist, requirement: key.requirement, result: result)
            }
        }
    }

    /// `assessments` with one `record` item added to each requirement a sufficient KPI supports:
    /// `KPI <id> <period>: <value> (n=<n>)`, dated the last day of the period or the wave's last
    /// answer. A requirement without a response gets one with no level (still not assessed).
    public static func apply(_ results: [KPIResult], to assessments: [Assessment]) -> [Assessment] {
        var assessments = assessments
        for reading in readings(results) where reading.result.sufficient {
            var item = EvidenceItem(type: .record, ref: reading.result.evidenceReference, date: reading.result.date)
            item.measured = true
            guard let index = assessments.firstIndex(where: { $0.checklist == reading.checklist }) else { continue }
            if let response = assessments[index].responses.firstIndex(where: { $0.requirement == reading.requirement })
            {
                assessments[index].responses[response].evidence.append(item)
            } else {
                assessments[index].responses.append(Response(requirement: reading.requirement, evidence: [item]))
            }
        }
        return assessments
    }

    /// KPIs that miss their target while a requirement they support claims level 3 or more:
    /// "data does not bear out the claim".
    public static func notBorneOut(_ results: [KPIResult], assessments: [Assessment]) -> [Reading] {
        readings(results).filter { reading in
            guard reading.result.met == false,
                let level = assessments.first(where: { $0.checklist == reading.checklist })?
                    .response(for: reading.requirement)?.level
            else { return false }
            return level >= 3
        }
    }
}
