import IsogapCLI

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

exit(IsogapCommand.run(Array(CommandLine.arguments.dropFirst()), in: .process()))
