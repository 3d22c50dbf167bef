import Rendering
import Testing

@Suite struct ScreenBufferTests {
    @Test func wideGraphemesTakeTwoCellsAndAreNeverSplit() {
        var b = ScreenBuffer(width: 6, height: 2)
        #expect(b.put("王小明", x: 0, y: 0) == 6)
        #expect(b.lines[0] == "王小明")
        #expect(b[1, 0].isContinuation && !b[0, 0].isContinuation)
        // At the edge: a blank, not half a character.
        #expect(b.put("a王小", x: 3, y: 1) == 3)
        #expect(b.lines[1] == "   a王")
        // Writing over half of a wide character blanks its other half.
        b.put("x", x: 1, y: 0)
        #expect(b.lines[0] == " x小明")
    }

    @Test func controlCharactersAreNeverDrawnAndMarksJoinTheirLetter() {
        var b = ScreenBuffer(width: 14, height: 1)
        b.put("a\u{1B}[2Jb", x: 0, y: 0)
        #expect(b.lines[0] == "a\\u{1B}[2Jb")
        var c = ScreenBuffer(width: 10, height: 1)
        #expect(c.put("Zoe\u{0308}!", x: 0, y: 0) == 4)
        #expect(c.lines[0] == "Zoë!")
    }

    @Test func changesListOnlyCellsThatDiffer() {
        var a = ScreenBuffer(width: 4, height: 2)
        a.put("abcd", x: 0, y: 0)
        var b = a
        b.put("X", x: 2, y: 1)
        #expect(b.changes(from: a).map { "\($0.x),\($0.y)" } == ["2,1"])
        #expect(b.changes(from: nil).count == 8)
        #expect(b.changes(from: ScreenBuffer(width: 3, height: 2)).count == 8)
    }

    @Test func tableColumnsShrinkAndTruncateWithAnEllipsis() {
        var b = ScreenBuffer(width: 20, height: 3)
        Table(
            columns: [Table.Column("ID", minWidth: 2), Table.Column("NAME", minWidth: 4, grow: 1)],
            rows: [["1", "Алексей Моисеев"], ["2", "王小明 (北京) 代表团"]]
        ).render(into: &b, area: b.area)
        #expect(b.lines == ["ID NAME", "1  Алексей Моисеев", "2  王小明 (北京) 代…"])
    }

    @Test func textFieldEditsByGrapheme() {
        var f = TextField("Zoe")
        f.insert("\u{0308}")  // combining diaeresis joins the e
        #expect(f.text == "Zoë" && f.cursor == 3)
        f.insert("👍🏽")
        #expect(f.cursor == 4)
        f.deleteBackward()  // the whole emoji with its skin tone
        #expect(f.text == "Zoë")
        f.moveHome()
        f.deleteForward()
        #expect(f.text == "oë")
        f.insert("a\nb\u{1B}")  // line breaks and escapes are left out of pastes
        #expect(f.text == "aboë")
        var secret = TextField("hunter2", secret: true)
        var b = ScreenBuffer(width: 10, height: 1)
        secret.render(into: &b, area: b.area, focused: true)
        #expect(b.lines[0] == "•••••••" && b.cursor?.x == 7)
        secret.deleteToStart()
        #expect(secret.text.isEmpty)
    }
}

@Suite struct HeatGridTests {
    @Test func rowsOfGlyphsWithACursorColumnAndScrolling() {
        let grid = HeatGrid(
            rows: [
                HeatGrid.Row(label: "+03:00 RU", cells: [.night, .shoulder, .core]),
                HeatGrid.Row(label: "+08:00 CN 中国", cells: [.core, .core, .shoulder]),
                HeatGrid.Row(label: "-05:00 MX", cells: [.night, .night, .night]),
            ], labelWidth: 12, cellWidth: 2, cursorColumn: 1, firstRow: 1,
            glyphs: [.core: "█", .shoulder: "▒", .night: "░"])
        var b = ScreenBuffer(width: 18, height: 2)
        grid.render(into: &b, area: b.area)
        #expect(b.lines == ["+08:00 CN … ████▒▒", "-05:00 MX   ░░░░░░"])
        #expect(b[14, 0].style.reverse && b[14, 0].style.role == .core && !b[12, 0].style.reverse)
    }
}

/// A terminal as xterm, tmux and curses keep one: a cell written over either half of a wide
/// character blanks its other half; a wide character takes its cell and the next.
private struct TerminalModel {
    var rows: [[String]]

    init(width: Int, height: Int) { rows = Array(repeating: Array(repeating: " ", count: width), count: height) }

    /// Writes what a backend writes of `frame`: its changed cells, continuation cells skipped.
    mutating func apply(_ frame: ScreenBuffer, after previous: ScreenBuffer?) {
        for (x, y) in frame.changes(from: previous) where !frame[x, y].isContinuation {
            let text = frame[x, y].text.isEmpty ? " " : frame[x, y].text
            if rows[y][x] == "" && x > 0 { rows[y][x - 1] = " " }  // over a second half
            if x + 1 < rows[y].count, rows[y][x + 1] == "" { rows[y][x + 1] = " " }  // over a first half
            rows[y][x] = text
            if TextWidth.of(text) == 2, x + 1 < rows[y].count {
                if x + 2 < rows[y].count, rows[y][x + 2] == "" { rows[y][x + 2] = " " }
                rows[y][x + 1] = ""
            }
        }
    }

    var lines: [String] {
        rows.map { r in
            var s = r.joined()
            while s.last == " " { s.removeLast() }
            return s
        }
    }
}

extension ScreenBufferTests {
    /// Issue 17 §4: a dialog whose border stands on the second half of a CJK character, then
    /// closed: drawing only the changed cells leaves the terminal showing exactly the frame (the
    /// fill blanks the character's first half in the buffer too, as the terminal does).
    @Test(arguments: 0..<4)
    func aDialogOverWideCharactersClosesWithoutLeavingPieces(offset: Int) {
        let width = 24
        var desk = ScreenBuffer(width: width, height: 4)
        for y in 0..<4 { desk.put("  1 BW 小明王王王王王", x: 0, y: y) }
        var open = desk
        Dialog(title: "x", lines: [("a", .normal)], width: 8).render(
            into: &open, area: Rect(x: 6 + offset, y: 0, width: 8, height: 4), borders: .unicode)
        var terminal = TerminalModel(width: width, height: 4)
        terminal.apply(desk, after: nil)
        terminal.apply(open, after: desk)
        #expect(terminal.lines == open.lines)
        terminal.apply(desk, after: open)
        #expect(terminal.lines == desk.lines, "\(terminal.lines)")
    }
}
