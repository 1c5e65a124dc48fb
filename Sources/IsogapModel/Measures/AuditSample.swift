/// Reproducible sampling of complaint cases for internal audits (SPEC §12).
///
/// Complaints are ranked by the SHA-256 of `"<seed>:<id>"` (hex, ascending), so the sample
/// depends on the seed and the ids only, never on the order of the file.
public struct AuditSample: Sendable, Hashable {
    /// One stratum: a value of the `--by` column, its complaints in range and how many are drawn.
    public struct Stratum: Sendable, Hashable {
        public var value: String
        public var count: Int
        public var size: Int
    }

    /// Complaints in range.
    public var population: Int
    public var size: Int
    public var strata: [Stratum]
    /// Indexes into the log's complaints, in rank order (stratum by stratum when stratified).
    public var selected: [Int]

    /// `z` for the confidence levels `sample` accepts.
    public static func z(confidence: Int) -> Double? {
        switch confidence {
        case 90: 1.645
        case 95: 1.960
        case 99: 2.576
        default: nil
        }
    }

    /// n₀ = z²·0.25/(e/100)², n = ⌈n₀ / (1 + (n₀−1)/N)⌉ (the finite-population correction).
    public static func size(z: Double, marginPercent: Double, population: Int) -> Int {
        guard population > 0, marginPercent > 0 else { return 0 }
        let e = marginPercent / 100
        let n0 = z * z * 0.25 / (e * e)
        let n = n0 / (1 + (n0 - 1) / Double(population))
        // A tiny tolerance keeps a value such as 384.0000000001 from rounding up to 385.
        return min(population, Int((n - 1e-9).rounded(.up)))
    }

    /// The rank key of a complaint.
    public static func rank(seed: String, id: String) -> String {
        SHA256.hex(of: Array("\(seed):\(id)".utf8))
    }

    /// Draws `size` complaints (all when `size` exceeds them) from those received in
    /// `from...to`, in proportion to the values of `stratum` when it is given.
    public init(
        log: ComplaintLog, size requested: Int, seed: String, from: CalendarDate?, to: CalendarDate?,
        stratum: ((Complaint) -> String)? = nil
    ) {
        let low = from.map { Int32($0.dayNumber) } ?? Int32.min
        let high = to.map { Int32($0.dayNumber) } ?? Int32.max
        let inRange = log.complaints.indices.filter {
            let received = log.complaints[$0].received
            return received >= low && received <= high
        }
        population = inRange.count
        let size = min(max(0, requested), inRange.count)
        self.size = size
        func ranked(_ indices: [Int]) -> [Int] {
            var keyed: [(rank: String, index: Int)] = indices.map { index in
                (AuditSample.rank(seed: seed, id: log.complaints[index].id), index)
            }
            keyed.sort { a, b in a.rank != b.rank ? a.rank < b.rank : a.index < b.index }
            return keyed.map(\.index)
        }
        guard let stratum else {
            strata = []
            selected = Array(ranked(inRange).prefix(size))
            return
        }
        // Strata in bytewise order of their values.
        var groups: [String: [Int]] = [:]
        for index in inRange { groups[stratum(log.complaints[index]), default: []].append(index) }
        let values = groups.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        // ⌊n·count/N⌋ each, the remainder to the largest fractional parts (ties by value).
        let total = inRange.count
        var allocation = values.map { value -> (value: String, count: Int, size: Int, remainder: Int) in
            let count = groups[value]?.count ?? 0
            let product = size * count
            return (value, count, total > 0 ? product / total : 0, total > 0 ? product % total : 0)
        }
        var left = size - allocation.reduce(0) { $0 + $1.size }
        let order = allocation.indices.sorted {
            allocation[$0].remainder != allocation[$1].remainder
                ? allocation[$0].remainder > allocation[$1].remainder : $0 < $1
        }
        for index in order where left > 0 {
            allocation[index].size += 1
            left -= 1
        }
        strata = allocation.map { Stratum(value: $0.value, count: $0.count, size: $0.size) }
        selected = allocation.flatMap { entry in ranked(groups[entry.value] ?? []).prefix(entry.size) }
    }
}
