/// A one-line text field edited by grapheme: the cursor sits between graphemes, deleting removes
/// a whole grapheme (an accented letter or an emoji sequence at once), pasted text is inserted
/// at the cursor with line breaks and control characters left out.
public struct TextField: Sendable, Equatable {
    public var text: String
    /// Cursor position in graphemes (0…count).
    public var cursor: Int
    /// Shown as bullets (passwords and tokens).
    public var secret: Bool

    public init(_ text: String = "", secret: Bool = false) {
        self.text = text
        self.cursor = text.count
        self.secret = secret
    }

    private var index: String.Index { text.index(text.startIndex, offsetBy: min(cursor, text.count)) }

    /// The most a field holds, in characters: what is typed or pasted past it is left out (no
    /// field of the program needs more; a paste of megabytes must not grow the state).
    public static let maxLength = 1024

    public mutating func insert(_ s: String) {
        let room = TextField.maxLength - text.count
        guard room > 0 else { return }
        let clean = String(
            String(
                String.UnicodeScalarView(
                    s.unicodeScalars.prefix(4 * TextField.maxLength)
                        .filter { $0.value >= 0x20 && !(0x7F..<0xA0).contains($0.value) })
            ).prefix(room))
        guard !clean.isEmpty else { return }
        let before = text.count
        text.insert(contentsOf: clean, at: index)
        cursor += text.count - before  // a combining mark may merge into the grapheme before it
    }

    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        let i = text.index(before: index)
        text.remove(at: i)
        cursor -= 1
    }

    public mutating func deleteForward() {
        guard cursor < text.count else { return }
        text.remove(at: index)
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(text.count, cursor + 1) }
    public mutating func moveHome() { cursor = 0 }
    public mutating func moveEnd() { cursor = text.count }
    /// Ctrl-U: everything before the cursor goes.
    public mutating func deleteToStart() {
        text.removeSubrange(text.startIndex..<index)
        cursor = 0
    }

    /// Draws the field in `area` (one row), scrolled so the cursor shows; `focused` places the
    /// terminal's cursor.
    public func render(into buffer: inout ScreenBuffer, area: Rect, focused: Bool) {
        guard !area.isEmpty else { return }
        let shown = secret ? String(repeating: "•", count: text.count) : text
        let graphemes = Array(shown)
        let style = Style(.normal, underline: true)
        buffer.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1), with: Cell(" ", style))
        // Scroll: keep the cursor inside the field.
        var start = 0, before = graphemes[0..<min(cursor, graphemes.count)].reduce(0) { $0 + TextWidth.of($1) }
        while before >= area.width, start < graphemes.count {
            before -= TextWidth.of(graphemes[start])
            start += 1
        }
        buffer.put(String(graphemes[start...]), x: area.x, y: area.y, style: style, clip: area)
        if focused { buffer.cursor = (area.x + before, area.y) }
    }
}
