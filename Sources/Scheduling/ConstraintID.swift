/// The named constraints of the scheduler's catalogue (Timefold-style: every score is explained by them).
public enum ConstraintID: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    // Hard: a programme with any of these is not feasible. Measured in minutes.
    /// A session starts outside its allowed windows or the meeting's days and daily window.
    case window
    /// A fixed or pinned session is not where it was fixed.
    case fixed
    /// Opening first, closing last, `after:` and split-session parts in order.
    case order
    /// Two sessions in one room at once, or a room that is not one of the meeting's.
    case rooms
    /// A delegation expected in more sessions at once than it has delegates.
    case capacity
    /// A chair delegation chairing two sessions at once.
    case chair
    /// Two sessions sharing a delegation closer than the minimum break.
    case breaks = "break"
    /// A session that the programme does not place at all.
    case unplaced
    /// Interpreter teams of a language asked to work more than they can: two sessions at once
    /// with one team, a block, a day or a number of blocks beyond the limits.
    case interpretation

    // Soft: weighted and summed.
    /// Shoulder and night minutes of every attending delegation, weighted by band.
    case burden
    /// Σ (per-delegation burden)²: penalises one delegation carrying the nights for everyone.
    case fairness
    /// Night minutes a delegation has on two meeting days running.
    case rotation
    /// Sessions moved from the programme re-planned from.
    case stability
    /// Minutes outside preferred windows.
    case preferredWindow = "preferred-window"
    /// Days apart beyond consecutive for parts of a split session.
    case splitDays = "split-days"
    /// Idle minutes in a chair's day between its first and last session.
    case chairCompactness = "chair-compactness"
    /// Minutes a delegation sits beyond the daily limit.
    case dailyHours = "daily-hours"

    /// The hard constraints, in catalogue order.
    public static let hard: [ConstraintID] = [
        .window, .fixed, .order, .rooms, .capacity, .chair, .breaks, .unplaced, .interpretation,
    ]
    /// The soft constraints, in catalogue order.
    public static let soft: [ConstraintID] = [
        .burden, .fairness, .rotation, .stability, .preferredWindow, .splitDays, .chairCompactness, .dailyHours,
    ]

    /// Whether a violation makes a programme infeasible.
    public var isHard: Bool { ConstraintID.hard.contains(self) }

    /// What one unit of the constraint's measure is.
    public var unit: String {
        switch self {
        case .window, .fixed, .order, .rooms, .capacity, .chair, .breaks, .unplaced, .interpretation, .preferredWindow,
            .chairCompactness, .dailyHours, .rotation:
            "minutes"
        case .burden: "burden points"
        case .fairness: "thousand squared burden points"
        case .stability: "sessions moved"
        case .splitDays: "days"
        }
    }

    public static func < (a: ConstraintID, b: ConstraintID) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
