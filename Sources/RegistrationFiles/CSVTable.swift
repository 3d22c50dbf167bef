import CSV
import Foundation
import Localization
import Registration

/// A CSV file read as far as every list of ours shares: at most `maxBytes`, UTF-8 (a BOM
/// dropped), "," or ";" (whichever the header row uses, unless given), a header row, and the
/// rows with their numbers (row 1 is the header; a quoted field may span lines), each with as
/// many fields as the header. The readers of delegate lists, registrant exports and
/// participant reports map its columns to their fields.
public struct CSVTable: Sendable {
    /// The header cells, trimmed and in NFC.
    public var header: [String] = []
    /// The rows that have as many fields as the header, blank lines skipped.
    public var rows: [(row: Int, fields: [String])] = []
    /// Problems of the file (nothing read) or of single rows (those rows left out).
    public var problems: [DelegateCSVReader.Problem] = []

    /// The largest file read, in bytes (100,000 delegates take about 15 MB).
    public static let maxBytes = 64 << 20

    /// Reads `path`; `name` names the file in messages.
    public static func read(path: String, name: String, delimiter: Character?) -> CSVTable {
        var table = CSVTable()
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maxBytes {
            table.problems = [.init(name, Message("csv.too-big", ["size": "\(size)", "max": "\(maxBytes)"]))]
            return table
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            table.problems = [.init(name, Message("csv.unreadable"))]
            return table
        }
        return read(data: data, name: name, delimiter: delimiter)
    }

    /// Reads CSV bytes; `name` names the file in messages.
    public static func read(data: Data, name: String, delimiter given: Character?) -> CSVTable {
        var table = CSVTable()
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        // The standard library's validation is the fast path; only a file that fails it is
        // decoded scalar by scalar to say where.
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let (line, offset, byte) = DelegateCSVReader.firstInvalidUTF8(bytes) ?? (1, 0, 0)
            table.problems = [
                .init(
                    name, row: line,
                    Message("csv.not-utf8", ["byte": String(byte, radix: 16, uppercase: true), "offset": "\(offset)"]))
            ]
            return table
        }
        guard !text.trimmed.isEmpty else {
            table.problems = [.init(name, Message("csv.empty"))]
            return table
        }
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" && $0 != "\r" }
        let delimiter =
            given ?? (firstLine.filter { $0 == ";" }.count > firstLine.filter { $0 == "," }.count ? ";" : ",")
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, delimiter: delimiter.unicodeScalars.first!)
        } catch {
            table.problems = [.init(name, row: 1, Message("csv.header-unreadable", ["why": "\(error)"]))]
            return table
        }
        table.header = (reader.headerRow ?? []).map { NameText.nfc($0.trimmed) }
        // An odd number of quote characters means a quoted field is never closed: the reader then
        // swallows the rest of the file into it, so the last row read is where it starts.
        let unterminated = text.utf8.reduce(0) { $1 == UInt8(ascii: "\"") ? $0 + 1 : $0 } % 2 == 1
        var rowNumber = 1
        var last = 0
        while let fields = reader.next() {
            rowNumber += 1
            last = rowNumber
            if fields.count == 1 && fields[0].trimmed.isEmpty { continue }
            if fields.count != table.header.count {
                table.problems.append(
                    .init(
                        name, row: rowNumber,
                        Message("csv.field-count", ["header": "\(table.header.count)"], count: fields.count)))
                continue
            }
            table.rows.append((rowNumber, fields))
        }
        if unterminated {
            table.problems.append(.init(name, row: last, Message("csv.unclosed-quote")))
            table.rows.removeAll { $0.row == last }
        }
        return table
    }

    /// Maps the header to fields: a header names a field by its canonical name, a synonym or
    /// `map` (header → field, case-insensitive). Unknown headers are problems unless `ignoreUnknown`
    /// (a platform's export carries many columns we do not read), then listed in `unused`.
    public func columns(
        fields: [String], synonyms: [String: String], map: [String: String], ignored: Set<String> = [],
        ignoreUnknown: Bool, name: String
    ) -> (column: [String: Int], headers: [String: String], unused: [String], problems: [DelegateCSVReader.Problem]) {
        let map = Dictionary(map.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
        var column: [String: Int] = [:], headers: [String: String] = [:], unused: [String] = []
        var problems: [DelegateCSVReader.Problem] = []
        for (i, h) in header.enumerated() {
            let key = h.lowercased()
            if ignored.contains(key) { continue }
            guard let field = map[key] ?? (fields.contains(key) ? key : synonyms[key]) else {
                if ignoreUnknown {
                    unused.append(h)
                } else {
                    problems.append(
                        .init(
                            name, row: 1,
                            Message(
                                "csv.unknown-column",
                                ["column": DelegateCSVReader.shown(h), "fields": fields.joined(separator: ", ")])))
                }
                continue
            }
            if column[field] != nil {
                problems.append(.init(name, row: 1, Message("csv.two-columns", ["field": field])))
            }
            column[field] = i
            headers[field] = h
        }
        return (column, headers, unused, problems)
    }

    /// The fields of `row` longer than `max` characters among `column`'s, as problems naming the field.
    public static func tooLong(
        _ fields: [String], row: Int, column: [String: Int], max: Int, name: String
    ) -> [DelegateCSVReader.Problem] {
        tooLong(fields, row: row, columns: byPosition(column), max: max, name: name)
    }

    /// `column` (field → position) in the order of the positions, for `tooLong` on many rows.
    public static func byPosition(_ column: [String: Int]) -> [(field: String, position: Int)] {
        column.sorted { $0.value < $1.value }.map { ($0.key, $0.value) }
    }

    /// `tooLong` with the columns in file order (`byPosition`).
    public static func tooLong(
        _ fields: [String], row: Int, columns: [(field: String, position: Int)], max: Int, name: String
    ) -> [DelegateCSVReader.Problem] {
        // A field of at most `max` UTF-8 bytes has at most `max` characters: only longer ones are
        // counted character by character.
        columns.filter { fields[$0.position].utf8.count > max && fields[$0.position].count > max }.map {
            .init(name, row: row, Message("csv.too-long", ["field": $0.field, "max": "\(max)"]))
        }
    }
}
