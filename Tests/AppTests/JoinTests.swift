import AppCore
import Foundation
import MeetingModel
import MeetingTime
import Rendering
import Screens
import Testing

/// How a delegate joins a session (issue 19): `J` opens the details of the selected session,
/// from its release time (said in the delegate's own zone before) to its end; only attendees get
/// a link, and the link goes to the terminal's clipboard.
@Suite struct JoinTests {
    static let s01 = Fixtures.programme.placements.first { $0.sessionID == "S01" }!.start
    static let opens = s01.adding(minutes: -7 * 1440)  // the opening's own release: 7 days

    /// `me` signed in at `now` with the opening selected and its join details opened.
    static func opened(_ me: Delegate, at now: Instant, width: Int = 80, height: Int = 24) throws -> (
        AppState, [Effect]
    ) {
        var s = try Fixtures.signedIn(me, width: width, height: height)
        s.now = now
        let effects = Fixtures.type("gJ", into: &s)
        #expect(s.views.join == "S01")
        return (s, effects)
    }

    static func text(_ s: AppState) -> String { render(s).lines.joined(separator: "\n") }

    @Test func beforeTheReleaseTheTimeIsSaidInTheDelegatesOwnZone() throws {
        let nz = Fixtures.delegate("NZ", "Aroha", "Ngata", id: 4)
        let mx = Fixtures.delegate("MX", "Lucía", "Hernández", id: 5)
        // 2021-06-14 10:00 UTC: Mon 14 Jun 22:00 in Auckland, 05:00 in Mexico City.
        #expect(Self.opens == Instant(seconds: 1_623_664_800))
        let (auckland, effects) = try Self.opened(nz, at: Instant(seconds: Self.opens.seconds - 1))
        #expect(Self.text(auckland).contains("Link available from Mon 14 Jun 22:00 (my zone Pacific/Auckland)"))
        #expect(!Self.text(auckland).contains("zoom.example.org") && effects.isEmpty, "no link, nothing copied")
        let (mexico, _) = try Self.opened(mx, at: Instant(seconds: Self.opens.seconds - 1))
        #expect(Self.text(mexico).contains("Link available from Mon 14 Jun 05:00 (my zone America/Mexico_City)"))
        #expect(!Self.text(mexico).contains("KP-open-21"))
    }

    @Test func fromTheReleaseToTheEndTheWholeLinkShowsAndGoesToTheClipboard() throws {
        let url = "https://zoom.example.org/w/83020210621?tk=KPopen"
        for at in [Self.opens, Self.s01.adding(minutes: 119)] {
            let (s, effects) = try Self.opened(Fixtures.alexey, at: at)
            let text = Self.text(s)
            #expect(text.contains(url) && text.contains("Passcode: KP-open-21"), "\(text)")
            #expect(text.contains("Interpretation: French, channel 2"), "\(text)")
            #expect(effects == [.clipboard(url)])
        }
        // At 60 columns the link is cut into lines, never shortened.
        let (narrow, _) = try Self.opened(Fixtures.alexey, at: Self.opens, width: 60, height: 20)
        let joined = render(narrow).lines.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "│| ")) }.joined()
        #expect(joined.contains(url), "\(Self.text(narrow))")
        #expect(render(narrow).fits())
        // Each line of the link opens it where the terminal supports hyperlinks (OSC 8).
        let screen = render(narrow)
        #expect(!screen.links.isEmpty && screen.links.allSatisfy { $0.url == url }, "\(screen.links)")
        let linked = screen.links.map { l in
            (l.x..<(l.x + l.width)).map { screen[$0, l.y].text }.joined()
        }.joined()
        #expect(linked == url, "the linked cells are the link's own text, nothing else")
        // At the end: no link any more.
        let (ended, effects) = try Self.opened(Fixtures.alexey, at: Self.s01.adding(minutes: 120))
        #expect(Self.text(ended).contains("This session has ended") && !Self.text(ended).contains(url))
        #expect(effects.isEmpty)
    }

    @Test func theNowNextLineSaysJToJoinAndEscClosesTheDetails() throws {
        var s = try Fixtures.signedIn(Fixtures.alexey)
        s.now = Self.s01.adding(minutes: -10)
        Fixtures.type("g", into: &s)
        #expect(Self.text(s).contains("(in 10 min) — J to join S01"), "\(Self.text(s))")
        Fixtures.type("j", into: &s)
        #expect(Self.text(s).contains("— t, then J to join"), "the cursor is off S01")
        Fixtures.type("tJ", into: &s)
        #expect(s.views.join == "S01")
        Fixtures.type("\u{1B}", into: &s)
        #expect(s.views.join == nil)
    }

    /// A delegate's own link (imported from the platform's registrant export) takes the shared
    /// one's place, is called personal on screen, and is what goes to the clipboard.
    @Test func aPersonalLinkIsShownCalledPersonalAndCopied() throws {
        let own = "https://zoom.example.org/w/83020210621?tk=alexey-own.eyJhbGciOiJIUzI1NiJ9.personal-registrant-token"
        var s = AppState(width: 80, height: 24, now: Self.opens, languageChosen: true)
        let data = try MeetingData(
            meeting: Fixtures.meeting, programme: Fixtures.programme, me: Fixtures.alexey,
            colleagues: [Fixtures.alexey],
            requests: [], links: [PersonalLink(scope: .session("S01"), url: own)])
        _ = reduce(&s, .signIn(.answered(.signedIn(data))))
        Fixtures.type("g", into: &s)
        Fixtures.type("\r", into: &s)
        #expect(Self.text(s).contains("How to join: Zoom · personal link"), "\(Self.text(s))")
        Fixtures.type("\u{1B}", into: &s)
        let effects = Fixtures.type("J", into: &s)
        let text = Self.text(s)
        #expect(text.contains("Your personal link (for you only: do not share it):"), "\(text)")
        #expect(!text.contains("tk=KPopen"), "the shared link is not shown beside the personal one: \(text)")
        #expect(effects == [.clipboard(own)])
        // A link longer than a line is cut into lines; each opens the whole link (OSC 8).
        let screen = render(s)
        #expect(screen.links.count == 2 && screen.links.allSatisfy { $0.url == own }, "\(screen.links)")
        let linked = screen.links.map { l in (l.x..<(l.x + l.width)).map { screen[$0, l.y].text }.joined() }
        #expect(linked.joined() == own)
        // Before the release, the personal link is no more shown than the shared one.
        s.now = Instant(seconds: Self.opens.seconds - 1)
        #expect(!Self.text(s).contains("alexey-own"))
    }

    /// A session the delegate does not attend: its platform, never its link.
    @Test func onlyAttendeesGetALink() throws {
        var s = try Fixtures.signedIn(Fixtures.wang)
        s.now = Fixtures.now
        let mine = visibleLines(s).map(\.session.id)
        Fixtures.type("2", into: &s)
        let lines = visibleLines(s)
        let other = try #require(lines.firstIndex { !mine.contains($0.session.id) && $0.end > s.now })
        s.views.programmeRow = other
        let effects = Fixtures.type("J", into: &s)
        let text = Self.text(s)
        #expect(text.contains("You are not among this session's attendees"), "\(text)")
        #expect(!text.contains("zoom.example.org") && !text.contains("Passcode") && effects.isEmpty)
    }
}
