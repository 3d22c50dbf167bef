/// How a meeting wants its programme laid out: rooms, breaks, limits, and the weight of each
/// soft constraint. Set in the agenda's `scheduling:` section; every field has a default.
public struct SchedulingRules: Sendable, Hashable, Codable {
    /// Names of the virtual rooms/channels; their number is the meeting's parallel limit.
    public let rooms: [String]
    /// Minutes that must separate two sessions sharing a delegation (unless they run in parallel).
    public let minBreakMinutes: Int
    /// Delegates per delegation where the agenda gives none (until registrations exist).
    public let defaultDelegates: Int
    /// At most this many session minutes per delegation per meeting day (soft).
    public let maxDailyMinutes: Int
    /// Whether inconvenient hours should rotate between days (soft; penalises the same
    /// delegation meeting at night on two days running).
    public let rotateInconvenientHours: Bool
    /// Weight of each soft constraint.
    public let weights: SoftWeights

    /// Rules as given.
    public init(
        rooms: [String], minBreakMinutes: Int = 15, defaultDelegates: Int = 2, maxDailyMinutes: Int = 360,
        rotateInconvenientHours: Bool = false, weights: SoftWeights = .standard
    ) {
        self.rooms = rooms
        self.minBreakMinutes = minBreakMinutes
        self.defaultDelegates = defaultDelegates
        self.maxDailyMinutes = maxDailyMinutes
        self.rotateInconvenientHours = rotateInconvenientHours
        self.weights = weights
    }

    /// Default rules for `rooms` parallel rooms named A, B, C, …
    /// The same rules with other rooms.
    public func with(rooms: [String]) -> SchedulingRules {
        SchedulingRules(
            rooms: rooms, minBreakMinutes: minBreakMinutes, defaultDelegates: defaultDelegates,
            maxDailyMinutes: maxDailyMinutes, rotateInconvenientHours: rotateInconvenientHours, weights: weights)
    }

    public static func standard(rooms count: Int) -> SchedulingRules {
        SchedulingRules(rooms: (0..<count).map(roomName))
    }

    /// "A" … "Z", then "R27", "R28", …
    public static func roomName(_ i: Int) -> String {
        i < 26 ? String(UnicodeScalar(UInt8(65 + i))) : "R\(i + 1)"
    }
}

/// The weight of each soft constraint (what one unit of its measure costs).
public struct SoftWeights: Sendable, Hashable, Codable {
    /// Per point of weighted burden (band minutes × band weight) of every attending delegation.
    public var burden: Double
    /// Per thousand units of Σ (delegation burden)²: the spread of burden between delegations.
    public var fairness: Double
    /// Per night minute a delegation also has on the next meeting day (when rotation is asked).
    public var rotation: Double
    /// Per session moved (start or room) from the programme re-planned from.
    public var stability: Double
    /// Per minute of a session outside its (or its body's) preferred windows.
    public var preferredWindow: Double
    /// Per day that parts of a split session are apart beyond consecutive days.
    public var splitDays: Double
    /// Per idle minute between a chair's first and last session of a day.
    public var chairCompactness: Double
    /// Per minute a delegation sits beyond the daily limit.
    public var dailyHours: Double

    /// Weights as given.
    public init(
        burden: Double, fairness: Double, rotation: Double, stability: Double, preferredWindow: Double,
        splitDays: Double, chairCompactness: Double, dailyHours: Double
    ) {
        self.burden = burden
        self.fairness = fairness
        self.rotation = rotation
        self.stability = stability
        self.preferredWindow = preferredWindow
        self.splitDays = splitDays
        self.chairCompactness = chairCompactness
        self.dailyHours = dailyHours
    }

    /// The defaults, chosen so that on the KP sample burden and fairness weigh about the same and
    /// the preferences only break near-ties (DECISIONS.md).
    public static let standard = SoftWeights(
        burden: 1, fairness: 1, rotation: 2, stability: 500, preferredWindow: 5, splitDays: 300, chairCompactness: 0.5,
        dailyHours: 10
    )
}
