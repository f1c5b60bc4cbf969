import AnswerLanguage
import CNN
import Foundation
import Wording

/// Networks judged by what they compute: a model answer must compute the reference's function,
/// not merely have its output shape and parameter count. With the reference's weights copied into
/// the answer (when their parameters line up), both run on a probe batch that includes negative
/// values — a ReLU on a shortcut or a missing skip changes the output there, while zeros would hide
/// it. When they differ, a structural comparison names the first layer that differs.
extension Comparer {
    /// A deterministic probe of `shape`: values spread over [−2, 2], negative and positive.
    static func probe(_ shape: [Int]) throws -> Tensor {
        let count = shape.reduce(1, *)
        let values = (0..<count).map { 2 * sin(Double($0) * 1.618 + 0.5) }
        return try Tensor(values, shape: shape)
    }

    /// Whether `answer` computes what `reference` computes on the probe once it holds the
    /// reference's weights; nil when their parameters do not line up (other shapes or counts) or
    /// either cannot run. Both run through the session, so a network written as a class runs its
    /// `forward` as it would for the learner. The answer's own weights are put back afterwards.
    func sameBehaviour(_ answer: Value, _ reference: Value, input shape: [Int]) -> Bool? {
        guard case .module(let mine) = answer, case .module(let theirs) = reference else { return nil }
        let own = mine.parameters()
        let given = theirs.parameters()
        guard own.count == given.count, zip(own, given).allSatisfy({ $0.shape == $1.shape }) else {
            return nil
        }
        guard mine !== theirs else { return true }
        let saved = own.map(\.value)
        let names = ["grader_probe_", "grader_answer_", "grader_reference_"]
        defer {
            for (parameter, value) in zip(own, saved) { try? parameter.assign(value) }
            for name in names { session.interpreter.unbind(name) }
        }
        do {
            for (parameter, source) in zip(own, given) { try parameter.assign(source.value) }
            session.interpreter.bind(names[0], .tensor(try Self.probe(shape)))
            session.interpreter.bind(names[1], answer)
            session.interpreter.bind(names[2], reference)
            guard case .tensor(let a) = try session.evaluate("\(names[1])(\(names[0]))"),
                case .tensor(let b) = try session.evaluate("\(names[2])(\(names[0]))")
            else { return nil }
            guard a.shape == b.shape else { return false }
            return NumericArray(shape: a.shape, values: a.scalarsAsDoubles()).isClose(
                to: NumericArray(shape: b.shape, values: b.scalarsAsDoubles()),
                rtol: max(exercise.tolerance.rtol, 1e-4), atol: max(exercise.tolerance.atol, 1e-5))
        } catch {
            return nil
        }
    }

