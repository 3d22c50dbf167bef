import AppCore
import Rendering

/// The `?` screen, generated from the key-binding table.
struct HelpView {
    func render(into b: inout ScreenBuffer, area: Rect, options: RenderOptions) {
        var lines: [(String, Style)] = []
        for context in KeyContext.allCases {
            lines.append((context.rawValue.capitalized, Style(.title, bold: true)))
            for binding in KeyBindings.table where binding.context == context {
                let keys = binding.keys.map(\.description).joined(separator: " ")
                lines.append(("  " + TextWidth.padded(keys, to: 12) + " " + binding.help, .normal))
            }
        }
        lines.append(("Any key closes this help.", Style(.dim)))
        Dialog(title: "Keys", lines: lines, width: min(area.width, 60)).render(into: &b, area: area, borders: options.borders)
    }
}
