import CNN
import Foundation
import Synchronization

/// `torch.optim.lr_scheduler.OneCycleLR`: Smith's one-cycle policy with PyTorch's phases, annealing
/// and momentum cycling, step for step.
extension Builtins {
    /// One phase of the cycle: from `startStep`'s values to `endStep`'s.
    private struct CyclePhase {
        var endStep: Double
        var startRate: Double
        var endRate: Double
        var startMomentum: Double
        var endMomentum: Double
    }

    static let oneCycleScheduler = Builtin(
        "OneCycleLR(optimizer, max_lr, total_steps=None, epochs=None, steps_per_epoch=None, pct_start=0.3, "
            + "anneal_strategy='cos', cycle_momentum=True, base_momentum=0.85, max_momentum=0.95, "
            + "div_factor=25.0, final_div_factor=10000.0, three_phase=False, last_epoch=-1)",
        "the learning rate up from max_lr/div_factor to max_lr, then down far below it, once over "
            + "total_steps calls of step() (one per batch); the momentum the other way"
    ) { call in
        let optimizer = try scheduledOptimizer(call)
        let total = try oneCycleTotalSteps(call)
        let maxRate = try oneCycleMaxRate(call)
        let start = try call.double("pct_start")
        guard (0...1).contains(start) else {
            throw LanguageError.said(
                .value, .oneCyclePctStart, ["value": pythonFloat(start)], at: call.range(of: "pct_start"))
        }
        let strategy = try call.optionalString("anneal_strategy") ?? "cos"
        guard strategy == "cos" || strategy == "linear" else {
            throw LanguageError.said(
                .value, .oneCycleAnneal, ["value": strategy], at: call.range(of: "anneal_strategy"))
        }
        let cycleMomentum = try call.bool("cycle_momentum")
        let (low, high) = (try call.double("base_momentum"), try call.double("max_momentum"))
        let initial = maxRate / (try call.double("div_factor"))
        let minimum = initial / (try call.double("final_div_factor"))
        let steps = Double(total)
        let phases: [CyclePhase] =
            try call.bool("three_phase")
            ? [
                CyclePhase(
                    endStep: start * steps - 1, startRate: initial, endRate: maxRate, startMomentum: high,
                    endMomentum: low),
                CyclePhase(
                    endStep: 2 * start * steps - 2, startRate: maxRate, endRate: initial, startMomentum: low,
                    endMomentum: high),
                CyclePhase(
                    endStep: steps - 1, startRate: initial, endRate: minimum, startMomentum: high,
                    endMomentum: high),
            ]
            : [
                CyclePhase(
                    endStep: start * steps - 1, startRate: initial, endRate: maxRate, startMomentum: high,
                    endMomentum: low),
                CyclePhase(
                    endStep: steps - 1, startRate: maxRate, endRate: minimum, startMomentum: low,
                    endMomentum: high),
            ]
        /// PyTorch's `_anneal_func`: cosine or linear from `a` (pct 0) to `b` (pct 1).
        @Sendable func anneal(_ a: Double, _ b: Double, _ pct: Double) -> Double {
            strategy == "cos" ? b + (a - b) / 2 * (Foundation.cos(Double.pi * pct) + 1) : (b - a) * pct + a
        }
        /// Sets the optimiser's rate (and momentum) for step `step`, as PyTorch's `get_lr`.
        @Sendable func apply(_ step: Int) {
            var begin = 0.0
            for (index, phase) in phases.enumerated() {
                if Double(step) <= phase.endStep || index == phases.count - 1 {
                    let pct = (Double(step) - begin) / (phase.endStep - begin)
                    optimizer.learningRate = anneal(phase.startRate, phase.endRate, pct)
                    if cycleMomentum {
                        optimizer.cycledMomentum = anneal(phase.startMomentum, phase.endMomentum, pct)
                    }
                    return
                }
                begin = phase.endStep
            }
        }
        apply(0)
        let taken = Mutex(0)
        return schedulerValue(
            "OneCycleLR", optimizer, base: initial,
            stepSummary: "after each batch's optimizer.step(): move the learning rate along the cycle",
            settings: ["total_steps": .int(total)]
        ) { stepCall in
            let step = taken.withLock { count in
                count += 1
                return count
            }
            guard step <= total else {
                throw LanguageError.said(
                    .value, .oneCycleTooManySteps, ["step": step, "total": total], at: stepCall.range)
            }
            apply(step)
        }
    }

    /// `total_steps`, or `epochs × steps_per_epoch`, as PyTorch checks them.
    private static func oneCycleTotalSteps(_ call: Call) throws -> Int {
        if let total = try call.optionalInt("total_steps") {
            guard total > 0 else {
                throw LanguageError.said(
                    .value, .oneCyclePositive, ["name": "total_steps", "value": total],
                    at: call.range(of: "total_steps"))
            }
            return total
        }
        guard let epochs = try call.optionalInt("epochs"),
            let perEpoch = try call.optionalInt("steps_per_epoch")
        else {
            throw LanguageError.said(.value, .oneCycleSteps, at: call.range)
        }
        for (name, value) in [("epochs", epochs), ("steps_per_epoch", perEpoch)] where value <= 0 {
            throw LanguageError.said(
                .value, .oneCyclePositive, ["name": name, "value": value], at: call.range(of: name))
        }
        let (product, overflow) = epochs.multipliedReportingOverflow(by: perEpoch)
        guard !overflow else {
            throw LanguageError.said(
                .value, .oneCyclePositive, ["name": "total_steps", "value": Int.max], at: call.range)
        }
        return product
    }

    /// `max_lr`: a number, or a list of one (one per parameter group; there is one group here).
    private static func oneCycleMaxRate(_ call: Call) throws -> Double {
        if case .list(let rates) = try call.value("max_lr"), rates.count == 1, let rate = rates[0].number {
            return rate
        }
        return try call.double("max_lr")
    }
}
