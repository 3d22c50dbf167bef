import Foundation

/// Where crash reports go, and the Swift runtime's backtracer settled before it starts.
///
/// The runtime reads `SWIFT_BACKTRACE` once, as the process starts: by default it is
/// interactive on a terminal (a debugger prompt that reads process memory) and writes its report
/// over the screen. So the program re-executes itself once with the one setting it allows:
/// never interactive, no colour, no registers, the report written to a file in the staff's
/// crash folder (DECISIONS.md, 2026-12-01).
public enum CrashReports {
    /// The staff's crash folder (mode 0700): INTERSESSION_CRASH_DIR, else
    /// $XDG_STATE_HOME/intersession/crashes, else ~/.local/state/intersession/crashes.
    public static func folder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let dir = environment["INTERSESSION_CRASH_DIR"], !dir.isEmpty { return dir }
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/intersession/crashes" }
        guard let home = environment["HOME"], home.hasPrefix("/") else { return nil }
        return home + "/.local/state/intersession/crashes"
    }

    /// The backtracer's setting for `folder` (or off when there is no folder to write to).
    static func backtracerSetting(folder: String?) -> String {
        guard let folder, !folder.contains(",") else { return "enable=no" }
        return "enable=yes,interactive=no,color=no,registers=none,images=mentioned,sanitize=yes,output-to=\(folder)"
    }

    /// Makes `path` a folder only its owner can open (creating it and its parents).
    static func prepare(_ path: String) -> Bool {
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            return chmod(path, 0o700) == 0
        } catch {
            return false
        }
    }

    /// The folder in force for this process, when the backtracer writes there.
    public static var active: String? {
        let env = ProcessInfo.processInfo.environment
        guard let dir = folder(environment: env), env["SWIFT_BACKTRACE"] == backtracerSetting(folder: dir) else {
            return nil
        }
        return dir
    }

    /// Called first in `main`: when SWIFT_BACKTRACE is not our setting, sets it and re-executes
    /// this program with the same arguments (once: the new process finds it set). Where the
    /// program cannot re-execute itself it goes on, and the terminal UI's own handlers still keep
    /// the report off the screen.
    public static func settleBacktracer() {
        let env = ProcessInfo.processInfo.environment
        let candidate = folder(environment: env)
        let usable = candidate.flatMap { prepare($0) ? $0 : nil }
        let wanted = backtracerSetting(folder: usable)
        guard env["SWIFT_BACKTRACE"] != wanted else { return }
        setenv("SWIFT_BACKTRACE", wanted, 1)
        #if os(Linux)
            // The file itself (not /proc/self/exe, which would rename the process "exe").
            if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
                execv(path, CommandLine.unsafeArgv)
            }
        #endif
        // Still here: the exec failed (no /proc); the variable is at least right for children.
    }
}
