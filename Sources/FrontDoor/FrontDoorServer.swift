import Foundation
import Localization
import MeetingModel
import NIOCore
import NIOPosix
import NIOSSH
import Store
import Synchronization

/// How the front door is set up (`intersession serve`'s options and their defaults).
public struct FrontDoorConfiguration: Sendable {
    public var host = "0.0.0.0"
    public var port = 2222
    /// The database (SQLite file) every session uses.
    public var database: String
    /// The meeting served (`--meeting`): only its delegates may sign in; nil: any meeting's.
    public var meetingID: String?
    /// This program, which each session runs as `intersession serve-session`.
    public var executable: String
    public var hostKeyPath: String
    /// Sessions open at once, in all and per account.
    public var maxSessions = 300
    public var maxSessionsPerAccount = 3
    /// Connections open at once from one address (before or after signing in).
    public var maxConnectionsPerSource = 20
    /// Authentication attempts per connection (OpenSSH's MaxAuthTries is 6).
    public var maxAuthAttempts = 6
    /// Seconds a connection has to sign in (OpenSSH's LoginGraceTime is 120).
    public var loginGraceSeconds = 120
    /// Channels open at once on one connection (OpenSSH's MaxSessions is 10).
    public var maxChannelsPerConnection = 10
    /// Seconds without a key pressed after which a terminal session is closed (nil: never): the
    /// session warns and ends itself; the server ends it 30 s later if it has not.
    public var idleSeconds: Int? = 3600
    /// Variables the sessions' processes inherit from the server's environment (the crash
    /// folder and backtracer setting, the clock for tests, XDG folders, HOME).
    public var inherited: [String: String] = [:]
    /// Terminal-session processes started ahead of any login (`WarmChildren`); 0: none.
    public var warmSessions = 2

    /// What a session's child process gets as its environment (TERM comes with its terminal).
    var childEnvironment: [String: String] {
        // The UI's language comes in the ticket; the locale is for wide characters.
        inherited.merging(["LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"]) { $1 }
    }

    public init(database: String, executable: String, hostKeyPath: String) {
        self.database = database
        self.executable = executable
        self.hostKeyPath = hostKeyPath
    }

    /// The address as given to `--listen` ("ADDR:PORT", "[v6]:PORT", ":PORT" or "PORT"; port 0:
    /// any free one, which the log line then names).
    public mutating func listen(_ text: String) -> Bool {
        var host = self.host, portText = text
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = String(text[text.index(after: text.startIndex)..<close])
            portText = String(text[text.index(after: close)...].drop(while: { $0 == ":" }))
        } else if let colon = text.lastIndex(of: ":") {
            if colon != text.startIndex { host = String(text[..<colon]) }
            portText = String(text[text.index(after: colon)...])
        }
        guard let port = Int(portText), (0...65535).contains(port), !host.isEmpty, host.utf8.count <= 255 else {
            return false
        }
        self.host = host
        self.port = port
        return true
    }
}

/// The SSH front door (issue 18): swift-nio-ssh's server with Intersession's policy. Each
/// connection signs in with a delegate's personal account; each session runs in a child process
/// of its own (DECISIONS.md), so that one session's crash or hang touches no other.
public final class FrontDoorServer: Sendable {
    public let configuration: FrontDoorConfiguration
    let store: SQLiteStore
    public let hostKey: HostKey
    let banner: String
    let group: MultiThreadedEventLoopGroup
    let threadPool: NIOThreadPool
    let warm: WarmChildren
    private let logSink: @Sendable (String) -> Void

    private struct Registry {
        var nextID = 1
        var sessions: [Int: (username: String, stop: @Sendable () -> Void)] = [:]
        var connections: [String: Int] = [:]
        var stopping = false
    }
    private let registry = Mutex(Registry())

