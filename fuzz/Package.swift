// swift-tools-version: 6.1
import PackageDescription

// The libFuzzer target lives in its own package so that the main package's `swift build` and
// `swift test` never see it: it has no `main` of its own (libFuzzer provides one) and only links
// when built with `-sanitize=fuzzer`. Build and run it with fuzz/run.sh.
let package = Package(
    name: "isogap-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "isogap", path: "..")],
    targets: [
        .executableTarget(
            name: "isogap-fuzz",
            dependencies: [
                .product(name: "IsogapYAML", package: "isogap"),
                .product(name: "IsogapModel", package: "isogap"),
                .product(name: "IsogapLoading", package: "isogap"),
                .product(name: "IsogapRendering", package: "isogap"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
