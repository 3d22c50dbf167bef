import CSV
import Foundation
import Localization
import MeetingModel

/// Reads a delegation's list of delegates (CSV) into registrations, row by row, with every
/// problem as `FILE:ROW: field: message` (row 1 is the header; a quoted field may span lines).
public struct DelegateCSVReader {
    /// Options of an import.
    public struct Options: Sendable {
        /// "," or ";" (nil: whichever the header row uses).
        public var delimiter: Character?
        /// Extra header names: header → canonical field.
        public var map: [String: String]
        /// The delegation of rows without a delegation column.
        public var delegation: String?

        public init(delimiter: Character? = nil, map: [String: String] = [:], delegation: String? = nil) {
            self.delimiter = delimiter
            self.map = map
            self.delegation = delegation
        }
    }

    /// One problem of a list: where (the file, and its row when there is one; row 1 is the
    /// header) and what, worded in the reader's language by `text(_:)`.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public let file: String
        public let row: Int?
        public let message: Message

        public init(_ file: String, row: Int? = nil, _ message: Message) {
            self.file = file
            self.row = row
            self.message = message
        }

        /// `FILE:ROW: message` in the language of `l`.
        public func text(_ l: Localizer) -> String { file + (row.map { ":\($0)" } ?? "") + ": " + message.text(l) }
        public var description: String { text(.english) }
    }

    /// The result: rows read (with their row number) and the problems found.
    public struct Result: Sendable {
        public var rows: [(row: Int, delegate: Delegate)] = []
        public var problems: [Problem] = []
        /// Each field's column as the file's header wrote it ("Courriel" for email).
        public var columns: [String: String] = [:]

        /// A problem's sentence with its leading field named as the file names it, ours in
        /// brackets when they differ: "Courriel [email]: …".
        public func inFileTerms(_ text: String) -> String {
            guard let colon = text.firstIndex(of: ":"), let header = columns[String(text[..<colon])],
                header != String(text[..<colon])
            else { return text }
            return header + " [" + text[..<colon] + "]" + text[colon...]
        }
    }

    /// The canonical column names.
    public static let fields = [
        "given_name", "family_name", "display_name", "email", "delegation", "role", "zone", "languages",
        "interpretation", "bodies", "reference", "notes",
    ]
    /// Header names recognised besides the canonical ones (French first).
    public static let synonyms: [String: String] = [
        "prénom": "given_name", "nom": "family_name", "courriel": "email", "délégation": "delegation",
        "fonction": "role",
        "fuseau horaire": "zone", "langues": "languages", "interprétation": "interpretation", "organes": "bodies",
        "référence": "reference", "notes": "notes", "nom affiché": "display_name",
        "given name": "given_name", "family name": "family_name", "e-mail": "email", "surname": "family_name",
    ]
    /// Role names accepted besides the canonical ones.
    static let roles: [String: DelegateRole] = [
        "head of delegation": .headOfDelegation, "chef de délégation": .headOfDelegation, "alternate": .alternate,
        "suppléant": .alternate, "adviser": .adviser, "advisor": .adviser, "conseiller": .adviser,
        "delegate": .delegate,
        "délégué": .delegate, "observer representative": .observerRepresentative,
        "représentant observateur": .observerRepresentative,
        "guest of the chair": .guestOfTheChair, "invité du président": .guestOfTheChair,
    ]
    /// Columns of an export that a list may carry but does not set (the store assigns them).
    public static let ignored: Set<String> = ["id", "status"]
    /// The longest field accepted, in characters.
    public static let maxField = 10_000
    /// The largest list read, in bytes (100,000 delegates take about 15 MB).
    public static let maxBytes = 64 << 20

    /// Reads `path` for meeting `meetingID`; `display` names the file in messages.
    public static func read(path: String, meetingID: String, options: Options, display: String? = nil) -> Result {
        let name = display ?? path
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maxBytes {
            return Result(problems: [Problem(name, Message("csv.too-big", ["size": "\(size)", "max": "\(maxBytes)"]))])
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return Result(problems: [Problem(name, Message("csv.unreadable"))])
        }
        return read(data: data, name: name, meetingID: meetingID, options: options)
    }

    /// Reads CSV bytes; `name` is used in messages.
    public static func read(data: Data, name: String, meetingID: String, options: Options) -> Result {
        var result = Result()
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let (line, offset, byte) = firstInvalidUTF8(bytes) {
            return Result(problems: [
                Problem(
                    name, row: line,
                    Message("csv.not-utf8", ["byte": String(byte, radix: 16, uppercase: true), "offset": "\(offset)"]))
            ])
        }
        let text = String(decoding: bytes, as: UTF8.self)
        guard !text.trimmed.isEmpty else { return Result(problems: [Problem(name, Message("csv.empty"))]) }
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" && $0 != "\r" }
        let delimiter =
            options.delimiter
            ?? (firstLine.filter { $0 == ";" }.count > firstLine.filter { $0 == "," }.count ? ";" : ",")
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, delimiter: delimiter.unicodeScalars.first!)
        } catch {
            return Result(problems: [Problem(name, row: 1, Message("csv.header-unreadable", ["why": "\(error)"]))])
        }
        // Columns: canonical, synonyms, --map; unknown headers are an error (a misspelt column loses data).
        let header = (reader.headerRow ?? []).map { $0.trimmed.precomposedStringWithCanonicalMapping }
        let map = Dictionary(uniqueKeysWithValues: options.map.map { ($0.key.lowercased(), $0.value) })
        var column: [String: Int] = [:]
        for (i, h) in header.enumerated() {
            let key = h.lowercased()
            if ignored.contains(key) { continue }
            guard let field = map[key] ?? (fields.contains(key) ? key : synonyms[key]) else {
                result.problems.append(
                    Problem(
                        name, row: 1,
                        Message("csv.unknown-column", ["column": shown(h), "fields": fields.joined(separator: ", ")])))
                continue
            }
            if column[field] != nil {
                result.problems.append(Problem(name, row: 1, Message("csv.two-columns", ["field": field])))
            }
            column[field] = i
            result.columns[field] = h
        }
        if column["email"] == nil { result.problems.append(Problem(name, row: 1, Message("csv.no-email"))) }
        if column["delegation"] == nil && options.delegation == nil {
            result.problems.append(Problem(name, row: 1, Message("csv.no-delegation")))
        }
        if !result.problems.isEmpty { return result }

        // An odd number of quote characters means a quoted field is never closed: the reader then
        // swallows the rest of the file into it, so the last row read is where it starts.
        let unterminated = text.utf8.reduce(0) { $1 == UInt8(ascii: "\"") ? $0 + 1 : $0 } % 2 == 1
        var rowNumber = 1
        var last = 0
        while let fieldsOfRow = reader.next() {
            rowNumber += 1
            last = rowNumber
            if fieldsOfRow.count == 1 && fieldsOfRow[0].trimmed.isEmpty { continue }
            if fieldsOfRow.count != header.count {
                result.problems.append(
                    Problem(
                        name, row: rowNumber,
                        Message("csv.field-count", ["header": "\(header.count)"], count: fieldsOfRow.count)))
                continue
            }
            func value(_ field: String) -> String { column[field].map { fieldsOfRow[$0].trimmed } ?? "" }
            var bad = false
            for (field, i) in column.sorted(by: { $0.value < $1.value }) where fieldsOfRow[i].count > maxField {
                result.problems.append(
                    Problem(name, row: rowNumber, Message("csv.too-long", ["field": field, "max": "\(maxField)"])))
                bad = true
            }
            if bad { continue }
            var d = Delegate(
                meetingID: meetingID,
                delegation: value("delegation").isEmpty ? (options.delegation ?? "") : value("delegation"),
                givenName: value("given_name"), familyName: value("family_name"), displayName: value("display_name"),
                email: value("email"), zone: value("zone"), languages: list(value("languages")),
                interpretation: value("interpretation").isEmpty ? nil : value("interpretation"),
                attends: list(value("bodies")),
                reference: value("reference"), notes: value("notes"))
            let roleText = value("role")
            if !roleText.isEmpty {
                guard let role = DelegateRole(rawValue: roleText.lowercased()) ?? roles[roleText.lowercased()] else {
                    result.problems.append(
                        Problem(
                            name, row: rowNumber,
                            Message(
                                "csv.bad-role",
                                [
                                    "value": shown(roleText),
                                    "list": DelegateRole.allCases.map(\.rawValue).joined(separator: ", "),
                                ])))
                    continue
                }
                d.role = role
            }
            result.rows.append((rowNumber, d))
        }
        if unterminated {
            result.problems.append(Problem(name, row: last, Message("csv.unclosed-quote")))
            result.rows.removeAll { $0.row == last }
        }
        return result
    }

    /// A cell quoted back in a message: at most 40 characters (a header cell may be 100 MB), with
    /// control and format characters shown as escapes.
    static func shown(_ cell: String) -> String {
        let cut = cell.count <= 40 ? cell : String(cell.prefix(40)) + "…"
        return DisplayText.escaped(cut)
    }

    private static func list(_ s: String) -> [String] {
        s.split(separator: "|").map(\.trimmed).filter { !$0.isEmpty }
    }

    /// Line, offset and value of the first byte that is not valid UTF-8, if any.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> (Int, Int, UInt8)? {
        var decoder = Unicode.UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0, line = 1
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s):
                if s == "\n" { line += 1 }
                offset += String(s).utf8.count
            case .emptyInput:
                return nil
            case .error:
                return (line, offset, bytes[min(offset, bytes.count - 1)])
            }
        }
    }
}
