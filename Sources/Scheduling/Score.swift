import Localization
import MeetingModel

/// A programme's score: hard minutes of violation first, then the weighted soft penalty. Lower is better.
public struct Score: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Minutes of hard violations (0 = feasible).
    public let hard: Int
    /// Weighted soft penalty.
    public let soft: Double

    /// A score as given.
    public init(hard: Int, soft: Double) {
        self.hard = hard
        self.soft = soft
    }

    /// Whether no hard constraint is broken.
    public var isFeasible: Bool { hard == 0 }

    public static func < (a: Score, b: Score) -> Bool { (a.hard, a.soft) < (b.hard, b.soft) }

    /// `0 hard / 12345.6 soft`.
    public var description: String { text(.english) }

    /// The score in the language of `l` (`0 hard / 12345.6 soft` in English).
    public func text(_ l: Localizer) -> String {
        l("score.text", ["hard": "\(hard)", "soft": String(format: "%.1f", soft)])
    }
}

/// The raw measure of every constraint and the weights that make the soft score.
public struct ScoreBreakdown: Sendable, Hashable {
    /// Raw measure per constraint (minutes, points, counts: see `ConstraintID.unit`).
    public let raw: [ConstraintID: Int]
    /// The weights of the soft constraints.
    public let weights: SoftWeights

    /// A breakdown as given.
    public init(raw: [ConstraintID: Int], weights: SoftWeights) {
        self.raw = raw
        self.weights = weights
    }

    /// The weighted value of `constraint` (hard ones: their minutes).
    public func value(_ constraint: ConstraintID) -> Double {
        let r = Double(raw[constraint] ?? 0)
        switch constraint {
        case .burden: return weights.burden * r
        case .fairness: return weights.fairness * r / 1000
        case .rotation: return weights.rotation * r
        case .stability: return weights.stability * r
        case .preferredWindow: return weights.preferredWindow * r
        case .splitDays: return weights.splitDays * r
        case .chairCompactness: return weights.chairCompactness * r
        case .dailyHours: return weights.dailyHours * r
        default: return r
        }
    }

    /// Hard minutes and weighted soft penalty.
    public var score: Score {
        Score(
            hard: ConstraintID.hard.reduce(0) { $0 + (raw[$1] ?? 0) },
            soft: ConstraintID.soft.reduce(0.0) { $0 + value($1) })
    }
}
