import IsogapCLI

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif
#if canImport(CMimalloc)
    import CMimalloc
#endif

exit(IsogapCommand.run(Array(CommandLine.arguments.dropFirst()), in: .process()))
