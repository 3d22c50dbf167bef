import Foundation
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

    /// Reads and parses `path`; problems go to `log` (at `includedFrom` when the file cannot be read).
    static func read(path: String, log: DiagnosticLog, includedFrom: SourceLocation? = nil) -> YAMLSource? {
        let text: String
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard let decoded = String(data: data, encoding: .utf8) else {
                log.error(SourceLocation(file: path, line: 1, column: 1), "the file is not UTF-8 text; save it as UTF-8")
                return nil
            }
            text = decoded
        } catch {
            let missing = !FileManager.default.fileExists(atPath: path)
            let reason = missing ? "no such file" : "not readable (\((error as NSError).localizedDescription))"
            let advice = includedFrom != nil ? "; include paths are relative to the including file's folder" : ""
            log.error(includedFrom ?? SourceLocation(file: path, line: 1, column: 1), "cannot read '\(path)': \(reason)\(advice)")
            return nil
        }
        return parse(text, path: path, log: log)
    }

    /// Parses YAML `text` that came from `path`.
    static func parse(_ text: String, path: String, log: DiagnosticLog) -> YAMLSource? {
        do {
            guard let root = try Yams.compose(yaml: text) else {
                log.error(SourceLocation(file: path, line: 1, column: 1), "the file is empty")
                return nil
            }
            return YAMLSource(path: path, root: root)
        } catch let error as YamlError {
            report(error, path: path, log: log)
            return nil
        } catch {
            log.error(SourceLocation(file: path, line: 1, column: 1), "cannot parse YAML: \(error)")
            return nil
        }
    }

    private static func report(_ error: YamlError, path: String, log: DiagnosticLog) {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: path, line: mark.line, column: mark.column) }
        func context(_ c: YamlError.Context?) -> String {
            guard let c else { return "" }
            return " (\(c.text) at line \(c.mark.line), column \(c.mark.column))"
        }
        switch error {
        case .scanner(let c, let problem, let mark, _), .parser(let c, let problem, let mark, _), .composer(let c, let problem, let mark, _):
            log.error(at(mark), "YAML syntax: \(problem)\(context(c))")
        case .duplicatedKeysInMapping(let duplicates, let c):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            log.error(at(c.mark), "key \(keys) appears twice in the same mapping; keep one")
        case .reader(let problem, let offset, _, let yaml):
            var line = 1, column = 1
            if let offset {
                for scalar in yaml.unicodeScalars.prefix(offset) {
                    if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
                }
            }
            log.error(SourceLocation(file: path, line: line, column: column), "YAML: \(problem)")
        default:
            log.error(SourceLocation(file: path, line: 1, column: 1), "YAML: \(error)")
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
    let what: String
    private let pairs: [(key: Node, value: Node)]

    /// The fields of `node`, which must be a mapping whose keys are among `allowed`.
    init?(_ node: Node, in source: YAMLSource, log: DiagnosticLog, what: String, allowed: [String]) {
        guard case .mapping(let mapping) = node else {
            log.error(source.location(node), "\(what) must be a mapping of 'key: value' lines")
            return nil
        }
        self.source = source
        self.node = node
        self.log = log
        self.what = what
        self.pairs = Array(mapping)
        for (key, _) in pairs {
            guard let name = key.scalar?.string else {
                log.error(source.location(key), "keys in \(what) must be plain words")
                continue
            }
            if !allowed.contains(name) {
                let hint = closest(to: name, among: allowed).map { "; did you mean '\($0)'?" } ?? "; known keys: \(allowed.joined(separator: ", "))"
                log.error(source.location(key), "unknown key '\(name)' in \(what)\(hint)")
            }
        }
    }

    /// Where the mapping starts.
    var location: SourceLocation { source.location(node) }

    /// The value node under `key`, if present.
    func value(_ key: String) -> Node? { pairs.first { $0.key.scalar?.string == key }?.value }

    /// Reports a missing required key and returns nil.
    func missing<T>(_ key: String, _ hint: String) -> T? {
        log.error(location, "\(what) has no '\(key)' (\(hint))")
        return nil
    }

    /// A scalar's text, or nil (reported when `required` names what the key is for).
    func string(_ key: String, required hint: String? = nil) -> Located<String>? {
        guard let node = value(key) else { return hint.map { missing(key, $0) } ?? nil }
        guard let scalar = node.scalar else {
            log.error(source.location(node), "'\(key)' in \(what) must be a single value, not a list or mapping")
            return nil
        }
        return Located(value: scalar.string, location: source.location(node))
    }

    /// A whole number, or nil (reported when required or malformed).
    func int(_ key: String, required hint: String? = nil) -> Located<Int>? {
        guard let text = string(key, required: hint) else { return nil }
        guard let n = Int(text.value) else {
            log.error(text.location, "'\(key)' in \(what) must be a whole number, not '\(text.value)'")
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
            log.error(text.location, "'\(key)' in \(what) must be true or false, not '\(text.value)'")
            return nil
        }
    }

    /// A list of scalars (a single scalar counts as a list of one); nil when absent.
    func strings(_ key: String) -> [Located<String>]? {
        guard let node = value(key) else { return nil }
        if let scalar = node.scalar { return [Located(value: scalar.string, location: source.location(node))] }
        guard case .sequence(let items) = node else {
            log.error(source.location(node), "'\(key)' in \(what) must be a list, e.g. [a, b]")
            return []
        }
        return items.compactMap { item in
            guard let scalar = item.scalar else {
                log.error(source.location(item), "items of '\(key)' in \(what) must be single values")
                return nil
            }
            return Located(value: scalar.string, location: source.location(item))
        }
    }

    /// The items of a list of mappings; nil when absent.
    func list(_ key: String) -> [Node]? {
        guard let node = value(key) else { return nil }
        guard case .sequence(let items) = node else {
            log.error(source.location(node), "'\(key)' must be a list (lines starting with '- ')")
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
