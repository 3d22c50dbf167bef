import ArgumentParser
import Foundation
import Localization
import MeetingTime
import Synchronization

/// The language of the command line: help, messages, tables and reports.
///
/// It is chosen once, before the arguments are parsed (the help and the parser's own errors are
/// written in it too): `--lang CODE` wherever it stands (also after a command group or `help`),
/// else LC_ALL, LC_MESSAGES or LANG. `--lang` is taken out of the arguments before they are parsed;
/// the commands list it (LanguageOption) so that their help shows it.
enum CLILanguage {
    private static let chosen = Mutex<(Localizer, flag: String?)>((.english, nil))

    /// A language for the work of one task (in-process help tests, one per language at once);
    /// nil: the process's, chosen from the arguments.
    @TaskLocal static var override: Localizer?

    /// The language in force (the help is made anew at each use, in it: the commands'
    /// configurations are computed, not stored).
    static var current: Localizer { override ?? chosen.withLock { $0.0 } }

    /// The code given with `--lang`, if any (a delegate's own preference yields to it).
    static var flag: String? { chosen.withLock { $0.flag } }

    /// What `--lang` is: a language, or a refusal worded in the environment's language.
    enum Choice: Equatable {
        case chosen(arguments: [String])
        case refused(String)
    }

    /// Chooses the language from the arguments and the environment, and returns the arguments
    /// without `--lang X` / `--lang=X` (before any `--`).
    static func choose(arguments: [String], environment: [String: String]) -> Choice {
        var rest: [String] = [], flag: String?, missing = false
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a == "--" { rest += arguments[i...]; break }
            if a == "--lang" {
                if i + 1 < arguments.count { flag = arguments[i + 1]; i += 2 } else { missing = true; i += 1 }
                continue
            }
            if a.hasPrefix("--lang=") { flag = String(a.dropFirst(7)); i += 1; continue }
            rest.append(a)
            i += 1
        }
        let fallback = Localizer.resolve(flag: nil, environment: environment)
        chosen.withLock { $0 = (fallback, nil) }
        if missing {
            return .refused(fallback("cli.lang-missing", ["codes": Localizer.languages.joined(separator: ", ")]))
        }
        if let flag {
            guard Localizer.isSupported(flag) else {
                return .refused(
                    fallback("cli.lang-unknown", ["codes": Localizer.languages.joined(separator: ", "), "value": flag]))
            }
            chosen.withLock { $0 = (Localizer(flag), flag) }
        }
        return .chosen(arguments: rest)
    }
}

/// The command line's messages in the chosen language: `cli(KEY, ["name": value])`.
struct CLIMessages: Sendable {
    func callAsFunction(_ key: String, _ arguments: [String: String] = [:]) -> String {
        CLILanguage.current(key, arguments)
    }
    func plural(_ key: String, _ count: Int, _ arguments: [String: String] = [:]) -> String {
        CLILanguage.current.plural(key, count, arguments)
    }
}

/// The command line's messages (Translations/messages/cli/*.yaml).
let cli = CLIMessages()

/// `--lang`, listed on every command so that its help shows it: the language of its messages and
/// output. The value is read (and checked) by `CLILanguage` before the arguments are parsed.
struct LanguageOption: ParsableArguments {
    @Option(help: ArgumentHelp(cli("cli.option.lang"), valueName: "code"))
    var lang: String?
}

extension IntersessionCommand {
    /// The help page `intersession WORDS --help` prints, in `language`, made in-process (help
    /// tests in every language at once; the binary prints the same).
    static func helpPage(for commandWords: [String], language: String) -> String {
        CLILanguage.$override.withValue(Localizer(language)) {
            var command: any ParsableCommand.Type = IntersessionCommand.self
            for word in commandWords where !word.hasPrefix("-") {
                guard let next = command.configuration.subcommands.first(where: { $0._commandName == word }) else {
                    break
                }
                command = next
            }
            return ParserPhrases.translate(helpMessage(for: command, columns: 80), l: CLILanguage.current)
        }
    }

