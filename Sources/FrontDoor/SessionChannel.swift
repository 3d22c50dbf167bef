import CPty
import Foundation
import NIOCore
import NIOPosix
import NIOSSH

/// One SSH session channel: it collects the client's requests (a pseudo-terminal, its size, the
/// environment), then starts the signed-in account's child process — the terminal UI on a
/// pseudo-terminal of its own, or an exec command on pipes — and carries bytes both ways until
/// the child ends. Runs on the connection's event loop.
final class SessionChannel: ChannelDuplexHandler {
    typealias InboundIn = SSHChannelData
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = SSHChannelData

    /// The commands a client may run without a terminal.
    static let execCommands: Set<String> = ["ics", "schedule"]
    /// Environment variables a client may set (its language), and how many at most.
    static let acceptedEnvironment: Set<String> = ["LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"]
    static let maxEnvironment = 16

    private let server: FrontDoorServer
    private let connection: Connection
    private var terminal: (term: String, columns: Int, rows: Int)?
    private var environment: [String: String] = [:]
    private var environmentRequests = 0
    private var started = false
    /// The child's pseudo-terminal master (shell sessions), for window changes.
    private var master: CInt = -1
    private var pid: pid_t = 0
    /// The channel over the child's output (and, for a terminal, its input).
    private var childIO: Channel?
    private var childEnded: ChildReaper.Ending?
    private var outputDone = false
    /// An exec command's stderr, while it is being read, and what it said.
    private var errorsPending = false
    private var errorText = ""
    private var finished = false
    static let maxErrorBytes = 2048
    private var sessionID: Int?
    private var context: ChannelHandlerContext?
    private var lastInput = NIODeadline.now()
    private var idleTimer: RepeatedTask?

    init(server: FrontDoorServer, connection: Connection) {
        self.server = server
        self.connection = connection
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        _ = context.channel.setOption(ChannelOptions.allowRemoteHalfClosure, value: true)
    }

    func channelInactive(context: ChannelHandlerContext) {
        stopChild()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        idleTimer?.cancel()
        stopChild()
        // The client went first: the master's descriptor is ours to close (the child has SIGHUP).
        if master >= 0 {
            Glibc.close(master)
            master = -1
        }
        if let id = sessionID {
            server.sessionEnded(id)
            sessionID = nil
        }
        self.context = nil
    }

