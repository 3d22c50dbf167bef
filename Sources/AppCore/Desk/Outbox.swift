/// The desk's outbox (issue 20): the meeting's messages, newest first, the selected one's text.
public struct OutboxView: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public let id: Int64
        public let kind: String
        public let state: String
        public let recipient: String
        public let subject: String
        public let lastError: String

        public init(id: Int64, kind: String, state: String, recipient: String, subject: String, lastError: String) {
            self.id = id
            self.kind = kind
            self.state = state
            self.recipient = recipient
            self.subject = subject
            self.lastError = lastError
        }
    }

    public let rows: [Row]
    /// Message id → its text as the recipient reads it (the selected ones, read on demand).
    public var previews: [Int64: String]
    /// Counts by state.
    public let counts: [String: Int]

    public init(rows: [Row], previews: [Int64: String] = [:]) {
        self.rows = rows
        self.previews = previews
        counts = Dictionary(grouping: rows, by: \.state).mapValues(\.count)
    }
}
