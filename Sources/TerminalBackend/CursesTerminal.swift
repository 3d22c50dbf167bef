import CCurses
import Foundation
import Rendering
// The terminal protocol and its headless twin come with the backend for its users.
@_exported import Terminal
import TerminalInput

/// Why the terminal UI could not start.
public struct TerminalUnavailable: Error, CustomStringConvertible {
    /// Why: the command line words it in its language.
    public enum Reason: String, Sendable {
        /// Standard input or output is not a terminal.
        case notATerminal = "not-a-terminal"
        /// TERM names no terminal type.
        case noTerminalType = "no-terminal-type"
        /// curses could not start.
        case initialisationFailed = "initialisation-failed"
    }

    public let reason: Reason

    /// In English.
    public var description: String {
        switch reason {
        case .notATerminal:
            "the terminal UI needs a terminal on standard input and output; run a subcommand (intersession --help) from scripts"
        case .noTerminalType: "TERM is not set to a terminal type (e.g. xterm-256color); the terminal UI cannot draw"
        case .initialisationFailed: "the terminal could not be initialised"
        }
    }
}

/// Where a crash's details go while the terminal UI runs, and the one line the person sees.
public struct CrashNotice: Sendable {
    /// A file only staff can read: standard error goes there while curses runs (the runtime's
    /// "Fatal error" line among it); removed at a normal exit when nothing was written to it.
    public var log: String?
    /// Said on the restored terminal when the program crashes.
    public var line: String

    public init(log: String?, line: String) {
        self.log = log
        self.line = line
    }
}

/// The real terminal through ncursesw: the only code that calls ncurses.
///
/// Sets the locale first (wide characters need a UTF-8 one; otherwise borders are ASCII),
/// uses colour pairs unless the terminal has none or NO_COLOR is set (then bold and reverse),
/// writes only the cells that changed since the last frame, decodes keys (function keys by
/// ncurses, Shift-Tab and bracketed paste by `KeyDecoder`), sets ESCDELAY to 25 ms, turns
/// resizes into events, records SIGINT/SIGTERM/SIGHUP so the loop can restore the terminal, and
/// repaints in full after Ctrl-Z and `fg`.
public final class CursesTerminal {
    public private(set) var utf8: Bool
    public private(set) var colors: Bool
    private var previous: ScreenBuffer?
    private var decoder = KeyDecoder()
    private var queue: [TerminalEvent] = []
    private var active = false
    /// Whether links on screen are written as OSC 8 hyperlinks (`hyperlinksWanted`).
    private let hyperlinks = CursesTerminal.hyperlinksWanted(ProcessInfo.processInfo.environment)
    /// The terminal's standard error while it is redirected to the crash log, and that log.
    private var savedStandardError: Int32 = -1
    private var crashLog: String?

