import ArgumentParser
import Foundation
import Localization
import MeetingModel
import Store

/// `--db` and `--meeting`, shared by every command that uses the database.
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp(cli("cli.store.db"), valueName: "path"))
    var db: String?

    @Option(help: ArgumentHelp(cli("cli.store.meeting"), valueName: "id"))
    var meeting: String?

    /// The database path in force.
    var path: String { StoreLocation.path(flag: db) }

    /// Opens the database as the OS user (who becomes its administrator when it is new).
    func open() throws -> SQLiteStore {
        do { return try SQLiteStore(path: path, creator: OSUser.name) } catch let e as StoreError {
            throw CLIError(storeMessage(e))
        }
    }

    /// Refuses a meeting `all` does not hold, naming those it does.
    static func require(_ meeting: String, among all: [MeetingSummary], path: String) throws {
        guard !all.contains(where: { $0.id == meeting }) else { return }
        throw CLIError(
            cli(
                "cli.store.no-meeting",
                [
                    "meeting": meeting, "path": path,
                    "list": all.isEmpty ? cli("cli.store.none") : all.map(\.id).joined(separator: ", "),
                ]))
    }

    /// The meeting to act on: `--meeting`, else the only one.
    func meetingID(in store: SQLiteStore) throws -> String {
        let all = try store.meetingSummaries()
        if let meeting {
            try StoreOptions.require(meeting, among: all, path: path)
            return meeting
        }
        switch all.count {
        case 0: throw CLIError(cli("cli.store.empty", ["path": path]))
        case 1: return all[0].id
        default:
            throw CLIError(cli("cli.store.several", ["path": path, "list": all.map(\.id).joined(separator: ", ")]))
        }
    }
}

/// The account the command line acts as: the OS user (the database file's permissions are the boundary).
enum OSUser {
    static var name: String {
        if let pw = getpwuid(geteuid()), let n = pw.pointee.pw_name { return String(cString: n) }
        return ProcessInfo.processInfo.environment["USER"] ?? "unknown"
    }
}

/// The language of an output made for someone: `--lang`, else their `preference`, else the
/// command line's (CLILanguage: the environment's).
func cliLocalizer(_ lang: String?, preference: [String]) -> Localizer {
    if let lang, Localizer.isSupported(lang) { return Localizer(lang) }
    if preference.contains(where: Localizer.isSupported) {
        return Localizer.resolve(flag: nil, preference: preference, environment: [:])
    }
    return CLILanguage.current
}

/// A refusal of the store in the command line's language.
func storeMessage(_ e: StoreError) -> String { e.message(CLILanguage.current) }

/// A message for the user, printed as `error: …` with exit code 1.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs `body`, turning the store's refusals into clear messages.
func storeCall<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as StoreError { throw CLIError(storeMessage(e)) }
}
