import Localization

/// A place in a text file: 1-based line and column (columns count Unicode scalars, as libyaml does).
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The file as the user named it.
    public let file: String
    /// Line, from 1.
    public let line: Int
    /// Column, from 1.
    public let column: Int

    /// A location as given.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }

    /// `FILE:LINE:COLUMN`.
    public var description: String { "\(file):\(line):\(column)" }
}

/// One problem found in an agenda or programme file.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// Whether it stops the file from loading.
    public enum Severity: String, Sendable, Hashable {
        /// The file is refused.
        case error
        /// Printed; the file still loads.
        case warning
    }

    /// Error or warning.
    public let severity: Severity
    /// Where the problem is.
    public let location: SourceLocation
    /// What is wrong and what to do, worded in the reader's language by `text(_:)`.
    public let message: Message

    /// A diagnostic as given.
    public init(_ severity: Severity, at location: SourceLocation, _ message: Message) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    /// `FILE:LINE:COLUMN: error: message` (the form compilers and editors understand: "error" and
    /// "warning" stay in English in every language, the message is in the language of `l`).
    public func text(_ l: Localizer) -> String { "\(location): \(severity.rawValue): \(message.text(l))" }

    /// The diagnostic in English.
    public var description: String { text(.english) }
}

/// Collects diagnostics while files are read, so that every problem is reported, not just the first.
public final class DiagnosticLog {
    /// Everything reported so far, in the order reported.
    public private(set) var diagnostics: [Diagnostic] = []

    /// An empty log.
    public init() {}

    /// Reports an error at `location`.
    public func error(_ location: SourceLocation, _ message: Message) {
        diagnostics.append(Diagnostic(.error, at: location, message))
    }

    /// Reports a warning at `location`.
    public func warning(_ location: SourceLocation, _ message: Message) {
        diagnostics.append(Diagnostic(.warning, at: location, message))
    }

    /// Whether any error was reported.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Diagnostics sorted by file, line and column (stable for equal places).
    public var sorted: [Diagnostic] {
        diagnostics.enumerated().sorted { ($0.element.location, $0.offset) < ($1.element.location, $1.offset) }.map(
            \.element)
    }
}
