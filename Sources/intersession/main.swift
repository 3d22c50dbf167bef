import IntersessionCLI

IntersessionCommand.main()
