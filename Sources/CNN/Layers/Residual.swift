import Wording

/// A skip connection around any body that keeps its input's shape: `x + body(x)`.
public final class Residual: Layer {
    public let mode = TrainingMode()
    /// The wrapped layers.
    public let body: any Layer

    /// Wraps `body`.
    public init(_ body: any Layer) { self.body = body }

    public var children: [(name: String, layer: any Layer)] { [("body", body)] }

    /// `input + body(input)`.
    /// - Throws: `CNNError.shape` when the body changes the shape.
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        let output = try callChild("body", body, input)
        guard output.shape == input.shape else {
            throw CNNError.shape(
                .aSkipConnectionAddsThe, ["inputShape": input.shape, "outputShape": output.shape])
        }
        return try input + output
    }
}