    /// Starts curses on the controlling terminal; throws when standard input or output is not one.
    /// With `crash`, a crash restores the terminal, says its one line and leaves its details in
    /// the staff's log; Ctrl-\ is a key and SIGQUIT ends the loop like SIGTERM.
    public init(crash: CrashNotice? = nil) throws {
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw TerminalUnavailable(reason: .notATerminal)
        }
        if setlocale(LC_ALL, "") == nil {
            // The locale named (e.g. fr_FR.UTF-8) is not installed here: when it says UTF-8, keep
            // UTF-8 for the characters (C.UTF-8 is always there); the language of the screens
            // comes from our own catalogs, not from the C library.
            let env = ProcessInfo.processInfo.environment
            let named = [env["LC_ALL"], env["LC_CTYPE"], env["LANG"]].compactMap { $0 }.first { !$0.isEmpty } ?? ""
            if named.lowercased().replacingOccurrences(of: "-", with: "").contains("utf8") {
                setlocale(LC_CTYPE, "C.UTF-8")
            }
        }
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        utf8 = codeset.uppercased().replacingOccurrences(of: "-", with: "") == "UTF8"
        guard let term = ProcessInfo.processInfo.environment["TERM"], !term.isEmpty, term != "dumb" else {
            throw TerminalUnavailable(reason: .noTerminalType)
        }
        set_escdelay(25)
        // The size comes from the terminal itself, never from stale LINES/COLUMNS variables.
        use_env(false)
        shim_remember_shell_mode()
        guard initscr() != nil else { throw TerminalUnavailable(reason: .initialisationFailed) }
        active = true
        // With use_env(false) curses takes terminfo's size (80×24): the real one comes from the
        // terminal by ioctl, so the first frame already fills a 100×30 or 60×20 terminal.
        var rows: Int32 = 0, cols: Int32 = 0
        if shim_terminal_size(&rows, &cols) == 0 { resizeterm(rows, cols) }
        if let crash {
            if let log = crash.log {
                let fd = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
                if fd >= 0 {
                    savedStandardError = dup(2)
                    dup2(fd, 2)
                    close(fd)
                    crashLog = log
                }
            }
            // Leave the alternate screen, normal attributes, cursor shown, keypad and paste off.
            let capabilities: [String] = ["rmcup", "sgr0", "cnorm", "rmkx"]
            let restore =
                capabilities.map { (name: String) -> String in String(cString: shim_capability(name)) }.joined()
                + "\u{1B}[?2004l"
            _ = shim_arm_crash_handler(
                1, savedStandardError >= 0 ? savedStandardError : 2, restore, "\r\n" + crash.line + "\n")
        }
        // cbreak, not raw: Ctrl-C and Ctrl-Z stay signals (SIGINT restores the terminal and exits
        // 130; SIGTSTP restores it, stops, and repaints on `fg`: see `next()`).
        cbreak()
        noecho()
        nonl()
        keypad(shim_stdscr(), true)
        timeout(250)
        curs_set(0)
        colors = has_colors() && ProcessInfo.processInfo.environment["NO_COLOR"].map { $0.isEmpty } ?? true
        if colors {
            start_color()
            use_default_colors()
            for role in ColorRole.allCases where role != .normal {
                init_pair(Int16(role.rawValue), CursesTerminal.foreground(role), -1)
            }
        }
        _ = shim_install_signal_handlers()
        // Ctrl-\ would send SIGQUIT: it is a key here (the shell's setting comes back with endwin).
        _ = shim_quit_key_off()
        // Bracketed paste: pasted text arrives between ESC[200~ and ESC[201~.
        CursesTerminal.say("\u{1B}[?2004h")
    }

    deinit { restore() }

    /// Writes `text` to the terminal, ignoring a terminal that has gone (EIO once an SSH client
    /// has hung up): `FileHandle.write(_:)` traps on a failed write, which turned every
    /// front-door session whose client left into a crash report.
    static func say(_ text: String) {
        let bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes[done...].withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            done += n
        }
    }

    /// Puts the terminal back as it was (every exit path calls this).
    public func restore() {
        guard active else { return }
        active = false
        CursesTerminal.say("\u{1B}[?2004l")
        curs_set(1)
        endwin()
        shim_disarm_crash_handler()
        if savedStandardError >= 0 {
            dup2(savedStandardError, 2)
            close(savedStandardError)
            savedStandardError = -1
            // Nothing went wrong: no log to keep.
            if let log = crashLog, let size = (try? FileManager.default.attributesOfItem(atPath: log))?[.size] as? Int,
                size == 0
            {
                unlink(log)
            }
        }
    }

    public var size: (width: Int, height: Int) { (Int(shim_cols()), Int(shim_lines())) }

    /// The next event, waiting at most the curses timeout (250 ms).
    public func next() -> TerminalWake {
        if !queue.isEmpty { return .event(queue.removeFirst()) }
        let sig = shim_pending_signal()
        if sig != 0 { return .signal(sig) }
        if shim_take_suspend() != 0 {
            // Ctrl-Z: give the shell its terminal back, stop, and on `fg` take it again and repaint.
            CursesTerminal.say("\u{1B}[?2004l")
            endwin()
            shim_suspend_now()
            CursesTerminal.say("\u{1B}[?2004h")
            _ = shim_take_resumed()
            previous = nil
            clearok(shim_stdscr(), true)
            refresh()
            return .idle
        }
        if shim_take_resumed() != 0 { previous = nil; clearok(shim_stdscr(), true) }
        if shim_take_resized() != 0 {
            var rows: Int32 = 0, cols: Int32 = 0
            if shim_terminal_size(&rows, &cols) == 0 { resizeterm(rows, cols) }
            // Everything is drawn again, and curses must not trust what it thinks is shown.
            previous = nil
            clearok(shim_stdscr(), true)
            return .event(.resized(width: Int(shim_cols()), height: Int(shim_lines())))
        }
        var ch: wint_t = 0
        let r = get_wch(&ch)
        if r == ERR {
            let sig = shim_pending_signal()
            if sig != 0 { return .signal(sig) }
            if errno == EINTR { return .idle }
            queue += decoder.flush()
            if !queue.isEmpty { return .event(queue.removeFirst()) }
            // get_wch returns ERR at the timeout too; a closed stdin reads as end of file.
            return isatty(0) == 1 ? .idle : .endOfInput
        }
        if r == KEY_CODE_YES {
            if Int32(ch) == KEY_RESIZE {
                // Everything is drawn again, and curses must not trust what it thinks is shown.
                previous = nil
                clearok(shim_stdscr(), true)
                return .event(.resized(width: Int(shim_cols()), height: Int(shim_lines())))
            }
            if let key = CursesTerminal.key(Int32(ch)) { return .event(.key(key)) }
            return .idle
        }
        guard let scalar = Unicode.Scalar(UInt32(ch)) else { return .idle }
        queue += decoder.feed(Character(scalar))
        return queue.isEmpty ? .idle : .event(queue.removeFirst())
    }

    /// Shows `buffer`, writing only the cells that changed since the last frame; returns how many.
    @discardableResult
    public func draw(_ buffer: ScreenBuffer) -> Int {
        let changed = buffer.changes(from: previous)
        for (x, y) in changed {
            let cell = buffer[x, y]
            if cell.isContinuation { continue }
            var scalars = Array(cell.text.unicodeScalars.prefix(4).map { wchar_t(bitPattern: $0.value) })
            if scalars.isEmpty { scalars = [32] }
            if !utf8, scalars.contains(where: { $0 > 126 }) { scalars = [63] }  // '?': no wide characters without UTF-8
            scalars.append(0)
            _ = shim_put_cell(
                Int32(y), Int32(x), scalars, attributes(cell.style), colors ? Int16(cell.style.role.rawValue) : 0)
        }
        if let c = buffer.cursor { curs_set(1); move(Int32(c.y), Int32(c.x)) } else { curs_set(0) }
        refresh()
        // Curses knows nothing of hyperlinks: the link's cells are written again, inside OSC 8,
        // after its frame (whenever they or the links changed), the cursor and attributes saved.
        if hyperlinks, !buffer.links.isEmpty,
            buffer.links != previous?.links || changed.contains(where: { c in buffer.links.contains { $0.y == c.y } })
        {
            CursesTerminal.say(CursesTerminal.hyperlinkText(buffer, colors: colors))
        }
        previous = buffer
        return changed.count
    }

    public func repaint() {
        previous = nil
        clearok(shim_stdscr(), true)
    }

    /// OSC 52 ("set the clipboard", base64 text), written between frames; a terminal that does
    /// not allow it ignores it. The text is a validated https link, at most a few hundred bytes.
    public func copy(_ text: String) {
        guard active, text.utf8.count <= 4096 else { return }
        CursesTerminal.say("\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}")
    }

    /// OSC 8 hyperlinks are written unless INTERSESSION_HYPERLINKS says otherwise (0/1), or the
    /// terminal type is one that predates them (the Linux console, DEC terminals). Terminals that
    /// do not know OSC 8 ignore it and show the text as it is.
    static func hyperlinksWanted(_ env: [String: String]) -> Bool {
        if let choice = env["INTERSESSION_HYPERLINKS"], !choice.isEmpty { return choice == "1" }
        let term = env["TERM"] ?? ""
        return !(term.isEmpty || term == "dumb" || term == "linux" || term.hasPrefix("vt") || term == "cons25")
    }

    /// The cells of `buffer`'s links written again inside OSC 8 (`ESC ] 8 ; id=… ; URL ESC \`),
    /// in their own style: the cursor and attributes are saved first and restored after (DECSC,
    /// DECRC), so curses's idea of the terminal stays true. A link's URL keeps printable ASCII only.
    static func hyperlinkText(_ buffer: ScreenBuffer, colors: Bool) -> String {
        var out = "\u{1B}7"
        for link in buffer.links {
            let url = String(link.url.unicodeScalars.filter { $0.value > 0x20 && $0.value < 0x7F }.map(Character.init))
            guard !url.isEmpty else { continue }
            let id = "is" + String(UInt(bitPattern: url.hashValue) % 1_000_000_007, radix: 36)
            let style = buffer[link.x, link.y].style
            var sgr = [0]
            if style.bold { sgr.append(1) }
            if style.underline { sgr.append(4) }
            if style.reverse { sgr.append(7) }
            if colors, style.role != .normal {
                sgr.append(30 + Int(foreground(style.role)))
            } else if !colors {
                switch style.role {
                case .title, .warning, .error, .session: sgr.append(1)
                case .selected, .core: sgr.append(7)
                case .dim, .night, .hint: sgr.append(2)
                default: break
                }
            }
            out += "\u{1B}[\(link.y + 1);\(link.x + 1)H\u{1B}]8;id=\(id);\(url)\u{1B}\\"
            out += "\u{1B}[" + sgr.map(String.init).joined(separator: ";") + "m"
            for x in link.x..<min(buffer.width, link.x + link.width) {
                let cell = buffer[x, link.y]
                if cell.isContinuation { continue }
                out +=
                    cell.text.isEmpty
                    ? " "
                    : String(
                        cell.text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
            }
            out += "\u{1B}]8;;\u{1B}\\"
        }
        return out + "\u{1B}8"
    }

    private func attributes(_ s: Style) -> UInt32 {
        var a: UInt32 = 0
        if s.bold { a |= shim_a_bold() }
        if s.reverse { a |= shim_a_reverse() }
        if s.underline { a |= shim_a_underline() }
        if !colors {
            // Monochrome: roles become bold, reverse and dim.
            switch s.role {
            case .title, .warning, .error, .session: a |= shim_a_bold()
            case .selected, .core: a |= shim_a_reverse()
            case .dim, .night, .hint: a |= shim_a_dim()
            default: break
            }
        }
        return a
    }

    static func foreground(_ role: ColorRole) -> Int16 {
        switch role {
        case .normal: -1
        case .title: Int16(COLOR_CYAN)
        case .selected: Int16(COLOR_CYAN)
        case .dim: Int16(COLOR_WHITE)
        case .warning: Int16(COLOR_YELLOW)
        case .error: Int16(COLOR_RED)
        case .core: Int16(COLOR_GREEN)
        case .shoulder: Int16(COLOR_YELLOW)
        case .night: Int16(COLOR_BLUE)
        case .session: Int16(COLOR_MAGENTA)
        case .accent: Int16(COLOR_GREEN)
        case .hint: Int16(COLOR_CYAN)
        }
    }

    static func key(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_HOME: .home
        case KEY_END: .end
        case KEY_PPAGE: .pageUp
        case KEY_NPAGE: .pageDown
        case KEY_DC: .delete
        case KEY_BACKSPACE: .backspace
        case KEY_ENTER: .enter
        case KEY_BTAB: .backTab
        default:
            if code > shim_key_f(0), code <= shim_key_f(12) { .function(Int(code - shim_key_f(0))) } else { nil }
        }
    }
}

extension CursesTerminal: TerminalDevice {}