    public init(
        configuration: FrontDoorConfiguration, store: SQLiteStore, hostKey: HostKey,
        log: @escaping @Sendable (String) -> Void
    ) throws {
        self.configuration = configuration
        self.store = store
        self.hostKey = hostKey
        self.logSink = log
        let title: String
        if let id = configuration.meetingID, let summary = try store.meetingSummaries().first(where: { $0.id == id }) {
            title = summary.title
        } else {
            title = (try store.meetingSummaries().first?.title) ?? "Intersession"
        }
        banner = Localizer.english("ssh.banner", ["meeting": title]) + "\r\n"
        group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, min(4, System.coreCount)))
        threadPool = NIOThreadPool(numberOfThreads: max(2, System.coreCount))
        threadPool.start()
        warm = WarmChildren(
            capacity: configuration.warmSessions, executable: configuration.executable,
            environment: configuration.childEnvironment, log: log)
    }

    func log(_ line: String) {
        logSink(line)
    }

    /// A sentence for a client, in `language` (English when none or unknown).
    func words(_ key: String, _ values: [String: String] = [:], language: String?) -> String {
        Localizer(language ?? "en")(key, values)
    }

    /// "fr" from "fr_FR.UTF-8" when the catalogs have it.
    static func languageCode(_ value: String) -> String? {
        guard Localizer.isSupported(value) else { return nil }
        return Localizer(value).language
    }

    // MARK: Running

    /// Binds and serves until `stop()`; returns the address bound ("127.0.0.1:2222", "[::]:2222":
    /// the port chosen when 0 was asked).
    public func start() throws -> String {
        // A ticket written to a child that has just gone must fail, not end the server.
        signal(SIGPIPE, SIG_IGN)
        let server = self
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 256)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                let source = FrontDoorServer.sourceName(channel.remoteAddress)
                guard server.connectionOpened(source) else {
                    server.log("refused connection from \(source): too many from this address")
                    return channel.eventLoop.makeFailedFuture(ChannelError.inputClosed)
                }
                let connection = Connection(source: source, maxChannels: server.configuration.maxChannelsPerConnection)
                channel.closeFuture.whenComplete { _ in
                    server.connectionClosed(source)
                    if let who = connection.identity {
                        try? server.store.recordAccess(
                            .signOut, username: who.username, source: SignInSource(source), detail: "")
                        server.log("sign-out of \(who.username) from \(source)")
                    }
                }
                server.log("connection from \(source)")
                // OpenSSH's LoginGraceTime: a connection that has not signed in within the grace
                // time is closed (a client holding connections open cannot fill the caps).
                let grace = server.configuration.loginGraceSeconds
                channel.eventLoop.scheduleTask(in: .seconds(Int64(grace))) {
                    if connection.identity == nil {
                        server.log("connection from \(source) closed: not signed in within \(grace) s")
                        channel.close(promise: nil)
                    }
                }
                return channel.eventLoop.makeCompletedFuture {
                    var config = SSHServerConfiguration(
                        hostKeys: [server.hostKey.privateKey],
                        userAuthDelegate: Authenticator(server: server, connection: connection),
                        banner: .init(message: server.banner, languageTag: "en"))
                    config.maxAuthAttempts = server.configuration.maxAuthAttempts
                    let ssh = NIOSSHHandler(
                        role: .server(config), allocator: channel.allocator,
                        inboundChildChannelInitializer: { child, type in
                            // Sessions only (no forwarding), once signed in, a few per connection.
                            guard case .session = type, connection.identity != nil else {
                                return child.eventLoop.makeFailedFuture(ChannelError.operationUnsupported)
                            }
                            guard connection.channelOpened() else {
                                server.log("channel refused for \(source): \(connection.maxChannels) open already")
                                return child.eventLoop.makeFailedFuture(ChannelError.operationUnsupported)
                            }
                            child.closeFuture.whenComplete { _ in connection.channelClosed() }
                            return child.eventLoop.makeCompletedFuture {
                                try child.pipeline.syncOperations.addHandler(
                                    SessionChannel(server: server, connection: connection))
                            }
                        })
                    try channel.pipeline.syncOperations.addHandlers([
                        ssh, ConnectionErrors(server: server, source: source),
                    ])
                }
            }
        let channel: Channel
        do {
            channel = try bootstrap.bind(host: configuration.host, port: configuration.port).wait()
        } catch {
            throw FrontDoorError.listen(address: "\(configuration.host):\(configuration.port)", why: "\(error)")
        }
        listening.withLock { $0 = channel }
        warm.fill()
        guard let address = channel.localAddress, let ip = address.ipAddress, let port = address.port else {
            throw FrontDoorError.listen(address: "\(configuration.host):\(configuration.port)", why: "no address")
        }
        return "\(ip.contains(":") ? "[\(ip)]" : ip):\(port)"
    }

    private let listening = Mutex<Channel?>(nil)

    /// Stops taking connections, tells every open session and ends it, and waits (up to
    /// `grace`) for them to close.
    public func stop(grace: TimeInterval = 3) {
        let stops = registry.withLock { r -> [@Sendable () -> Void] in
            r.stopping = true
            return r.sessions.values.map(\.stop)
        }
        if let channel = listening.withLock({ $0 }) { try? channel.close().wait() }
        warm.stop()
        stops.forEach { $0() }
        let deadline = Date().addingTimeInterval(grace)
        while Date() < deadline, registry.withLock({ !$0.sessions.isEmpty }) { Thread.sleep(forTimeInterval: 0.05) }
        try? group.syncShutdownGracefully()
        try? threadPool.syncShutdownGracefully()
    }

    /// Blocks until the listening socket closes.
    public func wait() {
        if let channel = listening.withLock({ $0 }) { try? channel.closeFuture.wait() }
    }

    // MARK: Limits

    func connectionOpened(_ source: String) -> Bool {
        registry.withLock { r in
            guard !r.stopping, r.connections[source, default: 0] < configuration.maxConnectionsPerSource else {
                return false
            }
            r.connections[source, default: 0] += 1
            return true
        }
    }

    func connectionClosed(_ source: String) {
        registry.withLock { r in
            r.connections[source, default: 1] -= 1
            if r.connections[source] == 0 { r.connections[source] = nil }
        }
    }

    /// A session's number when another may open for `username`, else nil.
    func sessionStarting(username: String, stop: @escaping @Sendable () -> Void) -> Int? {
        registry.withLock { r in
            guard !r.stopping, r.sessions.count < configuration.maxSessions,
                r.sessions.values.filter({ $0.username == username }).count < configuration.maxSessionsPerAccount
            else { return nil }
            let id = r.nextID
            r.nextID += 1
            r.sessions[id] = (username, stop)
            return id
        }
    }

    func sessionEnded(_ id: Int) {
        let username = registry.withLock { $0.sessions.removeValue(forKey: id)?.username }
        if let username { log("session \(id) of \(username) ended") }
    }

    /// How many sessions are open (for tests and the log).
    public var openSessions: Int { registry.withLock { $0.sessions.count } }

    /// "ssh:ADDRESS" for the audit and the store's throttle.
    static func sourceName(_ address: SocketAddress?) -> String {
        "ssh:" + (address?.ipAddress ?? "unknown")
    }
}

