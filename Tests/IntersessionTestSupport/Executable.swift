import Foundation

/// What a finished command printed and how it exited.
public struct CommandResult: Sendable {
    /// Exit status.
    public let status: Int32
    /// Standard output.
    public let stdout: String
    /// Standard error.
    public let stderr: String
}

/// Runs the built `intersession` binary, as a user would from a shell.
public enum Executable {
    /// The binary next to the test bundle (swift test builds it because the test target depends on it).
    public static var intersession: String { path(of: "intersession") }

    /// A binary of this package built beside the test bundle (a test target depending on an
    /// executable target makes `swift test` build it).
    public static func path(of name: String) -> String {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
            name
        ).path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return Repository.root.appendingPathComponent(".build/debug/\(name)").path
    }

    /// Runs `intersession ARGS…` (or another of the package's binaries) with `environment`
    /// added, and waits for it. Output goes through files, so a large output cannot fill a pipe
    /// and stall the child.
    public static func run(_ arguments: [String], environment: [String: String] = [:], program: String = "intersession")
        throws -> CommandResult
    {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("stdout"), err = dir.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path(of: program))
        process.arguments = arguments
        process.currentDirectoryURL = Repository.root
        // The C locale unless a test asks for a language: output is compared word for word.
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["LC_ALL": "C.UTF-8"].merging(environment) { $1 }
        ) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus,
            stdout: try String(contentsOf: out, encoding: .utf8),
            stderr: try String(contentsOf: err, encoding: .utf8)
        )
    }
}

/// Python, for the independent oracles the tests check against (zoneinfo, icalendar, xmllint's
/// and jsonschema's checks, calendar programs): the exit status and everything it printed.
public enum Python {
    public static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3"] + arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, text)
    }
}
