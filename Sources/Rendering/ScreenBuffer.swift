/// A grid of cells that views draw into; the terminal backend shows it, tests read it as text.
///
/// Text is written by grapheme cluster: a wide grapheme (CJK) takes its cell and marks the next
/// as its continuation, and is never split at an edge (a blank is drawn instead); control
/// characters never reach a cell (`TextWidth.visible`).
public struct ScreenBuffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal's cursor should be shown (a text field being edited), if anywhere.
    public var cursor: (x: Int, y: Int)?
    /// Cells that open a link where the terminal supports it (OSC 8): a join link on screen.
    public private(set) var links: [Hyperlink] = []

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = [Cell](repeating: .blank, count: self.width * self.height)
    }

    public static func == (a: ScreenBuffer, b: ScreenBuffer) -> Bool {
        a.width == b.width && a.height == b.height && a.cells == b.cells && a.cursor?.x == b.cursor?.x
            && a.cursor?.y == b.cursor?.y && a.links == b.links
    }

    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { x >= 0 && y >= 0 && x < width && y < height ? cells[y * width + x] : .blank }
        set { if x >= 0 && y >= 0 && x < width && y < height { cells[y * width + x] = newValue } }
    }

    /// Writes `text` at (x, y) within `clip` (default: the whole buffer) and returns the columns used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .normal, clip: Rect? = nil) -> Int {
        let bounds = clip ?? area
        guard y >= bounds.y, y < bounds.maxY, y >= 0, y < height else { return 0 }
        var col = x
        for g in TextWidth.visible(text) {
            let w = TextWidth.of(g)
            if w == 0 { continue }
            if col >= bounds.maxX || col >= width { break }
            if col + w > bounds.maxX || col + w > width {
                // A wide grapheme that would cross the edge: a blank in its place, never half of it.
                if col >= bounds.x { clearWide(at: col, y); self[col, y] = Cell(" ", style) }
                col += 1
                break
            }
            if col >= bounds.x {
                clearWide(at: col, y)
                self[col, y] = Cell(String(g), style)
                if w == 2 { clearWide(at: col + 1, y); self[col + 1, y] = Cell("", style) }
            }
            col += w
        }
        return max(0, col - x)
    }

    /// Marks `width` columns from (x, y) as opening `url` (cut to the buffer; at most 16 links
    /// per frame, a link at most 2,000 characters).
    public mutating func link(x: Int, y: Int, width w: Int, url: String) {
        guard y >= 0, y < height, x >= 0, x < width, w > 0, links.count < 16, url.count <= 2_000 else { return }
        links.append(Hyperlink(x: x, y: y, width: min(w, width - x), url: url))
    }

    /// Writing over half of a wide grapheme blanks its other half.
    private mutating func clearWide(at x: Int, _ y: Int) {
        let here = self[x, y]
        if here.isContinuation, x > 0 { self[x - 1, y] = Cell(" ", self[x - 1, y].style) }
        if !here.isContinuation, TextWidth.of(here.text) == 2, x + 1 < width { self[x + 1, y] = Cell(" ", here.style) }
    }

    /// Fills `rect` with `cell`.
    /// A wide grapheme cut by the rectangle's edge loses its other half too (issue 17 §4: else
    /// the buffer keeps a character the terminal has already blanked, and closing a dialog over
    /// CJK names left pieces of its border).
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let left = max(0, rect.x), right = min(width, max(rect.maxX, 0))
        guard left < right else { return }
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            clearWide(at: left, y)
            clearWide(at: right - 1, y)
            for x in left..<right { self[x, y] = cell }
        }
    }

    /// Sets the style of every cell of `rect` (keeping its text).
    public mutating func restyle(_ rect: Rect, _ style: Style) {
        for y in max(0, rect.y)..<min(height, rect.maxY) where rect.x < width {
            for x in max(0, rect.x)..<min(width, max(rect.maxX, 0)) { cells[y * width + x].style = style }
        }
    }

    /// The rows as text, as a terminal shows them (`tmux capture-pane -p`): trailing spaces dropped.
    public var lines: [String] {
        (0..<height).map { y in
            var s = ""
            for x in 0..<width { s += cells[y * width + x].text }
            while s.last == " " { s.removeLast() }
            return s
        }
    }

    /// The whole buffer as text, one line per row.
    public var text: String { lines.joined(separator: "\n") }

    /// Cells that differ from `old` (all of them when the size changed), row by row.
    public func changes(from old: ScreenBuffer?) -> [(x: Int, y: Int)] {
        guard let old, old.width == width, old.height == height else {
            return (0..<height).flatMap { y in (0..<width).map { (x: $0, y: y) } }
        }
        var out: [(x: Int, y: Int)] = []
        for i in cells.indices where cells[i] != old.cells[i] { out.append((i % width, i / width)) }
        return out
    }
}

/// A run of cells on one row that opens `url` where the terminal supports hyperlinks (OSC 8).
public struct Hyperlink: Sendable, Equatable {
    public let x: Int
    public let y: Int
    public let width: Int
    public let url: String
}
