import CNN

extension Value {
    /// The entries of a live `state_dict()` as they are now, nil for other values.
    var stateDictEntries: [Value.DictEntry]? {
        guard case .namespace(let namespace) = self, let layer = namespace.stateDictLayer else { return nil }
        return Builtins.stateDictEntries(layer)
    }

    /// A dict, or a live `state_dict()` read now as a dict; other values unchanged.
    var asDict: Value { stateDictEntries.map(Value.dict) ?? self }
}
