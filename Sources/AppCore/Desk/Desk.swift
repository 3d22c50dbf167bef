import Localization
import MeetingModel
import Rendering
import Registration
import TerminalInput

/// A staff member working in the terminal UI (the OS user is staff of the database).
public struct StaffSession: Sendable, Equatable {
    public let name: String
    public let role: Role
    public let meetingID: String
    public let meetingTitle: String
    /// The meeting's delegation codes (for the delegation filter's completion).
    public let delegations: [String]
    /// Every meeting of the database (the switcher's completion), this one included.
    public let meetings: [String]

    /// The staff screens this role may open (deny by default: a screen is listed only when the
    /// role holds the permission it needs), in Tab order.
    public var screens: [StaffScreen] { StaffScreen.allCases.filter { $0.permission.roles.contains(role) } }

    public init(
        name: String, role: Role, meetingID: String, meetingTitle: String, delegations: [String] = [],
        meetings: [String] = []
    ) {
        self.name = name
        self.role = role
        self.meetingID = meetingID
        self.meetingTitle = meetingTitle
        self.delegations = delegations
        self.meetings = meetings.isEmpty ? [meetingID] : meetings
    }
}

/// A staff screen and the permission that opens it.
public enum StaffScreen: Int, Sendable, CaseIterable {
    case desk, board, builder

    /// The screen's title in the language shown.
    public func title(_ l: Localizer) -> String {
        switch self {
        case .desk: l("staff.desk")
        case .board: l("staff.board")
        case .builder: l("staff.builder")
        }
    }

    public var permission: Permission {
        switch self {
        case .desk, .board: .readDelegates
        case .builder: .editProgramme
        }
    }
}

/// The desk's form for a new registration or an edit: fields edited by grapheme, problems
/// beside them.
public struct RegistrationForm: Sendable, Equatable {
    /// The fields' keys, in order (their labels are the catalogs' `form.field.KEY`).
    public static let fields = [
        "given_name", "family_name", "email", "delegation", "role", "bodies", "zone", "interpretation",
    ]
    /// The role's field: a choice (←/→ or space cycle, a letter jumps), not free text.
    public static let roleField = fields.firstIndex(of: "role")!
    public var values: [TextField] = Array(repeating: TextField(), count: RegistrationForm.fields.count)
    public var focus = 0
    /// Problems by field key (from the store's checks).
    public var problems: [String: FieldProblem] = [:]
    /// A problem that names no field of the form.
    public var general: Message?
    /// The registration as read, when editing one (its version is the one the save is checked against).
    public var original: Delegate?
    /// The store refused the save because someone else changed the record: its sentence; `y`
    /// reloads the current record (keeping the fields edited here), any other key goes back.
    public var conflict: Message?

    public init() {
        values[RegistrationForm.roleField] = TextField(DelegateRole.delegate.rawValue)
    }

    /// The form filled from a registration, to edit it.
    public init(editing d: Delegate) {
        original = d
        values = RegistrationForm.texts(of: d).map { TextField($0) }
    }

    /// The form's fields of a registration, in the order of `fields`.
    static func texts(of d: Delegate) -> [String] {
        [
            d.givenName, d.familyName, d.email, d.delegation, d.role.rawValue, d.attends.joined(separator: ", "),
            d.zone,
            d.interpretation ?? "",
        ]
    }