/// One TCP connection: where it comes from and, once signed in, who it is.
final class Connection: Sendable {
    struct Identity: Sendable {
        let username: String
        let delegateID: Int64
        /// The one-time token, when it was the password (the session must choose a password).
        let token: String?
        /// Set for a staff member (a key and a password proved): the staff screens of that name.
        var staff: String? = nil
    }

    let source: String
    private let signedIn = Mutex<Identity?>(nil)
    private let channels = Mutex(0)
    let maxChannels: Int
    /// The proofs a staff member has made so far on this connection, and for which name.
    private let staffProofs = Mutex<(name: String, made: NIOSSHAvailableUserAuthenticationMethods)?>(nil)

    /// Records `method` as proved for `name` (a different name starts again); returns the proofs made.
    func prove(_ method: NIOSSHAvailableUserAuthenticationMethods, for name: String)
        -> NIOSSHAvailableUserAuthenticationMethods
    {
        staffProofs.withLock { proofs in
            var made: NIOSSHAvailableUserAuthenticationMethods = proofs?.name == name ? proofs!.made : []
            made.insert(method)
            proofs = (name, made)
            return made
        }
    }

    init(source: String, maxChannels: Int = 10) {
        self.source = source
        self.maxChannels = maxChannels
    }

    /// Counts a channel opening; false when the connection has as many as it may.
    func channelOpened() -> Bool {
        channels.withLock { n in
            guard n < maxChannels else { return false }
            n += 1
            return true
        }
    }

    func channelClosed() { channels.withLock { $0 = max(0, $0 - 1) } }

    var identity: Identity? {
        get { signedIn.withLock { $0 } }
        set { signedIn.withLock { $0 = newValue } }
    }
}

/// Errors of a connection's pipeline: logged (one line), and the connection closed.
private final class ConnectionErrors: ChannelInboundHandler {
    typealias InboundIn = Any
    let server: FrontDoorServer
    let source: String

    init(server: FrontDoorServer, source: String) {
        self.server = server
        self.source = source
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        server.log("connection from \(source) closed: \(error)")
        context.close(promise: nil)
    }
}
