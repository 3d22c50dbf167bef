import IntersessionCLI

IntersessionCommand.runFromCommandLine()
