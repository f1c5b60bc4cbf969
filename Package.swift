// swift-tools-version: 6.0
import PackageDescription

/// The engine's hot loops are optimised even in debug builds: the test suite trains real networks,
/// and unoptimised generic kernels would make it many times slower without catching more bugs.
let optimisedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "cnntutor",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "cnntutor", targets: ["cnntutor"]),
        .executable(name: "cnntutor-bench", targets: ["cnntutor-bench"]),
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

        // The engine: tensors, ops, autograd, layers, optimisers, data sets. Imports nothing else
        // of the package.
        .target(name: "CNN", dependencies: ["CBLAS"], swiftSettings: optimisedInDebug),
        .target(name: "AnswerLanguage", dependencies: ["CNN"]),
        .target(name: "Course", dependencies: ["CCmark", .product(name: "Yams", package: "Yams")]),
        .target(name: "Grading", dependencies: ["Course", "AnswerLanguage", "CNN"]),
        .target(name: "Progress", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "Terminal", dependencies: ["CEditLine", "CCmark"]),
        .executableTarget(
            name: "cnntutor",
            dependencies: [
                "CNN", "AnswerLanguage", "Course", "Grading", "Progress", "Terminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]),
        .executableTarget(
            name: "cnntutor-bench",
            dependencies: ["CNN", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: optimisedInDebug),

        .testTarget(name: "CNNTests", dependencies: ["CNN"], resources: [.copy("Fixtures")]),
        .testTarget(name: "AnswerLanguageTests", dependencies: ["AnswerLanguage", "CNN"]),
        .testTarget(name: "CourseTests", dependencies: ["Course"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "GradingTests",
            dependencies: [
                "Grading", "Course", "AnswerLanguage", "CNN",
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
            ],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "ProgressTests", dependencies: ["Progress"]),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal"]),
        .testTarget(name: "CLITests", dependencies: ["cnntutor"]),
    ]
)
