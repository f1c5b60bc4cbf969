import CNN
import Foundation

/// A normalisation layer read from what it is and how PyTorch prints it (`GroupNorm(4, 16,
/// eps=1e-05, affine=True, bias=True)`): its kind, which of its arguments is the channels and
/// which the groups or the normalised shape, whether it learns a scale and a shift, and whether it
/// keeps running statistics. `GroupNorm(num_groups, num_channels)` takes its groups first: read by
/// position as a convolution's two channel counts, it would be misread.
struct NormLayer: Hashable, Sendable {
    /// Over which values a normalisation layer takes its mean and variance.
    enum Kind: String, Hashable, Sendable {
        /// `BatchNorm1d`, `BatchNorm2d`: each channel over the batch and the positions.
        case batch
        /// `GroupNorm`: each image's channels in groups, over the group's channels and positions.
        case group
        /// `LayerNorm`: each sample over its last dimensions (`normalized_shape`).
        case layer
        /// `InstanceNorm1d`, `InstanceNorm2d`: each image's channels one by one, over positions.
        case instance
    }

    var kind: Kind
    /// The type as printed (`BatchNorm2d`, `GroupNorm`).
    var type: String
    /// The channels (features) its statistics and its scale and shift are per: `num_features`,
    /// `num_channels`, or the first size of a LayerNorm's `normalized_shape`.
    var channels: Int
    /// A GroupNorm's `num_groups`; 0 for the other kinds.
    var groups = 0
    /// A LayerNorm's `normalized_shape`; empty for the other kinds.
    var shape: [Int] = []
    /// Whether it learns a scale (`weight`).
    var scale: Bool
    /// Whether it learns a shift (`bias`).
    var shift: Bool
    /// Whether it keeps a running mean and variance (buffers, not parameters).
    var runningStatistics: Bool

    /// The number of values its scale (and its shift) has: the channels, or every element of a
    /// LayerNorm's normalised shape.
    var elements: Int { kind == .layer ? shape.reduce(1, *) : channels }

    /// `elements` as a count writes it: a LayerNorm's normalised sizes multiplied (`8 * 3 * 3`),
    /// else the channels.
    var elementsFormula: String {
        kind == .layer && shape.count > 1 ? shape.map(String.init).joined(separator: " * ") : "\(elements)"
    }

    /// Its learned parameters: a scale and a shift per element, as the flags say.
    var parameterCount: Int { (scale ? elements : 0) + (shift ? elements : 0) }

    /// The layer's reading; nil when it is no normalisation layer this reads (or its settings
    /// cannot be read).
    init?(_ layer: any Layer) {
        self.init(type: layer.typeName, settings: layer.settingsDescription)
        let names = Set(layer.ownParameters.map(\.name))
        scale = names.contains("weight")
        shift = names.contains("bias")
    }

    /// The reading of a layer printed `type(settings)`; nil for a type that is no normalisation
    /// layer read here.
    init?(type: String, settings text: String) {
        guard let kind = Self.kind(of: type) else { return nil }
        let settings = Self.named(type: type, LayerSettings.split(text))
        let value = { (name: String) in settings.first { $0.0 == name }?.1 }
        let flag = { (name: String, otherwise: Bool) in value(name).map { $0 == "True" } ?? otherwise }
        self.kind = kind
        self.type = type
        switch kind {
        case .group:
            guard let groups = value("num_groups").flatMap({ Int($0) }),
                let channels = value("num_channels").flatMap({ Int($0) })
            else { return nil }
            self.groups = groups
            self.channels = channels
        case .layer:
            guard let shape = value("normalized_shape").flatMap(LayerSettings.integers),
                let first = shape.first
            else { return nil }
            self.shape = shape
            channels = first
        case .batch, .instance:
            guard let channels = value("num_features").flatMap({ Int($0) }) else { return nil }
            self.channels = channels
        }
        let affine = kind == .layer ? flag("elementwise_affine", true) : flag("affine", kind != .instance)
        scale = affine
        shift = affine && flag("bias", true)
        runningStatistics = flag("track_running_stats", kind == .batch)
    }

    /// The kind of a normalisation layer's type; nil for any other layer.
    static func kind(of type: String) -> Kind? {
        if type.hasPrefix("BatchNorm") { return .batch }
        if type == "GroupNorm" { return .group }
        if type == "LayerNorm" { return .layer }
        if type.hasPrefix("InstanceNorm") { return .instance }
        return nil
    }

    /// The names of a normalisation layer's positional arguments, in PyTorch's order; nil for any
    /// other layer.
    static func positionalNames(of type: String) -> [String]? {
        switch kind(of: type) {
        case .group: ["num_groups", "num_channels"]
        case .layer: ["normalized_shape"]
        case .batch, .instance: ["num_features"]
        case nil: nil
        }
    }

    /// A normalisation layer's settings with their positional values named as PyTorch names them
    /// (`4, 16` of a GroupNorm are `num_groups=4`, `num_channels=16`).
    static func named(type: String, _ split: LayerSettings.Split) -> [(String, String)] {
        let names = positionalNames(of: type) ?? []
        let positional = zip(names, split.positional).map { ($0, $1) }
        return positional + split.named
    }
}

/// A layer's settings as printed (`16, 32, kernel_size=(1, 1), stride=(2, 2)`): its positional
/// values and its named ones, split at the commas outside brackets.
enum LayerSettings {
    struct Split {
        var positional: [String] = []
        var named: [(String, String)] = []
    }

    /// The settings' parts, positional and named.
    static func split(_ text: String) -> Split {
        var parts: [String] = []
        var depth = 0
        var current = ""
        for character in text {
            if character == "(" || character == "[" { depth += 1 }
            if character == ")" || character == "]" { depth -= 1 }
            if character == ",", depth == 0 {
                parts.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.trimmingCharacters(in: .whitespaces).isEmpty {
            parts.append(current.trimmingCharacters(in: .whitespaces))
        }
        var split = Split()
        for part in parts {
            if let equals = part.firstIndex(of: "=") {
                split.named.append((String(part[..<equals]), String(part[part.index(after: equals)...])))
            } else {
                split.positional.append(part)
            }
        }
        return split
    }

    /// The whole numbers of a printed tuple or number (`(8, 3, 3)`, `(72,)`, `72`); nil when it is
    /// anything else.
    static func integers(_ text: String) -> [Int]? {
        let inner = text.trimmingCharacters(in: CharacterSet(charactersIn: "()[] "))
        let numbers = inner.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        let values = numbers.compactMap { Int($0) }
        return values.count == numbers.count && !values.isEmpty ? values : nil
    }
}
