import Foundation
import NIOCore
import NIOSSH
import SSHKeys
import Store

/// SSH user authentication against the store's accounts (one per connection). A password is
/// checked as the sign-in screen checks it — the one-time token until a password is chosen —
/// with the same throttle; wrong secrets, unknown accounts, withdrawn registrations and
/// throttled attempts all get the same answer at the SSH layer, and each is audited.
final class Authenticator: NIOSSHServerUserAuthenticationDelegate, @unchecked Sendable {
    // @unchecked: `previous` is touched only on the connection's event loop.
    private let server: FrontDoorServer
    private let connection: Connection
    /// The answer before this one: answers go back in the order requests came.
    private var previous: EventLoopFuture<Void>?

    init(server: FrontDoorServer, connection: Connection) {
        self.server = server
        self.connection = connection
    }

    var supportedAuthenticationMethods: NIOSSHAvailableUserAuthenticationMethods { [.publicKey, .password] }

    func requestReceived(
        request: NIOSSHUserAuthenticationRequest, responsePromise: EventLoopPromise<NIOSSHUserAuthenticationOutcome>
    ) {
        let loop = responsePromise.futureResult.eventLoop
        let server = self.server, connection = self.connection
        let username = request.username
        let work: @Sendable () -> NIOSSHUserAuthenticationOutcome
        switch request.request {
        case .password(let password):
            let secret = password.password
            work = {
                Authenticator.isStaff(server, username)
                    ? Authenticator.staff(server: server, connection: connection, name: username, secret: secret)
                    : Authenticator.check(server: server, connection: connection, username: username, secret: secret)
            }
        case .publicKey(let offer):
            // swift-nio-ssh has checked the signature: the client holds the private key.
            guard let key = PublicKeyLine.of(offer.publicKey) else {
                responsePromise.succeed(.failure)
                return
            }
            work = {
                Authenticator.isStaff(server, username)
                    ? Authenticator.staff(server: server, connection: connection, name: username, key: key)
                    : Authenticator.check(server: server, connection: connection, username: username, key: key)
            }
        default:
            responsePromise.succeed(.failure)
            return
        }
        let after = previous ?? loop.makeSucceededVoidFuture()
        let answer = after.flatMap {
            // A hash takes tens of milliseconds, a key a database read: off the event loop.
            server.threadPool.runIfActive(eventLoop: loop, work)
        }
        answer.cascade(to: responsePromise)
        previous = answer.map { _ in () }.recover { _ in () }
    }

    /// The store's answer for `username` / `secret` as an SSH outcome, with the connection's
    /// identity set on success.
    static func check(server: FrontDoorServer, connection: Connection, username: String, secret: String)
        -> NIOSSHUserAuthenticationOutcome
    {
        let source = SignInSource(connection.source)
        let shown = String(username.prefix(64))
        func refused(_ why: String) -> NIOSSHUserAuthenticationOutcome {
            try? server.store.recordAccess(.refused, username: shown, source: source, detail: why)
            server.log("refused \(SessionLog.clean(shown)) from \(connection.source): \(why)")
            return .failure
        }
        let result: SignIn
        do { result = try server.store.signIn(username: username, secret: secret, source: source) } catch {
            server.log("sign-in of \(SessionLog.clean(shown)) failed in the store: \(error)")
            return .failure
        }
        let delegateID: Int64, token: String?
        switch result {
        case .refused: return refused("wrong username or password")
        case .throttled(let seconds): return refused("throttled for \(seconds) s")
        case .inactive: return refused("registration not active")
        case .signedIn(let id): (delegateID, token) = (id, nil)
        case .mustSetPassword(let id): (delegateID, token) = (id, secret)
        }
        guard ofTheMeetingServed(server, delegateID) else { return refused("account of another meeting") }
        return signedIn(
            server: server, connection: connection, username: username, delegateID: delegateID, token: token,
            how: token == nil ? "password" : "one-time token")
    }