    // MARK: Requests

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case let request as SSHChannelRequestEvent.PseudoTerminalRequest:
            let ok = !started && terminal == nil
            if ok {
                terminal = (
                    SessionChannel.terminalType(request.term), SessionChannel.bounded(request.terminalCharacterWidth),
                    SessionChannel.bounded(request.terminalRowHeight)
                )
            }
            reply(context, request.wantReply, ok)
        case let request as SSHChannelRequestEvent.EnvironmentRequest:
            environmentRequests += 1
            let ok =
                !started && environmentRequests <= SessionChannel.maxEnvironment
                && (SessionChannel.acceptedEnvironment.contains(request.name) || request.name.hasPrefix("LC_"))
                && request.name.utf8.count <= 32 && request.value.utf8.count <= 64
            if ok { environment[request.name] = request.value }
            reply(context, request.wantReply, ok)
        case let request as SSHChannelRequestEvent.WindowChangeRequest:
            if master >= 0 {
                _ = intersession_pty_resize(
                    master, UInt16(SessionChannel.bounded(request.terminalRowHeight)),
                    UInt16(SessionChannel.bounded(request.terminalCharacterWidth)))
            }
        case let request as SSHChannelRequestEvent.ShellRequest:
            guard !started else { return reply(context, request.wantReply, false) }
            started = true
            guard let terminal else {
                reply(context, request.wantReply, true)
                return refuse(context, line: server.words("ssh.needs-terminal", language: language), status: 1)
            }
            start(context, kind: .shell, command: nil, terminal: terminal, wantReply: request.wantReply)
        case let request as SSHChannelRequestEvent.ExecRequest:
            guard !started else { return reply(context, request.wantReply, false) }
            started = true
            let command = request.command.trimmingCharacters(in: .whitespaces)
            guard SessionChannel.execCommands.contains(command), connection.identity?.staff == nil else {
                reply(context, request.wantReply, true)
                let shown = String(command.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7f }.prefix(40))
                return refuse(
                    context, line: server.words("ssh.unknown-command", ["command": shown], language: language),
                    status: 2)
            }
            start(context, kind: .exec, command: command, terminal: nil, wantReply: request.wantReply)
        case let request as SSHChannelRequestEvent.SubsystemRequest:
            reply(context, request.wantReply, false)  // no sftp, no other subsystem
        case is ChannelEvent:
            // The client closed its side (EOF): an exec command has no input to wait for.
            if case .inputClosed = event as? ChannelEvent, childIO == nil, !started { context.close(promise: nil) }
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    private func reply(_ context: ChannelHandlerContext, _ wantReply: Bool, _ ok: Bool) {
        guard wantReply else { return }
        context.triggerUserOutboundEvent(ok ? ChannelSuccessEvent() : ChannelFailureEvent(), promise: nil)
    }

    /// A one-line answer on stderr, an exit status, and the channel closed.
    private func refuse(_ context: ChannelHandlerContext, line: String, status: Int) {
        say(line + "\r\n")
        let channel = context.channel
        context.triggerUserOutboundEvent(SSHChannelRequestEvent.ExitStatus(exitStatus: status)).whenComplete { _ in
            channel.close(promise: nil)
        }
        context.flush()
    }

    /// The language the client's environment names, when the catalogs have it.
    private var language: String? {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], let code = FrontDoorServer.languageCode(value) { return code }
        }
        return nil
    }

    // MARK: The child

    /// A waiting child for a terminal session when one is ready, else a new one; its end goes to
    /// `onEnd`.
    private func child(
        for ticket: SessionTicket, terminal: (term: String, columns: Int, rows: Int)?,
        onEnd: @escaping @Sendable (ChildReaper.Ending) -> Void
    ) throws -> SpawnedChild {
        if let terminal,
            let warm = server.warm.take(
                rows: terminal.rows, columns: terminal.columns, json: try SpawnedChild.encoded(ticket), onEnd: onEnd)
        {
            return warm
        }
        let started = try SpawnedChild.start(
            executable: server.configuration.executable, ticket: ticket, term: terminal?.term,
            size: terminal.map { ($0.rows, $0.columns) }, environment: server.configuration.childEnvironment)
        ChildReaper.shared.watch(started.pid, onEnd)
        return started
    }

    private func start(
        _ context: ChannelHandlerContext, kind: SessionTicket.Kind, command: String?,
        terminal: (term: String, columns: Int, rows: Int)?, wantReply: Bool
    ) {
        guard let identity = connection.identity else {
            reply(context, wantReply, false)
            context.close(promise: nil)
            return
        }
        let channel = context.channel
        let loop = channel.eventLoop
        let handler = NIOLoopBound(self, eventLoop: loop)
        let stopping = server.words("ssh.stopping", language: language)
        let stop: @Sendable () -> Void = { loop.execute { handler.value.closeWith(line: stopping) } }
        guard let id = server.sessionStarting(username: identity.username, stop: stop) else {
            reply(context, wantReply, true)
            return refuse(context, line: server.words("ssh.too-many", language: language), status: 1)
        }
        sessionID = id
        let ticket = SessionTicket(
            kind: kind, username: identity.username, delegateID: identity.delegateID, token: identity.token,
            command: command, language: language, source: connection.source, meetingID: server.configuration.meetingID,
            database: server.configuration.database,
            idleSeconds: kind == .shell ? server.configuration.idleSeconds : nil, staff: identity.staff,
            term: terminal?.term)
        let onEnd: @Sendable (ChildReaper.Ending) -> Void = { ending in
            loop.execute { handler.value.childExited(ending) }
        }
        let spawned: SpawnedChild
        do {
            spawned = try child(for: ticket, terminal: kind == .shell ? terminal : nil, onEnd: onEnd)
        } catch {
            server.log("session of \(identity.username) from \(connection.source) could not start: \(error)")
            reply(context, wantReply, true)
            return refuse(context, line: server.words("ssh.unavailable", language: language), status: 1)
        }
        reply(context, wantReply, true)
        pid = spawned.pid
        master = spawned.master
        server.log(
            "session \(id) of \(identity.username) from \(connection.source): \(command ?? "terminal") (pid \(spawned.pid))"
        )
        let output = ChildOutput(session: handler)
        let bootstrap = NIOPipeBootstrap(group: loop).channelOption(.allowRemoteHalfClosure, value: true)
            .channelInitializer { pipe in
                pipe.eventLoop.makeCompletedFuture { try pipe.pipeline.syncOperations.addHandler(output) }
            }
        let opened =
            kind == .shell
            ? bootstrap.takingOwnershipOfDescriptor(inputOutput: dup(spawned.master))
            : bootstrap.takingOwnershipOfDescriptor(input: spawned.output)
        if kind == .exec, spawned.errors >= 0 {
            // The child's stderr: logged, and passed on to the client when the child ended on
            // its own (its refusals, in words); never after a crash.
            errorsPending = true
            let errors = spawned.errors
            Thread.detachNewThread { [server] in
                var chunk = [UInt8](repeating: 0, count: 1024)
                var said: [UInt8] = []
                while true {
                    let n = chunk.withUnsafeMutableBytes { Glibc.read(errors, $0.baseAddress, $0.count) }
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 { break }
                    if said.count < SessionChannel.maxErrorBytes { said += chunk[0..<n] }
                }
                Glibc.close(errors)
                let text = String(decoding: said.prefix(SessionChannel.maxErrorBytes), as: UTF8.self)
                if !text.isEmpty { server.log("exec stderr: \(SessionLog.clean(text, limit: 300))") }
                loop.execute {
                    handler.value.errorText = text
                    handler.value.errorsPending = false
                    handler.value.finishIfDone()
                }
            }
        }
        opened.whenComplete { result in
            switch result {
            case .success(let pipe): handler.value.childIO = pipe
            case .failure(let error):
                handler.value.server.log("session \(id): cannot read the child's output: \(error)")
                handler.value.stopChild()
            }
        }
        idleTimer = loop.scheduleRepeatedTask(initialDelay: .seconds(5), delay: .seconds(5)) { _ in
            handler.value.checkIdle()
        }
    }

    private func checkIdle() {
        guard let limit = server.configuration.idleSeconds, master >= 0, pid > 0 else { return }
        if NIODeadline.now() - lastInput > .seconds(Int64(limit) + 30) {
            server.log("session \(sessionID ?? 0) of \(connection.identity?.username ?? "?") idle: closed")
            closeWith(line: server.words("ssh.idle-closed", language: language))
        }
    }

    /// Writes `text` on the client's stderr, after leaving the UI's alternate screen when
    /// `leavingScreen` (so that a closing line stays readable after the session).
    private func say(_ text: String, leavingScreen: Bool = false) {
        guard let context else { return }
        let whole = (leavingScreen && terminal != nil ? "\u{1b}[?1049l\r\n" : "") + text
        var buffer = context.channel.allocator.buffer(capacity: whole.utf8.count)
        buffer.writeString(whole)
        context.writeAndFlush(wrapOutboundOut(SSHChannelData(type: .stdErr, data: .byteBuffer(buffer))), promise: nil)
    }

    /// Says `line` on the terminal, then ends the child and the channel.
    func closeWith(line: String) {
        guard let context else { return }
        say(line + "\r\n", leavingScreen: true)
        stopChild()
        let channel = context.channel
        context.triggerUserOutboundEvent(SSHChannelRequestEvent.ExitStatus(exitStatus: 0)).whenComplete { _ in
            channel.close(promise: nil)
        }
    }

    fileprivate func childOutput(_ buffer: ByteBuffer) {
        guard let context else { return }
        context.writeAndFlush(wrapOutboundOut(SSHChannelData(type: .channel, data: .byteBuffer(buffer))), promise: nil)
    }

    fileprivate func childOutputEnded() {
        outputDone = true
        childIO = nil
        finishIfDone()
    }

    func childExited(_ ending: ChildReaper.Ending) {
        childEnded = ending
        pid = 0
        if case .signalled = ending {
            // A crash or a kill: the client gets a sentence, never a report.
            say(server.words("ssh.session-failed", language: language) + "\r\n", leavingScreen: true)
        }
        // A terminal's master reads EIO once the child's side is closed; give the output a moment.
        if !outputDone, let io = childIO {
            io.eventLoop.scheduleTask(in: .milliseconds(200)) { [weak self] in
                guard let self, !self.outputDone else { return }
                self.childIO?.close(promise: nil)
            }
        }
        finishIfDone()
    }

    private func finishIfDone() {
        guard !finished, let ending = childEnded, outputDone || childIO == nil, !errorsPending, let context else {
            return
        }
        finished = true
        if master >= 0 { Glibc.close(master); master = -1 }
        let status: Int
        switch ending {
        case .exited(let code) where code == 75 && terminal != nil:
            // The session ended itself for being idle (Shell.idleExit): say so after the UI.
            status = 0
            say("\r\n" + server.words("ssh.idle-closed", language: language) + "\r\n")
            server.log("session \(sessionID ?? 0) of \(connection.identity?.username ?? "?") idle: closed")
        case .exited(let code):
            status = Int(code)
            let shown = String(
                errorText.unicodeScalars.filter { $0 == "\n" || ($0.value >= 0x20 && $0.value != 0x7f) }
                    .map(Character.init))
            if !shown.isEmpty { say(shown) }
        case .signalled: status = 255
        }
        let channel = context.channel
        context.triggerUserOutboundEvent(SSHChannelRequestEvent.ExitStatus(exitStatus: status)).whenComplete { _ in
            channel.close(promise: nil)
        }
    }

    /// Ends the child (SIGHUP, as a terminal hanging up; SIGKILL if it is still there 2 s later).
    func stopChild() {
        if pid > 0 {
            let victim = pid
            kill(-victim, SIGHUP)
            kill(victim, SIGHUP)
            DispatchQueue.global().asyncAfter(deadline: .now() + 2) {
                if kill(victim, 0) == 0 { kill(-victim, SIGKILL); kill(victim, SIGKILL) }
            }
        }
        childIO?.close(promise: nil)
    }

    // MARK: Bytes

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let data = unwrapInboundIn(data)
        guard case .byteBuffer(let bytes) = data.data, case .channel = data.type else { return }
        lastInput = .now()
        // Keys go to a terminal child; an exec command reads nothing.
        if master >= 0, let io = childIO { io.writeAndFlush(bytes, promise: nil) }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let data = unwrapOutboundIn(data)
        context.write(wrapOutboundOut(SSHChannelData(type: .channel, data: .byteBuffer(data))), promise: promise)
    }

    // MARK: Bounds

    /// A terminal size from the client, within what a screen can be.
    static func bounded(_ n: Int) -> Int { min(max(n, 1), 1000) }

    /// The client's TERM when it is a plain name the host's terminfo has, else "xterm-256color"
    /// (unknown or odd names must not stop the UI from starting).
    static func terminalType(_ term: String) -> String {
        let plain =
            !term.isEmpty && term.utf8.count <= 64
            && term.unicodeScalars.allSatisfy {
                ($0.properties.isAlphabetic && $0.isASCII) || "0123456789.+-_".unicodeScalars.contains($0)
            }
        guard plain, let first = term.first else { return "xterm-256color" }
        for dir in ["/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo"] {
            if FileManager.default.fileExists(atPath: "\(dir)/\(first)/\(term)") { return term }
        }
        return "xterm-256color"
    }
}

/// Reads the child's output (the pseudo-terminal's master, or the exec command's stdout) into
/// the session channel.
private final class ChildOutput: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    let session: NIOLoopBound<SessionChannel>

    init(session: NIOLoopBound<SessionChannel>) { self.session = session }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        session.value.childOutput(unwrapInboundIn(data))
    }

    func channelInactive(context: ChannelHandlerContext) {
        session.value.childOutputEnded()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .inputClosed = event as? ChannelEvent { context.close(promise: nil) }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        // EIO from a pseudo-terminal whose child has gone: the end of its output.
        context.close(promise: nil)
    }
}
