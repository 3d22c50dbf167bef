import MeetingModel
import Foundation
import Localization
import MeetingTime
import Yams

/// A value read from a file together with where it was written.
public struct Located<Value> {
    /// The value.
    public let value: Value
    /// Where it was written.
    public let location: SourceLocation
}

extension Located: Sendable where Value: Sendable {}

/// One YAML file parsed into nodes that keep their line and column.
///
/// Scalars are read as the text written, never through YAML 1.1's implicit typing, so
/// Norway's code `NO` stays "NO" (not `false`) and `13:00` stays a time (not 780).
struct YAMLSource {
    /// The path as the user named it (used in every message).
    let path: String
    /// The document's root node.
    let root: Node

    /// The largest agenda, programme or delegation-list file read, in bytes.
    static let maxBytes = 8 << 20

    /// Reads and parses `path`; problems go to `log` (at `includedFrom` when the file cannot be read).
    static func read(path: String, log: DiagnosticLog, includedFrom: SourceLocation? = nil) -> YAMLSource? {
        let text: String
        do {
            // An agenda is a few hundred kilobytes at most: a larger file is refused before it is read.
            if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int,
                size > YAMLSource.maxBytes
            {
                log.error(
                    includedFrom ?? SourceLocation(file: path, line: 1, column: 1),
                    Message("file.too-big", ["path": path, "size": "\(size)", "max": "\(YAMLSource.maxBytes)"]))
                return nil
            }
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard let decoded = String(data: data, encoding: .utf8) else {
                log.error(SourceLocation(file: path, line: 1, column: 1), Message("file.not-utf8"))
                return nil
            }
            text = decoded
        } catch {
            let missing = !FileManager.default.fileExists(atPath: path)
            let reason =
                missing
                ? Message("file.no-such-file")
                : Message("file.not-readable", ["why": (error as NSError).localizedDescription])
            log.error(
                includedFrom ?? SourceLocation(file: path, line: 1, column: 1),
                Message(
                    includedFrom != nil ? "file.cannot-read-include" : "file.cannot-read",
                    values: ["path": "\(path)", "reason": .message(reason)]))
            return nil
        }
        return parse(text, path: path, log: log)
    }

    /// Parses YAML `text` that came from `path`.
    static func parse(_ text: String, path: String, log: DiagnosticLog) -> YAMLSource? {
        do {
            guard let root = try Yams.compose(yaml: text) else {
                log.error(SourceLocation(file: path, line: 1, column: 1), Message("file.empty"))
                return nil
            }
            return YAMLSource(path: path, root: root)
        } catch let error as YamlError {
            report(error, path: path, log: log)
            return nil
        } catch {
            log.error(SourceLocation(file: path, line: 1, column: 1), Message("file.cannot-parse", ["why": "\(error)"]))
            return nil
        }
    }

    private static func report(_ error: YamlError, path: String, log: DiagnosticLog) {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: path, line: mark.line, column: mark.column) }
        switch error {
        case .scanner(let c, let problem, let mark, _), .parser(let c, let problem, let mark, _),
            .composer(let c, let problem, let mark, _):
            // libyaml's own words stay as it writes them.
            if let c {
                log.error(
                    at(mark),
                    Message(
                        "file.yaml-syntax-context",
                        ["problem": problem, "context": c.text, "line": "\(c.mark.line)", "column": "\(c.mark.column)"])
                )
            } else {
                log.error(at(mark), Message("file.yaml-syntax", ["problem": problem]))
            }
        case .duplicatedKeysInMapping(let duplicates, let c):
            log.error(
                at(c.mark),
                Message("file.duplicate-key", ["keys": duplicates.map { "'\($0)'" }.joined(separator: ", ")]))
        case .reader(let problem, let offset, _, let yaml):
            var line = 1, column = 1
            if let offset {
                for scalar in yaml.unicodeScalars.prefix(offset) {
                    if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
                }
            }
            log.error(
                SourceLocation(file: path, line: line, column: column), Message("file.yaml", ["problem": problem]))
        default:
            log.error(SourceLocation(file: path, line: 1, column: 1), Message("file.yaml", ["problem": "\(error)"]))
        }
    }

    /// Where `node` was written.
    func location(_ node: Node) -> SourceLocation {
        let mark = node.mark
        return SourceLocation(file: path, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }
}

/// Reads the fields of one YAML mapping with types, required keys and unknown-key checks.
struct Fields {
    let source: YAMLSource
    let node: Node
    let log: DiagnosticLog
    /// What the mapping is, for messages ("session 'S03'").
    let what: Message
    private let pairs: [(key: Node, value: Node)]

    /// The fields of `node`, which must be a mapping whose keys are among `allowed`.
    init?(_ node: Node, in source: YAMLSource, log: DiagnosticLog, what: Message, allowed: [String]) {
        guard case .mapping(let mapping) = node else {
            log.error(source.location(node), Message("file.not-mapping", values: ["what": .message(what)]))
            return nil
        }
        self.source = source
        self.node = node
        self.log = log
        self.what = what
        self.pairs = Array(mapping)
        for (key, _) in pairs {
            guard let name = key.scalar?.string else {
                log.error(source.location(key), Message("file.plain-keys", values: ["what": .message(what)]))
                continue
            }
            if !allowed.contains(name) {
                if let near = closest(to: name, among: allowed) {
                    log.error(
                        source.location(key),
                        Message(
                            "file.unknown-key-mean",
                            values: ["key": "\(name)", "what": .message(what), "near": "\(near)"]))
                } else {
                    log.error(
                        source.location(key),
                        Message(
                            "file.unknown-key",
                            values: [
                                "key": "\(name)", "what": .message(what), "known": "\(allowed.joined(separator: ", "))",
                            ]))
                }
            }
        }
    }

