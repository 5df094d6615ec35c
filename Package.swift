// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "aggregate",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "aggregate", targets: ["aggregate"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    ],
    targets: [
        // C boundaries: thin system-library targets, plus one C shim that keeps libxml2's ICU headers
        // away from Swift (see README, "Architecture").
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "CXMLShim", dependencies: ["CLibXML2"]),

        // Pipeline stages: CLI -> Core -> stages -> Model.
        .target(name: "AggregateModel"),
        .target(name: "AggregateConfig", dependencies: ["AggregateModel"]),
        .target(name: "AggregateFetch", dependencies: ["AggregateModel", "CCurl"]),
        .target(name: "AggregateParse", dependencies: ["AggregateModel", "CXMLShim"]),
        .target(name: "AggregateMerge", dependencies: ["AggregateModel"]),
        .target(name: "AggregateStore", dependencies: ["AggregateModel", "CSQLite"]),
        .target(name: "AggregatePublish", dependencies: [
            "AggregateModel",
            .product(name: "Mustache", package: "swift-mustache"),
        ], resources: [.copy("Theme")]),
        .target(name: "AggregateCore", dependencies: [
            "AggregateModel", "AggregateConfig", "AggregateFetch", "AggregateParse",
            "AggregateMerge", "AggregateStore", "AggregatePublish",
        ]),
        .target(name: "AggregateCLI", dependencies: [
            "AggregateCore",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // tcmalloc (gperftools, Debian's libtcmalloc-minimal4) in place of glibc's malloc: a run makes and frees
        // millions of small Strings and arrays on two threads. A first run over 1,000 feeds: 1.24 -> 1.17 s,
        // user time 2.11 -> 1.97 s, the same peak RSS (benchmarks/PERFORMANCE.md, "Cold run, session 8").
        .executableTarget(
            name: "aggregate", dependencies: ["AggregateCLI"], linkerSettings: [.linkedLibrary(":libtcmalloc_minimal.so.4")]),
        // `swift run -c release merge-bench N`: the merge stage alone on N generated items (scripts/bench-merge).
        .executableTarget(
            name: "merge-bench", dependencies: ["AggregateCore", "AggregateMerge", "AggregateStore", "AggregateModel", "AggregateTestSupport"]),
        // The parser under libFuzzer (scripts/fuzz builds it with -D FUZZING); a plain build replays files.
        .executableTarget(name: "aggregate-fuzz", dependencies: ["AggregateParse", "AggregateModel", "AggregateTestSupport"]),

        // Shared by the tests only: a loopback HTTP server and paths to fixtures.
        .target(name: "AggregateTestSupport", dependencies: []),

        .testTarget(name: "ConfigTests", dependencies: ["AggregateConfig", "AggregateTestSupport"]),
        .testTarget(name: "FetchTests", dependencies: ["AggregateFetch", "AggregateTestSupport"]),
        .testTarget(
            name: "ParseTests", dependencies: ["AggregateParse", "AggregateTestSupport"], exclude: ["corpus-expectations.tsv"]),
        // Parse too: the fast paths of merging are compared with the general ones on the corpus's real entries.
        .testTarget(name: "MergeTests", dependencies: ["AggregateMerge", "AggregateParse", "AggregateTestSupport"]),
        .testTarget(name: "StoreTests", dependencies: ["AggregateStore", "AggregateTestSupport"]),
        .testTarget(
            name: "PublishTests", dependencies: ["AggregatePublish", "AggregateParse", "AggregateTestSupport"], exclude: ["Golden"]),
        .testTarget(name: "CoreTests", dependencies: [
            "AggregateCore", "AggregateConfig", "AggregateParse", "AggregateStore", "AggregateTestSupport", "AggregateCLI",
        ]),
        .testTarget(name: "HostileTests", dependencies: [
            "AggregateCore", "AggregateConfig", "AggregateParse", "AggregateStore", "AggregateTestSupport",
        ], exclude: ["Fixtures"]),
    ]
)
