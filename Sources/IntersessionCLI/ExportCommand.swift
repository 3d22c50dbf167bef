import ArgumentParser
import Foundation
import MeetingModel
import Localization
import MeetingTime
import Publishing
import Scheduling
import Store

/// Where an export reads the meeting and programme from: the database (the latest published
/// version, else the draft, else `--version N`) or `--agenda FILE --programme FILE`.
struct ExportInput: ParsableArguments {
    @Option(help: ArgumentHelp("Read the meeting from this agenda file instead of the database (with --programme).", valueName: "file"))
    var agenda: String?
    @Option(help: ArgumentHelp("Read the programme from this file (as 'plan --out' writes it), with --agenda.", valueName: "file"))
    var programme: String?
    @Option(help: ArgumentHelp("Export published version N (default: the latest published, else the draft).", valueName: "N"))
    var version: Int?
    @Option(help: ArgumentHelp("Write to this file (replaced whole, never half-written) instead of standard output.", valueName: "file"))
    var out: String?
    @OptionGroup var store: StoreOptions

    /// The source of the export, and the registrations (empty when read from files).
    func source() throws -> (ExportSource, db: SQLiteStore?, meetingID: String) {
        if agenda != nil || programme != nil {
            guard let agenda, let programme else { throw CLIError("--agenda and --programme go together: give both files, or neither to read the database") }
            if version != nil { throw CLIError("--version reads the database's published versions; it does not apply to --agenda/--programme files") }
            let meeting = try loadMeeting(agenda)
            return (try ExportSource(meeting: meeting, programme: try loadProgramme(programme, meeting: meeting)), nil, meeting.id)
        }
        let db = try store.open()
        let id = try store.meetingID(in: db)
        do { return (try storedExportSource(db, meetingID: id, version: version), db, id) } catch let e as ExportError { throw CLIError(e.description) }
    }

    /// Writes `text` to --out (through a temporary file renamed into place) or standard output.
    func emit(_ text: String) throws {
        guard let out else { FileHandle.standardOutput.write(Data(text.utf8)); return }
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
            throw CLIError("cannot write '\(out)': \(error.localizedDescription); check the folder exists and is writable")
        }
    }
}

/// `intersession export …`: calendars, schedule interchange files and printable programmes.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the programme: iCalendar, frab schedule XML/JSON, or a printable programme in any zone.",
        subcommands: [ICS.self, FrabXML.self, FrabJSON.self, Printable.self]
    )

    struct ICS: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ics", abstract: "iCalendar (RFC 5545): the whole programme, one body's sessions, or one delegate's schedule.",
            discussion: "Times are in UTC unless --zone gives an IANA zone (written with its VTIMEZONE). A delegate's calendar is in their zone by default and names their channel.")
        @Option(help: ArgumentHelp("Only this registered delegate's sessions (their id), in their zone.", valueName: "id")) var delegate: Int64?
        @Option(help: ArgumentHelp("Only this body's sessions.", valueName: "id")) var body: String?
        @Option(help: ArgumentHelp("Write local times in this IANA zone (else UTC; a delegate's own zone with --delegate).", valueName: "zone")) var zone: String?
        @Option(help: ArgumentHelp("The language of the descriptions: en, fr, ru or es (else the delegate's preference with --delegate, else LANG).", valueName: "code"))
        var lang: String?
        @OptionGroup var input: ExportInput

        func run() throws {
            _ = try cliLocalizer(lang)         // a wrong --lang is refused before any work
            var preference: [String] = []
            let (source, db, meetingID) = try input.source()
            var selection = ExportSelection.all
            var zone = try zone.map(exportZone)
            var name = source.meeting.title
            if let body {
                guard source.meeting.body(body) != nil else {
                    throw CLIError("no body '\(body)' in \(meetingID); bodies: " + source.meeting.bodies.map(\.id).joined(separator: ", "))
                }
                selection = .body(body)
                name += " · \(body)"
            }
            if let delegate {
                guard let db else { throw CLIError("--delegate reads the registrations in the database; it does not apply to --agenda/--programme files") }
                guard let d = try storeCall({ try db.delegate(delegate, meetingID: meetingID) }) else {
                    throw CLIError("no delegate \(delegate) in \(meetingID); 'intersession delegates list' shows the ids")
                }
                selection = .delegate(d)
                zone = try zone ?? exportZone(d.zone)
                preference = [d.interpretation].compactMap { $0 } + d.languages
                name += " · \(d.displayName)"
            }
            do {
                let l10n = try cliLocalizer(lang, preference: preference)
                try input.emit(try ICalendar.document(source, selection: selection, zone: zone, stamp: exportStamp(), name: name, l10n: l10n))
            } catch let e as ExportError { throw CLIError(e.description) }
        }
    }

    struct FrabXML: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "frab-xml", abstract: "The frab schedule.xml that pretalx, frab and schedule-reader apps share.")
        @OptionGroup var input: ExportInput
        func run() throws {
            do { try input.emit(try FrabSchedule.xml(try input.source().0)) } catch let e as ExportError { throw CLIError(e.description) }
        }
    }

    struct FrabJSON: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "frab-json", abstract: "The same schedule in its JSON form.")
        @OptionGroup var input: ExportInput
        func run() throws {
            do { try input.emit(try FrabSchedule.json(try input.source().0)) } catch let e as ExportError { throw CLIError(e.description) }
        }
    }

    struct Printable: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "programme", abstract: "The programme day by day in one zone: text, Markdown or one self-contained HTML page.")
        @Option(help: ArgumentHelp("The IANA zone the times are given in (default: the host's).", valueName: "zone")) var zone: String?
        @Option(help: ArgumentHelp("text, markdown or html.", valueName: "format")) var format: String = "text"
        @Option(help: ArgumentHelp("Only this body's sessions.", valueName: "id")) var body: String?
        @Option(help: ArgumentHelp("The language: en, fr, ru or es (else LANG).", valueName: "code")) var lang: String?
        @OptionGroup var input: ExportInput

        func run() throws {
            let l10n = try cliLocalizer(lang)
            guard let f = PrintableProgramme.Format(rawValue: format) else { throw CLIError("--format is text, markdown or html (not '\(format)')") }
            let (source, _, meetingID) = try input.source()
            if let body, source.meeting.body(body) == nil {
                throw CLIError("no body '\(body)' in \(meetingID); bodies: " + source.meeting.bodies.map(\.id).joined(separator: ", "))
            }
            do {
                try input.emit(try PrintableProgramme.render(source, zone: try zone.map(exportZone) ?? source.meeting.hostZone, format: f, selection: body.map(ExportSelection.body) ?? .all, l10n: l10n))
            } catch let e as ExportError { throw CLIError(e.description) }
        }
    }
}

