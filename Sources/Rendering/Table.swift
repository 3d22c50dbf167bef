/// A table: a header row, rows of cells, one selected row, scrolled to keep it in view.
/// Columns have a minimum width and a share of the space left; text that does not fit ends
/// with "…" (cut by grapheme, measured in terminal columns).
public struct Table: Sendable {
    public struct Column: Sendable {
        public var title: String
        /// Columns this column takes at least.
        public var minWidth: Int
        /// Share of the space left over (0: never wider than its content or minimum).
        public var grow: Int
        public var alignRight: Bool
        /// Never cut: the widest text shown is the column's minimum (a time with its "(+1 day)").
        public var keep: Bool
        /// Left out, the last such first, when the table cannot fit otherwise (issue 17 §5: on a
        /// narrow screen the less important columns give way before anything is cut).
        public var optional: Bool
        /// Narrowed to this before any optional column is narrowed (then on to `minWidth`).
        public var comfortable: Int

        public init(
            _ title: String, minWidth: Int = 1, grow: Int = 0, alignRight: Bool = false, keep: Bool = false,
            optional: Bool = false, comfortable: Int? = nil
        ) {
            self.title = title
            self.minWidth = minWidth
            self.grow = grow
            self.alignRight = alignRight
            self.keep = keep
            self.optional = optional
            self.comfortable = max(minWidth, comfortable ?? minWidth)
        }
    }

    public var columns: [Column]
    public var rows: [[String]]
    /// A style per row (e.g. dim for past sessions); `.normal` when missing.
    public var rowStyles: [Style]
    public var selected: Int?
    public var showHeader: Bool

    public init(
        columns: [Column], rows: [[String]], rowStyles: [Style] = [], selected: Int? = nil, showHeader: Bool = true
    ) {
        self.columns = columns
        self.rows = rows
        self.rowStyles = rowStyles
        self.selected = selected
        self.showHeader = showHeader
    }

    /// Column widths for `width` columns of space (one space between columns), measured over
    /// `measured` rows (default all; the render measures the rows it shows, so a long list
    /// costs only its visible part).
    public func widths(for width: Int, measured: Range<Int>? = nil) -> [Int] {
        let n = columns.count
        guard n > 0 else { return [] }
        let sample = measured.map { rows[$0.clamped(to: rows.indices)] } ?? rows[...]
        var w = columns.indices.map { c in
            max(
                columns[c].minWidth,
                ([showHeader ? columns[c].title : ""] + sample.map { $0.indices.contains(c) ? $0[c] : "" }).map(
                    TextWidth.of
                ).max() ?? 0)
        }
        var floor = columns.indices.map { c in
            columns[c].keep
                ? max(columns[c].minWidth, sample.map { $0.indices.contains(c) ? TextWidth.of($0[c]) : 0 }.max() ?? 0)
                : columns[c].minWidth
        }
        // Optional columns go, the last first, while even the minimums do not fit.
        var shown = Set(columns.indices)
        func needed() -> Int {
            shown.reduce(0) { $0 + floor[$1] } + max(0, shown.count - 1)
        }
        while needed() > width, let c = shown.filter({ columns[$0].optional }).max() {
            shown.remove(c)
            w[c] = 0
            floor[c] = 0
        }
        let space = width - (shown.count - 1)
        var total = w.reduce(0, +)
        // Too wide: growable columns narrow to their comfortable width, then optional columns,
        // then growable ones to their minimum, then any; the widest first at each step.
        func rank(_ c: Int) -> Int {
            if columns[c].grow > 0 && w[c] > columns[c].comfortable { return 3 }
            return columns[c].optional ? 2 : columns[c].grow > 0 ? 1 : 0
        }
        while total > space {
            guard
                let c = w.indices.filter({ w[$0] > floor[$0] }).max(by: { (rank($0), w[$0]) < (rank($1), w[$1]) })
            else { break }
            w[c] -= 1
            total -= 1
        }
        // Room to spare: share it among growable columns.
        let growth = columns.reduce(0) { $0 + $1.grow }
        if total < space, growth > 0 {
            let spare = space - total
            var given = 0
            for c in columns.indices where columns[c].grow > 0 && shown.contains(c) {
                let add = spare * columns[c].grow / growth
                w[c] += add
                given += add
            }
            if let last = columns.indices.last(where: { columns[$0].grow > 0 && shown.contains($0) }) {
                w[last] += spare - given
            }
        }
        return w
    }

    /// The first row shown so that `selected` is visible in `height` rows of data.
    public func offset(forHeight height: Int) -> Int {
        guard let selected, height > 0 else { return 0 }
        return max(0, min(selected - height + 1 + height / 2, rows.count - height, selected))
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        let visible = area.height - (showHeader ? 1 : 0)
        let first = offset(forHeight: visible)
        let widths = widths(for: area.width, measured: first..<min(rows.count, first + max(0, visible)))
        var y = area.y
        func line(_ cells: [String], style: Style) {
            var x = area.x
            for (c, w) in widths.enumerated() where x < area.maxX && w > 0 {
                let text = TextWidth.truncated(c < cells.count ? cells[c] : "", to: w)
                let pad = w - TextWidth.of(text)
                let shown = columns[c].alignRight ? String(repeating: " ", count: max(0, pad)) + text : text
                buffer.put(shown, x: x, y: y, style: style, clip: area)
                x += w + 1
            }
        }
        if showHeader {
            line(columns.map(\.title), style: Style(.title, bold: true))
            y += 1
        }
        for r in first..<min(rows.count, first + max(0, visible)) {
            let isSelected = r == selected
            let style = isSelected ? Style(.selected, reverse: true) : (r < rowStyles.count ? rowStyles[r] : .normal)
            if isSelected { buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), with: Cell(" ", style)) }
            line(rows[r], style: style)
            y += 1
        }
    }
}
