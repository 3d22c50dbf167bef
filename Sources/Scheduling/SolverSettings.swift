import Foundation

/// How the local search accepts a worse programme (chosen by measurement: DECISIONS.md).
public enum Metaheuristic: String, Sendable, Hashable, CaseIterable {
    /// Accept a candidate no worse than the score of L steps ago (Burke & Bykov).
    case lateAcceptance = "late-acceptance"
    /// Accept a worse candidate with probability exp(−Δ/T), T cooling geometrically.
    case simulatedAnnealing = "simulated-annealing"
    /// Accept only candidates no worse than the current one.
    case hillClimbing = "hill-climbing"
}

/// Limits and knobs of one solver run.
public struct SolverSettings: Sendable {
    /// The seed of the run's random choices.
    public var seed: UInt64
    /// Wall-clock limit in seconds (nil: none). With a time limit the result depends on how many
    /// steps fit in it; give `maxIterations` alone for a programme that is identical on every machine.
    public var timeLimit: Double?
    /// Step limit (nil: none).
    public var maxIterations: Int?
    /// Stop after this many steps without a new best (nil: never).
    public var unimprovedLimit: Int?
    /// The acceptance rule.
    public var metaheuristic: Metaheuristic
    /// Length of the late-acceptance history.
    public var lateAcceptanceLength: Int
    /// Branches the exact burden search may visit (0: none); it runs once on meetings of at most
    /// `BurdenSearch.sessionLimit` sessions, for a tenth of the time, three quarters in.
    public var exactNodeLimit: Int

    /// Settings as given; defaults are the measured choice.
    public init(
        seed: UInt64 = 1, timeLimit: Double? = 10, maxIterations: Int? = nil, unimprovedLimit: Int? = 400_000,
        metaheuristic: Metaheuristic = .simulatedAnnealing, lateAcceptanceLength: Int = 400,
        exactNodeLimit: Int = 2_000_000
    ) {
        self.exactNodeLimit = exactNodeLimit
        self.seed = seed
        self.timeLimit = timeLimit
        self.maxIterations = maxIterations
        self.unimprovedLimit = unimprovedLimit
        self.metaheuristic = metaheuristic
        self.lateAcceptanceLength = lateAcceptanceLength
    }
}

/// Lets another thread stop a run (the UI's Esc); the run keeps the best programme found.
public final class SolverControl: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    /// A control that has not been cancelled.
    public init() {}

    /// Asks the run to stop at its next check (every few hundred steps).
    public func cancel() { lock.withLock { cancelled = true } }

    /// Whether `cancel()` was called.
    public var isCancelled: Bool { lock.withLock { cancelled } }
}

/// What a running solver reports.
public struct SolverProgress: Sendable {
    /// Steps so far.
    public let iteration: Int
    /// Seconds since the run started.
    public let elapsed: Double
    /// The best score so far.
    public let best: Score
}

/// Why a run stopped.
public enum StopReason: String, Sendable {
    case timeLimit = "time limit"
    case iterationLimit = "step limit"
    case unimproved = "no improvement"
    /// The best programme's soft score equals the lower bound: proven optimal.
    case lowerBoundReached = "proven optimal"
    /// The exact search proved that no programme exists.
    case provenInfeasible = "proven infeasible"
    case cancelled
    case nothingToMove = "nothing to move"

    /// The catalog key of its sentence, for the command line and the builder.
    public var catalogKey: String {
        switch self {
        case .timeLimit: "cli.stop.time-limit"
        case .iterationLimit: "cli.stop.step-limit"
        case .unimproved: "cli.stop.unimproved"
        case .lowerBoundReached: "cli.stop.lower-bound"
        case .provenInfeasible: "cli.stop.proven-infeasible"
        case .cancelled: "cli.stop.cancelled"
        case .nothingToMove: "cli.stop.nothing-to-move"
        }
    }
}

/// The outcome of a run.
public struct SolveResult: Sendable {
    /// The best programme found.
    public let plan: Plan
    /// Its score, constraint by constraint.
    public let breakdown: ScoreBreakdown
    /// Steps of local search taken.
    public let iterations: Int
    /// Seconds the run took (construction included).
    public let elapsed: Double
    /// Seconds until the best programme was found.
    public let timeToBest: Double
    /// Seconds until the first feasible programme was found (nil: none was).
    public let timeToFeasible: Double?
    /// Why it stopped.
    public let stop: StopReason
    /// The score right after construction.
    public let constructed: Score
    /// No programme has a lower soft score than this (see `LowerBound`).
    public let lowerBound: Double
    /// Whether the exact burden search finished (its burden bound is then the relaxation's optimum).
    public let exactSearchComplete: Bool
    /// Whether the exact search, asked for any placement, proved that none exists: no
    /// programme keeps the rules it checks (rooms at once, delegates, breaks, chairs, order).
    public let provenInfeasible: Bool

    /// Whether the best programme is feasible and its soft score equals the lower bound.
    public var isProvenOptimal: Bool { breakdown.score.isFeasible && breakdown.score.soft <= lowerBound + 1e-6 }
}
