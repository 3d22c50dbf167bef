import MeetingModel

/// A sentence made where its reader's language is not known (the store, the file readers) and
/// worded where it is (the command line, the screens): a catalog key with its arguments.
///
/// An argument is text (ids, names, values from files: never translated) or another message
/// (a status, a nested sentence). A verbatim message says the same in every language (texts of
/// the system: SQLite's, the file system's). Not ExpressibleByStringLiteral on purpose:
/// a one-argument initialiser call would then be read as a verbatim text, not as a key.
public struct Message: Sendable, Hashable, CustomStringConvertible {
    /// An argument: text as it is, or a message worded in the reader's language.
    public indirect enum Value: Sendable, Hashable, ExpressibleByStringInterpolation {
        case text(String)
        case message(Message)
        /// A calendar day, short ("Tue 22 Jun", "mar. 22 juin").
        case day(CalendarDay)
        /// A language's name, from its ISO 639-1 code.
        case language(String)
        /// Several values, worded one by one and joined.
        case joined([Value], separator: String)

        public init(stringLiteral value: String) { self = .text(value) }
        public init(stringInterpolation: DefaultStringInterpolation) {
            self = .text(String(stringInterpolation: stringInterpolation))
        }
    }

    /// The catalog key; nil for a verbatim text.
    public let key: String?
    /// The `{name}` arguments.
    public let arguments: [String: Value]
    /// For a plural message, the count (also `{count}`).
    public let count: Int?
    private let verbatim: String
    /// Messages said one after the other (`joining`), each in the reader's language.
    private let parts: [Message]
    private let separator: String

    /// The message `key` with text arguments.
    public init(_ key: String, _ arguments: [String: String] = [:], count: Int? = nil) {
        self.init(key, values: arguments.mapValues(Value.text), count: count)
    }

    /// The message `key` with arguments that may be messages themselves.
    public init(_ key: String, values: [String: Value], count: Int? = nil) {
        self.key = key
        self.arguments = values
        self.count = count
        verbatim = ""
        parts = []
        separator = ""
    }

    /// A text shown as it is in every language.
    public init(verbatim text: String) {
        key = nil
        arguments = [:]
        count = nil
        verbatim = text
        parts = []
        separator = ""
    }

    /// `messages` one after the other, with `separator` between them ("; ", " "): a sentence
    /// made of sentences, worded as late as each of them.
    public init(joining messages: [Message], separator: String) {
        key = nil
        arguments = [:]
        count = nil
        verbatim = ""
        parts = messages
        self.separator = separator
    }

    /// The message in the language of `l`.
    public func text(_ l: Localizer) -> String {
        guard let key else {
            return parts.isEmpty ? verbatim : parts.map { $0.text(l) }.joined(separator: separator)
        }
        let filled = arguments.mapValues { $0.text(l) }
        if let count { return l.plural(key, count, filled) }
        return l(key, filled)
    }

    /// The English text (logs, tests, and `description`).
    public var description: String { text(.english) }

    /// Two messages are the same when they say the same in English (a verbatim text equals the
    /// message that words it).
    public static func == (a: Message, b: Message) -> Bool { a.description == b.description }
    public func hash(into hasher: inout Hasher) { hasher.combine(description) }
}

extension Message.Value {
    /// The value in the language of `l`.
    public func text(_ l: Localizer) -> String {
        switch self {
        case .text(let t): return t
        case .message(let m): return m.text(l)
        case .day(let d): return l.shortDay(d)
        case .language(let code): return l.languageName(code)
        case .joined(let values, let separator): return values.map { $0.text(l) }.joined(separator: separator)
        }
    }
}
