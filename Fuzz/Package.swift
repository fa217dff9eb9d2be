// swift-tools-version: 6.1
// libFuzzer targets for SwiftKMS's readers of untrusted input, built outside the main package
// (sanitizer flags are passed on the command line, never in a manifest): see Fuzz/run.sh.
import PackageDescription

let package = Package(
    name: "SwiftKMSFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "SwiftKMS", path: ".."),
    ],
    targets: [
        .target(name: "FuzzFixtures", dependencies: [.product(name: "KMSCore", package: "SwiftKMS")]),
        // Each fuzz target defines LLVMFuzzerTestOneInput; libFuzzer supplies main.
        .executableTarget(name: "FuzzTfheRs", dependencies: ["FuzzFixtures", .product(name: "KMSCore", package: "SwiftKMS")]),
        .executableTarget(name: "FuzzEIP712", dependencies: ["FuzzFixtures", .product(name: "KMSCore", package: "SwiftKMS")]),
        .executableTarget(name: "FuzzGateway", dependencies: ["FuzzFixtures", .product(name: "KMSCore", package: "SwiftKMS")]),
        .executableTarget(name: "FuzzCometBFT", dependencies: ["FuzzFixtures", .product(name: "KMSChain", package: "SwiftKMS")]),
        // Writes the seed corpora of the targets above (a normal executable).
        .executableTarget(name: "FuzzSeeds", dependencies: ["FuzzFixtures", .product(name: "KMSCore", package: "SwiftKMS")]),
    ],
    swiftLanguageModes: [.v6]
)
