/// The characters a box is drawn with: Unicode lines in a UTF-8 locale, ASCII otherwise (htop).
public struct BorderSet: Sendable, Hashable {
    public let horizontal: String, vertical: String
    public let topLeft: String, topRight: String, bottomLeft: String, bottomRight: String

    public static let unicode = BorderSet(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘")
    public static let ascii = BorderSet(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+")
}

extension ScreenBuffer {
    /// A box around `rect` with `title` in its top edge; returns the area inside it.
    @discardableResult
    public mutating func box(_ rect: Rect, title: String = "", borders: BorderSet, style: Style = .normal) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let inner = String(repeating: borders.horizontal, count: rect.width - 2)
        put(borders.topLeft + inner + borders.topRight, x: rect.x, y: rect.y, style: style)
        put(borders.bottomLeft + inner + borders.bottomRight, x: rect.x, y: rect.maxY - 1, style: style)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            put(borders.vertical, x: rect.x, y: y, style: style)
            put(borders.vertical, x: rect.maxX - 1, y: y, style: style)
        }
        if !title.isEmpty, rect.width > 4 {
            put(
                " " + TextWidth.truncated(title, to: rect.width - 4) + " ", x: rect.x + 1, y: rect.y,
                style: Style(.title, bold: true))
        }
        return rect.inset(1)
    }
}
