import Synchronization

/// One vertex of the autograd graph: either a leaf (a tensor the learner marked as requiring
/// grad, whose `.grad` accumulates) or the output of an op, which knows its inputs' nodes and how
/// to turn the gradient of its output into gradients of its inputs.
final class AutogradNode: Sendable {
    /// The op's name as PyTorch's `grad_fn` would show it (`"mul"`, `"conv2d"`), or `"leaf"`.
    let op: String
    /// The node of each input, nil for inputs that do not require grad.
    let inputs: [AutogradNode?]
    /// Shape and dtype of each input, to check what `backward` returns.
    let inputShapes: [[Int]]
    let inputDTypes: [DType]
    /// Gradient of the output → gradient of each input (nil where not needed). Nil for leaves.
    let backward: (@Sendable (Tensor) throws -> [Tensor?])?

    private struct State {
        var grad: Tensor?
        var retainsGrad = false
    }
    private let state = Mutex(State())

    /// A leaf node.
    init() {
        op = "leaf"
        inputs = []
        inputShapes = []
        inputDTypes = []
        backward = nil
    }

    /// An op's node.
    init(op: String, inputs: [Tensor], backward: @escaping @Sendable (Tensor) throws -> [Tensor?]) {
        self.op = op
        self.inputs = inputs.map(\.node)
        self.inputShapes = inputs.map(\.shape)
        self.inputDTypes = inputs.map(\.dtype)
        self.backward = backward
    }

    var isLeaf: Bool { backward == nil }

    /// The accumulated gradient (leaves, and op nodes asked to retain theirs).
    var grad: Tensor? {
        get { state.withLock { $0.grad } }
        set { state.withLock { $0.grad = newValue } }
    }

    /// Whether this op node keeps the gradient that reaches it (PyTorch `retain_grad()`).
    var retainsGrad: Bool {
        get { state.withLock { $0.retainsGrad } }
        set { state.withLock { $0.retainsGrad = newValue } }
    }

    /// Adds `gradient` to the stored gradient, as PyTorch accumulates `.grad` across backward calls.
    /// The read-add-write happens under the lock so concurrent backward passes sharing a leaf
    /// cannot lose each other's contribution.
    func accumulate(_ gradient: Tensor) throws {
        try state.withLock { (state: inout State) throws -> Void in
            let sum = try state.grad.map { try $0 + gradient } ?? gradient
            state.grad = sum.detach()
        }
    }
}
