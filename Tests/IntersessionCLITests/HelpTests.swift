import IntersessionTestSupport
import Testing

@Suite struct HelpTests {
    @Test func bareCommandPrintsTheOrientation() throws {
        // Not in a terminal: the orientation, and a clear error instead of a broken screen.
        let r = try Executable.run([])
        #expect(r.status == 1)
        #expect(r.stderr.contains("Error: the terminal UI needs a terminal on standard input and output"))
        #expect(r.stdout.hasPrefix("Intersession: a virtual intergovernmental meeting, run from a terminal.\n"))
        #expect(r.stdout.contains("intersession check Agendas/kp-2021-intersessional.*"))
        // Issue 17 §16: it says what bare `intersession` opens, and --help names the database.
        #expect(
            r.stdout.contains(
                "terminal UI: the staff screens (desk, board, builder) for staff of the database, the\nsign-in for everyone else"
            ))
        let help = try Executable.run(["--help"]).stdout.replacingOccurrences(of: "\n", with: " ")
        #expect(help.contains("opens the terminal UI on the database ($INTERSESSION_DB,"), "\(help)")
    }

    @Test(arguments: [[], ["check"], ["zones"]])
    func everyCommandHasHelp(_ command: [String]) throws {
        let r = try Executable.run(command + ["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("USAGE: intersession" + (command.isEmpty ? "" : " " + command[0])))
    }
}

extension HelpTests {
    /// Issue 17 §12: an unknown command is an error naming the nearest one, at any depth.
    @Test func anUnknownCommandSuggestsTheNearest() throws {
        let top = try Executable.run(["delgates", "list"])
        #expect(top.status == 64)
        #expect(
            top.stderr
                == "Error: 'delgates' is not a command of 'intersession'; did you mean 'delegates'? ('intersession --help' lists them)\n"
        )
        let nested = try Executable.run(["programme", "show", "--help"])
        #expect(nested.status == 64 && nested.stdout.isEmpty)
        #expect(nested.stderr == "Error: 'show' is not a command of 'intersession programme': import\n")
        let french = try Executable.run(["delegates", "lst", "--lang", "fr"])
        #expect(
            french.stderr.contains(
                "« lst » n'est pas une commande de « intersession delegates » ; vouliez-vous dire « list » ?"))
    }
}
