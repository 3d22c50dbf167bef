/// How comfortable a local time of day is for a delegate at their desk.
public enum ComfortBand: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Ordinary working hours (default 09:00–18:00 local).
    case core
    /// Early morning or evening (default 07:00–09:00 and 18:00–22:00 local).
    case shoulder
    /// The rest (default 22:00–07:00 local).
    case night

    public static func < (a: ComfortBand, b: ComfortBand) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// The meeting's comfort bands on the local 24-hour dial, and what a minute in each costs.
///
/// Every minute of the day belongs to exactly one band: `core` spans, then `shoulder`
/// spans, and all that is left is `night`.
public struct ComfortBands: Sendable, Hashable, Codable {
    /// Spans counted as core hours.
    public let core: [ClockRange]
    /// Spans counted as shoulder hours (a minute in both core and shoulder is core).
    public let shoulder: [ClockRange]
    /// Weight of one minute in each band; night should be far heavier than shoulder.
    public let weights: BandWeights

    /// Bands as given; overlapping spans resolve core before shoulder.
    public init(core: [ClockRange], shoulder: [ClockRange], weights: BandWeights = .standard) {
        self.core = core
        self.shoulder = shoulder
        self.weights = weights
    }

    /// Core 09:00–18:00, shoulder 07:00–09:00 and 18:00–22:00, night 22:00–07:00.
    public static let standard = ComfortBands(
        core: [ClockRange(start: ClockTime(hour: 9, minute: 0)!, end: ClockTime(hour: 18, minute: 0)!)],
        shoulder: [
            ClockRange(start: ClockTime(hour: 7, minute: 0)!, end: ClockTime(hour: 9, minute: 0)!),
            ClockRange(start: ClockTime(hour: 18, minute: 0)!, end: ClockTime(hour: 22, minute: 0)!),
        ]
    )

    /// The band of local minute-of-day `m` (0..<1440).
    public func band(atMinuteOfDay m: Int) -> ComfortBand {
        if core.contains(where: { $0.contains(minuteOfDay: m) }) { return .core }
        if shoulder.contains(where: { $0.contains(minuteOfDay: m) }) { return .shoulder }
        return .night
    }
}

/// The cost of one minute spent in a session in each comfort band.
public struct BandWeights: Sendable, Hashable, Codable {
    /// Cost of a core minute (usually 0).
    public let core: Int
    /// Cost of a shoulder minute.
    public let shoulder: Int
    /// Cost of a night minute.
    public let night: Int

    /// Weights as given; all must be ≥ 0.
    public init(core: Int, shoulder: Int, night: Int) {
        self.core = core
        self.shoulder = shoulder
        self.night = night
    }

    /// 0 / 1 / 5: a night minute costs five shoulder minutes.
    public static let standard = BandWeights(core: 0, shoulder: 1, night: 5)

    /// The weight of `band`.
    public subscript(band: ComfortBand) -> Int {
        switch band {
        case .core: core
        case .shoulder: shoulder
        case .night: night
        }
    }
}
