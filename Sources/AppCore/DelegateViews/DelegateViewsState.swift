import Localization
import MeetingModel

/// The views a delegate moves between.
public enum Tab: Int, Sendable, CaseIterable {
    case schedule, programme, worldClock

    /// The tab's title in the language shown.
    public func title(_ l: Localizer) -> String {
        switch self {
        case .schedule: l("tab.schedule")
        case .programme: l("tab.programme")
        case .worldClock: l("tab.world-clock")
        }
    }
}

/// Which zone times are shown in.
public enum ZoneChoice: Sendable, Hashable {
    case mine, host, utc
    case named(String)
}

/// What the delegate views (my schedule, the programme, the world clock) keep between keys.
public struct DelegateViewsState: Sendable, Equatable {
    public var tab: Tab = .schedule
    public var zone: ZoneChoice = .mine
    /// The search applied to the lists (folded text), if any.
    public var search: String?
    public var scheduleRow = 0
    public var programmeRow = 0
    /// The session whose detail is open.
    public var detail: String?
    /// The session whose join details are open (`J`).
    public var join: String?
    /// World clock: the UTC hour under the cursor and the meeting day shown (index).
    public var clockHour = 12
    public var clockDay = 0
    /// World clock: the first delegation row shown.
    public var clockRow = 0

    public init() {}

    /// Closes a session's detail and its join details (the view changed).
    public mutating func closeSession() {
        detail = nil
        join = nil
    }
}
