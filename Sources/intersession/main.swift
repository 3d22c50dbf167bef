import IntersessionCLI

// First of all: the Swift runtime's crash reporter is settled before anything can crash.
CrashReports.settleBacktracer()
IntersessionCommand.runFromCommandLine()
