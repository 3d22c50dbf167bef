/// One line of tabs, the selected one highlighted.
public struct Tabs: Sendable {
    public var titles: [String]
    public var selected: Int

    public init(_ titles: [String], selected: Int) {
        self.titles = titles
        self.selected = selected
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        var x = area.x
        for (i, t) in titles.enumerated() {
            let style = i == selected ? Style(.selected, bold: true, reverse: true) : Style(.dim)
            x += buffer.put(" \(t) ", x: x, y: area.y, style: style, clip: area)
            x += buffer.put(" ", x: x, y: area.y, clip: area)
        }
    }
}

/// A status line: text on the left, text on the right (the right side wins when space is short).
public struct StatusBar: Sendable {
    public var left: String
    public var right: String
    public var style: Style

    public init(left: String, right: String = "", style: Style = Style(.title, reverse: true)) {
        self.left = left
        self.right = right
        self.style = style
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        buffer.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1), with: Cell(" ", style))
        let r = TextWidth.truncated(right, to: area.width)
        let rw = TextWidth.of(r)
        let l = TextWidth.truncated(left, to: max(0, area.width - rw - (rw > 0 ? 1 : 0)))
        buffer.put(l, x: area.x, y: area.y, style: style, clip: area)
        buffer.put(r, x: area.maxX - rw, y: area.y, style: style, clip: area)
    }
}

/// The key-hint line: "q quit  ? help  z zone"; hints that do not fit are left out whole.
public struct KeyHints: Sendable {
    public var hints: [(key: String, label: String)]

    public init(_ hints: [(key: String, label: String)]) { self.hints = hints }

    public func render(into buffer: inout ScreenBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        var x = area.x
        for (key, label) in hints {
            let w = TextWidth.of(key) + 1 + TextWidth.of(label)
            if x + w > area.maxX { break }
            x += buffer.put(key, x: x, y: area.y, style: Style(.hint, bold: true), clip: area)
            x += buffer.put(" " + label, x: x, y: area.y, style: Style(.dim), clip: area)
            x += buffer.put("  ", x: x, y: area.y, clip: area)
        }
    }
}

/// A modal box in the middle of the screen: a title, lines of text, optional fields below.
public struct Dialog: Sendable {
    public var title: String
    public var lines: [(String, Style)]
    public var width: Int
    /// Lines (by index) that open a link where the terminal supports it (OSC 8).
    public var links: [Int: String]

    public init(title: String, lines: [(String, Style)], width: Int = 50, links: [Int: String] = [:]) {
        self.title = title
        self.lines = lines
        self.width = width
        self.links = links
    }

    /// Draws the box and returns the area inside it below the lines (for fields).
    @discardableResult
    public func render(into buffer: inout ScreenBuffer, area: Rect, extraRows: Int = 0, borders: BorderSet) -> Rect {
        let box = area.centered(width: min(width, area.width), height: min(lines.count + extraRows + 2, area.height))
        buffer.fill(box)
        let inner = buffer.box(box, title: title, borders: borders)
        for (i, (text, style)) in lines.enumerated() where i < inner.height {
            let shown = TextWidth.truncated(text, to: max(0, inner.width - 2))
            buffer.put(shown, x: inner.x + 1, y: inner.y + i, style: style, clip: inner)
            if let url = links[i] {
                // The link's own text, after its indent.
                let indent = shown.prefix { $0 == " " }.count
                buffer.link(
                    x: inner.x + 1 + indent, y: inner.y + i, width: TextWidth.of(shown) - indent, url: url)
            }
        }
        return Rect(
            x: inner.x + 1, y: inner.y + lines.count, width: inner.width - 2, height: max(0, inner.height - lines.count)
        )
    }
}
