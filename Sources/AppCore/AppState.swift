import MeetingModel
import MeetingTime
import Rendering
import TerminalInput

/// What the signed-in delegate's screens show, loaded by the shell after sign-in.
public struct MeetingData: Sendable, Equatable {
    public var meeting: Meeting
    /// The published programme, else the draft (nil: not planned yet).
    public var programme: Programme?
    public var me: Delegate
    /// Registered delegates of my delegation (me included).
    public var colleagues: [Delegate]
    /// Interpretation requests counted for the meeting.
    public var requests: [InterpretationRequest]
    /// The meeting's zones, tabulated once.
    public let clock: MeetingClock

    public init(meeting: Meeting, programme: Programme?, me: Delegate, colleagues: [Delegate], requests: [InterpretationRequest]) throws {
        self.clock = try MeetingClock(meeting: meeting)
        self.meeting = meeting
        self.programme = programme
        self.me = me
        self.colleagues = colleagues
        self.requests = requests
    }

    public static func == (a: MeetingData, b: MeetingData) -> Bool {
        a.meeting == b.meeting && a.programme == b.programme && a.me == b.me && a.colleagues == b.colleagues && a.requests == b.requests
    }
}

/// The views a delegate moves between.
public enum Tab: Int, Sendable, CaseIterable {
    case schedule, programme, worldClock

    public var title: String {
        switch self {
        case .schedule: "My schedule"
        case .programme: "Programme"
        case .worldClock: "World clock"
        }
    }
}

/// Which zone times are shown in.
public enum ZoneChoice: Sendable, Hashable {
    case mine, host, utc
    case named(String)
}

/// The sign-in form: username and one-time token (or password), then a new password when the
/// token was right.
public struct SignInForm: Sendable, Equatable {
    public enum Stage: Sendable, Equatable {
        case credentials
        case choosePassword(username: String, token: String)
    }
    public enum Field: Sendable, Equatable { case first, second }

    public var stage: Stage = .credentials
    public var first = TextField()                 // username, or new password
    public var second = TextField(secret: true)    // token or password, or the new password again
    public var focus: Field = .first
    public var error: String?
    /// Waiting for the store's answer.
    public var busy = false

    public init() {}
}

/// A one-line entry at the bottom of the screen (search, zone, command) with completions.
public struct Prompt: Sendable, Equatable {
    public enum Purpose: Sendable, Equatable { case search, zone, command }
    public var purpose: Purpose
    public var field = TextField()
    public var completions: [String] = []

    public init(_ purpose: Purpose) { self.purpose = purpose }
}

/// Everything the screens show; changed only by `reduce`.
public struct AppState: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var now: Instant
    /// nil: signed in (the main views); else the sign-in form.
    public var signIn: SignInForm? = SignInForm()
    public var data: MeetingData?
    public var tab: Tab = .schedule
    public var zone: ZoneChoice = .mine
    public var prompt: Prompt?
    /// The search applied to the lists (folded text), if any.
    public var search: String?
    public var scheduleRow = 0
    public var programmeRow = 0
    /// The session whose detail is open.
    public var detail: String?
    /// World clock: the UTC hour under the cursor and the meeting day shown (index).
    public var clockHour = 12
    public var clockDay = 0
    /// World clock: the first delegation row shown.
    public var clockRow = 0
    public var showHelp = false
    /// A line for the user (errors, confirmations), cleared by the next key.
    public var message: String?
    public var quitting = false

    public init(width: Int, height: Int, now: Instant) {
        self.width = width
        self.height = height
        self.now = now
    }
}
