import Localization
import MeetingTime

/// Reports a zone name that is not a usable location zone; returns whether it can be used.
///
/// `role` says whose zone it is, for the message ("the host", "delegation 'UA'").
@discardableResult
func checkZone(_ zone: Located<String>, role: Message, log: DiagnosticLog, allowUTC: Bool) -> Bool {
    let what: [String: Message.Value] = ["zone": "\(zone.value)", "role": .message(role)]
    switch ZoneNames.check(zone.value) {
    case .location:
        return true
    case .utc:
        if !allowUTC { log.warning(zone.location, Message("file.zone.utc", values: what)) }
        return true
    case .oldName(let canonical):
        log.error(
            zone.location, Message("file.zone.old-name", values: what.merging(["canonical": "\(canonical)"]) { $1 }))
        return false
    case .notLocation:
        log.warning(zone.location, Message("file.zone.not-location", values: what))
        return true
    case .unknownToSystem:
        log.error(
            zone.location,
            Message(
                "file.zone.unknown-to-system",
                values: what.merging(["version": "\(ZoneNames.systemDataVersion)"]) { $1 }))
        return false
    case .unknown(let suggestions):
        if suggestions.isEmpty {
            log.error(zone.location, Message("file.zone.unknown", values: what))
        } else {
            let names = suggestions.map { "'\($0)'" }
            let list =
                names.count == 1
                ? Message(verbatim: names[0])
                : Message("file.either", ["a": names.dropLast().joined(separator: ", "), "b": names.last!])
            log.error(
                zone.location, Message("file.zone.unknown-mean", values: what.merging(["list": .message(list)]) { $1 }))
        }
        return false
    }
}

/// Reports a language code that is not ISO 639-1; returns whether it is one.
@discardableResult
func checkLanguageCode(_ code: Located<String>, what: Message, log: DiagnosticLog) -> Bool {
    if isISO6391(code.value) { return true }
    log.error(code.location, Message("file.not-language", values: ["code": "\(code.value)", "what": .message(what)]))
    return false
}
