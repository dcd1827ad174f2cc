// swift-tools-version:6.0
// libFuzzer targets for Recon's readers, kept out of the main package (they need
// -sanitize=fuzzer). Build and run them with scripts/fuzz.
import PackageDescription

let package = Package(
    name: "ReconFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "Recon", path: "..")],
    targets: [
        .executableTarget(
            name: "ReconFuzz",
            dependencies: [.product(name: "ReconFormats", package: "Recon"), .product(name: "ReconCore", package: "Recon")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ],
    swiftLanguageModes: [.v6]
)
