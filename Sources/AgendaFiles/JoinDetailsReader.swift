import Foundation
import Localization
import MeetingModel
import Yams

/// Reads how to join: the agenda's optional `rooms:` section (one entry per room of the
/// scheduling rules) and a session's own `join:`, with the same keys; and the release time
/// (`meeting.join_release`, a session's `join_release`).
///
/// ```yaml
/// rooms:
///   A:
///     name: KP Plenary room
///     platform: zoom                   # zoom, webex, teams, interprefy, kudo, other
///     url: https://zoom.example.org/j/81234567890
///     meeting_id: "812 3456 7890"
///     passcode: "Kp2021"               # attendees only: never in public exports
///     dial_in: {ZA: "+27 87 550 0001", US: "+1 646 555 0100"}   # ISO country: E.164 number
///     channels: {en: 1, fr: 2, ru: 3}  # the platform's number of each language's channel
/// ```
enum JoinDetailsReader {
    static let keys = ["name", "platform", "url", "meeting_id", "passcode", "dial_in", "channels", "note"]
    /// The longest release time: two weeks.
    static let releaseMinutes = 0...(14 * 1440)

    /// `rooms:`: room name → details; each name one of `names` (the scheduling rules' rooms).
    static func rooms(_ node: Node?, in source: YAMLSource, log: DiagnosticLog, frame: MeetingFrame, names: [String])
        -> [String: JoinDetails]
    {
        guard let node, let f = Fields(node, in: source, log: log, what: quoted("rooms"), allowed: names) else {
            return [:]
        }
        var out: [String: JoinDetails] = [:]
        for name in names {
            guard let value = f.value(name) else { continue }
            let what = Message("file.what.room", ["room": name])
            if let details = read(value, in: source, log: log, frame: frame, what: what) { out[name] = details }
        }
        return out
    }

    /// One set of details (a room's, or a session's `join:`).
    static func read(_ node: Node, in source: YAMLSource, log: DiagnosticLog, frame: MeetingFrame, what: Message)
        -> JoinDetails?
    {
        guard let f = Fields(node, in: source, log: log, what: what, allowed: keys) else { return nil }
        var details = JoinDetails()
        details.name = f.string("name")?.value
        if let text = f.string("platform") {
            if let platform = Platform(rawValue: text.value.lowercased()) {
                details.platform = platform
            } else {
                log.error(
                    text.location,
                    Message(
                        "file.bad-platform",
                        [
                            "value": quotedValue(text.value),
                            "list": Platform.allCases.map(\.rawValue).joined(separator: ", "),
                        ]))
            }
        }
        if let url = f.string("url") {
            if isHTTPS(url.value) {
                details.url = url.value
            } else {
                log.error(url.location, Message("file.not-https", ["value": quotedValue(url.value)]))
            }
        }
        details.meetingID = f.string("meeting_id")?.value
        details.passcode = f.string("passcode")?.value
        if let dial = f.value("dial_in") {
            details.dialIn = dialIn(dial, in: source, log: log, what: what)
        }
        if let channels = f.value("channels") {
            // A channel for a language the meeting does not have is said as such (not as a key
            // misspelt); the other keys are read.
            var written: [String] = []
            if case .mapping(let mapping) = channels {
                for key in mapping.keys {
                    guard let name = key.scalar?.string else { continue }
                    written.append(name)
                    if !frame.languages.contains(name) {
                        log.error(
                            source.location(key),
                            Message(
                                "file.channel-language",
                                ["language": quotedValue(name), "list": frame.languages.joined(separator: ", ")]))
                    }
                }
            }
            if let cf = Fields(
                channels, in: source, log: log, what: Message("file.what.channels", values: ["what": .message(what)]),
                allowed: written)
            {
                for language in frame.languages {
                    if let n = cf.int(language, in: 1...999) { details.channels[language] = n.value }
                }
            }
        }
        return details
    }

    /// `dial_in: {ZA: "+27 …"}`: country code (two capital letters) → E.164 number, in order.
    static func dialIn(_ node: Node, in source: YAMLSource, log: DiagnosticLog, what: Message) -> [DialIn] {
        guard case .mapping(let mapping) = node else {
            log.error(source.location(node), Message("file.not-mapping", values: ["what": .message(what)]))
            return []
        }
        var out: [DialIn] = []
        for (key, value) in mapping {
            guard let country = key.scalar?.string, country.count == 2,
                country.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) })
            else {
                log.error(
                    source.location(key), Message("file.bad-country", ["value": quotedValue(key.scalar?.string ?? "")]))
                continue
            }
            guard let number = value.scalar?.string, DialIn.isE164(number) else {
                log.error(
                    source.location(value),
                    Message("file.not-e164", ["country": country, "value": quotedValue(value.scalar?.string ?? "")]))
                continue
            }
            if out.contains(where: { $0.country == country && $0.number == number }) { continue }
            out.append(DialIn(country: country, number: number))
        }
        return out
    }

    /// A link attendees may open (see `JoinDetails.isJoinURL`).
    static func isHTTPS(_ text: String) -> Bool { JoinDetails.isJoinURL(text) }

    /// "24h", "90m", "2d" or a number of minutes; within two weeks.
    static func release(_ text: Located<String>, log: DiagnosticLog) -> Int? {
        let value = text.value.trimmingCharacters(in: .whitespaces).lowercased()
        let unit = value.last.flatMap { ["m": 1, "h": 60, "d": 1440][$0] }
        let digits = unit == nil ? value : String(value.dropLast())
        guard !digits.isEmpty, digits.count <= 6, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let n = Int(digits), releaseMinutes.contains(n * (unit ?? 1))
        else {
            log.error(text.location, Message("file.bad-release", ["value": quotedValue(text.value)]))
            return nil
        }
        return n * (unit ?? 1)
    }
}
