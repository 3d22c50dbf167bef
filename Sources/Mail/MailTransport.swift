import Foundation

/// Why a transport did not take a message: its own words (a program's exit status and what it
/// printed, or the file error), at most 500 characters.
public struct MailTransportError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ text: String) { description = String(text.prefix(500)) }
}

/// Where messages go: a sendmail-compatible program, or a folder of `.eml` files for review.
public enum MailTransport: Sendable, Hashable, CustomStringConvertible {
    /// The program and its arguments; the message on its standard input (`-t`: recipients from
    /// the headers, `-i`: a line of "." is text).
    case sendmail([String])
    /// One `<id>.eml` per message, made with O_EXCL: a message already there is not written twice.
    case folder(String)

    public static let defaultSendmail = ["/usr/sbin/sendmail", "-t", "-i"]

    /// "sendmail" (the default program), "sendmail:/usr/bin/msmtp -t -i" or "folder:PATH".
    public init?(text: String) {
        if text == "sendmail" {
            self = .sendmail(MailTransport.defaultSendmail)
        } else if text.hasPrefix("sendmail:") {
            let words = text.dropFirst("sendmail:".count).split(separator: " ").map(String.init)
            guard let first = words.first, first.hasPrefix("/") else { return nil }
            self = .sendmail(words)
        } else if text.hasPrefix("folder:"), text.count > "folder:".count {
            self = .folder(String(text.dropFirst("folder:".count)))
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .sendmail(let words): "sendmail:" + words.joined(separator: " ")
        case .folder(let path): "folder:" + path
        }
    }

    /// Hands `message` (its bytes) over; `id` names its file in a folder. Returns when the
    /// transport has taken it (the program exited 0, the file is written and synced).
    public func deliver(_ message: Data, id: String) throws {
        switch self {
        case .folder(let path): try Self.write(message, to: path, id: id)
        case .sendmail(let words): try Self.run(words, input: message)
        }
    }

    private static func write(_ message: Data, to folder: String, id: String) throws {
        let name = String(
            id.map { $0 == "@" ? "_" : $0 }.filter { $0.isASCII && ($0.isLetter || $0.isNumber || "-._".contains($0)) }
                .prefix(100))
        guard !name.isEmpty else { throw MailTransportError("no file name for message \(id)") }
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch { throw MailTransportError("cannot make the folder \(folder): \(error.localizedDescription)") }
        let path = (folder as NSString).appendingPathComponent(name + ".eml")
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 {
            // Already handed over (a send interrupted after the file was written): not twice.
            if errno == EEXIST { return }
            throw MailTransportError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var done = 0
        let bytes = [UInt8](message)
        while done < bytes.count {
            let n = bytes[done...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                unlink(path)
                throw MailTransportError("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            done += n
        }
        guard fsync(fd) == 0 else {
            unlink(path)
            throw MailTransportError("cannot sync \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// The program, the message on its input; at most 60 seconds.
    private static func run(_ words: [String], input: Data) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: words[0])
        p.arguments = Array(words.dropFirst())
        let stdin = Pipe(), output = Pipe()
        p.standardInput = stdin
        p.standardOutput = output
        p.standardError = output
        do { try p.run() } catch {
            throw MailTransportError("cannot run \(words[0]): \(error.localizedDescription)")
        }
        // What the program says, read meanwhile (a full pipe would stop it).
        let said = Said()
        let read = DispatchSemaphore(value: 0)
        DispatchQueue(label: "mail.transport.output").async {
            said.data = output.fileHandleForReading.readDataToEndOfFile()
            read.signal()
        }
        // A program that exits without reading all of it must not take this process with it.
        signal(SIGPIPE, SIG_IGN)
        let fd = stdin.fileHandleForWriting.fileDescriptor
        let bytes = [UInt8](input)
        var done = 0
        while done < bytes.count {
            let n = bytes[done...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }  // EPIPE: the program stopped reading; its exit status says why
            done += n
        }
        try? stdin.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(60)
        while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        if p.isRunning {
            p.terminate()
            throw MailTransportError("\(words[0]) did not finish within 60 s")
        }
        _ = read.wait(timeout: .now() + 5)
        guard p.terminationStatus == 0 else {
            let text = String(decoding: said.data.prefix(500), as: UTF8.self).trimmingCharacters(
                in: .whitespacesAndNewlines)
            throw MailTransportError("\(words[0]) exited \(p.terminationStatus)" + (text.isEmpty ? "" : ": " + text))
        }
    }
}

/// The program's output, written by the reading thread before it signals.
private final class Said: @unchecked Sendable {
    var data = Data()
}
