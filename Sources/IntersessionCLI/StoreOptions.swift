import ArgumentParser
import Foundation
import Localization
import MeetingModel
import Store

/// `--db` and `--meeting`, shared by every command that uses the database.
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The database file (else INTERSESSION_DB, else $XDG_DATA_HOME/intersession/intersession.sqlite).", valueName: "path"))
    var db: String?

    @Option(help: ArgumentHelp("The meeting to act on (needed when the database holds several).", valueName: "id"))
    var meeting: String?

    /// The database path in force.
    var path: String { StoreLocation.path(flag: db) }

    /// Opens the database as the OS user (who becomes its administrator when it is new).
    func open() throws -> SQLiteStore {
        do { return try SQLiteStore(path: path, creator: OSUser.name) } catch let e as StoreError { throw CLIError(e.description) }
    }

    /// The meeting to act on: `--meeting`, else the only one.
    func meetingID(in store: SQLiteStore) throws -> String {
        let all = try store.meetingSummaries()
        if let meeting {
            guard all.contains(where: { $0.id == meeting }) else {
                throw CLIError("no meeting '\(meeting)' in \(path); it holds: " + (all.isEmpty ? "none ('intersession meeting import AGENDA' adds one)" : all.map(\.id).joined(separator: ", ")))
            }
            return meeting
        }
        switch all.count {
        case 0: throw CLIError("\(path) holds no meeting yet; 'intersession meeting import AGENDA' adds one")
        case 1: return all[0].id
        default: throw CLIError("\(path) holds several meetings (" + all.map(\.id).joined(separator: ", ") + "); choose one with --meeting ID")
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

/// The language of the command line's tables and reports: the environment's (LC_ALL,
/// LC_MESSAGES, LANG, as POSIX tools read it), English when it names no catalog.
/// `--lang` (checked: a catalog's language), else `preference`, else the environment's.
func cliLocalizer(_ lang: String? = nil, preference: [String] = []) throws -> Localizer {
    if let lang, !Localizer.isSupported(lang) { throw CLIError("--lang is one of " + Localizer.languages.joined(separator: ", ") + " (not '\(lang)')") }
    return Localizer.resolve(flag: lang, preference: preference, environment: ProcessInfo.processInfo.environment)
}

/// A message for the user, printed as `error: …` with exit code 1.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs `body`, turning the store's refusals into clear messages.
func storeCall<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as StoreError { throw CLIError(e.description) }
}
