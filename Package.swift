// swift-tools-version: 6.0
import Foundation
import PackageDescription

/// The engine's hot loops are optimised even in debug builds: the test suite trains real networks,
/// and unoptimised generic kernels would make it many times slower without catching more bugs.
let optimisedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

/// The CPU the engine's own loops are compiled for. Swift's default is baseline x86-64 (SSE2): no
/// AVX2 and no fused multiply-add, while OpenBLAS and the peer frameworks pick wide-vector kernels
/// at run time. Like `-march=native`, the engine is built for the machine that builds it: `haswell`
/// (AVX2, FMA, BMI2 — every x86-64 CPU since 2013, AMD Zen included) when /proc/cpuinfo lists
/// those, else the default. `CNNTUTOR_TARGET_CPU=x86-64` (or any LLVM CPU name) overrides it, e.g.
/// for a binary that must run on other machines.
let engineTargetCPU: String? = {
    if let chosen = ProcessInfo.processInfo.environment["CNNTUTOR_TARGET_CPU"], !chosen.isEmpty {
        return chosen
    }
    guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
        let flagsLine = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
    else { return nil }
    let flags = Set(flagsLine.split(separator: " ").map(String.init))
    return ["avx2", "fma", "bmi2", "f16c", "movbe"].allSatisfy(flags.contains) ? "haswell" : nil
}()

/// The engine's settings: optimised even in debug, and built for `engineTargetCPU`.
let engineSettings: [SwiftSetting] =
    optimisedInDebug + (engineTargetCPU.map { [.unsafeFlags(["-target-cpu", $0])] } ?? [])

let package = Package(
    name: "cnntutor",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "cnntutor", targets: ["cnntutor"]),
        .executable(name: "cnntutor-bench", targets: ["cnntutor-bench"]),
        .executable(name: "cnntutor-grade-bench", targets: ["cnntutor-grade-bench"]),
        .executable(name: "cnntutor-fuzz", targets: ["cnntutor-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing", from: "1.19.7"),
    ],
    targets: [
        // C system libraries, found through pkg-config; `make deps` installs them.
        .systemLibrary(
            name: "CBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(
            name: "CEditLine", pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]),
        .systemLibrary(
            name: "CCmark", pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),

        // The words: typed language, message catalogs per language (resource files), one number
        // format, one display width. Every module may import it; it imports nothing of the package.
        .target(name: "Wording", resources: [.copy("Catalogs")]),

        // The engine: tensors, ops, autograd, layers, optimisers, data sets. Imports nothing else
        // of the package but Wording, for the sentences of its refusals.
        .target(name: "CNN", dependencies: ["CBLAS", "Wording"], swiftSettings: engineSettings),
        .target(name: "AnswerLanguage", dependencies: ["CNN", "Wording"]),
        .target(name: "Course", dependencies: ["CCmark", "Wording", .product(name: "Yams", package: "Yams")]),
        .target(name: "Grading", dependencies: ["Course", "AnswerLanguage", "CNN", "Wording"]),
        .target(name: "Progress", dependencies: ["Wording", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "Terminal", dependencies: ["CEditLine", "CCmark", "Wording"]),
        .executableTarget(
            name: "cnntutor",
            dependencies: [
                "CNN", "AnswerLanguage", "Course", "Grading", "Progress", "Terminal", "Wording",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]),
        .executableTarget(
            name: "cnntutor-bench",
            dependencies: ["CNN", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: engineSettings),
        // Grades a generated class with the cnntutor executable (`make bench-grade`).
        .executableTarget(
            name: "cnntutor-grade-bench",
            dependencies: [
                "AnswerLanguage", "Course", "Grading", "Wording", .product(name: "Yams", package: "Yams"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // The fuzz targets (`make fuzz` builds them with -sanitize=fuzzer into .build-fuzz); in a
        // normal build, a replayer of corpus files.
        .executableTarget(name: "cnntutor-fuzz", dependencies: ["CNN", "AnswerLanguage", "Course", "Wording"]),

        // What more than one test target reads: the committed fuzz corpus.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "CNNTests", dependencies: ["CNN"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "AnswerLanguageTests", dependencies: ["AnswerLanguage", "CNN", "Wording", "TestSupport"],
            // Read by path by DifferentialTests; the generator script and its inputs stay beside them.
            exclude: ["Differential"]),
        .testTarget(
            name: "CourseTests", dependencies: ["Course", "Wording", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "GradingTests",
            dependencies: [
                "Grading", "Course", "AnswerLanguage", "CNN", "Wording",
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
                .product(name: "Yams", package: "Yams"),
            ],
            // The snapshots are read by swift-snapshot-testing from beside the test file, not
            // bundled.
            exclude: ["__Snapshots__"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "ProgressTests", dependencies: ["Progress", "Wording"]),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal", "Wording"]),
        .testTarget(name: "WordingTests", dependencies: ["Wording"]),
        .testTarget(name: "CLITests", dependencies: ["cnntutor", "Grading", "Wording"]),
    ]
)
