import Synchronization

/// One vertex of the autograd graph: either a leaf (a tensor the learner marked as requiring
/// grad, whose `.grad` accumulates) or the output of an op, which knows its inputs' nodes and how
/// to turn the gradient of its output into gradients of its inputs.
/// A function run on the gradient reaching a tensor during `backward()` (PyTorch
/// `register_hook`): nil keeps the gradient, a tensor replaces it.
public typealias GradientHook = @Sendable (Tensor) throws -> Tensor?

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
        var hooks: [(id: Int, body: GradientHook)] = []
        var nextHook = 0
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

    /// Adds `hook`, run on every gradient reaching this node; returns its id for `removeHook`.
    func addHook(_ hook: @escaping GradientHook) -> Int {
        state.withLock { state in
            state.nextHook += 1
            state.hooks.append((state.nextHook, hook))
            return state.nextHook
        }
    }

    /// Removes the hook `id` (nothing if it is gone already).
    func removeHook(_ id: Int) {
        state.withLock { state in state.hooks.removeAll { $0.id == id } }
    }

    /// `gradient` passed through the hooks in the order they were added, each one's result (when
    /// it gives one) replacing the gradient the next one sees, as PyTorch's tensor hooks do.
    /// - Throws: what a hook throws; `CNNError` when a hook changes the gradient's shape.
    func runHooks(_ gradient: Tensor) throws -> Tensor {
        let hooks = state.withLock { $0.hooks }
        var current = gradient
        for (_, hook) in hooks {
            guard let replaced = try hook(current) else { continue }
            guard replaced.shape == current.shape else {
                throw CNNError.shape(.hookChangedSize, ["given": replaced.shape, "shape": current.shape])
            }
            current =
                replaced.dtype == current.dtype ? replaced.detach() : try replaced.detach().to(current.dtype)
        }
        return current
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
