import Foundation
import Localization
import MeetingModel
import Publishing
import Store

/// The export source of a meeting in the database: published version `version`, else the
/// latest published, else the draft; with the versions before it (for SEQUENCE). The store's
/// refusals come through as `StoreError`; what is missing as `ExportError`.
/// With `publishedOnly` (a delegate's own exports: delegates never see a draft), no draft.
public func storedExportSource(
    _ db: any ShellStore, meetingID id: String, version: Int? = nil, publishedOnly: Bool = false
) throws -> ExportSource {
    guard let meeting = try db.meeting(id) else { throw ExportError(Message("cli.no-meeting", ["meeting": id])) }
    let requests = try db.allInterpretationRequests(meeting: meeting)
    let latest = try db.publishedProgramme(meetingID: id, version: nil)
    func history(before v: Int) throws -> [Programme] {
        try (1..<max(1, v)).compactMap { n in try db.publishedProgramme(meetingID: id, version: n)?.programme }
    }
    if let version {
        guard let v = try db.publishedProgramme(meetingID: id, version: version) else {
            let then =
                latest.map { Message("cli.export.latest", ["latest": "\($0.version)"]) }
                ?? Message("cli.export.none-published")
            throw ExportError(
                Message(
                    "export.no-version", values: ["meeting": "\(id)", "version": "\(version)", "then": .message(then)]))
        }
        return try ExportSource(
            meeting: meeting, programme: v.programme, requests: requests, version: version,
            history: try history(before: version))
    }
    if let latest {
        return try ExportSource(
            meeting: meeting, programme: latest.programme, requests: requests, version: latest.version,
            history: try history(before: latest.version))
    }
    guard !publishedOnly, let draft = try db.draftProgramme(meetingID: id) else {
        if publishedOnly { throw ExportError(Message("app.no-meeting-yet")) }
        throw ExportError(Message("cli.export.no-programme", ["meeting": id]))
    }
    return try ExportSource(meeting: meeting, programme: draft, requests: requests)
}

/// An export named by its file's extension, as the terminal UI's `:export FILE` asks for it.
public enum ExportFile {
    /// The export in `format` (a file extension: ics, xml, json, txt, md, html); for `delegate`,
    /// their own sessions of the published programme only.
    public static func text(
        store: any ShellStore, meetingID: String, format: String, delegate: Delegate?, zone: String, l10n: Localizer,
        stamp: Instant
    ) throws -> String {
        let source = try storedExportSource(store, meetingID: meetingID, publishedOnly: delegate != nil)
        let meeting = source.meeting
        let selection = delegate.map(ExportSelection.delegate) ?? .all
        let text: String
        switch format.lowercased() {
        case "ics":
            text = try ICalendar.document(
                source, selection: selection, zone: zone, stamp: stamp,
                name: meeting.title + (delegate.map { " · \($0.displayName)" } ?? ""), l10n: l10n,
                personalLinks: try delegate.map { try store.joinLinks(delegateID: $0.id) } ?? [])
        case "xml": text = try FrabSchedule.xml(source)
        case "json": text = try FrabSchedule.json(source)
        case "txt":
            text = try PrintableProgramme.render(source, zone: zone, format: .text, selection: selection, l10n: l10n)
        case "md":
            text = try PrintableProgramme.render(
                source, zone: zone, format: .markdown, selection: selection, l10n: l10n)
        case "html", "htm":
            text = try PrintableProgramme.render(source, zone: zone, format: .html, selection: selection, l10n: l10n)
        default: throw ExportError(Message("app.export.extension"))
        }
        return text
    }

    /// Writes the meeting's programme in force (latest published, else the draft; for a
    /// delegate, the latest published) to `path`: .ics (for `delegate`: their sessions only),
    /// .xml / .json (frab), .txt / .md / .html (printable, for `delegate`: theirs only) in `zone`
    /// and the language of `l10n`.
    public static func write(
        store: any ShellStore, meetingID: String, path: String, delegate: Delegate?, zone: String, l10n: Localizer,
        stamp: Instant
    ) throws {
        let text = try self.text(
            store: store, meetingID: meetingID, format: URL(fileURLWithPath: path).pathExtension, delegate: delegate,
            zone: zone, l10n: l10n, stamp: stamp)
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw ExportError(Message("app.export.cannot-write", ["path": path, "why": error.localizedDescription]))
        }
    }
}
