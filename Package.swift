// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "plumb",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "plumb", targets: ["plumb"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // System libraries: only a module map and a shim header each.
        .systemLibrary(name: "CGit2", path: "Sources/CGit2", pkgConfig: "libgit2", providers: [.apt(["libgit2-dev"])]),
        .systemLibrary(name: "CYAML", path: "Sources/CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        // The memory allocator of the plumb executable: linked before the C library, so that it
        // serves every allocation of the process (Swift, libgit2, libyaml, SQLite).
        .systemLibrary(name: "CMimalloc", path: "Sources/CMimalloc", providers: [.apt(["libmimalloc-dev"])]),

        // Child processes with a clean signal mask (posix_spawn), shared by the runtime and tests.
        .target(name: "CSpawn"),
        .target(name: "Spawn", dependencies: ["CSpawn"]),

        .target(name: "Git", dependencies: ["CGit2"]),
        .target(name: "YAML", dependencies: ["CYAML"]),
        .target(name: "StatesLanguage", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "DesiredState", dependencies: ["Git", "YAML", "StatesLanguage", "Cloud"]),
        .target(name: "Cloud", dependencies: ["StatesLanguage"]),
        .target(name: "CloudSim", dependencies: [
            "Cloud", "StatesLanguage", "Spawn",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "Reconcile", dependencies: [
            "DesiredState", "Cloud",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "Controller", dependencies: [
            "Reconcile", "Git", "YAML", "DesiredState", "Cloud",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .executableTarget(name: "plumb", dependencies: [
            "Git", "YAML", "DesiredState", "Cloud", "CloudSim", "Reconcile", "Spawn", "Controller", "StatesLanguage", "CMimalloc",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "plumb-bench", dependencies: [
            "Git", "YAML", "DesiredState", "Cloud", "CloudSim", "Reconcile", "Spawn", "Controller", "PlumbTesting",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "plumb-memcheck", dependencies: [
            "Git", "YAML",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .target(name: "PlumbTesting", dependencies: ["Spawn"]),

        .testTarget(name: "SpawnTests", dependencies: ["Spawn"]),
        .testTarget(name: "GitTests", dependencies: ["Git", "PlumbTesting"]),
        .testTarget(name: "YAMLTests", dependencies: ["YAML", "Spawn", "PlumbTesting"]),
        .testTarget(name: "StatesLanguageTests", dependencies: ["StatesLanguage", "Cloud", "Spawn", "PlumbTesting"], exclude: ["Corpus"]),
        .testTarget(name: "DesiredStateTests", dependencies: ["DesiredState", "Git", "YAML", "StatesLanguage", "Spawn", "PlumbTesting"]),
        .testTarget(name: "CloudSimTests", dependencies: ["CloudSim", "Cloud", "PlumbTesting"], exclude: ["Fixtures"]),
        .testTarget(name: "ReconcileTests", dependencies: ["Reconcile", "CloudSim", "DesiredState", "PlumbTesting"], exclude: ["Fixtures"]),
        .testTarget(name: "PlumbTests", dependencies: ["PlumbTesting"]),
        .testTarget(name: "ControllerTests", dependencies: ["Controller", "PlumbTesting", "Reconcile", "CloudSim", "Cloud", "Git", "Spawn"]),
    ]
)