    /// The delegate the form describes: a new one, or the one read with the form's fields.
    public func delegate(meetingID: String) -> Delegate {
        let v = values.map { $0.text.trimmingCharacters(in: .whitespaces) }
        var d = original ?? Delegate(meetingID: meetingID, delegation: "", givenName: "", familyName: "", email: "")
        d.givenName = v[0]
        d.familyName = v[1]
        d.email = v[2]
        d.delegation = v[3].uppercased()
        d.role = DelegateRole(rawValue: v[4]) ?? .delegate
        d.attends = v[5].split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).map(String.init)
        d.zone = v[6]
        d.interpretation = v[7].isEmpty ? nil : v[7].lowercased()
        return d
    }

    /// The role field moved by `key` (←/→ or space cycle; a letter jumps to the next role whose
    /// name in `l` or code starts with it); false when the key is not for it.
    mutating func chooseRole(_ key: Key, _ l: Localizer) -> Bool {
        let roles = DelegateRole.allCases
        let i = roles.firstIndex { $0.rawValue == values[RegistrationForm.roleField].text } ?? 0
        let next: Int
        switch key {
        case .right, .char(" "): next = (i + 1) % roles.count
        case .left: next = (i + roles.count - 1) % roles.count
        case .char(let c):
            let initial = String(c).lowercased()
            let order = (1...roles.count).map { (i + $0) % roles.count }
            guard
                let j = order.first(where: {
                    l("role." + roles[$0].rawValue).lowercased().hasPrefix(initial)
                        || roles[$0].rawValue.hasPrefix(initial)
                })
            else { return true }
            next = j
        default: return false
        }
        values[RegistrationForm.roleField] = TextField(roles[next].rawValue)
        return true
    }

    /// The form on top of the record as it is now: the fields edited here keep their text, the
    /// others take the current values. Returns the fields that both sides changed differently.
    public mutating func rebase(on current: Delegate) -> [String] {
        guard let original else { return [] }
        let before = RegistrationForm.texts(of: original), now = RegistrationForm.texts(of: current)
        var both: [String] = []
        for i in values.indices {
            let mine = values[i].text.trimmingCharacters(in: .whitespaces)
            if mine == before[i] {
                values[i] = TextField(now[i])
            } else if now[i] != before[i], now[i] != mine {
                both.append(RegistrationForm.fields[i])
                problems[RegistrationForm.fields[i]] = FieldProblem(
                    fields: [], message: Message("form.both-changed", ["who": current.updatedBy, "value": now[i]]))
            }
        }
        self.original = current
        conflict = nil
        return both
    }
}

/// What importing a CSV file would do, shown before anything is written.
public struct ImportPreview: Sendable, Equatable {
    public let path: String
    /// "row 2: Алексей Моисеев (RU)" per registration added; "row 5: … (e-mail, zone)" per update.
    public let added: [String]
    public let updated: [String]
    public let unchanged: Int
    /// "FILE:ROW: field: message": any refusal means nothing can be imported.
    public let refused: [String]

    public init(path: String, added: [String], updated: [String], unchanged: Int, refused: [String]) {
        self.path = path
        self.added = added
        self.updated = updated
        self.unchanged = unchanged
        self.refused = refused
    }
}

/// What the desk shows over its list until a key closes it.
public enum DeskOverlay: Sendable, Equatable {
    /// A CSV import's preview: `y` imports (when nothing is refused), any other key cancels.
    case importPreview(ImportPreview)
    /// A one-time token, shown once: it is never stored and never shown again.
    case token(IssuedToken)
    /// A delegate's record and audit trail.
    case trail(Delegate, [AuditEntry])
}

/// An account just issued.
public struct IssuedToken: Sendable, Equatable {
    public let delegateID: Int64
    public let name: String
    public let username: String
    public let token: String

    public init(delegateID: Int64, name: String, username: String, token: String) {
        self.delegateID = delegateID
        self.name = name
        self.username = username
        self.token = token
    }
}

/// The registration desk: a page of delegates matching the filter, and the counts per status.
/// A problem the store found with a record, and the fields of the form it names (by the store's
/// keys: the words are the catalogs', in any language).
public struct FieldProblem: Sendable, Equatable {
    public let fields: [String]
    public let message: Message

    public init(fields: [String], message: Message) {
        self.fields = fields
        self.message = message
    }

    /// The problem beside its field: without the field names it starts with ("email: …"), which
    /// the label above it already says.
    public func besideItsField(_ l: Localizer) -> String {
        let text = message.text(l), prefix = fields.joined(separator: ", ") + ": "
        return !fields.isEmpty && text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
    }
}

/// A record as it was read: its id and version (a change is refused if it moved on meanwhile).
public struct RecordVersion: Sendable, Hashable {
    public let id: Int64
    public let version: Int

    public init(id: Int64, version: Int) {
        self.id = id
        self.version = version
    }
}

