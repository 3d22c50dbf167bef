import MeetingTime

/// Reports a zone name that is not a usable location zone; returns whether it can be used.
///
/// `role` says whose zone it is, for the message ("the host", "delegation 'UA'").
@discardableResult
func checkZone(_ zone: Located<String>, role: String, log: DiagnosticLog, allowUTC: Bool) -> Bool {
    switch ZoneNames.check(zone.value) {
    case .location:
        return true
    case .utc:
        if !allowUTC { log.warning(zone.location, "\(role) is given the zone '\(zone.value)'; a capital's IANA zone (e.g. 'Africa/Gaborone') gives local times") }
        return true
    case .oldName(let canonical):
        log.error(zone.location, "time zone '\(zone.value)' is an old name (a tzdata link) for \(role); did you mean '\(canonical)'?")
        return false
    case .notLocation:
        log.warning(zone.location, "time zone '\(zone.value)' for \(role) is not a location zone; prefer the capital's zone (e.g. 'America/New_York')")
        return true
    case .unknownToSystem:
        log.error(zone.location, "time zone '\(zone.value)' for \(role) is not in this system's time-zone data (\(ZoneNames.systemDataVersion)); update the toolchain or write the older name")
        return false
    case .unknown(let suggestions):
        let hint = suggestions.isEmpty
            ? "; write an IANA name such as 'Europe/Moscow' (see zone.tab)"
            : "; did you mean " + suggestions.map { "'\($0)'" }.joined(separator: " or ") + "?"
        log.error(zone.location, "unknown time zone '\(zone.value)' for \(role)\(hint)")
        return false
    }
}

/// Reports a language code that is not ISO 639-1; returns whether it is one.
@discardableResult
func checkLanguageCode(_ code: Located<String>, what: String, log: DiagnosticLog) -> Bool {
    if isISO6391(code.value) { return true }
    log.error(code.location, "'\(code.value)' in \(what) is not an ISO 639-1 language code; write two letters such as 'en', 'fr', 'ru'")
    return false
}