    /// The first difference between two networks' layers, in call order: a layer one has and
    /// the other lacks, or a layer whose settings differ (which setting, not its value: the
    /// reference's settings are not given away). Nil when their layers are alike.
    /// `input` is the shape the networks run on: a first layer expecting other input channels
    /// than it has is said as such (`inChannels`).
    static func structuralDifference(_ answer: any Layer, _ reference: any Layer, input: [Int]? = nil)
        -> NetworkDifference?
    {
        let functional = hasClassLayer(answer) || hasClassLayer(reference)
        let a = leaves(answer, functional: functional)
        let b = leaves(reference, functional: functional)
        // Several layers more or fewer: a deeper or shallower network, not one odd layer. Depth
        // counts the layers with weights as a network's name does (ResNet-20's 20): a
        // normalisation layer's scale and shift are no layer of their own.
        let weighted = { (layers: [(name: String, layer: any Layer)]) in
            layers.filter { !$0.layer.ownParameters.isEmpty && !Self.normalises($0.layer.typeName) }.count
        }
        if abs(a.count - b.count) > 1, weighted(a) != weighted(b) {
            return .layerCount(answer: weighted(a), reference: weighted(b))
        }
        var index = 0
        while index < a.count, index < b.count {
            let (mine, theirs) = (a[index], b[index])
            if mine.layer.typeName != theirs.layer.typeName {
                if let moved = movedLayer(a, b, at: index) { return moved }
                if index + 1 < a.count, a[index + 1].layer.typeName == theirs.layer.typeName {
                    return .extra(
                        type: mine.layer.typeName, after: index > 0 ? a[index - 1].layer.typeName : nil)
                }
                if index + 1 < b.count, b[index + 1].layer.typeName == mine.layer.typeName {
                    return .missing(
                        type: theirs.layer.typeName, after: index > 0 ? a[index - 1].layer.typeName : nil)
                }
                return .replaced(answer: mine.layer.typeName, reference: theirs.layer.typeName)
            }
            let type = mine.layer.typeName
            let own = settings(of: mine.layer)
            let given = settings(of: theirs.layer)
            let names = differingSettings(own, given)
            if !names.isEmpty {
                // What arrives at the layer: the input's channels at the first layer; at a later
                // one (every layer before it alike), what the reference's same layer takes.
                let inName = names.first { Self.inNames.contains($0) }
                let arriving =
                    index == 0
                    ? input.flatMap { $0.count >= 2 ? $0[1] : nil } : inName.flatMap { Int(value(given, $0)) }
                if let inName, let arriving, let taken = Int(value(own, inName)), taken != arriving {
                    return .inChannels(type: type, path: mine.name, answer: taken, arriving: arriving)
                }
                // A GroupNorm's groups are no channels: said as the groups they make.
                if names.contains("num_groups"), let norm = NormLayer(mine.layer), norm.groups > 0 {
                    return .normGroups(
                        type: type, path: mine.name, groups: norm.groups, channels: norm.channels)
                }
                // A setting a layer prints only when it is not its default: absent, it is that.
                let values = names.compactMap { name -> String? in
                    let written = value(own, name)
                    guard let shown = written.isEmpty ? Self.defaults[name] : written else { return nil }
                    return "\(name)=\(shown)"
                }
                return .settings(
                    type: type, path: mine.name, names: names,
                    values: values.count == names.count ? values : [])
            }
            index += 1
        }
        if a.count > b.count { return .extra(type: a[b.count].layer.typeName, after: b.last?.layer.typeName) }
        if b.count > a.count {
            return .missing(type: b[a.count].layer.typeName, after: a.last?.layer.typeName)
        }
        return nil
    }

    /// Whether a layer of `type` normalises (`BatchNorm2d`, `LayerNorm`, `GroupNorm` …): its
    /// weights scale and shift what the layer before it computed.
    static func normalises(_ type: String) -> Bool {
        ["BatchNorm", "LayerNorm", "GroupNorm", "InstanceNorm", "LocalResponseNorm"].contains {
            type.hasPrefix($0)
        }
    }

    /// The answer's layers are the reference's with one layer moved: at `index`, the first place
    /// they differ, the answer's layer stands where the reference has another, and taking it out
    /// of both (the reference's next one of its type) leaves the same layers in the same order.
    /// A layer moved is not a layer extra or missing: said as the order it comes in.
    private static func movedLayer(
        _ a: [(name: String, layer: any Layer)], _ b: [(name: String, layer: any Layer)], at index: Int
    ) -> NetworkDifference? {
        guard a.count == b.count else { return nil }
        let mine = a.map(\.layer.typeName)
        let theirs = b.map(\.layer.typeName)
        // The answer's layer moved earlier: it is found later in the reference.
        if let later = theirs[(index + 1)...].firstIndex(of: mine[index]) {
            var x = mine
            var y = theirs
            x.remove(at: index)
            y.remove(at: later)
            if x == y { return .moved(type: mine[index], before: theirs[index]) }
        }
        // The reference's layer moved later in the answer: the answer's layer at `index` comes
        // before it there, where the reference has it after.
        if let later = mine[(index + 1)...].firstIndex(of: theirs[index]) {
            var x = mine
            var y = theirs
            x.remove(at: later)
            y.remove(at: index)
            if x == y { return .moved(type: mine[index], before: theirs[index]) }
        }
        return nil
    }

