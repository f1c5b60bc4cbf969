/// "Did you mean …?" — the nearest known name to a misspelling, by edit distance.
enum Suggestions {
    /// The candidate closest to `name`, if it is close enough to be a plausible typo.
    ///
    /// Close enough means an edit distance of at most a third of the name's length (at least 1,
    /// at most 3), ignoring case; a one-letter name is only matched by the other case of its
    /// letter (`q` suggesting `F` told a newcomer nothing). Ties are broken so that the
    /// suggestion is the same on every run.
    static func nearest(to name: String, in candidates: some Sequence<String>) -> String? {
        let exact = Array(name.unicodeScalars)
        let target = Array(name.lowercased().unicodeScalars)
        let allowed = target.count == 1 ? 0 : min(3, max(1, target.count / 3))
        // Ranked by case-insensitive distance, then by exact distance (so `conv2` prefers
        // `conv2d` over `Conv2d`), then alphabetically.
        var best: (distance: Int, exactDistance: Int, name: String)?
        for candidate in Set(candidates) where candidate != name {
            let scalars = Array(candidate.lowercased().unicodeScalars)
            guard abs(scalars.count - target.count) <= allowed else { continue }
            let distance = editDistance(target, scalars)
            guard distance <= allowed else { continue }
            let exactDistance = editDistance(exact, Array(candidate.unicodeScalars))
            if let current = best,
                (current.distance, current.exactDistance, current.name) < (distance, exactDistance, candidate)
            {
                continue
            }
            best = (distance, exactDistance, candidate)
        }
        return best?.name
    }

    /// Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of two
    /// neighbours (the commonest typo, "covn2d") each cost 1.
    ///
    /// Complexity: O(*m*·*n*) time, O(*n*) memory.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, beforePrevious[j - 2] + 1)
                }
                current[j] = value
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
