import Rendering
import Testing

@Suite struct TextWidthTests {
    @Test(arguments: [
        ("Kwame Mensah", 12), ("王小明", 6), ("Алексей Моисеев", 15), ("محمد بن سلمان", 13),
        ("Zoe\u{0308}", 3), ("Zoë Ångström", 12), ("👍🏽", 2), ("❤️", 2), ("", 0),
    ])
    func columns(text: String, width: Int) {
        #expect(TextWidth.of(text) == width, "\(text)")
    }

    @Test func controlCharactersAreNeverDrawn() {
        #expect(TextWidth.visible("A\u{1B}[31mB\u{07}\u{9B}") == "A\u{FFFD}[31mB\u{FFFD}\u{FFFD}")
        #expect(TextWidth.visible("plain") == "plain")
    }

    @Test func truncationAndPaddingCountColumnsNotCharacters() {
        #expect(TextWidth.truncated("王小明北京", to: 7) == "王小明…")
        #expect(TextWidth.of(TextWidth.truncated("王小明北京", to: 7)) == 7)
        #expect(TextWidth.truncated("Zoe\u{0308} Ångström", to: 5) == "Zoe\u{0308} …")
        #expect(TextWidth.padded("王", to: 4) == "王  ")
        #expect(TextWidth.truncated("abc", to: 3) == "abc" && TextWidth.truncated("abcd", to: 0) == "")
    }
}