    /// The layers without sub-layers, in call order. A network written as a class may apply
    /// its activations as functions (`F.relu`), which no layer shows: its parameter-free layers are
    /// then left out of the comparison rather than misread.
    private static func leaves(_ network: any Layer, functional: Bool = false) -> [(
        name: String, layer: any Layer
    )] {
        // A weightless shortcut (an Identity, a zero-padding shortcut) is a connection, said by
        // the skip checks, not a layer "after its BatchNorm2d".
        network.namedLayers.filter {
            $0.layer.children.isEmpty && (!functional || !$0.layer.ownParameters.isEmpty)
                && !Self.isWeightlessShortcut($0.layer)
        }
    }

    /// Whether `layer` is a shortcut that holds no weights: what it does is the skip connection.
    private static func isWeightlessShortcut(_ layer: any Layer) -> Bool {
        layer.ownParameters.isEmpty && (layer.typeName == "Identity" || layer.typeName.hasSuffix("Shortcut"))
    }

    /// Whether a network has a layer written as a class in the answer language.
    private static func hasClassLayer(_ network: any Layer) -> Bool {
        network.namedLayers.contains { String(describing: type(of: $0.layer)) == "UserModule" }
    }

    /// The names of the setting a layer's input size is said by (`in_channels` for a convolution
    /// or a block, `in_features` for a linear layer, `num_channels` for a GroupNorm,
    /// `num_features` for a BatchNorm or an InstanceNorm).
    private static let inNames: Set<String> = ["in_channels", "in_features", "num_channels", "num_features"]

    /// The values of the settings a layer leaves out of its description when they are PyTorch's
    /// defaults (`Conv2d` prints no `padding=0`).
    private static let defaults: [String: String] = [
        "padding": "0", "dilation": "1", "groups": "1", "padding_mode": "zeros",
    ]

    /// A setting's value as written (`(2, 2)`), or "" when the layer has none by that name.
    private static func value(_ settings: [(String, String)], _ name: String) -> String {
        settings.first { $0.0 == name }?.1 ?? ""
    }

    /// The names of the settings that differ (`kernel_size`, `stride`, `in_channels`…), from two
    /// layers' settings.
    private static func differingSettings(_ x: [(String, String)], _ y: [(String, String)]) -> [String] {
        var names: [String] = []
        for key in (x.map(\.0) + y.map(\.0)) where !names.contains(key) {
            if x.first(where: { $0.0 == key })?.1 != y.first(where: { $0.0 == key })?.1 { names.append(key) }
        }
        return names
    }

    /// `16, 32, kernel_size=(1, 1), stride=(2, 2)` as (name, value) pairs. A normalisation
    /// layer's positional values are named as PyTorch names them (`GroupNorm(4, 16)`: num_groups,
    /// num_channels); of any other layer, two positional values are its input and output channels
    /// (a convolution, a block), others its channels.
    private static func settings(of layer: any Layer) -> [(String, String)] {
        let split = LayerSettings.split(layer.settingsDescription)
        if NormLayer.positionalNames(of: layer.typeName) != nil {
            return NormLayer.named(type: layer.typeName, split)
        }
        let (positional, named) = (split.positional, split.named)
        switch positional.count {
        case 0: return named
        case 2: return [("in_channels", positional[0]), ("out_channels", positional[1])] + named
        default: return [("channels", positional.joined(separator: ", "))] + named
        }
    }
}

/// How a network's layers differ from the reference's.
enum NetworkDifference: Equatable {
    /// The answer has a layer of `type` (after a layer of type `after`) the reference does not.
    case extra(type: String, after: String?)
    /// The answer lacks the reference's layer of `type`.
    case missing(type: String, after: String?)
    /// The reference's layers in another order: the answer's `type` comes before a `before`
    /// that the reference has it after.
    case moved(type: String, before: String)
    /// A layer of another type where the reference has `reference`.
    case replaced(answer: String, reference: String)
    /// A layer of `type` (at `path` in the network, "" for the network itself) whose settings
    /// `names` differ; `values` are the answer's, as written (`stride=(4, 4)`), or empty when
    /// some cannot be said.
    case settings(type: String, path: String, names: [String], values: [String])
    /// A layer of `type` taking `answer` input channels (or features) where `arriving` arrive: the
    /// first layer that differs, so the layers before it pass on what the reference's do.
    case inChannels(type: String, path: String, answer: Int, arriving: Int)
    /// A GroupNorm (at `path`) normalising its `channels` channels in `groups` groups, where the
    /// reference's groups differ.
    case normGroups(type: String, path: String, groups: Int, channels: Int)
    /// The same layers, connected differently (the outputs differ on the same weights).
    case connection
    /// Another number of layers with weights.
    case layerCount(answer: Int, reference: Int)

