import CSV
import Foundation
import MeetingModel

/// Writes delegates as CSV in the columns `DelegateCSVReader` reads (plus the store's id and
/// status), so an export can be edited and imported again. Cells a spreadsheet would run as a
/// formula are neutralised.
public enum DelegateCSVWriter {
    /// `id`, the reader's fields, `status`.
    public static let header = ["id"] + DelegateCSVReader.fields + ["status"]

    /// The delegates as CSV text.
    public static func text(_ delegates: [Delegate]) throws -> String {
        try table(
            header: header,
            rows: delegates.map { d in
                [
                    String(d.id), d.givenName, d.familyName, d.displayName, d.email, d.delegation, d.role.rawValue,
                    d.zone,
                    d.languages.joined(separator: "|"), d.interpretation ?? "", d.attends.joined(separator: "|"),
                    d.reference, d.notes, d.status.rawValue,
                ]
            })
    }

    /// Any table as CSV through the CSV library, cells neutralised.
    public static func table(header: [String], rows: [[String]]) throws -> String {
        let stream = OutputStream(toMemory: ())
        let csv = try CSVWriter(stream: stream)
        try csv.write(row: header)
        for row in rows {
            csv.beginNewRow()
            try csv.write(row: row.map(neutralised))
        }
        csv.stream.close()
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// A cell starting with = + - @ (or a tab/CR) gets a leading apostrophe, so it is never run as a formula.
    public static func neutralised(_ cell: String) -> String {
        guard let first = cell.first, "=+-@\t\r".contains(first) else { return cell }
        return "'" + cell
    }
}
