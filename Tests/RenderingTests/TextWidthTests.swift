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
        // Shown escaped (DisplayText's one rule), never raw: ESC, BEL, C1 and a bidi override.
        #expect(TextWidth.visible("A\u{1B}[31mB\u{07}\u{9B}\u{202E}") == "A\\u{1B}[31mB\\u{7}\\u{9B}\\u{202E}")
        #expect(TextWidth.visible("plain") == "plain")
    }

    @Test func truncationAndPaddingCountColumnsNotCharacters() {
        #expect(TextWidth.truncated("王小明北京", to: 7) == "王小明…")
        #expect(TextWidth.of(TextWidth.truncated("王小明北京", to: 7)) == 7)
        #expect(TextWidth.truncated("Zoe\u{0308} Ångström", to: 5) == "Zoe\u{0308} …")
        #expect(TextWidth.padded("王", to: 4) == "王  ")
        #expect(TextWidth.truncated("abc", to: 3) == "abc" && TextWidth.truncated("abcd", to: 0) == "")
    }

    @Test func wrappingBreaksAtSpacesAndNeverSplitsAGrapheme() {
        #expect(
            TextWidth.wrapped("changed by asm-2 at 2021-06-01 10:00 after you read it", to: 20)
                == ["changed by asm-2 at", "2021-06-01 10:00", "after you read it"])
        #expect(TextWidth.wrapped("王小明北京上海", to: 5) == ["王小", "明北", "京上", "海"])
        #expect(TextWidth.wrapped("a  b", to: 10) == ["a b"])
        #expect(TextWidth.wrapped("王", to: 1) == ["王"])
        #expect(TextWidth.wrapped("anything", to: 0) == [] && TextWidth.wrapped("", to: 5) == [])
        for line in TextWidth.wrapped("Алексей Моисеев 王小明 Zoe\u{0308} Ångström محمد بن سلمان", to: 7) {
            #expect(TextWidth.of(line) <= 7)
        }
    }
}
