import CFileSync
import Foundation

/// Why a transport did not take a message: its own words (a program's exit status and what it
/// printed, or the file error), at most 500 characters.
public struct MailTransportError: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String

    public init(_ text: String) { description = String(text.prefix(500)) }
}

/// Where messages go: a sendmail-compatible program, or a folder of `.eml` files for review.
public enum MailTransport: Sendable, Hashable, CustomStringConvertible {
    /// The program and its arguments; the message on its standard input (`-t`: recipients from
    /// the headers, `-i`: a line of "." is text).
    case sendmail([String])
    /// One `<id>.eml` per message, renamed into place whole: a message already there is not
    /// written twice.
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

    /// How many messages one hand-over takes: a folder writes a batch of files and syncs its
    /// filesystem once for them (an fsync per file costs half a millisecond on a disk); a program
    /// takes one message at a time.
    public var batchSize: Int {
        switch self {
        case .folder: 200
        case .sendmail: 1
        }
    }

    /// Hands `message` (its bytes) over; `id` names its file in a folder. Returns when the
    /// transport has taken it (the program exited 0, the file is written and synced).
    public func deliver(_ message: Data, id: String) throws {
        if let error = deliver([(id, message)]).first ?? nil { throw error }
    }

    /// Hands `messages` over in order; what became of each (nil: taken). A folder writes each
    /// file under a temporary name and renames it into place, so a file there is whole, and
    /// syncs the filesystem once before any of them counts as taken; a message whose file is
    /// there already is not written twice.
    public func deliver(_ messages: [(id: String, data: Data)]) -> [MailTransportError?] {
        switch self {
        case .folder(let path): return Self.write(messages, to: path)
        case .sendmail(let words):
            return messages.map { m in
                do {
                    try Self.run(words, input: m.data)
                    return nil
                } catch { return error as? MailTransportError ?? MailTransportError("\(error)") }
            }
        }
    }

    /// Whether the transport holds the message `id` already: in a folder, its file is there. A
    /// program cannot say (false).
    public func holds(id: String) -> Bool {
        guard case .folder(let folder) = self, let name = Self.fileName(id) else { return false }
        return access((folder as NSString).appendingPathComponent(name + ".eml"), F_OK) == 0
    }

    private static func fileName(_ id: String) -> String? {
        let name = String(
            id.map { $0 == "@" ? "_" : $0 }.filter { $0.isASCII && ($0.isLetter || $0.isNumber || "-._".contains($0)) }
                .prefix(100))
        return name.isEmpty || name.hasPrefix(".") ? nil : name
    }

    private static func write(_ messages: [(id: String, data: Data)], to folder: String) -> [MailTransportError?] {
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            let e = MailTransportError("cannot make the folder \(folder): \(error.localizedDescription)")
            return messages.map { _ in e }
        }
        var out: [MailTransportError?] = []
        var written: [(index: Int, path: String)] = []
        for (i, m) in messages.enumerated() {
            guard let name = fileName(m.id) else {
                out.append(MailTransportError("no file name for message \(m.id)"))
                continue
            }
            let path = (folder as NSString).appendingPathComponent(name + ".eml")
            // Already handed over (a send interrupted after the file was written): not twice.
            if access(path, F_OK) == 0 {
                out.append(nil)
                continue
            }
            let temporary = (folder as NSString).appendingPathComponent(".\(name).tmp")
            do {
                try writeWhole(m.data, to: temporary)
            } catch {
                unlink(temporary)
                out.append(error as? MailTransportError)
                continue
            }
            let renamed = intersession_rename_noreplace(temporary, path)
            if renamed == EEXIST {
                unlink(temporary)
                out.append(nil)
            } else if renamed != 0 {
                unlink(temporary)
                out.append(MailTransportError("cannot write \(path): \(String(cString: strerror(renamed)))"))
            } else {
                written.append((i, path))
                out.append(nil)
            }
        }
        guard !written.isEmpty else { return out }
        // One sync for the batch: until it returns, none of the new files counts as taken.
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        let synced = fd < 0 ? errno : intersession_syncfs(fd)
        if fd >= 0 { close(fd) }
        if synced != 0 {
            let e = MailTransportError("cannot sync \(folder): \(String(cString: strerror(synced)))")
            for w in written {
                unlink(w.path)
                out[w.index] = e
            }
        }
        return out
    }

    /// A new file of exactly `bytes` (a stale one of a killed send is replaced).
    private static func writeWhole(_ bytes: Data, to path: String) throws {
        unlink(path)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw MailTransportError("cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let all = [UInt8](bytes)
        var done = 0
        while done < all.count {
            let n = all[done...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw MailTransportError("cannot write \(path): \(String(cString: strerror(errno)))") }
            done += n
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
