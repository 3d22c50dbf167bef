import Localization
import MeetingModel
import Registration

// Live updates (issue 17 §10): the shell reads the store's changes while the screen is idle and
// hands those of other users and processes here; each open screen reloads what it shows, keeps
// its cursor on the same item, and the message line says what changed.

/// The changes of others that concern the screens open, and what to reload for them.
func storeChanged(_ state: inout AppState, _ changes: [StoreChange], omitted: Int = 0) -> [Effect] {
    if let data = state.data {
        // A delegate: their registration, their delegation's, the published programme and its
        // interpretation (a draft is never shown to a delegate, and accounts are not on screen).
        let relevant = changes.filter {
            $0.meetingID == data.meeting.id
                && ([.registrations, .interpretation, .published, .meeting].contains($0.area)
                    || ($0.area == .takingPart && $0.delegateID == data.me.id))
        }
        return relevant.isEmpty && omitted == 0 ? [] : [.views(.refresh(delegateID: data.me.id))]
    }
    guard let staff = state.staff else { return [] }
    // The shell has left out its own writes: a change by the same name is another process's
    // (the same staff member at another terminal, or a command run from a script).
    let others = changes.filter { $0.meetingID == staff.meetingID && $0.area != .access }
    guard !others.isEmpty || omitted > 0 else { return [] }
    // Changes not read could be of any kind.
    let areas = omitted > 0 ? Set(StoreChange.Area.allCases) : Set(others.map(\.area))
    var effects: [Effect] = []
    if !areas.isDisjoint(with: [.registrations, .accounts]) {
        if state.staffScreen == .desk && state.desk.form == nil {
            effects += reloadKeepingSelection(&state)
        } else {
            state.desk.stale = true
        }
    }
    if state.desk.overview != nil, !areas.isDisjoint(with: [.registrations, .accounts, .interpretation, .published]) {
        effects.append(.desk(.loadOverview(meetingID: staff.meetingID)))
    }
    if state.desk.outbox != nil, !areas.isDisjoint(with: [.outbox, .accounts]) {
        effects.append(.desk(.loadOutbox(meetingID: staff.meetingID)))
    }
    if state.desk.takingPart != nil, !areas.isDisjoint(with: [.registrations, .takingPart, .published, .meeting]) {
        effects.append(.desk(.loadTakingPart(meetingID: staff.meetingID)))
    }
    if state.staffScreen == .board, !areas.isDisjoint(with: [.interpretation, .published, .draft, .meeting]) {
        effects.append(.board(.load(meetingID: staff.meetingID)))
    }
    if state.builder.model != nil {
        if areas.contains(.published) { effects.append(.builder(.loadPublished(meetingID: staff.meetingID))) }
        if areas.contains(.draft), state.builder.solver == nil {
            effects.append(.builder(.loadDraft(meetingID: staff.meetingID)))
        }
    }
    state.message = changeSummary(others, omitted: omitted)
    return effects
}

/// "alice changed 3 registrations; bob published programme version 2", worded when shown.
func changeSummary(_ changes: [StoreChange], omitted: Int = 0) -> Message {
    func who(_ cs: [StoreChange]) -> String {
        var names: [String] = []
        for c in cs where !names.contains(c.actor) { names.append(c.actor) }
        return names.prefix(3).joined(separator: ", ") + (names.count > 3 ? ", …" : "")
    }
    var parts: [Message] = []
    let registrations = changes.filter { [.registrations, .accounts].contains($0.area) }
    if !registrations.isEmpty {
        let count = Set(registrations.map { $0.delegateID.map(String.init) ?? $0.subject }).count
        parts.append(Message("live.registrations", ["who": who(registrations)], count: count))
    }
    let interpretation = changes.filter { $0.area == .interpretation }
    if !interpretation.isEmpty { parts.append(Message("live.interpretation", ["who": who(interpretation)])) }
    let drafts = changes.filter { $0.area == .draft }
    if !drafts.isEmpty { parts.append(Message("live.draft", ["who": who(drafts)])) }
    if let last = changes.last(where: { $0.publishedVersion != nil }), let version = last.publishedVersion {
        parts.append(Message("live.published", ["who": last.actor, "version": "\(version)"]))
    }
    let takingPart = changes.filter { $0.area == .takingPart }
    if !takingPart.isEmpty { parts.append(Message("live.taking-part", ["who": who(takingPart)])) }
    let meeting = changes.filter { $0.area == .meeting }
    if !meeting.isEmpty { parts.append(Message("live.meeting", ["who": who(meeting)])) }
    if omitted > 0 { parts.append(Message("live.earlier", count: omitted)) }
    return Message(joining: parts, separator: "; ")
}

/// A signed-in delegate's screens read again: the cursors stay on the same sessions, and the
/// message line says what changed for them.
func delegateViewsRefreshed(_ state: inout AppState, _ new: MeetingData) {
    guard let old = state.data else { return }
    var keep: [Tab: String] = [:]
    for tab in [Tab.schedule, .programme] {
        var s = state
        s.views.tab = tab
        let lines = visibleLines(s)
        let row = tab == .schedule ? state.views.scheduleRow : state.views.programmeRow
        if lines.indices.contains(row) { keep[tab] = lines[row].session.id }
    }
    state.data = new
    for tab in [Tab.schedule, .programme] {
        var s = state
        s.views.tab = tab
        let lines = visibleLines(s)
        let row =
            keep[tab].flatMap { id in lines.firstIndex { $0.session.id == id } }
            ?? min(tab == .schedule ? state.views.scheduleRow : state.views.programmeRow, max(0, lines.count - 1))
        if tab == .schedule { state.views.scheduleRow = row } else { state.views.programmeRow = row }
    }
    if let join = state.views.join, !new.meeting.sessions.contains(where: { $0.id == join }) {
        state.views.join = nil
    }
    if let detail = state.views.detail, !new.meeting.sessions.contains(where: { $0.id == detail }) {
        state.views.detail = nil
    }
    var parts: [Message] = []
    if new.version != old.version || new.programme != old.programme {
        if let version = new.version {
            let moved = movedSessions(from: old, to: new)
            parts.append(
                moved == 0
                    ? Message("live.programme-published-none", ["version": "\(version)"])
                    : Message("live.programme-published", ["version": "\(version)"], count: moved))
        } else {
            parts.append(Message("live.programme-withdrawn"))
        }
    }
    if new.me != old.me { parts.append(Message("live.my-registration")) }
    if new.colleagues.map(\.id) != old.colleagues.map(\.id) { parts.append(Message("live.my-delegation")) }
    if new.requests != old.requests { parts.append(Message("live.interpretation-changed")) }
    if new.meeting != old.meeting && parts.isEmpty { parts.append(Message("live.meeting-changed")) }
    if !parts.isEmpty { state.message = Message(joining: parts, separator: "; ") }
}

/// How many of my sessions (in the new programme) start elsewhere, in another room, or were not
/// placed before.
private func movedSessions(from old: MeetingData, to new: MeetingData) -> Int {
    let before = Dictionary(old.placed.map { ($0.session.id, $0.placement) }, uniquingKeysWith: { a, _ in a })
    let mineNow = new.placed.filter(\.mine)
    let gone = old.placed.filter { p in p.mine && !new.placed.contains { $0.session.id == p.session.id } }.count
    return gone
        + mineNow.filter { p in
            guard let b = before[p.session.id] else { return true }
            return b.start != p.placement.start || b.room != p.placement.room
        }.count
}
