import Localization
import MeetingModel
import MeetingTime
import Rendering
import Registration
import TerminalInput

/// What the signed-in delegate's screens show, loaded by the shell after sign-in.
public struct MeetingData: Sendable, Equatable {
    public var meeting: Meeting
    /// The latest published programme (nil: none published yet; delegates never see a draft).
    public var programme: Programme?
    /// The published version `programme` is (nil: none published).
    public var version: Int?
    public var me: Delegate
    /// Registered delegates of my delegation (me included).
    public var colleagues: [Delegate]
    /// Interpretation requests counted for the meeting.
    public var requests: [InterpretationRequest]
    /// My personal join links (revoked ones are not loaded).
    public var links: [PersonalLink]
    /// The meeting's zones, tabulated once.
    public let clock: MeetingClock
    /// Every placed session with what the lists show of it that does not depend on the zone
    /// shown, by start (computed once: a keystroke only filters and converts times).
    public let placed: [PlacedSession]
    /// Night minutes of my own sessions in my own zone.
    public let myNightMinutes: Int

    public init(
        meeting: Meeting, programme: Programme?, version: Int? = nil, me: Delegate, colleagues: [Delegate],
        requests: [InterpretationRequest], links: [PersonalLink] = []
    ) throws {
        self.links = links
        self.clock = try MeetingClock(meeting: meeting)
        self.meeting = meeting
        self.programme = programme
        self.version = programme == nil ? nil : version
        self.me = me
        self.colleagues = colleagues
        self.requests = requests
        let languages = Dictionary(
            uniqueKeysWithValues: meeting.sessionLanguages(requests: requests).map { ($0.session, $0) })
        var placed: [PlacedSession] = []
        if let programme {
            let byID = Dictionary(uniqueKeysWithValues: meeting.sessions.map { ($0.id, $0) })
            for p in programme.placements {
                guard let s = byID[p.sessionID] else { continue }
                let sl = languages[s.id]
                let codes = (sl?.languages.map(\.code) ?? [s.floorLanguage]) + (sl?.relay.map(\.code) ?? [])
                let channel = me.interpretation.flatMap { codes.contains($0) ? $0 : nil } ?? s.floorLanguage
                placed.append(
                    PlacedSession(
                        session: s, placement: p, end: p.start.adding(minutes: s.durationMinutes), languages: codes,
                        languageNeeds: sl, channel: channel, mine: meeting.attends(me, s),
                        searchKey: NameText.folded(
                            [s.id, s.title, s.bodies.joined(separator: " ")].joined(separator: " "))))
            }
        }
        self.placed = placed.sorted { ($0.placement.start, $0.session.id) < ($1.placement.start, $1.session.id) }
        var night = 0
        if let zc = try? clock.clock(for: me.zone) {
            for p in self.placed where p.mine {
                var t = p.placement.start
                while t < p.end {
                    if clock.bandOfMinute[zc.local(at: t).minuteOfDay] == .night { night += 1 }
                    t = t.adding(minutes: 1)
                }
            }
        }
        myNightMinutes = night
    }

    public static func == (a: MeetingData, b: MeetingData) -> Bool {
        a.meeting == b.meeting && a.programme == b.programme && a.version == b.version && a.me == b.me
            && a.colleagues == b.colleagues
            && a.requests == b.requests
    }
}

/// A placed session as the lists need it, before any zone conversion.
public struct PlacedSession: Sendable, Equatable {
    public let session: Session
    public let placement: Placement
    public let end: Instant
    /// Official languages (floor first) and relay ones, codes.
    public let languages: [String]
    public let languageNeeds: SessionLanguages?
    /// My channel: my interpretation language when the session has it, else the floor.
    public let channel: String
    /// Whether I attend it.
    public let mine: Bool
    /// Id, title and bodies, folded for search.
    public let searchKey: String
}

