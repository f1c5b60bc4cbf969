/// The result of opening the progress database: the store, and whether a damaged file was moved.
public struct OpenedProgressStore: Sendable {
    /// The open store.
    public var store: ProgressStore
    /// The damaged file that was moved aside, if there was one; the REPL tells the learner.
    public var recovered: DamagedDatabase?

    /// Creates the result value.
    public init(store: ProgressStore, recovered: DamagedDatabase?) {
        self.store = store
        self.recovered = recovered
    }
}
