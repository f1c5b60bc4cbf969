extension Value {
    /// A dict's entries built key by key, as Python builds a dict: a key given again keeps its
    /// first place and takes the later value.
    ///
    /// Keys are found through a hash index, so building n entries is linear: finding each key by
    /// scanning the entries made `{str(i): i for i in range(10**5)}` quadratic (minutes).
    struct DictBuilder {
        /// The entries so far, each key once, in first-insertion order.
        private(set) var entries: [DictEntry]
        /// Where each key's entry is in `entries`.
        private var positions: [String: Int]

        /// A builder starting from `entries` (a dict's own, so each key is there once).
        init(_ entries: [DictEntry] = []) {
            self.entries = entries
            positions = Dictionary(
                entries.enumerated().map { ($0.element.key, $0.offset) },
                uniquingKeysWith: { first, _ in first })
        }

        /// Sets `key` to `value`: in place when the key is there, appended otherwise.
        mutating func set(_ key: String, _ value: Value) {
            if let index = positions[key] {
                entries[index].value = value
            } else {
                positions[key] = entries.count
                entries.append(DictEntry(key, value))
            }
        }

        /// The number of distinct keys so far.
        var count: Int { entries.count }
    }
}