public struct DeskState: Sendable, Equatable {
    public var rows: [Delegate] = []
    public var counts: [RegistrationStatus: Int] = [:]
    public var selected = 0
    public var status: RegistrationStatus?
    public var delegation: String?
    public var overlay: DeskOverlay?
    public var form: RegistrationForm?
    /// Folded search text, if any (applied by the store: accents and case ignored).
    public var search: String?
    public var loading = false
    /// Registrations marked with space (id → version when marked): `a`, `r` and `w` act on all
    /// of them. Marks outlive a search or a filter, so a list can be gathered from several.
    public var marked: [Int64: Int] = [:]
    /// Another user changed registrations while the desk was not shown: read again when it is.
    public var stale = false
    public var board: BoardData?
    /// The delegation overview, when open (in place of the list), and its selected row.
    public var overview: DelegationOverview?
    public var overviewRow = 0
    /// Taking part (issue 19), when open in place of the list: per session, personal links and
    /// attendance; and its selected row.
    public var takingPart: TakingPartOverview?
    public var takingPartRow = 0
    /// The outbox (issue 20), when open in place of the list, and its selected row.
    public var outbox: OutboxView?
    public var outboxRow = 0
    /// The board's cursor: a session row and a language column.
    public var boardRow = 0
    public var boardColumn = 0

    public init() {}

    /// Rows asked for: one page to start with; scrolling to its end asks for the next one (a
    /// key re-reads only what can be reached soon, not every registration that matches).
    public static let page = 200
    public var limit = DeskState.page

    /// No search and no filter: the desk lists every registration of the meeting.
    public var isUnfiltered: Bool { search == nil && status == nil && delegation == nil }

    /// Whether more rows match than were read.
    public var more: Bool { rows.count >= limit }

    /// The query the desk shows.
    public func query(meetingID: String) -> DelegateQuery {
        DelegateQuery(meetingID: meetingID, delegation: delegation, status: status, search: search, limit: limit)
    }
}

/// Keys of the desk (staff only).
extension KeyBindings {
    public static let desk: [KeyBinding] = [
        KeyBinding(
            command: .deskMark, keys: [.char(" ")],
            help: "mark or unmark it (a, r, w then act on every marked one; Esc clears the marks)",
            context: .lists),
        KeyBinding(
            command: .deskApprove, keys: [.char("a")], help: "approve the selected registration", context: .lists),
        KeyBinding(command: .deskReject, keys: [.char("r")], help: "reject it (with a reason)", context: .lists),
        KeyBinding(command: .deskWithdraw, keys: [.char("w")], help: "withdraw it (with a reason)", context: .lists),
        KeyBinding(command: .deskStatusFilter, keys: [.char("s")], help: "filter by status (cycles)", context: .lists),
        KeyBinding(
            command: .deskDelegationFilter, keys: [.char("f")], help: "filter by delegation (empty: all)",
            context: .lists),
        KeyBinding(
            command: .deskIssueAccount, keys: [.char("i")], help: "issue the account (token shown once)",
            context: .lists),
        KeyBinding(
            command: .deskUnlockAccount, keys: [.char("U")], help: "clear the sign-in waits of its account",
            context: .lists),
        KeyBinding(command: .deskTrail, keys: [.enter], help: "the registration and its audit trail", context: .lists),
        KeyBinding(command: .deskNew, keys: [.char("n")], help: "register a new delegate (form)", context: .lists),
        KeyBinding(
            command: .deskEdit, keys: [.char("e")], help: "edit the selected registration (form)", context: .lists),
        KeyBinding(
            command: .deskImport, keys: [.char("I")], help: "import a delegation's CSV list (preview, then y)",
            context: .lists),
        KeyBinding(
            command: .deskOverview, keys: [.char("o")],
            help: "delegations: registered against bodies and capacity (o or Esc closes)", context: .lists),
        KeyBinding(
            command: .deskOutbox, keys: [.char("m")],
            help: "messages: the outbox (s send, c cancel, R retry, C compose change notices; m or Esc closes)",
            context: .lists),
        KeyBinding(
            command: .deskTakingPart, keys: [.char("p")],
            help: "taking part: personal links and attendance per session (p or Esc closes)", context: .lists),
        KeyBinding(
            command: .staffNextScreen, keys: [.tab],
            help: "next staff screen (desk, board, builder: as the role allows)", context: .global),
        KeyBinding(
            command: .staffMeeting, keys: [.char("M")], help: "another meeting of the database (:meeting ID)",
            context: .global),
        KeyBinding(
            command: .staffCommand, keys: [.char(":")], help: "command (:meeting ID, :password, :q, :help)",
            context: .global),
    ]
}

