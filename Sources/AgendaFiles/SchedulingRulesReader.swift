import Localization
import MeetingModel
import Yams

/// Reads the agenda's optional `scheduling:` section.
///
/// ```yaml
/// scheduling:
///   rooms: [A, B]                    # default: A, B, … (meeting.max_parallel of them)
///   min_break_minutes: 30            # between sessions sharing a delegation
///   delegates_per_delegation: 2      # where a delegation gives no 'delegates'
///   max_session_minutes_per_day: 360 # per delegation (soft)
///   rotate_inconvenient_hours: true  # spread night sessions over different delegations (soft)
///   weights: {burden: 1, fairness: 1, rotation: 2, stability: 500, preferred_window: 5,
///             split_days: 300, chair_compactness: 0.5, daily_hours: 10}
/// ```
enum SchedulingRulesReader {
    static let keys = [
        "rooms", "min_break_minutes", "delegates_per_delegation", "max_session_minutes_per_day",
        "rotate_inconvenient_hours", "weights", "note",
    ]
    static let weightKeys = [
        "burden", "fairness", "rotation", "stability", "preferred_window", "split_days",
        "chair_compactness", "daily_hours",
    ]

    static func read(_ node: Node?, in source: YAMLSource, log: DiagnosticLog, frame: MeetingFrame) -> SchedulingRules {
        let standard = SchedulingRules.standard(rooms: frame.maxParallel)
        guard let node, let f = Fields(node, in: source, log: log, what: quoted("scheduling"), allowed: keys) else {
            return standard
        }
        var rooms = standard.rooms
        if let names = f.strings("rooms") {
            var seen = Set<String>()
            for n in names where !seen.insert(n.value).inserted {
                log.error(n.location, Message("file.room-twice", ["room": n.value]))
            }
            if names.isEmpty { log.error(f.location, Message("file.no-rooms")) } else { rooms = names.map(\.value) }
            if frame.maxParallelGiven, names.count != frame.maxParallel {
                log.error(
                    f.value("rooms").map(source.location) ?? f.location,
                    Message("file.rooms-parallel", ["rooms": "\(names.count)", "parallel": "\(frame.maxParallel)"]))
            }
        }
        func count(_ key: String, _ fallback: Int, in range: ClosedRange<Int>) -> Int {
            f.int(key, in: range)?.value ?? fallback
        }
        var weights = SoftWeights.standard
        if let w = f.value("weights"),
            let wf = Fields(w, in: source, log: log, what: quoted("scheduling.weights"), allowed: weightKeys)
        {
            func weight(_ key: String, _ keyPath: WritableKeyPath<SoftWeights, Double>) {
                guard let text = wf.string(key) else { return }
                guard let v = Double(text.value), v.isFinite, MeetingLimits.softWeight.contains(v) else {
                    log.error(
                        text.location,
                        Message(
                            "file.bad-weight",
                            [
                                "key": key, "value": quotedValue(text.value),
                                "max": "\(Int(MeetingLimits.softWeight.upperBound))",
                            ]))
                    return
                }
                weights[keyPath: keyPath] = v
            }
            weight("burden", \.burden)
            weight("fairness", \.fairness)
            weight("rotation", \.rotation)
            weight("stability", \.stability)
            weight("preferred_window", \.preferredWindow)
            weight("split_days", \.splitDays)
            weight("chair_compactness", \.chairCompactness)
            weight("daily_hours", \.dailyHours)
        }
        return SchedulingRules(
            rooms: rooms,
            minBreakMinutes: count("min_break_minutes", standard.minBreakMinutes, in: MeetingLimits.dayMinutes),
            defaultDelegates: count("delegates_per_delegation", standard.defaultDelegates, in: MeetingLimits.delegates),
            maxDailyMinutes: count(
                "max_session_minutes_per_day", standard.maxDailyMinutes, in: 1...MeetingLimits.dayMinutes.upperBound),
            rotateInconvenientHours: f.bool("rotate_inconvenient_hours")?.value ?? standard.rotateInconvenientHours,
            weights: weights
        )
    }
}
