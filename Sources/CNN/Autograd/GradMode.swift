/// Whether operations record the graph that `backward()` walks.
///
/// Task-local (and thread-local outside tasks), so one grader's `withNoGrad` never affects
/// another's evaluation running at the same time.
public enum GradMode {
    /// True unless inside `withNoGrad` (PyTorch `torch.is_grad_enabled()`).
    @TaskLocal public static var isEnabled: Bool = true
}

/// Runs `body` without recording gradients (PyTorch `with torch.no_grad():`): results of ops
/// inside do not require grad, which saves the memory of the graph during evaluation.
public func withNoGrad<R>(_ body: () throws -> R) rethrows -> R {
    try GradMode.$isEnabled.withValue(false, operation: body)
}

/// Runs `body` with gradient recording switched on or off (PyTorch `torch.set_grad_enabled`).
public func withGradEnabled<R>(_ enabled: Bool, _ body: () throws -> R) rethrows -> R {
    try GradMode.$isEnabled.withValue(enabled, operation: body)
}