/// Reduces a key on the desk; nil when the key is not a desk command (the caller goes on).
func deskKey(_ state: inout AppState, _ key: Key) -> [Effect]? {
    guard let staff = state.staff else { return nil }
    if state.desk.form != nil { return formKey(&state, key, staff) }
    if let overlay = state.desk.overlay {
        // Any key closes the overlay (a token is then gone for good); a preview imports on `y`.
        state.desk.overlay = nil
        if case .importPreview(let preview) = overlay {
            guard KeyBindings.command(for: key, in: KeyBindings.confirm) == .confirmYes, preview.refused.isEmpty,
                !(preview.added.isEmpty && preview.updated.isEmpty)
            else {
                state.message = Message("desk.nothing-imported", ["path": preview.path])
                return []
            }
            return [.desk(.confirmImport(path: preview.path, meetingID: staff.meetingID))]
        }
        return []
    }
    let count = state.desk.rows.count
    if key == .tab || key == .backTab {
        let screens = staff.screens
        let i = screens.firstIndex(of: state.staffScreen) ?? 0
        return open(&state, screens[(i + (key == .tab ? 1 : screens.count - 1)) % screens.count], staff)
    }
    if key == .char("M") || key == .char(":") {
        state.prompt = Prompt(key == .char(":") ? .command : .meeting)
        if key == .char("M") { state.prompt!.completions = staff.meetings }
        return []
    }
    if state.staffScreen == .builder { return builderKey(&state, key) }
    if state.staffScreen == .board { return boardKey(&state, key, staff) }
    let command = (KeyBindings.desk + KeyBindings.table).first(where: {
        $0.keys.contains(key) && ($0.context == .lists || $0.context == .global)
    })?.command
    if let outbox = state.desk.outbox {
        if let row = cursorTarget(
            command, from: state.desk.outboxRow, count: outbox.rows.count, page: max(1, state.height - 14))
        {
            state.desk.outboxRow = row
            return previewSelected(&state, staff)
        }
        let selected = outbox.rows.indices.contains(state.desk.outboxRow) ? outbox.rows[state.desk.outboxRow] : nil
        switch key {
        case .char("s"): return [.desk(.sendOutbox(meetingID: staff.meetingID))]
        case .char("C"): return [.desk(.composeNotices(meetingID: staff.meetingID))]
        case .char("c"):
            guard let selected else { return [] }
            return [.desk(.changeMessage(id: selected.id, cancel: true, meetingID: staff.meetingID))]
        case .char("R"):
            guard let selected else { return [] }
            return [.desk(.changeMessage(id: selected.id, cancel: false, meetingID: staff.meetingID))]
        default: break
        }
        switch command {
        case .deskOutbox, .listClose: state.desk.outbox = nil
        case .appQuit: state.quitting = true; return [.quit]
        case .appHelp: state.showHelp = true
        default: break
        }
        return []
    }
    if let overview = state.desk.takingPart {
        if let row = cursorTarget(
            command, from: state.desk.takingPartRow, count: overview.rows.count, page: max(1, state.height - 12))
        {
            state.desk.takingPartRow = row
            return []
        }
        switch command {
        case .deskTakingPart, .listClose: state.desk.takingPart = nil
        case .appQuit: state.quitting = true; return [.quit]
        case .appHelp: state.showHelp = true
        default: break
        }
        return []
    }
    if let overview = state.desk.overview {
        if let row = cursorTarget(
            command, from: state.desk.overviewRow, count: overview.rows.count, page: max(1, state.height - 12))
        {
            state.desk.overviewRow = row
            return []
        }
        switch command {
        case .deskOverview, .listClose: state.desk.overview = nil
        case .appQuit: state.quitting = true; return [.quit]
        case .appHelp: state.showHelp = true
        default: break
        }
        return []
    }
    if let row = cursorTarget(command, from: state.desk.selected, count: count, page: max(1, state.height - 8)) {
        state.desk.selected = row
        return readMoreIfAtTheEnd(&state, staff)
    }
    if let command {
        switch command {
        case .searchStart: state.prompt = Prompt(.search)
        case .listClose:
            if !state.desk.marked.isEmpty { state.desk.marked = [:]; return [] }
            guard state.desk.search != nil else { return [] }
            state.desk.search = nil
            return reload(&state, staff)
        case .deskStatusFilter:
            let order: [RegistrationStatus?] = [nil] + RegistrationStatus.allCases.map { $0 }
            let i = order.firstIndex(of: state.desk.status) ?? 0
            state.desk.status = order[(i + 1) % order.count]
            return reload(&state, staff)
        case .deskDelegationFilter:
            state.prompt = Prompt(.delegation)
            state.prompt!.completions = staff.delegations
        case .deskNew:
            state.desk.form = RegistrationForm()
        case .deskEdit:
            guard let d = selected(state) else { return [] }
            state.desk.form = RegistrationForm(editing: d)
        case .deskImport:
            state.prompt = Prompt(.importFile)
        case .deskOverview:
            return [.desk(.loadOverview(meetingID: staff.meetingID))]
        case .deskTakingPart:
            return [.desk(.loadTakingPart(meetingID: staff.meetingID))]
        case .deskOutbox:
            return [.desk(.loadOutbox(meetingID: staff.meetingID))]
        case .deskIssueAccount:
            guard let d = selected(state) else { return [] }
            return [.desk(.issueAccount(id: d.id, meetingID: staff.meetingID))]
        case .deskUnlockAccount:
            guard let d = selected(state) else { return [] }
            return [.desk(.clearSignInWaits(id: d.id, meetingID: staff.meetingID))]
        case .deskTrail:
            guard let d = selected(state) else { return [] }
            return [.desk(.loadTrail(id: d.id, meetingID: staff.meetingID))]
        case .deskMark:
            guard let d = selected(state) else { return [] }
            if state.desk.marked.removeValue(forKey: d.id) == nil { state.desk.marked[d.id] = d.version }
            state.desk.selected = min(state.desk.selected + 1, max(0, count - 1))
            return readMoreIfAtTheEnd(&state, staff)
        case .deskApprove:
            let targets = statusTargets(state)
            guard !targets.isEmpty else { return [] }
            state.desk.marked = [:]
            return [.desk(.changeStatus(targets, meetingID: staff.meetingID, to: .approved, reason: ""))]
        case .deskReject, .deskWithdraw:
            let targets = statusTargets(state)
            guard !targets.isEmpty else { return [] }
            state.prompt = Prompt(.reason(targets: targets, status: command == .deskReject ? .rejected : .withdrawn))
        case .appQuit: state.quitting = true; return [.quit]
        case .appHelp: state.showHelp = true
        default: break
        }
        return []
    }
    return []
}

