/// The range of every number an agenda, a programme or a delegates' list may give.
///
/// Readers refuse a number outside its range with its `FILE:LINE:COLUMN`, so that nothing the
/// files feed can overflow a score (every product of minutes, weights and delegations stays far
/// inside Int64), loop for ever or allocate without bound. The README lists them.
public enum MeetingLimits {
    /// Meeting days, first to last (the zone tables and the solver's domains cover them).
    public static let days = 1...31
    /// Minutes of one session: at most one day.
    public static let sessionMinutes = 1...1440
    /// Parallel rooms.
    public static let rooms = 1...50
    /// Sessions in one agenda.
    public static let sessions = 1...2000
    /// Delegations in one agenda.
    public static let delegations = 1...500
    /// A comfort band's weight per minute.
    public static let bandWeight = 0...1000
    /// A soft constraint's weight (decimal allowed).
    public static let softWeight = 0.0...10_000.0
    /// Delegates of one delegation (its own `delegates`, or `delegates_per_delegation`).
    public static let delegates = 1...50
    /// Minutes of a break, of a delegation's day, of an interpreters' block, day or rest.
    public static let dayMinutes = 0...1440
    /// Interpreter teams of one language.
    public static let teams = 0...20
    /// Interpreters in one team.
    public static let interpretersPerTeam = 1...10
    /// An interpreters' blocks in one day.
    public static let blocksPerDay = 1...24
    /// A name, a title or any other text field of a file, in characters.
    public static let textLength = 0...500
    /// A note of a file, in characters.
    public static let noteLength = 10_000
}