    /// The same for a key the client proved it holds: one of the account's keys, and the
    /// registration active. A key that is not the account's is not a guessed secret: it does not
    /// count against the account (OpenSSH offers every key it has, one after the other).
    static func check(
        server: FrontDoorServer, connection: Connection, username: String, key: (type: String, key: String)
    ) -> NIOSSHUserAuthenticationOutcome {
        let source = SignInSource(connection.source)
        let shown = String(username.prefix(64))
        let result: KeySignIn
        do { result = try server.store.signIn(username: username, keyType: key.type, key: key.key) } catch {
            server.log("key sign-in of \(SessionLog.clean(shown)) failed in the store: \(error)")
            return .failure
        }
        switch result {
        case .refused:
            return .failure
        case .inactive:
            try? server.store.recordAccess(.refused, username: shown, source: source, detail: "registration not active")
            server.log("refused \(SessionLog.clean(shown)) from \(connection.source): registration not active (key)")
            return .failure
        case .signedIn(let id):
            guard ofTheMeetingServed(server, id) else {
                try? server.store.recordAccess(
                    .refused, username: shown, source: source, detail: "account of another meeting")
                return .failure
            }
            let fingerprint = PublicKeyLine.fingerprint(base64: key.key) ?? "?"
            return signedIn(
                server: server, connection: connection, username: username, delegateID: id, token: nil,
                how: "key \(fingerprint)")
        }
    }

    // MARK: Staff: a key and a password, both (swift-nio-ssh's partial success)

    static func isStaff(_ server: FrontDoorServer, _ name: String) -> Bool {
        (try? server.store.staffWithSSH().contains(name)) ?? false
    }

    static func staff(server: FrontDoorServer, connection: Connection, name: String, secret: String)
        -> NIOSSHUserAuthenticationOutcome
    {
        let source = SignInSource(connection.source)
        switch (try? server.store.checkStaffPassword(name, secret: secret, source: source)) ?? .refused {
        case .refused:
            try? server.store.recordAccess(.refused, username: name, source: source, detail: "staff: wrong password")
            server.log("refused \(SessionLog.clean(name)) from \(connection.source): staff, wrong password")
            return .failure
        case .throttled(let seconds):
            try? server.store.recordAccess(.refused, username: name, source: source, detail: "staff: throttled")
            server.log("refused \(SessionLog.clean(name)) from \(connection.source): staff, throttled for \(seconds) s")
            return .failure
        case .right:
            return staffStep(server: server, connection: connection, name: name, proved: .password)
        }
    }

    static func staff(server: FrontDoorServer, connection: Connection, name: String, key: (type: String, key: String))
        -> NIOSSHUserAuthenticationOutcome
    {
        guard (try? server.store.staffHasKey(name, keyType: key.type, key: key.key)) == true else { return .failure }
        return staffStep(server: server, connection: connection, name: name, proved: .publicKey)
    }

    /// One of the two proofs is made: the other is asked for, or the staff member is in.
    private static func staffStep(
        server: FrontDoorServer, connection: Connection, name: String, proved: NIOSSHAvailableUserAuthenticationMethods
    ) -> NIOSSHUserAuthenticationOutcome {
        let proofs = connection.prove(proved, for: name)
        guard proofs.contains(.publicKey), proofs.contains(.password) else {
            return .partialSuccess(remainingMethods: proved == .password ? .publicKey : .password)
        }
        connection.identity = Connection.Identity(username: name, delegateID: 0, token: nil, staff: name)
        try? server.store.recordAccess(
            .signIn, username: name, source: SignInSource(connection.source), detail: "staff: key and password")
        server.log("sign-in of staff \(name) from \(connection.source) (key and password)")
        return .success
    }

    /// Whether delegate `id` belongs to the meeting the server serves (any, without `--meeting`).
    private static func ofTheMeetingServed(_ server: FrontDoorServer, _ id: Int64) -> Bool {
        guard let meeting = server.configuration.meetingID else { return true }
        return (try? server.store.delegate(id: id))??.meetingID == meeting
    }

    private static func signedIn(
        server: FrontDoorServer, connection: Connection, username: String, delegateID: Int64, token: String?,
        how: String
    ) -> NIOSSHUserAuthenticationOutcome {
        let stored = username.trimmingCharacters(in: .whitespaces).lowercased()
        connection.identity = Connection.Identity(username: stored, delegateID: delegateID, token: token)
        try? server.store.recordAccess(.signIn, username: stored, source: SignInSource(connection.source), detail: how)
        server.log("sign-in of \(stored) from \(connection.source) (\(how))")
        return .success
    }
}

/// What goes into the log of what clients sent: printable, bounded.
enum SessionLog {
    static func clean(_ text: String, limit: Int = 64) -> String {
        String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7f ? "?" : Character($0) }.prefix(limit))
    }
}
