import CNN
import Foundation

/// Layers with learned statistics, the course's network builders, data sets and `grad_norms`
/// (`train` itself is in `Builtins+Train.swift`).
extension Builtins {
    static let trainableModules: [Builtin] = [
        Builtin("Linear(in_features, out_features, bias=True)", "the layer x @ weight.T + bias") { call in
            .module(
                try Linear(
                    try call.int("in_features"), try call.int("out_features"), bias: try call.bool("bias"),
                    using: &call.evaluator.generator))
        },
        Builtin(
            "BatchNorm2d(num_features, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)",
            "the layer normalising each channel over the batch"
        ) { call in
            .module(
                try BatchNorm2d(
                    try call.int("num_features"), eps: try call.double("eps"),
                    momentum: try call.optionalDouble("momentum"),
                    affine: try call.bool("affine"), trackRunningStats: try call.bool("track_running_stats")))
        },
        Builtin("Dropout(p=0.5)", "the layer zeroing elements with probability p while training") { call in
            .module(try Dropout(p: try call.double("p"), using: &call.evaluator.generator))
        },
        Builtin(
            "ResidualBlock(in_channels, out_channels, stride=1, shortcut=None)",
            "conv-bn-relu-conv-bn plus a shortcut ('identity', 'projection' or 'zeropad'), then relu"
        ) { call in
            .module(
                try ResidualBlock(
                    try call.int("in_channels"), try call.int("out_channels"), stride: try call.int("stride"),
                    shortcut: try call.shortcut("shortcut"), using: &call.evaluator.generator))
        },
        Builtin(
            "PlainBlock(in_channels, out_channels, stride=1)", "a residual block without its shortcut"
        ) { call in
            .module(
                try PlainBlock(
                    try call.int("in_channels"), try call.int("out_channels"), stride: try call.int("stride"),
                    using: &call.evaluator.generator))
        },
    ]

    static let networks: [Builtin] = [
        Builtin(
            "deep_net(depth, width=32, input_size=64, num_classes=10, activation='sigmoid', init='default', skip=False)",
            "a deep fully connected classifier of depth Linear layers (for vanishing gradients)"
        ) { call in
            let activationName = try call.string("activation")
            guard let activation = Networks.Activation(rawValue: activationName) else {
                throw call.choice("activation", activationName, Networks.Activation.allCases.map(\.rawValue))
            }
            let initName = try call.string("init")
            guard let initialization = Networks.Initialization(rawValue: initName) else {
                throw call.choice("init", initName, Networks.Initialization.allCases.map(\.rawValue))
            }
            let depth = try call.networkDepth()
            return .module(
                try Networks.deepNet(
                    depth: depth, width: try call.int("width"), inputSize: try call.int("input_size"),
                    numClasses: try call.int("num_classes"), activation: activation,
                    initialization: initialization,
                    skip: try call.bool("skip"), using: &call.evaluator.generator))
        },
        Builtin(
            "resnet(depth, in_channels=3, num_classes=10, widths=(16, 32, 64), downsample='zeropad', plain=False)",
            "the CIFAR ResNet of depth 6n+2 (plain=True drops the shortcuts)"
        ) { call in
            guard let downsample = try call.shortcut("downsample") else {
                throw call.mismatch("downsample", .shortcut)
            }
            let depth = try call.networkDepth()
            return .module(
                try Networks.resnet(
                    depth: depth, inChannels: try call.int("in_channels"),
                    numClasses: try call.int("num_classes"),
                    widths: try call.intList("widths"), downsample: downsample, plain: try call.bool("plain"),
                    using: &call.evaluator.generator))
        },
        Builtin(
            "grad_norms(model, x, y)", "each weight layer's gradient norm for one batch, input side first"
        ) { call in
            let norms = try gradNorms(try call.module("model"), try call.tensor("x"), try call.tensor("y"))
            // Module paths ("2.1") mean little on a bar chart; "layer 1" … counts from the input,
            // which is what the vanishing-gradient lesson asks the learner to compare.
            return .dict(
                norms.enumerated().map { Value.DictEntry("layer \($0.offset + 1)", .float($0.element.norm)) })
        },
    ]