/// A zone given on the command line, checked: an old name is replaced by the current one (with
/// a warning: calendar programs may not know the old one); an unknown one is refused with the
/// names it may have meant.
func exportZone(_ zone: String) throws -> String {
    switch ZoneNames.check(zone) {
    case .location, .utc, .notLocation: return zone
    case .oldName(let canonical):
        FileHandle.standardError.write(Data("warning: '\(zone)' is an old name of \(canonical); the export uses \(canonical)\n".utf8))
        return canonical
    case .unknownToSystem: throw CLIError("this system's time-zone data does not know '\(zone)' yet; update tzdata or use a neighbouring zone")
    case .unknown(let suggestions):
        throw CLIError("unknown time zone '\(zone)'" + (suggestions.isEmpty ? "; use an IANA name such as Europe/Moscow" : "; did you mean " + suggestions.joined(separator: " or ") + "?"))
    }
}

/// When an export is made (DTSTAMP): INTERSESSION_NOW when set (reproducible files), else now.
func exportStamp() throws -> Instant {
    if let now = ProcessInfo.processInfo.environment["INTERSESSION_NOW"], !now.isEmpty {
        guard let t = InstantText.absolute(now) else { throw CLIError("INTERSESSION_NOW='\(now)' is not an instant; write e.g. 2021-06-22T10:30Z") }
        return t
    }
    return Instant(Date())
}

/// `intersession publish`: the draft becomes the next numbered version.
struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "publish", abstract: "Publish the draft programme as the next numbered version (what delegates see).")
    @OptionGroup var store: StoreOptions

    func run() throws {
        let db = try store.open()
        let id = try store.meetingID(in: db)
        let version = try storeCall { try db.publish(meetingID: id, actor: OSUser.name) }
        let changes = try storeCall { () -> Int in
            guard version > 1, let old = try db.publishedProgramme(meetingID: id, version: version - 1),
                  let new = try db.publishedProgramme(meetingID: id, version: version), let meeting = try db.meeting(id) else { return 0 }
            return ProgrammeChange.between(old.programme, new.programme, meeting: meeting).count
        }
        print("published version \(version) of \(id)" + (version > 1 ? "; \(changes) session\(changes == 1 ? "" : "s") changed since version \(version - 1) ('intersession changes --from \(version - 1) --to \(version)' lists who is affected)" : ""))
    }
}

