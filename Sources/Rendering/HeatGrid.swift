/// A heat map: one labelled row per item, one cell per column (an hour, a grid step), each cell a
/// colour role drawn as a glyph (so it reads on a monochrome terminal and in tests); one column
/// may carry the cursor. Used by the world clock (comfort bands per hour) and for burden heat.
public struct HeatGrid: Sendable {
    public struct Row: Sendable {
        public var label: String
        public var cells: [ColorRole]
        public init(label: String, cells: [ColorRole]) {
            self.label = label
            self.cells = cells
        }
    }

    public var rows: [Row]
    public var labelWidth: Int
    /// Columns each cell takes (1-3).
    public var cellWidth: Int
    public var cursorColumn: Int?
    /// The first row shown.
    public var firstRow: Int
    /// The glyph of each role (roles without one are blank).
    public var glyphs: [ColorRole: String]

    public init(
        rows: [Row], labelWidth: Int, cellWidth: Int, cursorColumn: Int? = nil, firstRow: Int = 0,
        glyphs: [ColorRole: String]
    ) {
        self.rows = rows
        self.labelWidth = labelWidth
        self.cellWidth = cellWidth
        self.cursorColumn = cursorColumn
        self.firstRow = firstRow
        self.glyphs = glyphs
    }

    /// The x of column `c` in `area`.
    public func x(ofColumn c: Int, in area: Rect) -> Int { area.x + labelWidth + c * cellWidth }

    public func render(into b: inout ScreenBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        let first = max(0, min(firstRow, rows.count - area.height))
        for (i, row) in rows.dropFirst(first).prefix(area.height).enumerated() {
            let y = area.y + i
            b.put(TextWidth.truncated(row.label, to: max(0, labelWidth - 1)), x: area.x, y: y, clip: area)
            for (c, role) in row.cells.enumerated() {
                let glyph = glyphs[role] ?? " "
                let x0 = x(ofColumn: c, in: area), style = Style(role, reverse: c == cursorColumn)
                if TextWidth.of(glyph) == 1 {
                    // One-column glyphs go straight into their cells (thousands per frame).
                    for x in x0..<(x0 + cellWidth) where x >= area.x && x < area.maxX { b[x, y] = Cell(glyph, style) }
                } else {
                    b.put(String(repeating: glyph, count: cellWidth), x: x0, y: y, style: style, clip: area)
                }
            }
        }
    }
}
