import AppCore
import Localization
import MeetingModel
import Rendering
import Screens
import TerminalInput
import Testing

/// Keys → decoder → reducer → render, as a person would type them.
@Suite struct KeyScriptTests {
    @Test func signInWithATokenThenAPassword() throws {
        var s = AppState(width: 80, height: 24, now: Fixtures.now, languageChosen: true)
        #expect(Fixtures.type("amoiseev\r", into: &s).isEmpty)
        #expect(
            Fixtures.type("TOKEN-1\r", into: &s) == [.signIn(.credentials(username: "amoiseev", secret: "TOKEN-1"))])
        // Busy: keys wait for the answer.
        #expect(render(s).text.contains("Checking…"))
        _ = reduce(&s, .signIn(.answered(.mustSetPassword)))
        #expect(render(s).text.contains("Choose your password"))
        _ = Fixtures.type("short\r", into: &s)
        #expect(Fixtures.type("short\r", into: &s).isEmpty)
        #expect(render(s).text.contains("Choose a password of at least 10 characters."))
        s.signIn = {
            var f = s.signIn!; f.first = TextField(secret: true); f.second = TextField(secret: true); f.focus = .first;
            f.error = nil; return f
        }()
        _ = Fixtures.type("correct horse\r", into: &s)
        #expect(
            Fixtures.type("correct horse\r", into: &s) == [
                .signIn(.setPassword(username: "amoiseev", token: "TOKEN-1", password: "correct horse"))
            ])
        #expect(!render(s).text.contains("correct horse"))  // secrets are bullets
        _ = reduce(&s, .signIn(.answered(.signedIn(try Fixtures.data(Fixtures.alexey)))))
        #expect(s.signIn == nil && s.views.tab == .schedule)
        #expect(render(s).lines[1] == "Алексей Моисеев (RU): 13 sessions")
    }

    @Test func aFailedSignInSaysNothingAboutWhichPart() {
        var s = AppState(width: 80, height: 24, now: Fixtures.now, languageChosen: true)
        _ = Fixtures.type("amoiseev\rwrong\r", into: &s)
        _ = reduce(&s, .signIn(.answered(.refused)))
        #expect(s.signIn?.error?.text(s.l10n) == "Sign-in failed: the username or the secret is not right.")
        #expect(s.signIn?.second.text == "" && s.signIn?.first.text == "amoiseev")
    }

    /// A throttled or inactive sign-in's sentence wraps inside the box at 80 and 60 columns: every
    /// word of it is on the screen (it was cut at 80 columns, with a UTC instant).
    @Test(arguments: [80, 60])
    func theThrottledAndInactiveSentencesFitTheScreen(width: Int) {
        var s = AppState(width: width, height: 24, now: Fixtures.now, languageChosen: true)
        _ = Fixtures.type("amoiseev\rwrong\r", into: &s)
        _ = reduce(&s, .signIn(.answered(.throttled(seconds: 8))))
        let throttled = render(s).lines.map { $0.replacingOccurrences(of: "│", with: " ") }.joined(separator: " ")
            .split(separator: " ").joined(separator: " ")
        #expect(throttled.contains("Too many failed attempts from here. Try again in 8 seconds."), "\(render(s).text)")
        _ = Fixtures.type("secret\r", into: &s)
        _ = reduce(&s, .signIn(.answered(.inactive)))
        let text = render(s).lines.map { $0.replacingOccurrences(of: "│", with: " ") }.joined(separator: " ").split(
            separator: " "
        ).joined(separator: " ")
        #expect(
            text.contains(
                "This account is not active: the registration was withdrawn or not accepted. Please ask the meeting's Administrative Support Mechanism (ASM)."
            ), "\(render(s).text)")
    }

    @Test func zoneSwitchingCyclesAndCompletes() throws {
        var s = try Fixtures.signedIn(Fixtures.alexey)
        func zoneLine() -> String { render(s).lines[2] }
        #expect(zoneLine() == "times in my zone Europe/Moscow")
        Fixtures.type("z", into: &s)
        #expect(zoneLine() == "times in host zone Europe/Moscow")
        Fixtures.type("z", into: &s)
        #expect(zoneLine() == "times in UTC")
        #expect(render(s).lines[4].hasPrefix("Mon 21 Jun 10:00-12:00 S01"))
        Fixtures.type("z", into: &s)
        Fixtures.type("auck", into: &s)
        #expect(render(s).lines[22].hasPrefix("zone: auck") && render(s).lines[22].contains("Pacific/Auckland"))
        Fixtures.type("\t\r", into: &s)
        #expect(zoneLine() == "times in Pacific/Auckland")
        #expect(render(s).lines[5].hasPrefix("Tue 22 Jun 00:30-02:00 (+1 day) S02"))
        // A zone typed wrong says so, and suggests.
        Fixtures.type(":zone Europe/Kiev\r", into: &s)
        // Foundation knows the old name, so the screen shows it (agenda files refuse it instead).
        #expect(s.views.zone == .named("Europe/Kiev"))
        Fixtures.type(":zone Mars/Olympus\r", into: &s)
        #expect(s.shown?.hasPrefix("unknown time zone 'Mars/Olympus'") == true)
        Fixtures.type("z", into: &s)
        #expect(zoneLine() == "times in my zone Europe/Moscow")
    }

    @Test func searchFiltersAsYouTypeAndEscapeClears() throws {
        var s = try Fixtures.signedIn(Fixtures.alexey)
        s.views.tab = .programme
        Fixtures.type("/diamond", into: &s)
        let ids = visibleLines(s).map(\.session.id)
        #expect(ids == ["S05", "S07", "S12", "S13"])
        Fixtures.type("\r", into: &s)
        #expect(render(s).lines[22] == "search: diamond  (Esc clears)")
        Fixtures.type("j\r", into: &s)
        #expect(s.views.detail == "S07")
        #expect(render(s).text.contains("Languages: en (floor), fr (rule), ru (rule)"))
        Fixtures.type("\u{1B}", into: &s)
        #expect(s.views.detail == nil && s.views.search != nil)
        Fixtures.type("\u{1B}", into: &s)
        #expect(s.views.search == nil && visibleLines(s).count == 14)
    }

    @Test func nowAndNextFollowTheInjectedClock() throws {
        var s = try Fixtures.signedIn(Fixtures.alexey)
        _ = reduce(&s, .clockTicked(Instant(seconds: 1_624_370_400)))  // Tue 22 Jun 14:00 UTC
        Fixtures.type("t", into: &s)
        let lines = render(s).lines
        #expect(lines[19].hasPrefix("Now: S06 Working Group on Artisanal and Alluvial Production, until 18:30"))
        #expect(visibleLines(s)[s.views.scheduleRow].session.id == "S06")
        // Issue 17 §7: a search filters the list, never the now/next line.
        Fixtures.type("/diamond\r", into: &s)
        #expect(visibleLines(s).allSatisfy { $0.session.id != "S06" })
        #expect(
            render(s).lines[19].hasPrefix("Now: S06 Working Group on Artisanal and Alluvial Production, until 18:30"))
        Fixtures.type("\u{1B}", into: &s)
        _ = reduce(&s, .clockTicked(Instant(seconds: 1_624_658_400)))  // Sat 26 Jun: all over
        #expect(render(s).lines[19] == "Now: no session")
    }

    @Test func pasteIsTextNeverCommands() throws {
        var s = try Fixtures.signedIn(Fixtures.alexey)
        Fixtures.type("/", into: &s)
        Fixtures.type("\u{1B}[200~q\u{1B}[201~", into: &s)
        #expect(!s.quitting && s.prompt?.field.text == "q")
    }
}

