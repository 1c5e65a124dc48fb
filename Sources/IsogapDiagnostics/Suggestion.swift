/// "Did you mean" suggestions for misspelt keys and ids.
public enum Suggestion {
    /// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo.
    ///
    /// The work is bounded whatever the input: words longer than ``maxLength`` scalars get no
    /// suggestion, candidates whose length differs by more than the allowed distance are skipped
    /// unread, and the distance is computed only in a band around the diagonal, stopping as soon
    /// as it must exceed the limit.
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let length = word.unicodeScalars.count
        // Two-letter words are too short for a guess to be more help than noise; ids and keys are
        // never longer than `maxLength`, so a longer word is no typo of one.
        guard length >= 3, length <= maxLength else { return nil }
        let limit = max(1, min(3, word.count / 3))
        let lowered = Array(word.lowercased().unicodeScalars)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates where candidate != word {
            let other = candidate.unicodeScalars
            guard abs(other.count - length) <= limit, other.count <= maxLength + limit else { continue }
            let bound = min(limit, (best?.distance ?? .max) - 1)
            guard bound >= 0,
                let distance = editDistance(lowered, Array(candidate.lowercased().unicodeScalars), limit: bound)
            else { continue }
            best = (candidate, distance)
        }
        return best?.candidate
    }

    /// Words longer than this many Unicode scalars get no suggestion.
    public static let maxLength = 100

    /// A note text such as `did you mean 'weight'?`, or `nil` when nothing is close.
    public static func didYouMean(_ word: String, in candidates: some Sequence<String>) -> String? {
        closest(to: word, in: candidates).map { "did you mean '\($0)'?" }
    }

    /// Edit distance over Unicode scalars where swapping two neighbouring letters counts as one
    /// edit (optimal string alignment), since `levle` for `level` is one slip of the fingers.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        return editDistance(a, b, limit: max(a.count, b.count)) ?? max(a.count, b.count)
    }

    /// The edit distance of `a` and `b` if it is at most `limit`, else `nil`: only cells within
    /// `limit` of the diagonal are computed (a path outside the band costs more than `limit`), and
    /// the computation stops at the first row whose every cell exceeds `limit`. Time
    /// O(length × limit), memory O(length).
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int? {
        guard abs(a.count - b.count) <= limit else { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        let outside = limit + 1
        // Three rows: two back (for transpositions), one back, and the current one.
        var twoBack = [Int](repeating: outside, count: b.count + 1)
        var previous = [Int](repeating: outside, count: b.count + 1)
        var current = [Int](repeating: outside, count: b.count + 1)
        for j in 0...min(b.count, limit) { previous[j] = j }
        for i in 1...a.count {
            let low = max(1, i - limit), high = min(b.count, i + limit)
            // Only the band is written; the cells just outside it read as "too far".
            current[low - 1] = low == 1 && i <= limit ? i : outside
            if high < b.count { current[high + 1] = outside }
            var rowMinimum = current[low - 1]
            if low <= high {
                for j in low...high {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                    if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                        value = min(value, twoBack[j - 2] + 1)
                    }
                    current[j] = min(value, outside)
                    rowMinimum = min(rowMinimum, current[j])
                }
            }
            if rowMinimum > limit { return nil }
            (twoBack, previous, current) = (previous, current, twoBack)
        }
        let distance = previous[b.count]
        return distance <= limit ? distance : nil
    }
}
