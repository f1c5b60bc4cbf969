import Wording

/// The sentences of the engine's commonest refusals (catalog `engine-errors`), one per
/// `CNNError.Detail` case and its variants.
package enum EngineErrorKey: String, MessageKey {
    package static let catalog = "engine-errors"

    case inLayer, broadcast, matmul, convChannels, kernelLargerThanInput, dilatedKernelLargerThanInput
    case tooSmall, sameWithStride, reshape, dimensionOutOfRange, indexOutOfRange, linearFeatures
    case tooLarge, outOfMemory, timeLimit, tooMuchWork, cancelled
}

extension CNNError.Detail {
    /// The refusal in `language`, from the catalogs: names, shapes and sizes as placeholders, so
    /// a learner can match them against the line. English is `CNNError.message`.
    public func sentence(in language: Language) -> String {
        let key = EngineErrorKey.self
        switch self {
        case .inLayer(let name, let type, let inner):
            return language.say(
                key.inLayer, ["name": name, "type": type, "inner": inner.sentence(in: language)])
        case .broadcast(let a, let b, let sizes, let dimension):
            return language.say(
                key.broadcast, ["a": a, "b": b, "sizeA": sizes[0], "sizeB": sizes[1], "dimension": dimension])
        case .matmul(let a, let b, let inner):
            // The sizes PyTorch names: a vector operand counts as a 1-row or 1-column matrix.
            let rows = a.count >= 2 ? a[a.count - 2] : 1
            let columns = b.count >= 2 ? b[b.count - 1] : 1
            return language.say(
                key.matmul,
                [
                    "a": a, "b": b, "n": rows, "k": inner[0], "k2": inner[1], "m": columns,
                    "vector": b.count == 1 ? "yes" : "no",
                ])
        case .convChannels(let function, let input, let weight, let groups):
            let channels = input.count > 1 ? input[1] : 0
            // The weight's layout with only its in_channels known: `[?, 3, ?, ?]`.
            let expected =
                "[?, \(channels / max(groups, 1))" + String(repeating: ", ?", count: max(weight.count - 2, 0))
                + "]"
            return language.say(
                key.convChannels,
                [
                    "function": function, "input": input, "weight": weight, "expected": expected,
                    "groups": groups, "channels": channels,
                    "kernelNames": weight.count == 3 ? "kW" : "kH, kW",
                ])
        case .kernelLargerThanInput(let function, let kernel, let dilated, let padded):
            return language.say(
                dilated == nil ? key.kernelLargerThanInput : key.dilatedKernelLargerThanInput,
                [
                    "function": function, "kernel": MessageValue.extent(kernel),
                    "span": MessageValue.extent(dilated?.span ?? kernel),
                    "dilation": dilated.map(\.dilation.messageValue) ?? .integer(1),
                    "padded": MessageValue.extent(padded),
                ])
        case .tooSmall(let function, let argument, let minimum, let got):
            return language.say(
                key.tooSmall, ["function": function, "argument": argument, "minimum": minimum, "got": got])
        case .sameWithStride: return language.say(key.sameWithStride)
        case .reshape(let shape, let count, let from):
            return language.say(key.reshape, ["shape": shape, "count": count, "from": from])
        case .dimensionOutOfRange(let dim, let bound):
            return language.say(key.dimensionOutOfRange, ["dim": dim, "low": -bound, "high": bound - 1])
        case .indexOutOfRange(let index, let dimension, let size):
            return language.say(key.indexOutOfRange, ["index": index, "dimension": dimension, "size": size])
        case .linearFeatures(let inFeatures, let weight, let input):
            return language.say(
                key.linearFeatures, ["inFeatures": inFeatures, "weight": weight, "input": input])
        case .tooLarge(let shape, let elements, let limit):
            return language.say(key.tooLarge, ["shape": shape, "elements": elements, "limit": limit])
        case .outOfMemory(let requested, let inUse, let limit):
            return language.say(
                key.outOfMemory,
                [
                    "requested": MessageValue.bytes(requested), "inUse": MessageValue.bytes(inUse),
                    "limit": MessageValue.bytes(limit),
                ])
        case .timeLimit(let seconds):
            return language.say(key.timeLimit, ["seconds": MessageValue.seconds(seconds)])
        case .tooMuchWork(let kind, let amount, let secondsLeft, let allowed):
            return language.say(
                key.tooMuchWork,
                [
                    "kind": kind.rawValue, "amount": MessageValue.magnitude(amount),
                    "seconds": MessageValue.seconds(secondsLeft), "allowed": MessageValue.magnitude(allowed),
                ])
        case .cancelled: return language.say(key.cancelled)
        case .refusal(let refusal, let arguments): return language.say(refusal, arguments)
        }
    }
}
