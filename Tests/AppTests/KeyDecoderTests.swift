import Rendering
import TerminalInput
import Testing

@Suite struct KeyDecoderTests {
    func events(_ s: String) -> [TerminalEvent] {
        var d = KeyDecoder()
        return d.feed(s)
    }

    @Test func plainKeysControlKeysAndSequences() {
        #expect(
            events("aЖ王\r\t\u{7F}\u{03}") == [
                .key(.char("a")), .key(.char("Ж")), .key(.char("王")), .key(.enter), .key(.tab), .key(.backspace),
                .key(.ctrl("c")),
            ])
        #expect(
            events("\u{1B}[A\u{1B}[Z\u{1B}[5~\u{1B}OP") == [
                .key(.up), .key(.backTab), .key(.pageUp), .key(.function(1)),
            ])
        // A lone Escape, and Escape followed by a letter that starts no sequence.
        #expect(events("\u{1B}") == [.key(.escape)])
        #expect(events("\u{1B}q") == [.key(.escape), .key(.char("q"))])
    }

    @Test func bracketedPasteIsOneEventAndNeverCommands() {
        #expect(events("x\u{1B}[200~q:quit\r\u{1B}[201~y") == [.key(.char("x")), .paste("q:quit\r"), .key(.char("y"))])
    }
}

/// Issue 15: nothing a client sends grows the state without bound.
@Suite struct InputBoundsTests {
    @Test func aHugePasteKeepsItsFirst64KiBAndStillEnds() {
        var decoder = KeyDecoder()
        let text = String(repeating: "x", count: 200_000)
        let events = decoder.feed("\u{1B}[200~" + text + "\u{1B}[201~q")
        #expect(events.count == 2)
        #expect(events.first == .paste(String(repeating: "x", count: KeyDecoder.maxPaste)))
        #expect(events.last == .key(.char("q")))
    }

    @Test func aFieldHoldsAtMost1024Characters() {
        var field = TextField()
        field.insert(String(repeating: "ж", count: 5000))
        #expect(field.text.count == TextField.maxLength && field.cursor == TextField.maxLength)
        field.insert("more")
        #expect(field.text.count == TextField.maxLength)
    }
}
