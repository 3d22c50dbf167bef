import Localization
import MeetingModel
import MeetingTime
import Yams

/// Reads `delegations:` and `bodies:` lists, from an agenda or from a file it includes.
enum DelegationListReader {
    static let delegationKeys = ["code", "name", "kind", "zone", "languages", "delegates", "note"]
    static let bodyKeys = ["id", "name", "chair", "members", "preferred", "note"]

    /// Reads a whole included file (only `delegations:` and `bodies:` at its top).
    /// `frame` resolves bodies' preferred windows (a list checked on its own has none to resolve them in).
    static func read(_ source: YAMLSource, log: DiagnosticLog, frame: MeetingFrame? = nil) -> (
        delegations: [DelegationEntry], bodies: [BodyEntry]
    ) {
        guard
            let top = Fields(
                source.root, in: source, log: log, what: Message("file.what.included"),
                allowed: ["delegations", "bodies"])
        else {
            return ([], [])
        }
        return read(top, in: source, log: log, frame: frame)
    }

    /// Reads the `delegations:` and `bodies:` lists of `top`.
    static func read(_ top: Fields, in source: YAMLSource, log: DiagnosticLog, frame: MeetingFrame?) -> (
        delegations: [DelegationEntry], bodies: [BodyEntry]
    ) {
        let delegations = (top.list("delegations") ?? []).enumerated().compactMap { i, node in
            delegation(node, index: i, in: source, log: log)
        }
        let bodies = (top.list("bodies") ?? []).enumerated().compactMap { i, node in
            body(node, index: i, in: source, log: log, frame: frame)
        }
        return (delegations, bodies)
    }

    static func delegation(_ node: Node, index: Int, in source: YAMLSource, log: DiagnosticLog) -> DelegationEntry? {
        let label =
            scalarText(node, "code").map { Message("file.what.delegation", ["code": $0]) }
            ?? Message("file.what.delegation-n", ["n": "\(index + 1)"])
        guard let f = Fields(node, in: source, log: log, what: label, allowed: delegationKeys) else { return nil }
        let code = f.string("code", required: Message("file.need.code"))
        let name = f.string("name", required: Message("file.need.delegation-name"))
        let zone = f.string("zone", required: Message("file.need.zone"))
        var kind = DelegationKind.participant
        if let k = f.string("kind") {
            if let parsed = DelegationKind(rawValue: k.value) {
                kind = parsed
            } else {
                log.error(
                    k.location,
                    Message(
                        "file.bad-kind",
                        values: [
                            "kind": "\(k.value)", "what": .message(label),
                            "list": "participant, observer, guest-of-chair",
                        ]))
            }
        }
        if let code, !isDelegationCode(code.value) {
            log.error(code.location, Message("file.bad-code", ["code": code.value]))
        }
        let zoneOK = zone.map { checkZone($0, role: label, log: log, allowUTC: false) } ?? false
        let languages = (f.strings("languages") ?? []).filter {
            checkLanguageCode($0, what: Message("file.what.languages-of", values: ["what": .message(label)]), log: log)
        }
        let delegates = f.int("delegates", in: MeetingLimits.delegates)
        guard let code, let name, let zone, zoneOK else { return nil }
        return DelegationEntry(
            delegation: Delegation(
                code: code.value, name: name.value, kind: kind, zone: zone.value, languages: languages.map(\.value),
                delegates: delegates.map { max(1, $0.value) }),
            codeAt: code.location
        )
    }

    static func body(_ node: Node, index: Int, in source: YAMLSource, log: DiagnosticLog, frame: MeetingFrame?)
        -> BodyEntry?
    {
        let label =
            scalarText(node, "id").map { Message("file.what.body", ["id": $0]) }
            ?? Message("file.what.body-n", ["n": "\(index + 1)"])
        guard let f = Fields(node, in: source, log: log, what: label, allowed: bodyKeys) else { return nil }
        guard let id = f.string("id", required: Message("file.need.body-id")) else { return nil }
        let name = f.string("name", required: Message("file.need.body-name"))?.value ?? id.value
        let chair = f.string("chair")
        var membership = Membership.delegations([])
        var codes: [Located<String>] = []
        if let members = f.value("members"), let scalar = members.scalar {
            switch scalar.string {
            case "all": membership = .all
            case "all+guests": membership = .allWithGuests
            default:
                codes = f.strings("members") ?? []
                membership = .delegations(codes.map(\.value))
            }
        } else {
            codes = f.strings("members") ?? []
            membership = .delegations(codes.map(\.value))
        }
        if membership == .delegations([]) {
            log.warning(id.location, Message("file.no-members", values: ["what": .message(label)]))
        }
        var seen = Set<String>()
        for c in codes where !seen.insert(c.value).inserted {
            log.warning(
                c.location, Message("file.member-twice", values: ["code": "\(c.value)", "what": .message(label)]))
        }
        var preferred: [InstantRange] = []
        if let items = f.list("preferred"), let frame, let host = frame.hostClock {
            preferred = items.flatMap {
                SessionReader.window($0, in: source, log: log, frame: frame, host: host, owner: label).map(\.value)
            }
        }
        return BodyEntry(
            id: id, name: name, chair: chair, members: membership, memberCodes: codes, preferred: preferred,
            location: f.location)
    }

    static func isDelegationCode(_ s: String) -> Bool {
        (2...12).contains(s.count) && s.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "-") }
    }
}
