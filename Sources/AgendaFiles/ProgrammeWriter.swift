import Foundation
import MeetingModel
import MeetingTime

/// Writes a programme file that `ProgrammeReader` reads back (the format `plan --out` produces).
public enum ProgrammeWriter {
    /// The YAML text of `programme` for `meeting`, naming `agendaPath` (as it should be written in the file).
    /// Starts are the host's wall-clock time with its offset, unambiguous across DST changes.
    public static func yaml(_ programme: Programme, meeting: Meeting, agendaPath: String, comment: String) throws
        -> String
    {
        let host = try MeetingClock(meeting: meeting).host
        var out =
            comment.split(separator: "\n", omittingEmptySubsequences: false).map { "# " + $0 }.joined(separator: "\n")
            + "\n"
        out += "programme:\n  agenda: \(quoted(agendaPath))\n  placements:\n"
        for p in programme.placements.sorted(by: {
            ($0.start, $0.room, $0.sessionID) < ($1.start, $1.room, $1.sessionID)
        }) {
            let local = host.local(at: p.start)
            let start = "\(local.day)T\(local.timeText)\(offsetText(seconds: host.offset(at: p.start)))"
            out +=
                "    - {session: \(quoted(p.sessionID)), start: \"\(start)\", room: \(quoted(p.room))\(p.pinned ? ", pinned: true" : "")}\n"
        }
        return out
    }

    /// Writes `text` to `path` all at once (a temporary file renamed over it): never half a file.
    public static func write(_ text: String, to path: String) throws {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// `target` as a path relative to the folder of `file` (both as given, resolved against the working folder).
    public static func relativePath(to target: String, fromFileAt file: String) -> String {
        let a = URL(fileURLWithPath: file).standardizedFileURL.deletingLastPathComponent().pathComponents
        let b = URL(fileURLWithPath: target).standardizedFileURL.pathComponents
        var common = 0
        while common < min(a.count, b.count), a[common] == b[common] { common += 1 }
        let ups = [String](repeating: "..", count: a.count - common)
        return (ups + b[common...]).joined(separator: "/")
    }

    private static func quoted(_ s: String) -> String {
        let plain =
            !s.isEmpty && s.allSatisfy { $0.isLetter || $0.isNumber || "-_./".contains($0) }
            && !["true", "false", "null", "yes", "no", "on", "off"].contains(s.lowercased())
        return plain
            ? s
            : "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
