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
    public static let maxBytes = CSVTable.maxBytes

    /// Reads `path` for meeting `meetingID`; `display` names the file in messages.
    public static func read(path: String, meetingID: String, options: Options, display: String? = nil) -> Result {
        let name = display ?? path
        return read(
            CSVTable.read(path: path, name: name, delimiter: options.delimiter), name: name, meetingID: meetingID,
            options: options)
    }

    /// Reads CSV bytes; `name` is used in messages.
    public static func read(data: Data, name: String, meetingID: String, options: Options) -> Result {
        read(
            CSVTable.read(data: data, name: name, delimiter: options.delimiter), name: name, meetingID: meetingID,
            options: options)
    }

    private static func read(_ table: CSVTable, name: String, meetingID: String, options: Options) -> Result {
        var result = Result()
        if table.header.isEmpty {
            result.problems = table.problems
            return result
        }
        // Columns: canonical, synonyms, --map; unknown headers are an error (a misspelt column loses data).
        let (column, headers, _, headerProblems) = table.columns(
            fields: fields, synonyms: synonyms, map: options.map, ignored: ignored, ignoreUnknown: false, name: name)
        result.columns = headers
        result.problems = headerProblems
        if column["email"] == nil { result.problems.append(Problem(name, row: 1, Message("csv.no-email"))) }
        if column["delegation"] == nil && options.delegation == nil {
            result.problems.append(Problem(name, row: 1, Message("csv.no-delegation")))
        }
        if !result.problems.isEmpty { return result }

        result.problems = table.problems
        // Each field's position, looked up once for the whole file (not once per field and row).
        let at = (
            given: column["given_name"], family: column["family_name"], display: column["display_name"],
            email: column["email"], delegation: column["delegation"], role: column["role"], zone: column["zone"],
            languages: column["languages"], interpretation: column["interpretation"], bodies: column["bodies"],
            reference: column["reference"], notes: column["notes"]
        )
        let byPosition = CSVTable.byPosition(column)
        for (rowNumber, fieldsOfRow) in table.rows {
            let long = CSVTable.tooLong(fieldsOfRow, row: rowNumber, columns: byPosition, max: maxField, name: name)
            if !long.isEmpty {
                result.problems += long
                continue
            }
            func value(_ position: Int?) -> String { position.map { fieldsOfRow[$0].trimmed } ?? "" }
            let delegation = value(at.delegation), interpretation = value(at.interpretation)
            var d = Delegate(
                meetingID: meetingID, delegation: delegation.isEmpty ? (options.delegation ?? "") : delegation,
                givenName: value(at.given), familyName: value(at.family), displayName: value(at.display),
                email: value(at.email), zone: value(at.zone), languages: list(value(at.languages)),
                interpretation: interpretation.isEmpty ? nil : interpretation, attends: list(value(at.bodies)),
                reference: value(at.reference), notes: value(at.notes))
            let roleText = value(at.role)
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
        // In row order, as the file reads (the table's own problems came first).
        result.problems = result.problems.enumerated().sorted {
            ($0.element.row ?? 0, $0.offset) < ($1.element.row ?? 0, $1.offset)
        }.map(\.element)
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
                offset += UTF8.width(s)
            case .emptyInput:
                return nil
            case .error:
                return (line, offset, bytes[min(offset, bytes.count - 1)])
            }
        }
    }
}
