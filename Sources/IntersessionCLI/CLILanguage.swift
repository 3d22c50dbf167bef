import ArgumentParser
import Foundation
import Localization
import MeetingTime
import Synchronization

/// The language of the command line: help, messages, tables and reports.
///
/// It is chosen once, before the arguments are parsed (the help and the parser's own errors are
/// written in it too): `--lang CODE` wherever it stands, else LC_ALL, LC_MESSAGES or LANG.
/// Commands that read a delegate's preference (`export ics --delegate`) still ask `cliLocalizer`.
enum CLILanguage {
    private static let chosen = Mutex(Localizer.english)

    /// The language in force.
    static var current: Localizer { chosen.withLock { $0 } }

    /// Chooses the language from the arguments (`--lang X`, `--lang=X`, before any `--`) and the
    /// environment. An unknown code leaves the environment's language; the command refuses it.
    static func choose(arguments: [String], environment: [String: String]) {
        var flag: String?
        var rest = arguments[...]
        while let a = rest.popFirst(), a != "--" {
            if a == "--lang", let v = rest.first { flag = v } else if a.hasPrefix("--lang=") { flag = String(a.dropFirst(7)) }
        }
        if let f = flag, !Localizer.isSupported(f) { flag = nil }
        chosen.withLock { $0 = Localizer.resolve(flag: flag, environment: environment) }
    }

    /// Sets the language (tests, and commands that learn it late).
    static func set(_ l: Localizer) { chosen.withLock { $0 = l } }
}

/// The command line's messages in the chosen language: `cli(KEY, ["name": value])`.
struct CLIMessages: Sendable {
    func callAsFunction(_ key: String, _ arguments: [String: String] = [:]) -> String { CLILanguage.current(key, arguments) }
    func plural(_ key: String, _ count: Int, _ arguments: [String: String] = [:]) -> String { CLILanguage.current.plural(key, count, arguments) }
}

/// The command line's messages (Translations/messages/cli/*.yaml).
let cli = CLIMessages()

/// `--lang`, on every command: the language of its messages and output.
struct LanguageOption: ParsableArguments {
    @Option(help: ArgumentHelp(cli("cli.option.lang"), valueName: "code"))
    var lang: String?

    func validate() throws {
        if let lang, !Localizer.isSupported(lang) {
            throw ValidationError(cli("cli.lang-unknown", ["codes": Localizer.languages.joined(separator: ", "), "value": lang]))
        }
    }
}

extension IntersessionCommand {
    /// The program's entry: chooses the language, parses, runs, and prints errors and help with
    /// the argument parser's own phrases in that language.
    public static func runFromCommandLine() -> Never {
        let arguments = Array(CommandLine.arguments.dropFirst())
        CLILanguage.choose(arguments: arguments, environment: ProcessInfo.processInfo.environment)
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Foundation.exit(0)
        } catch {
            // Errors of the layers below that reach here unworded.
            let error: any Error = (error as? UnknownZone).map { CLIError(cli("cli.zone.unknown", ["zone": $0.identifier])) } ?? error
            let code = exitCode(for: error)
            let text = ParserPhrases.translate(fullMessage(for: error), l: CLILanguage.current)
            if !text.isEmpty {
                if code == .success { print(text) } else { FileHandle.standardError.write(Data((text + "\n").utf8)) }
            }
            Foundation.exit(code.rawValue)
        }
    }
}

/// The argument parser writes its headings and errors in English; these are its phrases
/// (swift-argument-parser 1.8: HelpGenerator, MessageInfo, ParserError) as catalog messages.
enum ParserPhrases {
    /// Each phrase: a pattern over one line and the message that replaces the match, with the
    /// pattern's groups as `{a}`, `{b}`.
    static let phrases: [(pattern: NSRegularExpression, key: String)] = [
        (#"^OVERVIEW: "#, "argparse.overview"),
        (#"^USAGE: "#, "argparse.usage"),
        (#"^ARGUMENTS:$"#, "argparse.arguments"),
        (#"^OPTIONS:$"#, "argparse.options"),
        (#"^SUBCOMMANDS:$"#, "argparse.subcommands"),
        (#"^  See '(.+) <subcommand>' for detailed help\.$"#, "argparse.see-subcommand"),
        (#"^  See '(.+)' for more information\.$"#, "argparse.see-more"),
        (#"Show subcommand help information\."#, "argparse.help-subcommand"),
        (#"Show help information\."#, "argparse.help"),
        (#"\(default: ([^)]*)\)"#, "argparse.default"),
        (#"^Error: "#, "argparse.error"),
        (#"^Help: "#, "argparse.help-label"),
        (#"^Usage: "#, "argparse.usage-label"),
        (#"Missing expected argument '([^']*)'"#, "argparse.missing-argument"),
        (#"Missing value for '([^']*)'"#, "argparse.missing-value"),
        (#"Unknown option '([^']*)'\. Did you mean '([^']*)'\?"#, "argparse.unknown-option-suggest"),
        (#"Unknown option '([^']*)'"#, "argparse.unknown-option"),
        (#"Unexpected argument '([^']*)'"#, "argparse.unexpected-argument"),
        (#"The value '([^']*)' is invalid for '([^']*)'"#, "argparse.invalid-value"),
        (#"Missing required subcommand\."#, "argparse.missing-subcommand"),
    ].map { (try! NSRegularExpression(pattern: $0.0), $0.1) }

    /// `text` with the parser's phrases in the language of `l` (unchanged in English).
    static func translate(_ text: String, l: Localizer) -> String {
        guard l.language != "en" else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var line = String(line)
            for (pattern, key) in phrases {
                guard let m = pattern.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)), let whole = Range(m.range, in: line) else { continue }
                var arguments: [String: String] = [:]
                for (i, name) in ["a", "b"].enumerated() where i + 1 < m.numberOfRanges {
                    if let r = Range(m.range(at: i + 1), in: line) { arguments[name] = String(line[r]) }
                }
                line.replaceSubrange(whole, with: l(key, arguments))
            }
            return line
        }.joined(separator: "\n")
    }
}