    static let dataSets: [Builtin] = [
        Builtin("digits()", "the 8×8 handwritten digits: ((train_x, train_y), (test_x, test_y))") { call in
            guard let directory = call.evaluator.options.dataDirectory else {
                throw LanguageError.said(.io, .noDataDirectory, at: call.range)
            }
            let digits = try Digits.load(from: directory.appendingPathComponent("digits-8x8/digits.csv"))
            return .tuple([try pair(digits.train), try pair(digits.test)])
        },
        synthetic("bars", "oriented one-pixel bars") { (count, size, noise, generator) throws(CNNError) in
            try SyntheticImages.bars(count: count, size: size, noise: noise, using: &generator)
        },
        synthetic("edges", "light/dark edges in three orientations") {
            (count, size, noise, generator) throws(CNNError) in
            try SyntheticImages.edges(count: count, size: size, noise: noise, using: &generator)
        },
        synthetic("shapes", "squares, crosses and circles") {
            (count, size, noise, generator) throws(CNNError) in
            try SyntheticImages.shapes(count: count, size: size, noise: noise, using: &generator)
        },
    ]

    /// `(images, labels)` of a data set.
    static func pair(_ dataset: Dataset) throws -> Value {
        let (images, labels) = try dataset.tensors()
        return .tuple([.tensor(images), .tensor(labels)])
    }

    static func synthetic(
        _ name: String, _ summary: String,
        _ make: @escaping @Sendable (Int, Int, Float, inout SeededGenerator) throws(CNNError) -> Dataset
    ) -> Builtin {
        Builtin("\(name)(count=256, size=8, noise=0.0)", "\(summary): (images, labels), seeded") { call in
            let count = try call.int("count")
            let size = try call.int("size")
            guard
                count.multipliedReportingOverflow(by: size * size).partialValue
                    <= call.evaluator.options.maxElements
            else {
                throw LanguageError.said(
                    .limit, .tooManyImages,
                    [
                        "function": name, "count": count, "size": size,
                        "limit": call.evaluator.options.maxElements,
                    ], at: call.range)
            }
            return try pair(
                try make(count, size, Float(try call.double("noise")), &call.evaluator.generator))
        }
    }
}

extension Call {
    /// `'identity'`, `'projection'`, `'zeropad'` (also `'zero_pad'`, `'A'`), or nil for `None`.
    func shortcut(_ name: String) throws(LanguageError) -> ResidualBlock.Shortcut? {
        guard let text = try optionalString(name) else { return nil }
        switch text.lowercased() {
        case "identity": return .identity
        case "projection", "b": return .projection
        case "zeropad", "zero_pad", "a": return .zeroPad
        default: throw choice(name, text, ["identity", "projection", "zeropad"])
        }
    }

    /// "activation must be one of 'relu', 'sigmoid' — got 'sigmod' (did you mean 'sigmoid'?)".
    func choice(_ name: String, _ given: String, _ options: [String]) -> LanguageError {
        let nearest = Suggestions.nearest(to: given, in: options)
        return LanguageError(
            .argument,
            .notAnOption(function: function, name: name, options: options, given: given, suggestion: nearest),
            at: range(of: name), suggestion: nearest)
    }

    /// The `depth` argument of a network builder, refused past the session's layer limit before
    /// any layer is made.
    func networkDepth() throws -> Int {
        let depth = try int("depth")
        if depth > evaluator.options.maxLayers {
            throw LanguageError.said(
                .limit, .networkTooDeep, ["depth": depth, "limit": evaluator.options.maxLayers],
                at: range(of: "depth"))
        }
        return depth
    }
}
