import Foundation

/// An address of a message: a display name in any script and an ASCII address.
public struct MailAddress: Sendable, Hashable {
    public let name: String
    public let address: String

    public init(name: String, address: String) {
        self.name = name
        self.address = address
    }

    /// "Name <address>", "\"Name\" <address>" or a bare address; nil when the address cannot be written.
    public init?(text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let open = t.lastIndex(of: "<"), t.hasSuffix(">") {
            let address = String(t[t.index(after: open)..<t.index(before: t.endIndex)])
            guard MailAddress.isWritable(address) else { return nil }
            self.init(
                name: t[..<open].trimmingCharacters(in: .whitespaces).trimmingCharacters(
                    in: CharacterSet(charactersIn: "\"")),
                address: address)
        } else {
            guard MailAddress.isWritable(t) else { return nil }
            self.init(name: "", address: t)
        }
    }

    /// Whether `address` can be written as it is: printable ASCII, one "@", no spaces, angle
    /// brackets, quotes or commas, at most 254 characters (we do not assume SMTPUTF8).
    public static func isWritable(_ address: String) -> Bool {
        address.count <= 254 && address.filter { $0 == "@" }.count == 1 && !address.hasPrefix("@")
            && !address.hasSuffix("@")
            && address.unicodeScalars.allSatisfy {
                $0.value > 0x20 && $0.value < 0x7F && !"<>\"(),;:\\[]".unicodeScalars.contains($0)
            }
    }
}

/// An attachment: its MIME type (with parameters), file name and bytes.
public struct MailAttachment: Sendable, Hashable {
    public let contentType: String
    public let filename: String
    public let data: Data

    public init(contentType: String, filename: String, data: Data) {
        self.contentType = contentType
        self.filename = filename
        self.data = data
    }
}

/// A message in RFC 5322 form with MIME (RFC 2045–2049): UTF-8 text, encoded-word headers for
/// names in any script (RFC 2047), attachments. No Swift library on our list writes MIME, so
/// this file is the whole writer, kept small; the tests judge its output with Python's `email`
/// parser.
public struct MailMessage: Sendable {
    public var from: MailAddress
    public var to: MailAddress
    public var subject: String
    public var date: Date
    /// Without angle brackets: "<id>@<host>".
    public var messageID: String
    /// An automatic notice (RFC 3834: `Auto-Submitted: auto-generated`), not a personal letter.
    public var automatic: Bool
    public var text: String
    public var attachments: [MailAttachment]
    /// Extra headers (ASCII names and values), e.g. X-Intersession-Kind.
    public var headers: [(String, String)]

    public init(
        from: MailAddress, to: MailAddress, subject: String, date: Date, messageID: String, automatic: Bool,
        text: String, attachments: [MailAttachment] = [], headers: [(String, String)] = []
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.messageID = messageID
        self.automatic = automatic
        self.text = text
        self.attachments = attachments
        self.headers = headers
    }

    /// The message's bytes, lines ending in CRLF; `boundary` separates the parts of a multipart
    /// message (it must not occur in them: base64 and our headers never contain "=_").
    public func rendered(boundary: String = "=_intersession_" + UUID().uuidString) -> Data {
        var lines = [
            "From: " + MailMessage.address(from), "To: " + MailMessage.address(to),
            "Subject: " + MailMessage.encodedWords(subject, used: "Subject: ".count),
            "Date: " + MailMessage.dateText(date), "Message-ID: <" + messageID + ">", "MIME-Version: 1.0",
        ]
        if automatic { lines.append("Auto-Submitted: auto-generated") }
        for (name, value) in headers { lines.append(name + ": " + MailMessage.ascii(value)) }
        // Written as bytes: the headers, then each part's base64 in lines of 76 (Foundation's
        // encoder breaks the lines itself).
        var out = Data()
        out.reserveCapacity(
            1_024 + text.utf8.count * 4 / 3 + attachments.reduce(0) { $0 + $1.data.count * 4 / 3 + 512 })
        func add(_ line: String) {
            out.append(contentsOf: line.utf8)
            out.append(contentsOf: [0x0D, 0x0A])
        }
        func base64(_ data: Data) {
            guard !data.isEmpty else { return }
            out.append(
                data.base64EncodedData(options: [
                    .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
                ]))
            out.append(contentsOf: [0x0D, 0x0A])
        }
        // With attachments, the text is the first part of a multipart/mixed body.
        let multipart = ["Content-Type: multipart/mixed;", " boundary=\"" + boundary + "\"", "", "--" + boundary]
        (lines + (attachments.isEmpty ? [] : multipart)
            + ["Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: base64", ""])
            .forEach(add)
        base64(Data(text.utf8))
        for a in attachments {
            let name = MailMessage.ascii(a.filename).replacingOccurrences(of: "\"", with: "")
            [
                "--" + boundary,
                "Content-Type: " + MailMessage.ascii(a.contentType) + "; name=\"" + name + "\"",
                "Content-Disposition: attachment; filename=\"" + name + "\"",
                "Content-Transfer-Encoding: base64",
                "",
            ].forEach(add)
            base64(a.data)
        }
        if !attachments.isEmpty { add("--" + boundary + "--") }
        return out
    }

