import Rendering
@testable import TerminalBackend
import Testing

/// OSC 8 hyperlinks (issue 19): the join link's cells written again inside the link, in their own
/// style, with the cursor and attributes curses left saved and restored around them.
@Suite struct HyperlinkTests {
    @Test func theLinksCellsAreWrittenInsideOSC8BetweenASavedAndARestoredCursor() {
        var b = ScreenBuffer(width: 40, height: 3)
        b.put("│ https://zoom.example.org/w/8?tk=a │", x: 0, y: 1, style: Style(.title))
        b.link(x: 2, y: 1, width: 33, url: "https://zoom.example.org/w/8?tk=a")
        let text = CursesTerminal.hyperlinkText(b, colors: true)
        #expect(text.hasPrefix("\u{1B}7\u{1B}[2;3H\u{1B}]8;id=is"))
        #expect(
            text.contains(
                ";https://zoom.example.org/w/8?tk=a\u{1B}\\\u{1B}[0;36mhttps://zoom.example.org/w/8?tk=a\u{1B}]8;;\u{1B}\\"
            ), "\(text.debugDescription)")
        #expect(text.hasSuffix("\u{1B}8"))
        // Monochrome: the title role is bold, as curses draws it.
        #expect(CursesTerminal.hyperlinkText(b, colors: false).contains("\u{1B}[0;1mhttps://"))
    }

    @Test func nothingOfTheLinkCanEndTheSequenceEarly() {
        var b = ScreenBuffer(width: 20, height: 1)
        b.put("x", x: 0, y: 0)
        b.link(x: 0, y: 0, width: 1, url: "https://a.example/\u{1B}]0;pwned\u{07}é")
        let text = CursesTerminal.hyperlinkText(b, colors: true)
        #expect(!text.contains("\u{07}") && !text.contains("é"))
        #expect(
            text.filter { $0 == "\u{1B}" }.count == 8,
            "save, move, open (two), style, close (two), restore: \(text.debugDescription)")
    }

    @Test func theTerminalTypesThatPredateHyperlinksGetPlainText() {
        #expect(CursesTerminal.hyperlinksWanted(["TERM": "xterm-256color"]))
        #expect(CursesTerminal.hyperlinksWanted(["TERM": "tmux-256color"]))
        for term in ["linux", "vt100", "vt220", "dumb", ""] {
            #expect(!CursesTerminal.hyperlinksWanted(["TERM": term]), "\(term)")
        }
        #expect(!CursesTerminal.hyperlinksWanted(["TERM": "xterm-256color", "INTERSESSION_HYPERLINKS": "0"]))
        #expect(CursesTerminal.hyperlinksWanted(["TERM": "linux", "INTERSESSION_HYPERLINKS": "1"]))
    }
}
