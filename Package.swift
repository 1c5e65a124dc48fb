// swift-tools-version: 6.1
import PackageDescription

/// Strictness applied to every target (see STYLE.md).
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "isogap",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "isogap", targets: ["isogap"]),
        .library(name: "IsogapModel", targets: ["IsogapModel"]),
        .library(name: "IsogapLoading", targets: ["IsogapLoading"]),
        // Used by the fuzzing package in fuzz/, which is built apart (see fuzz/README.md).
        .library(name: "IsogapYAML", targets: ["IsogapYAML"]),
        .library(name: "IsogapRendering", targets: ["IsogapRendering"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // The zip container of the Office formats (SPEC §14).
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // libyaml, the only YAML implementation the project uses.
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // mimalloc, the C heap of the isogap executable on Linux (benchmarks/portfolio/README.md).
        .systemLibrary(name: "CMimalloc", providers: [.apt(["libmimalloc-dev"])]),
        // Linux's `openat2`, so that the kernel checks a workspace file lies inside the workspace.
        .systemLibrary(name: "CLinuxFiles"),
        // Locations, diagnostics and document paths: shared by every layer above.
        .target(name: "IsogapDiagnostics"),
        // Ordered YAML node tree with 1-based marks, over libyaml.
        .target(name: "IsogapYAML", dependencies: ["CLibYAML", "IsogapDiagnostics"]),
        // Pure domain: checklists, workspaces, validation rules. No I/O.
        .target(name: "IsogapModel", dependencies: ["IsogapDiagnostics"]),
        // YAML nodes to model values, with document paths mapped back to positions.
        .target(
            name: "IsogapLoading",
            dependencies: [
                "IsogapYAML", "IsogapModel", "IsogapDiagnostics",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
        // Views of the model as text, YAML skeletons and (later) reports.
        .target(
            name: "IsogapRendering",
            dependencies: [
                "IsogapDiagnostics", "IsogapModel", "IsogapYAML", .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // checklists/ and templates/ compiled into the binary.
        .target(name: "IsogapResources", plugins: ["EmbedResources"]),
        .executableTarget(name: "isogap-embed"),
        .plugin(name: "EmbedResources", capability: .buildTool(), dependencies: ["isogap-embed"]),
        // The command line: the only layer that touches files, streams, clock and environment.
        .target(
            name: "IsogapCLI",
            dependencies: [
                "CLinuxFiles", "IsogapDiagnostics", "IsogapModel", "IsogapLoading", "IsogapRendering",
                "IsogapResources", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "isogap",
            dependencies: [
                "IsogapCLI", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .target(name: "CMimalloc", condition: .when(platforms: [.linux])),
            ]
        ),
        .testTarget(
            name: "IsogapTests",
            dependencies: [
                "IsogapDiagnostics", "IsogapYAML", "IsogapModel", "IsogapLoading", "IsogapRendering",
                "IsogapResources", "IsogapCLI", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Tests/IsogapTests"
        ),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets where target.type != .system && target.type != .plugin {
    target.swiftSettings = (target.swiftSettings ?? []) + strictSettings
}
