import ArgumentParser
import IsogapCLI

IsogapCommand.main()