/// `intersession changes --from N --to M`: what changed between two versions, and for whom.
struct ChangesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes", abstract: "List added, removed and moved sessions between two programme versions, with the delegations and delegates affected.",
        discussion: "Each affected registered delegate is listed with the old and new local time in their own zone: the list the ASM sends out. --to draft compares with the current draft.")
    @Option(help: ArgumentHelp("The older published version.", valueName: "N")) var from: Int
    @Option(help: ArgumentHelp("The newer published version, or 'draft' (default: the latest published).", valueName: "M")) var to: String?
    @Option(help: ArgumentHelp("text or json.", valueName: "format")) var format: String = "text"
    @Option(help: ArgumentHelp("The language of the text: en, fr, ru or es (else LANG).", valueName: "code")) var lang: String?
    @OptionGroup var store: StoreOptions

    func run() throws {
        guard ["text", "json"].contains(format) else { throw CLIError("--format is text or json (not '\(format)')") }
        let l = try cliLocalizer(lang)
        let db = try store.open()
        let id = try store.meetingID(in: db)
        guard let meeting = try storeCall({ try db.meeting(id) }) else { throw CLIError("no meeting '\(id)'") }
        let latest = try storeCall { try db.publishedProgramme(meetingID: id) }
        func version(_ n: Int) throws -> Programme {
            guard let v = try storeCall({ try db.publishedProgramme(meetingID: id, version: n) }) else {
                throw CLIError("\(id) has no published version \(n)" + (latest.map { "; versions 1 to \($0.version) exist" } ?? "; nothing is published yet"))
            }
            return v.programme
        }
        let old = try version(from)
        let new: Programme, toLabel: String
        switch to {
        case "draft":
            guard let d = try storeCall({ try db.draftProgramme(meetingID: id) }) else { throw CLIError("\(id) has no draft") }
            (new, toLabel) = (d, l("notice.draft"))
        case let text?:
            guard let n = Int(text) else { throw CLIError("--to is a version number or 'draft' (not '\(text)')") }
            (new, toLabel) = (try version(n), l("notice.version", ["version": "\(n)"]))
        case nil:
            guard let latest else { throw CLIError("nothing is published yet; 'intersession publish' makes version 1") }
            (new, toLabel) = (latest.programme, l("notice.version", ["version": "\(latest.version)"]))
        }
        let delegates = try storeCall { try db.delegates(DelegateQuery(meetingID: id)) }
        let notice: ChangeNotice
        do {
            notice = try ChangeNotice(meeting: meeting, old: old, new: new, fromLabel: l("notice.version", ["version": "\(from)"]), toLabel: toLabel,
                                      delegates: delegates, l10n: l)
        } catch let e as ExportError {
            throw CLIError(e.description)
        }
        if format == "json" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(notice.items), as: UTF8.self))
        } else {
            print(notice.text, terminator: "")
        }
    }
}

/// The export source of a meeting in the database: published version `version`, else the
/// latest published, else the draft; with the versions before it (for SEQUENCE).
func storedExportSource(_ db: SQLiteStore, meetingID id: String, version: Int? = nil) throws -> ExportSource {
    guard let meeting = try storeCall({ try db.meeting(id) }) else { throw ExportError("no meeting '\(id)'") }
    let requests = try storeCall { try db.allInterpretationRequests(meeting: meeting) }
    let latest = try storeCall { try db.publishedProgramme(meetingID: id) }
    func history(before v: Int) throws -> [Programme] {
        try (1..<max(1, v)).compactMap { n in try storeCall { try db.publishedProgramme(meetingID: id, version: n)?.programme } }
    }
    if let version {
        guard let v = try storeCall({ try db.publishedProgramme(meetingID: id, version: version) }) else {
            throw ExportError("\(id) has no published version \(version)" + (latest.map { "; the latest is \($0.version)" } ?? "; nothing is published yet ('intersession publish')"))
        }
        return try ExportSource(meeting: meeting, programme: v.programme, requests: requests, version: version, history: try history(before: version))
    }
    if let latest {
        return try ExportSource(meeting: meeting, programme: latest.programme, requests: requests, version: latest.version, history: try history(before: latest.version))
    }
    guard let draft = try storeCall({ try db.draftProgramme(meetingID: id) }) else {
        throw ExportError("\(id) has no programme yet: 'intersession programme import FILE' stores one as the draft")
    }
    return try ExportSource(meeting: meeting, programme: draft, requests: requests)
}

/// An export named by its file's extension, as the terminal UI's `:export FILE` asks for it.
enum ExportFile {
    /// Writes the meeting's programme in force (latest published, else the draft) to `path`:
    /// .ics (for `delegate`: their sessions only), .xml / .json (frab), .txt / .md / .html
    /// (printable, for `delegate`: theirs only) in `zone` and the language of `l10n`.
    static func write(store: SQLiteStore, meetingID: String, path: String, delegate: Delegate?, zone: String, l10n: Localizer, stamp: Instant) throws {
        let source = try storedExportSource(store, meetingID: meetingID)
        let meeting = source.meeting
        let selection = delegate.map(ExportSelection.delegate) ?? .all
        let text: String
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "ics": text = try ICalendar.document(source, selection: selection, zone: zone, stamp: stamp,
                                                   name: meeting.title + (delegate.map { " · \($0.displayName)" } ?? ""), l10n: l10n)
        case "xml": text = try FrabSchedule.xml(source)
        case "json": text = try FrabSchedule.json(source)
        case "txt": text = try PrintableProgramme.render(source, zone: zone, format: .text, selection: selection, l10n: l10n)
        case "md": text = try PrintableProgramme.render(source, zone: zone, format: .markdown, selection: selection, l10n: l10n)
        case "html", "htm": text = try PrintableProgramme.render(source, zone: zone, format: .html, selection: selection, l10n: l10n)
        default: throw ExportError("name the file .ics, .xml, .json, .txt, .md or .html: its extension chooses the format")
        }
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw ExportError("cannot write '\(path)': \(error.localizedDescription)")
        }
    }
}
