import Foundation

/// What the server tells a session's child process, on the child's fd 3 (a pipe, never the
/// command line or the environment, which other processes of the host can read): who signed in,
/// how, and what the session asked for.
public struct SessionTicket: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// The terminal UI on the pseudo-terminal.
        case shell
        /// `ssh user@host ics` / `schedule`: output on stdout, no terminal.
        case exec
    }

    public var kind: Kind
    /// The account, as stored (lower case).
    public var username: String
    /// The delegate the account belongs to.
    public var delegateID: Int64
    /// Set when the one-time token was the password: the session opens on choosing a password
    /// and nothing else (the token is checked again by the store when the password is set).
    public var token: String?
    /// The exec command ("ics" or "schedule").
    public var command: String?
    /// The language the client's environment asked for (LANG / LC_*), if the catalogs have it.
    public var language: String?
    /// Where the connection comes from ("ssh:ADDRESS").
    public var source: String
    /// The meeting the server serves (`--meeting`), if one was named.
    public var meetingID: String?
    /// The database.
    public var database: String
    /// Seconds without a key after which a terminal session ends (nil: never).
    public var idleSeconds: Int?
    /// Set for staff (a key and a password proved): the staff screens of this name; else nil.
    public var staff: String?
    /// The terminal type the client asked for, checked against the host's terminfo (a waiting
    /// child started before the client asked sets TERM from it).
    public var term: String?

    public init(
        kind: Kind, username: String, delegateID: Int64, token: String? = nil, command: String? = nil,
        language: String? = nil, source: String, meetingID: String?, database: String, idleSeconds: Int? = nil,
        staff: String? = nil, term: String? = nil
    ) {
        self.staff = staff
        self.term = term
        self.idleSeconds = idleSeconds
        self.kind = kind
        self.username = username
        self.delegateID = delegateID
        self.token = token
        self.command = command
        self.language = language
        self.source = source
        self.meetingID = meetingID
        self.database = database
    }

    /// The most a ticket may weigh (a child refuses a larger one).
    public static let maxBytes = 16 * 1024

    /// Reads the ticket from `fd` (the child's fd 3), which must be a pipe; nil when there is
    /// none, it is not a pipe, it is too large, or it does not decode.
    public static func read(fd: Int32 = 3) -> SessionTicket? {
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFIFO else { return nil }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while bytes.count <= maxBytes {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            bytes += chunk[0..<n]
        }
        close(fd)
        guard bytes.count <= maxBytes else { return nil }
        return try? JSONDecoder().decode(SessionTicket.self, from: Data(bytes))
    }
}
