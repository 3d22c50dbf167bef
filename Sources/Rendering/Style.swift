/// What a cell means, not how it looks: the backend maps roles to colour pairs (or to bold and
/// reverse on a monochrome terminal, or when NO_COLOR is set).
public enum ColorRole: UInt8, Sendable, Hashable, CaseIterable {
    case normal, title, selected, dim, warning, error, core, shoulder, night, session, accent, hint
}

/// How one cell is drawn.
public struct Style: Sendable, Hashable {
    public var role: ColorRole
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(_ role: ColorRole = .normal, bold: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.role = role
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
    }

    public static let normal = Style()
}

/// One terminal cell: a grapheme (the first cell of a wide one carries it; the next holds "")
/// and its style.
public struct Cell: Sendable, Hashable {
    /// The grapheme drawn here; "" for the second cell of a wide grapheme.
    public var text: String
    public var style: Style

    public init(_ text: String = " ", _ style: Style = .normal) {
        self.text = text
        self.style = style
    }

    /// The blank cell.
    public static let blank = Cell()
    /// Whether this is the hidden second half of a wide grapheme.
    public var isContinuation: Bool { text.isEmpty }
}

/// A rectangle of cells.
public struct Rect: Sendable, Hashable {
    public var x: Int, y: Int, width: Int, height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width <= 0 || height <= 0 }

    /// The top `n` rows, and the rest.
    public func splitTop(_ n: Int) -> (Rect, Rect) {
        let k = min(max(0, n), height)
        return (Rect(x: x, y: y, width: width, height: k), Rect(x: x, y: y + k, width: width, height: height - k))
    }

    /// The bottom `n` rows, and the rest above them.
    public func splitBottom(_ n: Int) -> (Rect, Rect) {
        let k = min(max(0, n), height)
        return (
            Rect(x: x, y: y + height - k, width: width, height: k), Rect(x: x, y: y, width: width, height: height - k)
        )
    }

    /// The left `n` columns, and the rest.
    public func splitLeft(_ n: Int) -> (Rect, Rect) {
        let k = min(max(0, n), width)
        return (Rect(x: x, y: y, width: k, height: height), Rect(x: x + k, y: y, width: width - k, height: height))
    }

    /// Shrunk by `n` cells on every side.
    public func inset(_ n: Int) -> Rect { Rect(x: x + n, y: y + n, width: width - 2 * n, height: height - 2 * n) }

    /// A `w` × `h` rectangle centred in this one (clipped to it).
    public func centered(width w: Int, height h: Int) -> Rect {
        let ww = min(w, width), hh = min(h, height)
        return Rect(x: x + (width - ww) / 2, y: y + (height - hh) / 2, width: ww, height: hh)
    }

    /// The part of this rectangle inside `o` (empty when they do not meet).
    public func intersection(_ o: Rect) -> Rect {
        let x = Swift.max(self.x, o.x), y = Swift.max(self.y, o.y)
        return Rect(
            x: x, y: y, width: Swift.max(0, Swift.min(maxX, o.maxX) - x),
            height: Swift.max(0, Swift.min(maxY, o.maxY) - y))
    }
}
