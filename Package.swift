// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Recon",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "recon", targets: ["recon"]),
        // The deliberate library surface: the values (money, days, tables, break lines and their
        // codec) that other tools read `breaks.csv` and canonical files with. Every other module is
        // the package's own (`package` access).
        .library(name: "ReconCore", targets: ["ReconCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CXlsxWriter", path: "Sources/CXlsxWriter", pkgConfig: "xlsxwriter",
                       providers: [.apt(["libxlsxwriter-dev"])]),
        .target(name: "CPrefetch", path: "Sources/CPrefetch"),
        .target(name: "ReconCore"),
        .target(name: "ReconConfig", dependencies: ["ReconCore",
                                                    .product(name: "TOMLKit", package: "TOMLKit"),
                                                    .product(name: "Yams", package: "Yams")]),
        .target(
            name: "ReconFormats",
            dependencies: [
                "ReconCore", "ReconConfig", "CZlib", "CLibXML2",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "ReconMatch", dependencies: ["ReconCore", "ReconConfig", "CPrefetch"]),
        .target(
            name: "ReconStore",
            dependencies: [
                "ReconCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "ReconReport", dependencies: ["ReconCore", "ReconFormats", "ReconMatch", "CPrefetch", "CXlsxWriter",
                                                    .product(name: "Crypto", package: "swift-crypto"),
                                                    .product(name: "Logging", package: "swift-log")]),
        .target(name: "ReconRun", dependencies: ["ReconCore", "ReconConfig", "ReconFormats", "ReconMatch", "ReconStore", "ReconReport",
                                                 .product(name: "Crypto", package: "swift-crypto"),
                                                 .product(name: "Logging", package: "swift-log")]),
        .executableTarget(
            name: "recon",
            dependencies: [
                "ReconCore", "ReconFormats", "ReconMatch", "ReconReport", "ReconStore", "ReconRun",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "ReconTestSupport", dependencies: ["ReconCore", "ReconFormats", "ReconMatch"], path: "Tests/ReconTestSupport"),
        .testTarget(name: "ReconCoreTests", dependencies: ["ReconCore"]),
        .testTarget(name: "ReconConfigTests", dependencies: ["ReconConfig"]),
        .testTarget(name: "ReconFormatsTests", dependencies: ["ReconFormats", "ReconConfig", "ReconTestSupport"], exclude: ["Fuzz"]),
        .testTarget(name: "ReconMatchTests", dependencies: ["ReconMatch", "ReconFormats", "ReconTestSupport"]),
        .testTarget(name: "ReconReportTests", dependencies: ["ReconReport", "ReconRun", "ReconMatch", "ReconTestSupport",
                                                            .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "ReconStoreTests", dependencies: ["ReconStore", "ReconRun", "ReconConfig", "ReconTestSupport"]),
        .testTarget(name: "ReconEndToEndTests", dependencies: ["recon", "ReconCore", "ReconFormats", "ReconStore", "ReconReport", "ReconRun", "ReconTestSupport",
                                                              .product(name: "GRDB", package: "GRDB.swift")]),
    ],
    swiftLanguageModes: [.v6]
)
