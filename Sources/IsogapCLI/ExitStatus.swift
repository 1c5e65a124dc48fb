public import ArgumentParser

/// The exit codes of isogap (the BSD `sysexits` values where one fits).
public enum ExitStatus {
    /// A check failed (for example `evidence verify` found a changed file).
    public static let checkFailed = ExitCode(1)
    /// Bad command-line usage.
    public static let usage = ExitCode(64)
    /// Invalid input data; diagnostics were printed.
    public static let dataError = ExitCode(65)
    /// An input file or folder is missing or unreadable.
    public static let noInput = ExitCode(66)
    /// An output cannot be written.
    public static let cannotCreate = ExitCode(73)
}
