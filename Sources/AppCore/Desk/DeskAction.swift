import Localization
import MeetingModel
import Registration

/// What comes back to the registration desk: the shell's answers to its effects.
public enum DeskAction: Sendable, Equatable {
    /// The desk's page and counts.
    case loaded(rows: [Delegate], counts: [RegistrationStatus: Int])
    /// A desk action's outcome, for the message line (and a reload).
    case changed(message: Message)
    /// An account was issued: its token is shown once.
    case tokenIssued(IssuedToken)
    /// A registration and its audit trail, to show.
    case trailLoaded(Delegate, [AuditEntry])
    /// The store refused the form: its problems, each with the fields it names.
    case formRefused([FieldProblem])
    /// The form's delegate was registered (with the store's warnings).
    case added(Delegate, warnings: [Message])
    /// The edited registration was saved.
    case saved(Delegate)
    /// The store refused the edit: someone changed the record after it was read (its sentence).
    case editConflicted(Message)
    /// The registration as it is now, for the form to rebase on.
    case reloaded(Delegate)
    /// The delegation overview, computed.
    case overviewLoaded(DelegationOverview)
    /// The outbox read (and the message line to show, after an action on it).
    case outboxLoaded(OutboxView, message: Message?)
    /// A message's text for the preview.
    case messagePreviewed(id: Int64, text: String)
    /// Taking part, computed.
    case takingPartLoaded(TakingPartOverview)
    /// What a CSV import would do.
    case importPreviewed(ImportPreview)
}

/// The desk's part of `reduce`.
func reduceDesk(_ state: inout AppState, _ action: DeskAction) -> [Effect] {
    switch action {
    case .loaded(let rows, let counts):
        // Marks follow the versions listed (a record changed by this desk stays marked).
        for d in rows where state.desk.marked[d.id] != nil { state.desk.marked[d.id] = d.version }
        // The cursor stays on the same registration when it is still listed (rows added or
        // removed above it by another user), else at the same place.
        let keepID = selected(state)?.id
        let keep = state.desk.selected
        state.desk.rows = rows
        state.desk.counts = counts
        state.desk.loading = false
        state.desk.stale = false
        state.desk.selected =
            keepID.flatMap { id in rows.firstIndex { $0.id == id } } ?? min(keep, max(0, rows.count - 1))
        return []
    case .tokenIssued(let issued):
        state.desk.overlay = .token(issued)
        state.message = Message("desk.account-issued", ["username": issued.username, "name": issued.name])
        return reloadKeepingSelection(&state)
    case .outboxLoaded(let outbox, let message):
        if state.desk.outbox == nil { state.desk.outboxRow = 0 }
        var outbox = outbox
        for (id, text) in state.desk.outbox?.previews ?? [:] where outbox.rows.contains(where: { $0.id == id }) {
            outbox.previews[id] = text
        }
        state.desk.outbox = outbox
        state.desk.outboxRow = min(state.desk.outboxRow, max(0, outbox.rows.count - 1))
        if let message { state.message = message }
        guard let staff = state.staff else { return [] }
        return previewSelected(&state, staff)
    case .messagePreviewed(let id, let text):
        state.desk.outbox?.previews[id] = text
        return []
    case .takingPartLoaded(let overview):
        if state.desk.takingPart == nil { state.desk.takingPartRow = 0 }
        state.desk.takingPart = overview
        state.desk.takingPartRow = min(state.desk.takingPartRow, max(0, overview.rows.count - 1))
        return []
    case .overviewLoaded(let overview):
        if state.desk.overview == nil { state.desk.overviewRow = 0 }
        state.desk.overview = overview
        state.desk.overviewRow = min(state.desk.overviewRow, max(0, overview.rows.count - 1))
        return []
    case .importPreviewed(let preview):
        state.desk.overlay = .importPreview(preview)
        return []
    case .formRefused(let problems):
        guard var form = state.desk.form else { return [] }
        // Each problem beside the fields it names (by the store's keys, whatever the language);
        // the codes of languages are the form's interpretation field.
        let keys = Set(RegistrationForm.fields)
        for p in problems {
            let named = p.fields.map { $0 == "languages" ? "interpretation" : $0 }.filter(keys.contains)
            if named.isEmpty { form.general = p.message } else { for f in named { form.problems[f] = p } }
        }
        if let first = RegistrationForm.fields.firstIndex(where: { form.problems[$0] != nil }) { form.focus = first }
        state.desk.form = form
        return []
    case .added(let d, let warnings):
        state.desk.form = nil
        state.message = Message(
            joining: [Message("desk.registered", ["id": "\(d.id)", "name": d.displayName, "delegation": d.delegation])]
                + warnings, separator: "; ")
        guard let staff = state.staff else { return [] }
        return reload(&state, staff)
    case .saved(let d):
        state.desk.form = nil
        state.message = Message(
            "desk.saved",
            ["id": "\(d.id)", "name": d.displayName, "delegation": d.delegation, "version": "\(d.version)"])
        return reloadKeepingSelection(&state)
    case .editConflicted(let why):
        state.desk.form?.conflict = why
        return []
    case .reloaded(let current):
        guard state.desk.form != nil else { return [] }
        let both = state.desk.form!.rebase(on: current)
        state.message = Message(
            joining: [Message("desk.reloaded", ["version": "\(current.version)", "who": current.updatedBy])]
                + (both.isEmpty ? [] : [Message("desk.both-changed", ["fields": both.joined(separator: ", ")])])
                + [Message("desk.enter-saves")], separator: "")
        return []
    case .trailLoaded(let d, let trail):
        state.desk.overlay = .trail(d, trail)
        return []
    case .changed(let message):
        state.message = message
        let overview = state.desk.takingPart != nil && state.staff != nil
        return reloadKeepingSelection(&state)
            + (overview ? [.desk(.loadTakingPart(meetingID: state.staff!.meetingID))] : [])
    }
}
