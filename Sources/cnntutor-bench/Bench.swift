import ArgumentParser
import CNN

/// The engine benchmark: prints JSON rows comparable with `../shared/bench/peers.py`.
///
/// One row per shape and thread count, `{"shape": [N,C,H,W,K,R,S,stride,pad], "threads": T,
/// "fwd": {"median_s", "gflops"}, "fwdbwd": {…}}`, with peers.py's FLOP convention
/// (`fwd = 2·N·K·OH·OW·C·R·S`, `fwdbwd = 3·fwd`) and timing (warm-up, then the median of runs
/// repeated for about `--target-seconds`).
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cnntutor-bench",
        abstract: "Benchmarks the engine's conv2d; JSON rows on stdout.",
        discussion: """
            Compare with the peers in one sitting:
              ~/.cache/cnntutor-peers/bin/python ../shared/bench/peers.py --json peers.json
              swift run -c release cnntutor-bench > engine.jsonl
              ~/.cache/cnntutor-peers/bin/python bench/pytorch_train_step.py > torch_steps.jsonl
              python3 bench/compare.py peers.json engine.jsonl torch_steps.jsonl
            """)

    @Option(name: .long, parsing: .upToNextOption, help: "Thread counts to measure.")
    var threads: [Int] = [1, 2]

    @Option(name: .long, help: "Seconds of repeated runs per measurement.")
    var targetSeconds: Double = 0.4

    @Option(
        name: .long,
        help: """
            Only the shapes whose N,C,H,W,K,R,S,stride,pad string starts with this; nine numbers \
            that match no listed shape are measured as given.
            """)
    var shape: String?

    @Flag(name: .long, help: "Only the convolution rows, not the ResNet-20 training steps.")
    var convOnly = false

    @Option(name: .long, parsing: .upToNextOption, help: "Image sizes of the training-step rows.")
    var imageSizes: [Int] = [8, 32]

    @Flag(name: .long, help: "Time by process CPU time (one-thread comparisons on a busy machine).")
    var cpuTime = false

    @Flag(name: .long, help: "Also time each gradient alone (extra keys bwd_input, bwd_weight).")
    var breakdown = false

    /// The listed shapes `--shape` selects, or the one it spells out.
    var shapesToMeasure: [[Int]] {
        guard let prefix = shape else { return ConvBenchmark.shapes }
        let listed = ConvBenchmark.shapes.filter {
            $0.map(String.init).joined(separator: ",").hasPrefix(prefix)
        }
        let numbers = prefix.split(separator: ",").compactMap { Int($0) }
        return listed.isEmpty && numbers.count == 9 && numbers.allSatisfy({ $0 >= 0 }) ? [numbers] : listed
    }

    mutating func run() throws {
        for count in threads {
            Parallelism.threadCount = count
            for shape in shapesToMeasure {
                print(
                    try ConvBenchmark(shape: shape).measure(
                        threads: count, targetSeconds: targetSeconds, cpuTime: cpuTime, breakdown: breakdown))
            }
            guard !convOnly else { continue }
            for imageSize in imageSizes {
                print(
                    try TrainStepBenchmark(imageSize: imageSize).measure(
                        threads: count, targetSeconds: max(targetSeconds, 1), cpuTime: cpuTime))
            }
        }
    }
}
