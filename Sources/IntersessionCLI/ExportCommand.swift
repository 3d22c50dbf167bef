import AppShell
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
    @Option(help: ArgumentHelp(cli("cli.export.agenda"), valueName: "file"))
    var agenda: String?
    @Option(help: ArgumentHelp(cli("cli.export.programme"), valueName: "file"))
    var programme: String?
    @Option(help: ArgumentHelp(cli("cli.export.version"), valueName: "N"))
    var version: Int?
    @Option(help: ArgumentHelp(cli("cli.export.out"), valueName: "file"))
    var out: String?
    @OptionGroup var store: StoreOptions
    @OptionGroup var language: LanguageOption

    /// The source of the export, and the registrations (empty when read from files).
    func source() throws -> (ExportSource, db: SQLiteStore?, meetingID: String) {
        if agenda != nil || programme != nil {
            guard let agenda, let programme else { throw CLIError(cli("cli.export.together")) }
            if version != nil { throw CLIError(cli("cli.export.version-files")) }
            let meeting = try loadMeeting(agenda)
            return (
                try ExportSource(meeting: meeting, programme: try loadProgramme(programme, meeting: meeting)), nil,
                meeting.id
            )
        }
        let db = try store.open()
        let id = try store.meetingID(in: db)
        do { return (try storeCall { try storedExportSource(db, meetingID: id, version: version) }, db, id) } catch let
            e as ExportError
        { throw CLIError(e.message.text(CLILanguage.current)) }
    }

    /// Writes `text` to --out (through a temporary file renamed into place) or standard output.
    func emit(_ text: String) throws {
        guard let out else { FileHandle.standardOutput.write(Data(text.utf8)); return }
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
            throw CLIError(cli("cli.cannot-write", ["file": out, "why": error.localizedDescription]))
        }
    }
}

/// `intersession export …`: calendars, schedule interchange files and printable programmes.
struct ExportCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "export",
            abstract: cli("cli.export.about"),
            subcommands: [ICS.self, FrabXML.self, FrabJSON.self, Printable.self]
        )
    }

    struct ICS: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                commandName: "ics", abstract: cli("cli.export.ics.about"), discussion: cli("cli.export.ics.more"))
        }
        @Option(help: ArgumentHelp(cli("cli.export.delegate"), valueName: "id")) var delegate: Int64?
        @Option(help: ArgumentHelp(cli("cli.export.body"), valueName: "id")) var body: String?
        @Option(help: ArgumentHelp(cli("cli.export.ics.zone"), valueName: "zone")) var zone: String?
        @OptionGroup var input: ExportInput

        func run() throws {
            let lang = CLILanguage.flag
            var preference: [String] = []
            let (source, db, meetingID) = try input.source()
            var selection = ExportSelection.all
            var zone = try zone.map(exportZone)
            var name = source.meeting.title
            if let body {
                guard source.meeting.body(body) != nil else {
                    throw CLIError(
                        cli(
                            "cli.export.no-body",
                            [
                                "body": body, "meeting": meetingID,
                                "list": source.meeting.bodies.map(\.id).joined(separator: ", "),
                            ]))
                }
                selection = .body(body)
                name += " · \(body)"
            }
            var links: [PersonalLink] = []
            if let delegate {
                guard let db else { throw CLIError(cli("cli.export.delegate-files")) }
                guard let d = try storeCall({ try db.delegate(delegate, meetingID: meetingID) }) else {
                    throw CLIError(cli("cli.export.no-delegate", ["id": "\(delegate)", "meeting": meetingID]))
                }
                selection = .delegate(d)
                links = try storeCall { try db.joinLinks(delegateID: d.id) }
                zone = try zone ?? exportZone(d.zone)
                preference = [d.interpretation].compactMap { $0 } + d.languages
                name += " · \(d.displayName)"
            }
            do {
                let l10n = cliLocalizer(lang, preference: preference)
                try input.emit(
                    try ICalendar.document(
                        source, selection: selection, zone: zone, stamp: exportStamp(), name: name, l10n: l10n,
                        personalLinks: links))
            } catch let e as ExportError { throw CLIError(e.message.text(CLILanguage.current)) }
        }
    }

    struct FrabXML: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                commandName: "frab-xml", abstract: cli("cli.export.frab-xml.about"))
        }
        @OptionGroup var input: ExportInput
        func run() throws {
            do { try input.emit(try FrabSchedule.xml(try input.source().0)) } catch let e as ExportError {
                throw CLIError(e.message.text(CLILanguage.current))
            }
        }
    }

    struct FrabJSON: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                commandName: "frab-json", abstract: cli("cli.export.frab-json.about"))
        }
        @OptionGroup var input: ExportInput
        func run() throws {
            do { try input.emit(try FrabSchedule.json(try input.source().0)) } catch let e as ExportError {
                throw CLIError(e.message.text(CLILanguage.current))
            }
        }
    }

    struct Printable: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                commandName: "programme", abstract: cli("cli.export.programme.about"))
        }
        @Option(help: ArgumentHelp(cli("cli.export.programme.zone"), valueName: "zone")) var zone: String?
        @Option(help: ArgumentHelp(cli("cli.export.programme.format"), valueName: "format")) var format: String = "text"
        @Option(help: ArgumentHelp(cli("cli.export.body"), valueName: "id")) var body: String?
        @OptionGroup var input: ExportInput

        func run() throws {
            let l10n = CLILanguage.current
            guard let f = PrintableProgramme.Format(rawValue: format) else {
                throw CLIError(cli("cli.export.bad-format", ["value": format]))
            }
            let (source, _, meetingID) = try input.source()
            if let body, source.meeting.body(body) == nil {
                throw CLIError(
                    cli(
                        "cli.export.no-body",
                        [
                            "body": body, "meeting": meetingID,
                            "list": source.meeting.bodies.map(\.id).joined(separator: ", "),
                        ]))
            }
            do {
                try input.emit(
                    try PrintableProgramme.render(
                        source, zone: try zone.map(exportZone) ?? source.meeting.hostZone, format: f,
                        selection: body.map(ExportSelection.body) ?? .all, l10n: l10n))
            } catch let e as ExportError { throw CLIError(e.message.text(CLILanguage.current)) }
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
        printError(cli("cli.zone.old-name", ["zone": zone, "canonical": canonical]))
        return canonical
    case .unknownToSystem: throw CLIError(cli("cli.zone.unknown-to-system", ["zone": zone]))
    case .unknown(let suggestions):
        throw CLIError(
            suggestions.isEmpty
                ? cli("cli.zone.unknown", ["zone": zone])
                : cli("cli.zone.did-you-mean", ["zone": zone, "list": suggestions.joined(separator: cli("cli.or"))]))
    }
}