/// A one-line entry at the bottom of the screen (search, zone, command) with completions.
public struct Prompt: Sendable, Equatable {
    public enum Purpose: Sendable, Equatable {
        case search, zone, command
        /// The reason for rejecting or withdrawing registrations (the desk: the marked ones, else
        /// the selected one).
        case reason(targets: [RecordVersion], status: RegistrationStatus)
        /// The desk's delegation filter.
        case delegation
        /// Staff: another meeting of the database.
        case meeting
        /// The builder's third ruler.
        case thirdZone
        /// The desk's CSV import: the file's path.
        case importFile
        /// The builder's export: the file's path (its extension names the format).
        case exportFile
        /// The board: which delegation requests `language` at `session`.
        case requestInterpretation(session: String, language: String)
        /// The board: which of `requesters` withdraws its request.
        case withdrawInterpretation(session: String, language: String, requesters: [String])
    }
    public var purpose: Purpose
    public var field = TextField()
    public var completions: [String] = []

    public init(_ purpose: Purpose) { self.purpose = purpose }
}

/// What takes the keys over a screen: one of these at a time.
public enum Modal: Sendable, Equatable {
    /// The `?` screen, scrolled by `offset` lines.
    case help(offset: Int)
    /// A one-line entry at the bottom (search, zone, command, …).
    case prompt(Prompt)
    /// A signed-in delegate's password change.
    case password(PasswordForm)
}

/// Everything the screens show; changed only by `reduce`.
public struct AppState: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var now: Instant
    /// nil: signed in (the main views); else the sign-in form.
    public var signIn: SignInForm? = SignInForm()
    public var data: MeetingData?
    /// What takes the keys over the screen, at most one at a time (issue 16: one value, not
    /// flags and optionals resolved by precedence).
    public var modal: Modal?
    /// The delegate views' own state (tabs, rows, zone, search, world clock).
    public var views = DelegateViewsState()
    /// Set when the OS user is staff: the staff screens instead of a delegate's.
    public var staff: StaffSession?
    public var desk = DeskState()
    /// The staff screen shown.
    public var staffScreen: StaffScreen = .desk
    public var builder = BuilderState()
    /// A line for the user (errors, confirmations), cleared by the next key; worded when drawn,
    /// in the screen's language then.
    public var message: Message?
    public var quitting = false

    /// Whether the session came through the SSH front door (a file written on the host would not
    /// reach the delegate; their account is the only one the session may use).
    public var frontDoor = false

    /// The language of the delegates' screens.
    public var l10n: Localizer = .english
    /// Whether `--lang` chose it (a signed-in delegate's preference does not override a flag).
    public var languageChosen = false

    /// The prompt, when it is the modal (setting nil closes only a prompt).
    public var prompt: Prompt? {
        get { if case .prompt(let p) = modal { p } else { nil } }
        set {
            if let newValue { modal = .prompt(newValue) } else if case .prompt = modal { modal = nil }
        }
    }

    /// The password change, when it is the modal.
    public var passwordForm: PasswordForm? {
        get { if case .password(let f) = modal { f } else { nil } }
        set {
            if let newValue { modal = .password(newValue) } else if case .password = modal { modal = nil }
        }
    }

    /// Whether the help is the modal (opening it starts at its top; closing forgets the scroll).
    public var showHelp: Bool {
        get { if case .help = modal { true } else { false } }
        set {
            if newValue {
                if !showHelp { modal = .help(offset: 0) }
            } else if showHelp {
                modal = nil
            }
        }
    }

    /// How far the help is scrolled (lines; 0 when it is closed).
    public var helpOffset: Int {
        get { if case .help(let o) = modal { o } else { 0 } }
        set { if showHelp { modal = .help(offset: max(0, newValue)) } }
    }

    public init(width: Int, height: Int, now: Instant, l10n: Localizer = .english, languageChosen: Bool = false) {
        self.width = width
        self.height = height
        self.now = now
        self.l10n = l10n
        self.languageChosen = languageChosen
    }
}
