import Foundation

/// Where the database lives: `--db PATH`, else `INTERSESSION_DB`, else
/// `$XDG_DATA_HOME/intersession/intersession.sqlite` (`~/.local/share/…` when XDG_DATA_HOME is unset).
public enum StoreLocation {
    /// The path to use given the command line's `--db` (if any) and the environment.
    public static func path(flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> String
    {
        if let flag, !flag.isEmpty { return flag }
        if let env = environment["INTERSESSION_DB"], !env.isEmpty { return env }
        let data =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".local/share")
        return (data as NSString).appendingPathComponent("intersession/intersession.sqlite")
    }
}