extension KeyScriptTests {
    /// Issue 17 §6: two of my sessions at the same time are marked, and the line under the list
    /// says whether my delegation's registered delegates cover both.
    @Test func twoOfMySessionsAtOnceAreMarkedWithWhetherWeCoverBoth() throws {
        let alone = render(try Fixtures.signedIn(Fixtures.alexey)).lines
        #expect(alone.filter { $0.hasPrefix("Tue 22 Jun 13:00-14:30 ⚠ S0") }.count == 2)
        #expect(alone.contains("⚠ S03 and S04 at once, Tue 22 Jun 13:00: 1 registered delegate of RU, too few"))
        var colleague = Fixtures.alexey
        colleague.id += 100
        colleague.givenName = "Анна"
        var s = AppState(width: 80, height: 24, now: Fixtures.now, languageChosen: true)
        _ = reduce(&s, .signIn(.answered(.signedIn(try Fixtures.data(Fixtures.alexey, colleagues: [colleague])))))
        #expect(
            render(s).lines.contains("⚠ S03 and S04 at once, Tue 22 Jun 13:00: 2 registered delegates of RU cover both")
        )
    }
}

extension KeyScriptTests {
    /// Issue 17 §2: the help scrolls at 80×24 (every key reachable), `j` scrolls instead of
    /// closing it, and Esc closes it.
    @Test func theHelpScrollsAndListsEveryKey() throws {
        var s = try Fixtures.signedIn(Fixtures.alexey)
        Fixtures.type("?", into: &s)
        #expect(s.showHelp && render(s).text.contains("j/k, PgDn/PgUp scroll"))
        #expect(render(s).text.contains(":export FILE [ZONE]"))
        #expect(!render(s).text.contains("close detail or search"))
        // Scrolled line by line to the end, every key is shown once: the lists' and, last, those
        // of the prompts and of editing text (the password form's too).
        var seen = Set<String>()
        for _ in 0..<80 {
            seen.formUnion(render(s).lines)
            Fixtures.type("j", into: &s)
        }
        #expect(s.showHelp)
        let all = seen.map { $0.split(separator: " ").joined(separator: " ") }.joined(separator: "\n")
        for line in [
            "Esc close detail or search", "/ search sessions", "Tab take the first completion",
            "Ctrl-U delete to the start", "P change my password", "Backspace Del delete before / after the cursor",
        ] {
            #expect(all.contains(line), "\(line)")
        }
        #expect(!all.contains("register or save"), "a staff form's key in the delegates' help")
        Fixtures.type("gj", into: &s)
        #expect(s.showHelp && s.helpOffset == 1)
        Fixtures.type("\u{1B}", into: &s)
        #expect(!s.showHelp && s.helpOffset == 0)
    }
}
