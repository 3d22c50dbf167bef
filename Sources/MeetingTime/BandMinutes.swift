import MeetingModel

/// Minutes spent in each comfort band.
public struct BandMinutes: Sendable, Hashable, CustomStringConvertible {
    /// Minutes in core hours.
    public var core: Int
    /// Minutes in shoulder hours.
    public var shoulder: Int
    /// Minutes at night.
    public var night: Int

    /// Minutes as given.
    public init(core: Int = 0, shoulder: Int = 0, night: Int = 0) {
        self.core = core
        self.shoulder = shoulder
        self.night = night
    }

    /// All minutes counted.
    public var total: Int { core + shoulder + night }

    /// The weighted burden: each band's minutes times its weight.
    public func weighted(by w: BandWeights) -> Int { core * w.core + shoulder * w.shoulder + night * w.night }

    /// Minutes in `band`.
    public subscript(band: ComfortBand) -> Int {
        switch band {
        case .core: core
        case .shoulder: shoulder
        case .night: night
        }
    }

    /// Band-wise sum.
    public static func + (a: BandMinutes, b: BandMinutes) -> BandMinutes {
        BandMinutes(core: a.core + b.core, shoulder: a.shoulder + b.shoulder, night: a.night + b.night)
    }

    public var description: String { "core \(core), shoulder \(shoulder), night \(night)" }
}

/// One delegation's burden from one placed session.
public struct DelegationBurden: Sendable, Hashable {
    /// The delegation's code.
    public let delegation: String
    /// Minutes per band.
    public let minutes: BandMinutes
    /// Weighted burden under the meeting's weights.
    public let weighted: Int
}
