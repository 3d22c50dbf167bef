import Rendering
import Testing

/// Each widget's styles, cell by cell (the screen goldens hold text only, so a lost highlight or
/// a wrong colour role would pass them): what the terminal is told to draw bold, reversed, dim.
@Suite struct WidgetStyleTests {
    /// The style of every cell of row `y` from `x` for `count` cells.
    func styles(_ b: ScreenBuffer, y: Int, from x: Int, count: Int) -> [Style] {
        (x..<(x + count)).map { b[$0, y].style }
    }

    @Test func tabsHighlightOnlyTheSelectedOne() {
        var b = ScreenBuffer(width: 30, height: 1)
        Tabs(["One", "Two"], selected: 1).render(into: &b, area: b.area)
        // " One " then a gap, then " Two " reversed and bold.
        #expect(styles(b, y: 0, from: 0, count: 5).allSatisfy { $0 == Style(.dim) })
        #expect(b[5, 0].style == .normal)
        #expect(styles(b, y: 0, from: 6, count: 5).allSatisfy { $0 == Style(.selected, bold: true, reverse: true) })
    }

    @Test func keyHintsBoldTheKeysAndDimTheirLabels() {
        var b = ScreenBuffer(width: 30, height: 1)
        KeyHints([(key: "q", label: "quit"), (key: "?", label: "help")]).render(into: &b, area: b.area)
        #expect(b.lines[0] == "q quit  ? help")
        #expect(b[0, 0].style == Style(.hint, bold: true) && b[8, 0].style == Style(.hint, bold: true))
        #expect(styles(b, y: 0, from: 1, count: 5).allSatisfy { $0 == Style(.dim) })
    }

    @Test func aTablesSelectedRowIsReversedAcrossItsWholeWidth() {
        var b = ScreenBuffer(width: 20, height: 4)
        Table(
            columns: [Table.Column("ID"), Table.Column("NAME", grow: 1)], rows: [["1", "Ana"], ["2", "Ben"]],
            rowStyles: [Style(.dim), .normal], selected: 1
        ).render(into: &b, area: b.area)
        #expect(styles(b, y: 0, from: 0, count: 2).allSatisfy { $0 == Style(.title, bold: true) })
        #expect(b[0, 1].style == Style(.dim))  // a past row keeps its own style
        let selected = Style(.selected, reverse: true)
        #expect(styles(b, y: 2, from: 0, count: 20).allSatisfy { $0 == selected })  // to the edge, not only the text
    }

    @Test func aTextFieldIsUnderlinedAndPlacesTheCursorWhenFocused() {
        var b = ScreenBuffer(width: 12, height: 1)
        var f = TextField("abc")
        f.moveLeft()
        f.render(into: &b, area: Rect(x: 2, y: 0, width: 8, height: 1), focused: true)
        #expect(styles(b, y: 0, from: 2, count: 8).allSatisfy { $0 == Style(.normal, underline: true) })
        #expect(b[1, 0].style == .normal && b[10, 0].style == .normal)
        #expect(b.cursor?.x == 4 && b.cursor?.y == 0)
        var unfocused = ScreenBuffer(width: 12, height: 1)
        TextField(secret: true).render(into: &unfocused, area: unfocused.area, focused: false)
        #expect(unfocused.cursor == nil)
    }

    @Test func aDialogBlanksWhatIsUnderItAndTitlesItsBorder() {
        var b = ScreenBuffer(width: 20, height: 6)
        for y in 0..<6 { b.put(String(repeating: "x", count: 20), x: 0, y: y, style: Style(.error)) }
        let inner = Dialog(title: "T", lines: [("hello", Style(.accent))], width: 12).render(
            into: &b, area: b.area, borders: .unicode)
        #expect(b.lines[1] == "xxxx┌ T ───────┐xxxx")
        #expect(b[6, 1].style == Style(.title, bold: true))  // the title
        #expect(b[4, 2].style == .normal && b[5, 2].text == " ")  // border, then the blanked inside
        #expect(b[6, 2].text == "h" && b[6, 2].style == Style(.accent))
        #expect(inner.width == 8)
    }
}
