import AgendaFiles
import AppShell
import Foundation
import Localization
import MeetingModel
import Store
import TerminalBackend

extension Shell {
    /// Runs on the real terminal until the user quits; returns the exit status (128 + signal
    /// when one ended it).
    func runOnTheTerminal() throws -> Int32 {
        let terminal: CursesTerminal
        let folder = CrashReports.active
        let notice = CrashNotice(
            log: folder.map { "\($0)/intersession-\(getpid()).stderr.log" },
            line: folder.map { l10n("app.crashed", ["folder": $0]) } ?? l10n("app.crashed-no-report"))
        do { terminal = try CursesTerminal(crash: notice) } catch let e as TerminalUnavailable {
            switch e.reason {
            case .notATerminal: throw CLIError(cli("cli.terminal.not-a-terminal"))
            case .noTerminalType: throw CLIError(cli("cli.terminal.no-terminal-type"))
            case .initialisationFailed: throw CLIError(cli("cli.terminal.initialisation-failed"))
            }
        }
        return run(on: terminal)
    }

}

/// Seeding a new database with the sample meeting (`swift run intersession`).
enum SampleDatabase {
    /// A new database gets the sample meeting and its programme (draft), when the sample files
    /// are where this program was built from (`swift run intersession`).
    static func seedIfNew(path: String) throws -> SQLiteStore {
        let isNew = !FileManager.default.fileExists(atPath: path)
        let store = try storeCall { try SQLiteStore(path: path, creator: OSUser.name) }
        guard isNew else { return store }
        let agenda = SampleFiles.agenda, programme = SampleFiles.programme
        guard FileManager.default.fileExists(atPath: agenda), let meeting = AgendaReader.load(path: agenda).meeting
        else { return store }
        _ = try storeCall { try store.importMeeting(meeting, actor: OSUser.name) }
        if let p = ProgrammeReader.load(path: programme, meeting: meeting).programme {
            try storeCall { try store.saveDraft(p, actor: OSUser.name) }
        }
        return store
    }
}

/// The sample meeting's files in the source tree this program was built from.
enum SampleFiles {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static var agenda: String { root.appendingPathComponent("Agendas/kp-2021-intersessional.yaml").path }
    static var programme: String { root.appendingPathComponent("Agendas/kp-2021-intersessional.programme.yaml").path }
}