    /// The program's entry: chooses the language, parses, runs, and prints errors and help with
    /// the argument parser's own phrases in that language.
    public static func runFromCommandLine() -> Never {
        var arguments: [String]
        switch CLILanguage.choose(
            arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
        {
        case .chosen(let rest): arguments = rest
        case .refused(let why):
            FileHandle.standardError.write(
                Data((ParserPhrases.translate("Error: ", l: CLILanguage.current) + why + "\n").utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        // `--db FILE` wherever it stands (bare, before or after a subcommand, with sign-in), like
        // --lang: taken out and made the process's INTERSESSION_DB, which every command reads.
        switch takeDatabase(from: arguments) {
        case .none: break
        case .some((let rest, let path?)):
            arguments = rest
            setenv("INTERSESSION_DB", path, 1)
        case .some((_, nil)):
            FileHandle.standardError.write(
                Data((ParserPhrases.translate("Error: ", l: CLILanguage.current) + cli("cli.db-missing") + "\n").utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        // `--meeting ID` on bare `intersession` (the terminal UI): taken out and made the
        // process's INTERSESSION_MEETING (a subcommand's --meeting is its own option).
        if let taken = takeOption("--meeting", from: arguments), !taken.rest.contains(where: { !$0.hasPrefix("-") }) {
            switch taken.value {
            case let id?:
                arguments = taken.rest
                setenv("INTERSESSION_MEETING", id, 1)
            case nil:
                FileHandle.standardError.write(
                    Data(
                        (ParserPhrases.translate("Error: ", l: CLILanguage.current) + cli("cli.meeting-missing") + "\n")
                            .utf8))
                Foundation.exit(ExitCode.validationFailure.rawValue)
            }
        }
        if let unknown = unknownCommand(in: arguments) {
            FileHandle.standardError.write(
                Data((ParserPhrases.translate("Error: ", l: CLILanguage.current) + unknown + "\n").utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Foundation.exit(0)
        } catch {
            // Errors of the layers below that reach here unworded.
            let error: any Error =
                (error as? UnknownZone).map { CLIError(cli("cli.zone.unknown", ["zone": $0.identifier])) } ?? error
            let code = exitCode(for: error)
            let text = ParserPhrases.translate(fullMessage(for: error), l: CLILanguage.current)
            if !text.isEmpty {
                if code == .success { print(text) } else { FileHandle.standardError.write(Data((text + "\n").utf8)) }
            }
            Foundation.exit(code.rawValue)
        }
    }
}

extension IntersessionCommand {
    /// The arguments without `--db FILE` / `--db=FILE` (before any `--`), and the file (nil when
    /// `--db` ends the line); nil when there is no `--db`.
    static func takeDatabase(from arguments: [String]) -> (rest: [String], path: String?)? {
        takeOption("--db", from: arguments).map { (rest: $0.rest, path: $0.value) }
    }

    /// The arguments without `NAME VALUE` / `NAME=VALUE` (before any `--`), and the value (nil
    /// when the option ends the line); nil when the option is not there.
    static func takeOption(_ name: String, from arguments: [String]) -> (rest: [String], value: String?)? {
        var rest: [String] = [], value: String?, found = false
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a == "--" { rest += arguments[i...]; break }
            if a == name {
                found = true
                if i + 1 < arguments.count { value = arguments[i + 1]; i += 2 } else { value = nil; i += 1 }
                continue
            }
            if a.hasPrefix(name + "=") { found = true; value = String(a.dropFirst(name.count + 1)); i += 1; continue }
            rest.append(a)
            i += 1
        }
        return found ? (rest, value) : nil
    }

    /// A word where a command group expects one of its commands but that is none of them, said
    /// with the nearest command (the parser took it for stray arguments, or printed the group's
    /// help for `programme show --help`); nil when the words name commands all the way down.
    static func unknownCommand(in arguments: [String]) -> String? {
        var command: any ParsableCommand.Type = IntersessionCommand.self
        var path = ["intersession"]
        for word in arguments {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty, !word.hasPrefix("-"), word != "help" else { return nil }
            guard let next = subcommands.first(where: { $0._commandName == word }) else {
                // A group with a default command reads the word as that command's argument.
                if command.configuration.defaultSubcommand != nil { return nil }
                let names = subcommands.map { $0._commandName }
                let values = ["word": word, "group": path.joined(separator: " ")]
                if let near = closest(to: word, among: names) {
                    return cli("cli.unknown-command-suggest", values.merging(["nearest": near]) { $1 })
                }
                return cli("cli.unknown-command", values.merging(["list": names.joined(separator: ", ")]) { $1 })
            }
            command = next
            path.append(word)
        }
        return nil
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
                guard let m = pattern.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)),
                    let whole = Range(m.range, in: line)
                else { continue }
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
