import Dispatch

/// Gives back large collections of values on a thread of their own, off the path of a refusal.
///
/// A loop stopped at its time limit over a million batches (or a million tensor rows) still holds
/// them all, and freeing a million tensors one by one takes most of a second: the refusal would
/// arrive that long past the limit. Handed here, the collection is freed on a background queue
/// and the refusal is said at once. Freeing is the same work, and each tensor gives its bytes
/// back to its session's memory budget as it goes (the budget's counter is atomic).
enum LateRelease {
    /// Below this many items freeing at once is quicker than handing over.
    static let threshold = 4_096

    private static let queue = DispatchQueue(label: "cnntutor.late-release", qos: .utility)

    /// Holds the collection so that the queue, not whichever thread lets go last, frees it.
    private final class Held: @unchecked Sendable {
        var values: [Value]
        init(_ values: [Value]) { self.values = values }
    }

    /// Takes `values` (leaving it empty) and frees them on the background queue when there are
    /// many; a collection still shared with a bound name only loses this reference.
    static func release(_ values: inout [Value]) {
        guard values.count >= threshold else { return }
        let held = Held(values)
        values = []
        queue.async { held.values = [] }
    }
}
