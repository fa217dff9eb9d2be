// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "SwiftKMS",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "KMSCore", targets: ["KMSCore"]),
        .library(name: "KMSChain", targets: ["KMSChain"]),
        .library(name: "KMSService", targets: ["KMSService"]),
        .executable(name: "kmsctl", targets: ["kmsctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", "4.0.0"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // Documentation only (`swift package generate-documentation`); nothing links it.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        // The gRPC service (KMSService only): grpc-swift 2, its NIO HTTP/2 transport, protobuf
        // messages (code generated once, committed: Scripts/generate-protos.sh), SQLite through GRDB, logging.
        .package(url: "https://github.com/grpc/grpc-swift-2", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport", from: "2.9.2"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // X.509 certificates (KMSService: a party pins its caller's certificate).
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
    ],
    targets: [
        // System libraries (Debian: libgmp-dev, libssl-dev).
        .systemLibrary(
            name: "CGMP",
            path: "Sources/CGMP",
            providers: [.apt(["libgmp-dev"]), .brew(["gmp"])]
        ),
        .systemLibrary(
            name: "COpenSSL",
            path: "Sources/COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        // A compiler value barrier for constant-time code (header-only C).
        .target(name: "CConstantTime", path: "Sources/CConstantTime"),
        // Shared primitives of KMSCore and KMSChain: secp256k1 and Ethereum addresses (public,
        // re-exported by KMSCore), hex, Keccak-256/SHA3-256, secure files, system randomness
        // (package access). No TFHE, GMP or OpenSSL, so a light-client user links none of them.
        .target(
            name: "KMSPrimitives",
            dependencies: [
                "CConstantTime",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "KMSCore",
            dependencies: [
                "KMSPrimitives",
                "CGMP",
                "COpenSSL",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "KMSChain",
            dependencies: [
                "KMSPrimitives",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // The V09 `kms.CoreServiceEndpoint` over gRPC: a centralized server on KMSCore with a
        // durable request store. The library targets above stay free of networking.
        .target(
            name: "KMSService",
            dependencies: [
                "KMSCore",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "X509", package: "swift-certificates"),
            ]
        ),
        .executableTarget(
            name: "kmsctl",
            dependencies: [
                "KMSCore",
                "KMSChain",
                "KMSService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Test-only helpers (locating ../shared/vectors); used by the test targets alone.
        .target(name: "KMSTestSupport", dependencies: [.product(name: "Crypto", package: "swift-crypto")], path: "Tests/KMSTestSupport"),
        .testTarget(name: "KMSPrimitivesTests", dependencies: ["KMSPrimitives", "KMSTestSupport"]),
        .testTarget(name: "KMSCoreTests", dependencies: ["KMSCore", "KMSPrimitives", "KMSTestSupport"]),
        .testTarget(name: "KMSChainTests", dependencies: ["KMSChain", "KMSPrimitives", "KMSTestSupport"]),
        .testTarget(
            name: "KMSServiceTests",
            dependencies: [
                "KMSService",
                "KMSCore",
                "KMSTestSupport",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "kmsctlTests",
            dependencies: [
                "kmsctl",
                "KMSCore",
                "KMSService",
                "KMSTestSupport",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
            ]
        ),
        .executableTarget(
            name: "KMSBenchmarks",
            dependencies: [
                "KMSCore",
                "KMSChain",
                "KMSPrimitives",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/KMSBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
