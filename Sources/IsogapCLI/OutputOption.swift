import ArgumentParser

/// `--out FILE`, for the commands that write a document or a summary.
struct OutputOption: ParsableArguments {
    @Option(name: .long, help: "Write to this file instead of standard output.")
    var out: String?
}
