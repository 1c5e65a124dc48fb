/// The evidence items of a requirement score with the status of each, in source order.
///
/// The scorer keeps the response's own list of items (one reference, no item copied) and the
/// statuses packed three bits each into one word, so scoring a requirement allocates nothing for
/// its evidence. A longer list, or one set from outside, is kept as scored items.
struct ScoredEvidenceList: RandomAccessCollection, Sendable, Hashable {
    private enum Storage: Sendable {
        /// Item `i` has the status whose code is bits `3i ..< 3i + 3` of `statuses`.
        case packed(items: [EvidenceItem], statuses: UInt64)
        case list([ScoredEvidence])
    }

    private var storage: Storage

    /// The most items whose statuses fit in one word.
    private static let packedCapacity = UInt64.bitWidth / 3

    init(_ list: [ScoredEvidence]) {
        storage = .list(list)
    }

    /// `items`, each with the status `status` gives its index, asked once per item in source order.
    init(items: [EvidenceItem], status: (Int) -> EvidenceStatus) {
        guard items.count <= Self.packedCapacity else {
            storage = .list(items.indices.map { ScoredEvidence(item: items[$0], status: status($0)) })
            return
        }
        var statuses: UInt64 = 0
        for index in items.indices { statuses |= status(index).code << (3 * index) }
        storage = .packed(items: items, statuses: statuses)
    }

    var startIndex: Int { 0 }

    var endIndex: Int {
        switch storage {
        case .packed(let items, _): items.count
        case .list(let list): list.count
        }
    }

    subscript(position: Int) -> ScoredEvidence {
        switch storage {
        case .packed(let items, let statuses):
            ScoredEvidence(item: items[position], status: EvidenceStatus(code: statuses >> (3 * position) & 0b111))
        case .list(let list): list[position]
        }
    }

    /// The scored items as an array.
    var array: [ScoredEvidence] {
        switch storage {
        case .packed: Array(self)
        case .list(let list): list
        }
    }

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.elementsEqual(rhs)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for scored in self { hasher.combine(scored) }
    }
}

extension EvidenceStatus {
    /// A code in three bits, for ``ScoredEvidenceList``.
    fileprivate var code: UInt64 {
        switch self {
        case .valid: 0
        case .missing: 1
        case .changed: 2
        case .expired: 3
        case .future: 4
        case .stale: 5
        }
    }

    /// The status with this ``code``.
    fileprivate init(code: UInt64) {
        switch code {
        case 0: self = .valid
        case 1: self = .missing
        case 2: self = .changed
        case 3: self = .expired
        case 4: self = .future
        default: self = .stale
        }
    }
}