    /// The text of a message this writer made (its first text/plain part, base64), for a preview
    /// on screen; nil when there is none. At most 1 MB of the message is read.
    public static func text(of message: Data) -> String? {
        let lines = String(decoding: message.prefix(1 << 20), as: UTF8.self).components(separatedBy: "\r\n")
        guard let type = lines.firstIndex(where: { $0.lowercased().hasPrefix("content-type: text/plain") }),
            let blank = lines[type...].firstIndex(of: "")
        else { return nil }
        let body = lines[(blank + 1)...].prefix { !$0.isEmpty && !$0.hasPrefix("--") }.joined()
        return Data(base64Encoded: body).map { String(decoding: $0, as: UTF8.self) }
    }

    /// `Name <address>`: the name as a quoted string when it is plain ASCII, else as encoded words.
    static func address(_ a: MailAddress) -> String {
        let name = a.name.filter { !$0.isNewline }
        if name.isEmpty { return "<" + a.address + ">" }
        if name.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) {
            let quoted = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"" + quoted + "\" <" + a.address + ">"
        }
        return encodedWords(name, used: 6) + " <" + a.address + ">"
    }

    /// `text` as it is when it is short printable ASCII, else RFC 2047 encoded words
    /// (`=?UTF-8?B?…?=`, each at most 75 characters, never cutting a character), folded.
    static func encodedWords(_ text: String, used: Int) -> String {
        let clean = text.filter { !$0.isNewline }
        if clean.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }), clean.count + used <= 78,
            !clean.contains("=?")
        {
            return clean
        }
        // A folded line holds at most 76 characters: " =?UTF-8?B?" + base64 + "?=" leaves 63 base64
        // characters, 45 bytes of UTF-8 (the first line less what its header name used). Whole
        // scalars only: a UTF-8 sequence is never cut between two words.
        var words: [String] = [], chunk = Data()
        var room = max(3, (76 - used - 12) / 4 * 3)
        for scalar in clean.unicodeScalars {
            let bytes = scalar.utf8
            if chunk.count + bytes.count > room, !chunk.isEmpty {
                words.append("=?UTF-8?B?" + chunk.base64EncodedString() + "?=")
                chunk.removeAll(keepingCapacity: true)
                room = 45
            }
            chunk.append(contentsOf: bytes)
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?UTF-8?B?" + chunk.base64EncodedString() + "?=") }
        return words.joined(separator: "\r\n ")
    }

    /// Printable ASCII only (a header value we write ourselves).
    static func ascii(_ s: String) -> String {
        String(s.unicodeScalars.filter { $0.value >= 0x20 && $0.value < 0x7F }.map(Character.init))
    }

    /// RFC 5322 §3.3: "Tue, 22 Jun 2021 09:58:00 +0000".
    static func dateText(_ date: Date) -> String {
        dateLock.lock()
        defer { dateLock.unlock() }
        return dateFormatter.string(from: date)
    }

    /// One formatter for every message (making one costs more than a message); a formatter is not
    /// safe across threads, hence the lock.
    nonisolated(unsafe) private static let dateFormatter: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return f
    }()
    private static let dateLock = NSLock()
}