/// Opens a staff screen, loading what it shows.
func open(_ state: inout AppState, _ screen: StaffScreen, _ staff: StaffSession) -> [Effect] {
    guard staff.screens.contains(screen) else { return [] }
    state.staffScreen = screen
    switch screen {
    case .desk: return state.desk.rows.isEmpty || state.desk.stale ? reloadKeepingSelection(&state) : []
    case .board: return [.board(.load(meetingID: staff.meetingID))]
    case .builder: return state.builder.model == nil ? [.builder(.load(meetingID: staff.meetingID))] : []
    }
}

/// What `a`, `r` and `w` act on: the marked registrations (by id), else the selected one.
func statusTargets(_ state: AppState) -> [RecordVersion] {
    if !state.desk.marked.isEmpty {
        return state.desk.marked.sorted { $0.key < $1.key }.map { RecordVersion(id: $0.key, version: $0.value) }
    }
    return selected(state).map { [RecordVersion(id: $0.id, version: $0.version)] } ?? []
}

func selected(_ state: AppState) -> Delegate? {
    state.desk.rows.indices.contains(state.desk.selected) ? state.desk.rows[state.desk.selected] : nil
}

/// The cursor on the last row read while more match: the next page is read (the rows read so
/// far and the cursor stay).
func readMoreIfAtTheEnd(_ state: inout AppState, _ staff: StaffSession) -> [Effect] {
    guard state.desk.more, !state.desk.loading, state.desk.selected >= state.desk.rows.count - 1 else { return [] }
    state.desk.limit += DeskState.page
    state.desk.loading = true
    return [.desk(.load(state.desk.query(meetingID: staff.meetingID)))]
}