    /// The numbers a finding about it carries.
    var numbers: [String: Double] {
        switch self {
        case .inChannels(_, _, let answer, let arriving):
            ["answer": Double(answer), "arriving": Double(arriving)]
        case .layerCount(let answer, let reference):
            ["answer": Double(answer), "reference": Double(reference)]
        case .normGroups(_, _, let groups, let channels):
            ["groups": Double(groups), "channels": Double(channels)]
        default: [:]
        }
    }

    /// The finding's id.
    var id: String {
        switch self {
        case .extra: "extra-layer"
        case .missing: "missing-layer"
        case .moved: "layer-order"
        case .replaced: "replaced-layer"
        case .settings: "layer-settings"
        case .inChannels: "layer-input-channels"
        case .normGroups: "norm-groups"
        case .connection: "connection"
        case .layerCount: "layer-count"
        }
    }
}

extension GradingText {
    /// What differs between the learner's network and the reference's.
    func network(_ difference: NetworkDifference) -> Phrase {
        switch difference {
        case .extra(let type, let after?): say(.networkExtraAfter, ["type": type, "after": after])
        case .extra(let type, nil): say(.networkExtra, ["type": type])
        case .missing(let type, let after?): say(.networkMissingAfter, ["type": type, "after": after])
        case .missing(let type, nil): say(.networkMissing, ["type": type])
        case .moved(let type, let before): say(.networkMoved, ["type": type, "before": before])
        case .replaced(let answer, let reference):
            say(.networkReplaced, ["answer": answer, "reference": reference])
                + normalisations(answer, reference)
        case .settings(let type, let path, let names, let values) where values.isEmpty:
            say(.networkSettingNames, ["layer": layer(type, path), "names": names.joined(separator: ", ")])
        case .settings(let type, let path, _, let values):
            say(.networkSettings, ["layer": layer(type, path), "settings": values.joined(separator: ", ")])
        case .inChannels(let type, let path, let answer, let arriving):
            say(
                type == "Linear" ? .networkInFeatures : .networkInChannels,
                ["layer": layer(type, path), "answer": answer, "arriving": arriving])
        case .normGroups(let type, let path, let groups, let channels):
            say(
                .networkNormGroups,
                [
                    "layer": layer(type, path), "groups": groups, "channels": channels,
                    "size": channels / max(groups, 1),
                    "form": groups == 1 ? "layer" : groups == channels ? "instance" : "groups",
                ])
        case .connection: say(.networkConnection)
        case .layerCount(let answer, let reference):
            say(.networkLayerCount, ["answer": answer, "reference": reference])
        }
    }

    /// Over what each of two normalisation layers of other kinds takes its statistics (a
    /// BatchNorm2d where the reference has a GroupNorm); empty unless both normalise, otherwise.
    private func normalisations(_ answer: String, _ reference: String) -> Phrase {
        guard let mine = NormLayer.kind(of: answer), let theirs = NormLayer.kind(of: reference),
            mine != theirs
        else { return .empty }
        let key = { (kind: NormLayer.Kind) -> GradingKey in
            switch kind {
            case .batch: .normOverBatch
            case .group: .normInGroups
            case .layer: .normOverLastDimensions
            case .instance: .normPerChannel
            }
        }
        return say(key(mine), ["type": answer]) + say(key(theirs), ["type": reference])
    }

    /// A layer as a sentence names it: its type, and its place in the network when it is inside
    /// one (`Conv2d` \`layer1.0.conv1\`).
    private func layer(_ type: String, _ path: String) -> Phrase {
        path.isEmpty ? .verbatim(type) : say(.networkLayerAt, ["type": type, "path": path])
    }
}
