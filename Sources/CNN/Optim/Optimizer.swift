/// Something that updates a model's parameters from their gradients (PyTorch `torch.optim`):
///
///     let opt = try SGD(model.parameters(), lr: 0.1, momentum: 0.9)
///     opt.zeroGrad()
///     try loss(model(x), y).backward()
///     try opt.step()
public protocol Optimizer: AnyObject, Sendable {
    /// The parameters updated, in the order given.
    var parameters: [Parameter] { get }

    /// The learning rate the next `step()` uses (a schedule changes it between epochs).
    var learningRate: Double { get set }

    /// Updates every parameter that has a gradient, in place; parameters without one are skipped,
    /// as in PyTorch.
    /// - Throws: `CNNError` if a budget refuses memory for the update.
    func step() throws

    /// The momentum a one-cycle schedule cycles: SGD's momentum, Adam's β₁; nil (and setting it
    /// does nothing) for an optimiser without one.
    var cycledMomentum: Double? { get set }
}

extension Optimizer {
    /// No momentum to cycle.
    public var cycledMomentum: Double? {
        get { nil }
        set {}
    }

    /// Forgets every parameter's gradient (PyTorch `optimizer.zero_grad()`).
    public func zeroGrad() {
        for parameter in parameters { parameter.zeroGrad() }
    }
}

extension Tensor {
    /// The elements as `T`, which must be the tensor's scalar type; for optimiser arithmetic.
    func elements<T: TensorScalar>(as type: T.Type) -> [T] {
        withUnsafeBufferPointer(as: T.self) { Array($0) }
    }

    /// A tensor of `shape` holding `elements` (optimiser state kept between steps).
    static func holding<T: TensorScalar>(_ elements: [T], shape: [Int]) throws -> Tensor {
        try Tensor(shape: shape, of: T.self) { out in
            for i in out.indices { out[i] = elements[i] }
        }
    }
}
