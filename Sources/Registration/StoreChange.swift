/// A change some user made to the store, as the screens learn of it (issue 17 §10): one audit
/// row, read by the shell while it is idle. The screens reload what they show when one concerns
/// them, and say in the message line what changed.
public struct StoreChange: Sendable, Equatable {
    /// The audit row's number: changes come in this order.
    public let id: Int64
    /// What happened ("delegate.add", "programme.publish", …: `StoreAction`'s values and the
    /// store's own, such as "delegate.approve").
    public let action: String
    public let meetingID: String
    /// The record concerned ("delegate 12", "programme version 2").
    public let subject: String
    /// Who made it.
    public let actor: String

    public init(id: Int64, action: String, meetingID: String, subject: String, actor: String) {
        self.id = id
        self.action = action
        self.meetingID = meetingID
        self.subject = subject
        self.actor = actor
    }

    /// What part of the meeting the change touches.
    public enum Area: Sendable, Equatable, CaseIterable {
        case registrations, accounts, interpretation, draft, published, meeting, staff
        /// Personal join links and attendance (issue 19).
        case takingPart
        /// Messages to delegates (issue 20).
        case outbox
        /// Sign-ins, refusals and sign-outs at the SSH front door: nothing on a screen changes.
        case access
    }

    public var area: Area {
        switch action.split(separator: ".").first {
        case "delegate": .registrations
        case "account": .accounts
        case "interpretation": .interpretation
        case "programme": action == StoreAction.publishProgramme.rawValue ? .published : .draft
        case "meeting": .meeting
        case "access": .access
        case "join-link", "attendance": .takingPart
        case "outbox": .outbox
        default: .staff
        }
    }

    /// The version a publish made ("programme version 2" → 2), if it is one.
    public var publishedVersion: Int? {
        guard area == .published, subject.hasPrefix("programme version ") else { return nil }
        return Int(subject.dropFirst("programme version ".count))
    }

    /// The delegate concerned ("delegate 12" → 12), if any.
    public var delegateID: Int64? {
        subject.hasPrefix("delegate ") ? Int64(subject.dropFirst("delegate ".count)) : nil
    }
}
