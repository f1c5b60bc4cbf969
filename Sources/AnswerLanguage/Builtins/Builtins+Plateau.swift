import CNN
import Synchronization

/// `torch.optim.lr_scheduler.ReduceLROnPlateau`: the schedule a notebook steps with the
/// validation loss, `scheduler.step(val_loss)`.
extension Builtins {
    /// What the scheduler remembers between steps (PyTorch's `best`, `num_bad_epochs`,
    /// `cooldown_counter`).
    private struct PlateauState: Sendable {
        var best: Double
        var badEpochs = 0
        var cooldownLeft = 0
    }

    /// PyTorch's rule: a metric is better when it beats the best by more than `threshold`,
    /// relatively (`'rel'`) or absolutely (`'abs'`); after more than `patience` steps without
    /// one the rate is multiplied by `factor` (not below `min_lr`, and only when it changes by
    /// more than `eps`), then `cooldown` steps count no bad epochs.
    static let plateauScheduler = Builtin(
        "ReduceLROnPlateau(optimizer, mode='min', factor=0.1, patience=10, threshold=0.0001, threshold_mode='rel', cooldown=0, min_lr=0, eps=1e-08)",
        "multiplies the learning rate by factor when the metric given to step() stops improving"
    ) { call in
        guard case .namespace(let object) = try call.value("optimizer"), let optimizer = object.optimizer
        else {
            throw call.mismatch("optimizer", .optimizer)
        }
        let (mode, thresholdMode) = (try call.string("mode"), try call.string("threshold_mode"))
        guard ["min", "max"].contains(mode) else {
            throw LanguageError.said(
                .value, .plateauMode, ["name": "mode", "mode": mode], at: call.range(of: "mode"))
        }
        guard ["rel", "abs"].contains(thresholdMode) else {
            throw LanguageError.said(
                .value, .plateauMode, ["name": "threshold_mode", "mode": thresholdMode],
                at: call.range(of: "threshold_mode"))
        }
        let factor = try call.double("factor")
        guard factor < 1 else {
            throw LanguageError.said(.value, .plateauFactor, at: call.range(of: "factor"))
        }
        let (patience, cooldown) = (try call.int("patience"), try call.int("cooldown"))
        let (threshold, minRate, eps) = (
            try call.double("threshold"), try call.double("min_lr"), try call.double("eps")
        )
        let minimising = mode == "min"
        let state = Mutex(PlateauState(best: minimising ? .infinity : -.infinity))
        let base = optimizer.learningRate
        @Sendable func isBetter(_ value: Double, _ best: Double) -> Bool {
            switch (minimising, thresholdMode == "rel") {
            case (true, true): value < best * (1 - threshold)
            case (true, false): value < best - threshold
            case (false, true): value > best * (threshold + 1)
            case (false, false): value > best + threshold
            }
        }
        return schedulerValue(
            "ReduceLROnPlateau", optimizer, base: base, stepSignature: "step(metrics)",
            stepSummary: "record this epoch's metric; reduce the rate after patience bad ones",
            settings: ["factor": .float(factor), "patience": .int(patience), "mode": .string(mode)]
        ) { call in
            let metric: Double
            if case .tensor(let tensor) = try call.value("metrics") {
                metric = try tensor.item()
            } else {
                metric = try call.double("metrics")
            }
            let reduce = state.withLock { state -> Bool in
                if isBetter(metric, state.best) {
                    state.best = metric
                    state.badEpochs = 0
                } else {
                    state.badEpochs += 1
                }
                if state.cooldownLeft > 0 {
                    state.cooldownLeft -= 1
                    state.badEpochs = 0
                }
                guard state.badEpochs > patience else { return false }
                state.cooldownLeft = cooldown
                state.badEpochs = 0
                return true
            }
            if reduce {
                let old = optimizer.learningRate
                let new = Swift.max(old * factor, minRate)
                if old - new > eps { optimizer.learningRate = new }
            }
        }
    }
}
