import AppCore
import MeetingModel
import Rendering
import Screens
import TerminalInput
import Testing

@Suite struct ScreenTests {
    static let sizes = [(80, 24), (100, 30), (40, 12), (1, 1), (0, 0)]

    @Test func everyViewRendersAtEverySizeWithoutCrashing() throws {
        for me in [Fixtures.alexey, Fixtures.mohammed, Fixtures.wang] {
            for (w, h) in Self.sizes {
                var states = [AppState(width: w, height: h, now: Fixtures.now)]  // sign-in
                for tab in Tab.allCases {
                    var s = try Fixtures.signedIn(me, width: w, height: h)
                    s.views.tab = tab
                    states.append(s)
                    s.showHelp = true
                    states.append(s)
                }
                var detail = try Fixtures.signedIn(me, width: w, height: h)
                detail.views.tab = .programme
                detail.views.detail = "S01"
                states.append(detail)
                for s in states {
                    let b = render(s)
                    #expect(b.fits(), "\(me.displayName) \(w)x\(h) \(s.views.tab)")
                    if w > 0 && h > 0 && (w < minimumWidth || h < minimumHeight) {
                        #expect(b.lines[0] == TextWidth.truncated("terminal too small", to: w))
                    }
                }
            }
        }
    }

    @Test func signInAt40x12() {
        let b = render(AppState(width: 40, height: 12, now: Fixtures.now))
        #expect(
            b.text == """
                ┌ Sign in ─────────────────────────────┐
                │ Intersession: sign in with your per… │
                │                                      │
                │ Username                             │
                │                                      │
                │                                      │
                │ One-time token or password           │
                │                                      │
                │ Enter: next / sign in   Tab: other … │
                │                                      │
                └──────────────────────────────────────┘

                """)
    }

    @Test func myScheduleAt80x24InMyZone() throws {
        let b = render(try Fixtures.signedIn(Fixtures.alexey))
        #expect(
            b.text == """
                 1 My schedule   2 Programme   3 World clock      Tue 22 Jun 13:30 Europe/Moscow
                Алексей Моисеев (RU): 13 sessions
                times in my zone Europe/Moscow
                DAY        TIME        SESSION                         BODY    LANGUAGES CHANNEL
                Mon 21 Jun 13:00-15:00 S01 Opening Session             PLENARY en fr ru  fr 2
                Mon 21 Jun 15:30-17:00 S02 Committee on Participation… CPC     en        en 1
                Tue 22 Jun 13:00-14:30 ⚠ S03 Working Group on Monitor… WGM     en        en 1
                Tue 22 Jun 13:00-14:30 ⚠ S04 Committee on Rules and P… CRP     en ru     en 1
                Tue 22 Jun 15:00-16:30 S05 Working Group of Diamond E… WGDE    en ru     en 1
                Tue 22 Jun 17:00-18:30 S06 Working Group on Artisanal… WGAAP   en fr     fr 2
                Wed 23 Jun 13:00-15:30 S07 Joint session: conflict di… AHCRR   en fr ru  fr 2
                Wed 23 Jun 16:00-17:00 S08 Joint session: location of… PLENARY en fr ru  fr 2
                Thu 24 Jun 12:00-13:00 S09 CAR Monitoring Team         CARMT   en fr     fr 2
                Thu 24 Jun 13:30-15:30 S11 Joint session on the Centr… PLENARY en fr ru  fr 2
                Thu 24 Jun 16:00-17:30 S12 Special Forum on responsib… FORUM   en fr ru  fr 2
                Fri 25 Jun 13:00-15:30 S13 Joint session: conflict di… AHCRR   en fr ru  fr 2
                Fri 25 Jun 16:00-17:30 S14 Closing Session             PLENARY en fr ru  fr 2


                Now: S03 Working Group on Monitoring, until 14:30 · Next: S05 at Tue 22 Jun 15:…
                My schedule costs me 0 minutes of night (Europe/Moscow).
                ⚠ S03 and S04 at once, Tue 22 Jun 13:00: 1 registered delegate of RU, too few

                q quit  ? help  Tab views  z zone  t now  / search  Enter detail  P password
                """)
    }

    @Test func cjkAndArabicNamesKeepTheColumns() throws {
        for me in [Fixtures.wang, Fixtures.mohammed] {
            let b = render(try Fixtures.signedIn(me, width: 80, height: 24))
            // The header's columns and every row's start at the same terminal column.
            let header = b.lines[3]
            #expect(header.hasPrefix("DAY        TIME        SESSION"))
            for line in b.lines[4..<8] where !line.isEmpty {
                #expect(TextWidth.of(String(line.prefix(23))) == 23, "\(line)")
                #expect(line.dropFirst(23).hasPrefix("S"), "\(line)")
            }
            #expect(b.lines[1].hasPrefix(me.displayName))
        }
        // A wide name cut at the edge never leaves half a character.
        var s = try Fixtures.signedIn(Fixtures.wang, width: 32, height: 12)
        s.views.tab = .schedule
        #expect(render(s).fits())
    }

    @Test func theWorldClockShowsBandsAndLocalTimesAtTheCursor() throws {
        var s = try Fixtures.signedIn(Fixtures.alexey, width: 100, height: 30)
        s.views.tab = .worldClock
        let lines = render(s).lines
        #expect(lines[1] == "Tue 22 Jun (UTC hours) · cursor 10:00 UTC")
        #expect(lines[2].hasPrefix("                         00 01 02"))
        #expect(lines[3].hasPrefix("sessions") && lines[3].contains("■■■"))
        #expect(lines[4].hasPrefix("-05:00 MX Mexico         ▒▒▒"))
        #expect(lines[24].hasPrefix("05:00 MX,PA · 06:00 CA,DDI,GY,US,VE,WDC"), "\(lines)")
    }
}

extension ScreenTests {
    /// Issue 17 §5 at 60×20: a local date mark is never cut (the title shrinks instead), and the
    /// world clock's foot wraps between delegation codes, never inside one, showing every group.
    @Test func narrowScreensKeepTheDateMarkAndWholeCodes() throws {
        var s = try Fixtures.signedIn(Fixtures.alexey, width: 60, height: 20)
        s.views.zone = .named("Pacific/Auckland")
        let schedule = render(s).lines
        let marked = try #require(schedule.first { $0.contains("S02") })
        #expect(marked.contains("00:30-02:00 (+1 day)"), "\(marked)")
        s.views.tab = .worldClock
        let clock = render(s).lines
        let gridEnd = try #require(clock.lastIndex { $0.contains("░") || $0.contains("▒") || $0.contains("█") })
        let foot = clock[(gridEnd + 1)..<(clock.count - 1)].filter { !$0.isEmpty }
        let codes = Set(Fixtures.meeting.delegations.map(\.code))
        var seen: Set<String> = []
        for line in foot {
            for part in line.split(separator: " ") where !part.contains(":") && part != "·" && !part.hasPrefix("(") {
                for code in part.split(separator: ",") {
                    #expect(codes.contains(String(code)), "'\(code)' cut in \(foot)")
                    seen.insert(String(code))
                }
            }
        }
        #expect(seen == codes, "not every delegation's time is shown: \(codes.subtracting(seen).sorted())")
    }
}