    /// Where the mapping starts.
    var location: SourceLocation { source.location(node) }

    /// The value node under `key`, if present.
    func value(_ key: String) -> Node? { pairs.first { $0.key.scalar?.string == key }?.value }

    /// Reports a missing required key and returns nil.
    func missing<T>(_ key: String, _ hint: Message) -> T? {
        log.error(
            location,
            Message("file.missing", values: ["what": .message(what), "key": "\(key)", "hint": .message(hint)]))
        return nil
    }

    /// A scalar's text, or nil (reported when `required` names what the key is for).
    func string(_ key: String, required hint: Message? = nil) -> Located<String>? {
        guard let node = value(key) else { return hint.map { missing(key, $0) } ?? nil }
        guard let scalar = node.scalar else {
            log.error(
                source.location(node), Message("file.not-scalar", values: ["key": "\(key)", "what": .message(what)]))
            return nil
        }
        // Text reaches terminals and documents: control and invisible characters are refused
        // here, once for every field (a note may span lines); the rest of the file is still read.
        let longest = key == "note" ? MeetingLimits.noteLength : MeetingLimits.textLength.upperBound
        if scalar.string.count > longest {
            log.error(
                source.location(node),
                Message("file.text-too-long", values: ["key": "\(key)", "what": .message(what), "max": "\(longest)"]))
            return Located(value: String(scalar.string.prefix(longest)), location: source.location(node))
        }
        if let bad = DisplayText.firstUnsafe(scalar.string, newlines: key == "note") {
            log.error(
                source.location(node),
                Message(
                    "file.unsafe-character",
                    values: ["key": "\(key)", "what": .message(what), "code": "\(DisplayText.code(bad))"]))
            return Located(
                value: DisplayText.escaped(scalar.string, newlines: key == "note"), location: source.location(node))
        }
        return Located(value: scalar.string, location: source.location(node))
    }

    /// A whole number within `range`, or nil (reported when required, malformed or out of range).
    /// Every number a file gives has a range, so that no score, loop or allocation it feeds can
    /// overflow or exhaust memory (README: "Numbers in agenda files").
    func int(_ key: String, in range: ClosedRange<Int>, required hint: Message? = nil) -> Located<Int>? {
        guard let text = string(key, required: hint) else { return nil }
        guard let n = Int(text.value) else {
            log.error(
                text.location,
                Message(
                    "file.not-int",
                    values: ["key": "\(key)", "what": .message(what), "value": "\(quotedValue(text.value))"]))
            return nil
        }
        guard range.contains(n) else {
            log.error(
                text.location,
                Message(
                    "file.out-of-range",
                    values: [
                        "key": "\(key)", "what": .message(what), "value": "\(quotedValue(text.value))",
                        "min": "\(range.lowerBound)", "max": "\(range.upperBound)",
                    ]))
            return nil
        }
        return Located(value: n, location: text.location)
    }

    /// `true` or `false`, or nil when absent or malformed (reported).
    func bool(_ key: String) -> Located<Bool>? {
        guard let text = string(key) else { return nil }
        switch text.value {
        case "true": return Located(value: true, location: text.location)
        case "false": return Located(value: false, location: text.location)
        default:
            log.error(
                text.location,
                Message("file.not-bool", values: ["key": "\(key)", "what": .message(what), "value": "\(text.value)"]))
            return nil
        }
    }

    /// A list of scalars (a single scalar counts as a list of one); nil when absent.
    func strings(_ key: String) -> [Located<String>]? {
        guard let node = value(key) else { return nil }
        if let scalar = node.scalar { return [Located(value: scalar.string, location: source.location(node))] }
        guard case .sequence(let items) = node else {
            log.error(
                source.location(node), Message("file.not-list", values: ["key": "\(key)", "what": .message(what)]))
            return []
        }
        return items.compactMap { item in
            guard let scalar = item.scalar else {
                log.error(
                    source.location(item),
                    Message("file.list-items", values: ["key": "\(key)", "what": .message(what)]))
                return nil
            }
            return Located(value: scalar.string, location: source.location(item))
        }
    }

    /// The items of a list of mappings; nil when absent.
    func list(_ key: String) -> [Node]? {
        guard let node = value(key) else { return nil }
        guard case .sequence(let items) = node else {
            log.error(source.location(node), Message("file.not-item-list", ["key": key]))
            return []
        }
        return Array(items)
    }
}

/// The text of scalar `key` in mapping `node`, if both exist (used to name an item in messages).
func scalarText(_ node: Node, _ key: String) -> String? {
    guard case .mapping(let mapping) = node else { return nil }
    return mapping.first { $0.key.scalar?.string == key }?.value.scalar?.string
}

/// `name` as written in a file at `file`: absolute as it is, else relative to that file's folder
/// (kept relative when the file's path is, so messages show paths the way the user typed them).
func resolve(_ name: String, nextTo file: String) -> String {
    let dir = (file as NSString).deletingLastPathComponent
    return name.hasPrefix("/") || dir.isEmpty ? name : (dir as NSString).appendingPathComponent(name)
}

/// A key or section of a file named in a message as it is written (`'meeting'`): never translated.
func quoted(_ key: String) -> Message { Message(verbatim: "'\(key)'") }

/// A value quoted back in a message: at most 40 characters, the rest marked as cut.
func quotedValue(_ text: String) -> String { text.count <= 40 ? text : String(text.prefix(40)) + "…" }