/// Reloads the desk after a change, the cursor staying where it was.
func reloadKeepingSelection(_ state: inout AppState) -> [Effect] {
    guard let staff = state.staff else { return [] }
    let keep = state.desk.selected, limit = state.desk.limit
    state.desk.loading = true
    state.desk.limit = max(limit, DeskState.page)
    state.desk.selected = keep
    return [.desk(.load(state.desk.query(meetingID: staff.meetingID)))]
}

func reload(_ state: inout AppState, _ staff: StaffSession) -> [Effect] {
    state.desk.loading = true
    state.desk.selected = 0
    state.desk.limit = DeskState.page
    return [.desk(.load(state.desk.query(meetingID: staff.meetingID)))]
}

/// Keys in the registration form: typing edits the focused field; Tab and arrows move; Enter
/// moves on, and on the last field submits; Esc cancels without writing anything. After the
/// store's concurrent-edit refusal, `y` reloads the record and any other key goes back to the form.
func formKey(_ state: inout AppState, _ key: Key, _ staff: StaffSession) -> [Effect] {
    var form = state.desk.form!
    defer { if state.desk.form != nil { state.desk.form = form } }
    if form.conflict != nil, let original = form.original {
        form.conflict = nil
        guard KeyBindings.command(for: key, in: KeyBindings.confirm) == .confirmYes else {
            state.message = Message("desk.edits-kept"); return []
        }
        return [.desk(.reload(id: original.id, meetingID: staff.meetingID))]
    }
    let n = RegistrationForm.fields.count
    // The form's keys are its binding table's (what the help lists is what runs); the role's
    // choice field takes its keys first, any other key edits the focused field's text.
    let onRole = form.focus == RegistrationForm.roleField
    switch KeyBindings.command(for: key, in: KeyBindings.form.filter { onRole || $0.command != .formChoose }) {
    case .formCancel:
        state.desk.form = nil
        state.message = Message(form.original == nil ? "desk.nothing-registered" : "desk.nothing-saved")
        return []
    case .formChoose: _ = form.chooseRole(key, state.l10n)
    case .formNext: form.focus = (form.focus + 1) % n
    case .formPrevious: form.focus = (form.focus + n - 1) % n
    case .formSubmit:
        if form.focus < n - 1 { form.focus += 1; return [] }
        form.problems = [:]
        form.general = nil
        let d = form.delegate(meetingID: staff.meetingID)
        if let original = form.original {
            guard d != original else {
                state.desk.form = nil; state.message = Message("desk.nothing-changed"); return []
            }
            return [.desk(.save(d))]
        }
        return [.desk(.add(d))]
    default:
        if onRole {
            _ = form.chooseRole(key, state.l10n)  // a letter jumps to a role
        } else {
            form.values[form.focus].edit(with: key)
        }
    }
    return []
}

/// The outbox's selected message read for its preview, unless it is read already.
func previewSelected(_ state: inout AppState, _ staff: StaffSession) -> [Effect] {
    guard let outbox = state.desk.outbox, outbox.rows.indices.contains(state.desk.outboxRow) else { return [] }
    let id = outbox.rows[state.desk.outboxRow].id
    return outbox.previews[id] == nil ? [.desk(.previewMessage(id: id, meetingID: staff.meetingID))] : []
}
