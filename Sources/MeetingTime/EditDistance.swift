/// Levenshtein distance between `a` and `b` over Unicode scalars, giving up (returning
/// `limit + 1`) as soon as it must exceed `limit`. Used for "did you mean" suggestions.
public func editDistance(_ a: String, _ b: String, limit: Int) -> Int {
    let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
    if abs(a.count - b.count) > limit { return limit + 1 }
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var row = [i] + [Int](repeating: 0, count: b.count)
        for j in 1...b.count {
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        if row.min()! > limit { return limit + 1 }
        previous = row
    }
    return previous[b.count]
}

/// The candidate closest to `text` within a few edits, for "did you mean '…'?".
public func closest(to text: String, among candidates: [String]) -> String? {
    let limit = text.count <= 3 ? 1 : max(2, text.count / 3)
    return
        candidates
        .map { (name: $0, distance: editDistance(text.lowercased(), $0.lowercased(), limit: limit)) }
        .filter { $0.distance <= limit }
        .min { ($0.distance, $0.name) < ($1.distance, $1.name) }?.name
}
