import Foundation

/// What an agenda's zone name is, and what to write instead when it is not a location zone.
public enum ZoneNameCheck: Sendable, Hashable {
    /// A zone of tzdata's zone.tab that this system knows: write it as it is.
    case location
    /// UTC or an `Etc/` zone: fine for a host or a window, never a capital.
    case utc
    /// An old or backward-link name (Europe/Kiev, Australia/Canberra) for `canonical`.
    case oldName(canonical: String)
    /// Known to this system but not a location zone (EST, Etc/GMT+5, …).
    case notLocation
    /// A zone of zone.tab that this system's tz data does not know (an older release).
    case unknownToSystem
    /// Not a zone at all; the closest names, best first (possibly none).
    case unknown(suggestions: [String])
}

/// Zone-name checks with "did you mean" suggestions, from tzdata's zone.tab and links.
public enum ZoneNames {
    /// Classifies `identifier` (case-sensitive, as IANA names are).
    public static func check(_ identifier: String) -> ZoneNameCheck {
        if identifier == "UTC" || identifier.hasPrefix("Etc/") {
            return TimeZone(identifier: identifier) == nil ? .unknown(suggestions: suggestions(for: identifier)) : .utc
        }
        if locationZones.contains(identifier) {
            return TimeZone(identifier: identifier) == nil ? .unknownToSystem : .location
        }
        if let canonical = links[identifier] { return .oldName(canonical: canonical) }
        if TimeZone(identifier: identifier) != nil, !identifier.isEmpty { return .notLocation }
        return .unknown(suggestions: suggestions(for: identifier))
    }

    /// Up to three location zones that `text` may have meant: same name in another case,
    /// the same city, or a name a few edits away (old names map to their current zone).
    public static func suggestions(for text: String) -> [String] {
        let lowered = text.lowercased()
        let names = Array(locationZones) + Array(links.keys)
        func current(_ name: String) -> String { links[name] ?? name }
        if let same = names.first(where: { $0.lowercased() == lowered }) { return [current(same)] }
        let city = lowered.split(separator: "/").last.map { $0.replacingOccurrences(of: " ", with: "_") } ?? ""
        let byCity = names.filter { $0.lowercased().split(separator: "/").last.map(String.init) == city }
        if !byCity.isEmpty { return unique(byCity.map(current).sorted()) }
        let limit = max(2, lowered.count / 4)
        let near =
            names
            .map { (name: $0, distance: editDistance(lowered, $0.lowercased(), limit: limit)) }
            .filter { $0.distance <= limit }
            .sorted { ($0.distance, $0.name) < ($1.distance, $1.name) }
        return Array(unique(near.map { current($0.name) }).prefix(3))
    }

    private static func unique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }
}

extension ZoneNames {
    /// The tz data version of the Foundation/ICU on this system.
    public static var systemDataVersion: String { "tzdata " + (TimeZone.timeZoneDataVersion) }
}

extension ZoneNames {
    /// Location zones for a zone being typed: those whose name or city starts with `text`
    /// (case and spaces ignored), "UTC" included; at most `limit`, sorted.
    public static func completions(for text: String, limit: Int = 8) -> [String] {
        let t = text.lowercased().replacingOccurrences(of: " ", with: "_")
        let all = (["UTC"] + locationZones.sorted())
        guard !t.isEmpty else { return Array(all.prefix(limit)) }
        let hits = all.filter { z in
            let l = z.lowercased()
            return l.hasPrefix(t) || l.split(separator: "/").contains { $0.hasPrefix(t) }
        }
        return Array(hits.prefix(limit))
    }
}