/// When an export is made (DTSTAMP): INTERSESSION_NOW when set (reproducible files), else now.
func exportStamp() throws -> Instant {
    if let now = ProcessInfo.processInfo.environment["INTERSESSION_NOW"], !now.isEmpty {
        guard let t = InstantText.absolute(now) else { throw CLIError(cli("cli.bad-now", ["value": now])) }
        return t
    }
    return Instant(Date())
}

/// `intersession publish`: the draft becomes the next numbered version.
struct PublishCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "publish", abstract: cli("cli.publish.about"))
    }
    @OptionGroup var store: StoreOptions
    @OptionGroup var language: LanguageOption

    func run() throws {
        let db = try store.open()
        let id = try store.meetingID(in: db)
        let version = try storeCall { try db.publish(meetingID: id, actor: OSUser.name) }
        let changes = try storeCall { () -> Int in
            guard version > 1, let old = try db.publishedProgramme(meetingID: id, version: version - 1),
                let new = try db.publishedProgramme(meetingID: id, version: version), let meeting = try db.meeting(id)
            else { return 0 }
            return ProgrammeChange.between(old.programme, new.programme, meeting: meeting).count
        }
        print(
            cli("cli.publish.done", ["version": "\(version)", "meeting": id])
                + (version > 1
                    ? cli.plural(
                        "cli.publish.changed", changes, ["previous": "\(version - 1)", "version": "\(version)"]) : ""))
    }
}

/// `intersession changes --from N --to M`: what changed between two versions, and for whom.
struct ChangesCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "changes", abstract: cli("cli.changes.about"), discussion: cli("cli.changes.more"))
    }
    @Option(help: ArgumentHelp(cli("cli.changes.from"), valueName: "N")) var from: Int
    @Option(help: ArgumentHelp(cli("cli.changes.to"), valueName: "M")) var to: String?
    @Option(help: ArgumentHelp(cli("cli.changes.format"), valueName: "format")) var format: String = "text"
    @OptionGroup var store: StoreOptions
    @OptionGroup var language: LanguageOption

    func run() throws {
        guard ["text", "json"].contains(format) else {
            throw CLIError(cli("cli.changes.bad-format", ["value": format]))
        }
        let l = CLILanguage.current
        let db = try store.open()
        let id = try store.meetingID(in: db)
        guard let meeting = try storeCall({ try db.meeting(id) }) else {
            throw CLIError(cli("cli.no-meeting", ["meeting": id]))
        }
        let latest = try storeCall { try db.publishedProgramme(meetingID: id) }
        func version(_ n: Int) throws -> Programme {
            guard let v = try storeCall({ try db.publishedProgramme(meetingID: id, version: n) }) else {
                throw CLIError(
                    cli("cli.changes.no-version", ["meeting": id, "version": "\(n)"])
                        + (latest.map { cli("cli.changes.versions", ["latest": "\($0.version)"]) }
                            ?? cli("cli.changes.none-published")))
            }
            return v.programme
        }
        let old = try version(from)
        let new: Programme, toLabel: String
        switch to {
        case "draft":
            guard let d = try storeCall({ try db.draftProgramme(meetingID: id) }) else {
                throw CLIError(cli("cli.changes.no-draft", ["meeting": id]))
            }
            (new, toLabel) = (d, l("notice.draft"))
        case let text?:
            guard let n = Int(text) else { throw CLIError(cli("cli.changes.bad-to", ["value": text])) }
            (new, toLabel) = (try version(n), l("notice.version", ["version": "\(n)"]))
        case nil:
            guard let latest else { throw CLIError(cli("cli.changes.publish-first")) }
            (new, toLabel) = (latest.programme, l("notice.version", ["version": "\(latest.version)"]))
        }
        let delegates = try storeCall { try db.delegates(DelegateQuery(meetingID: id)) }
        let notice: ChangeNotice
        do {
            notice = try ChangeNotice(
                meeting: meeting, old: old, new: new, fromLabel: l("notice.version", ["version": "\(from)"]),
                toLabel: toLabel,
                delegates: delegates, l10n: l)
        } catch let e as ExportError {
            throw CLIError(e.message.text(CLILanguage.current))
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
