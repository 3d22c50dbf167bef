import AppCore
import Localization
import MeetingModel
import Rendering
import Screens
import Store
import TerminalInput
import Testing

/// The registration desk's keys (staff) and the proof that a delegate never reaches it.
@Suite struct DeskTests {
    static let staff = StaffSession(
        name: "amina", role: .asm, meetingID: Fixtures.meeting.id, meetingTitle: Fixtures.meeting.title,
        delegations: Fixtures.meeting.delegations.map(\.code))

    func desk() -> AppState {
        var s = AppState(width: 100, height: 30, now: Fixtures.now)
        #expect(
            reduce(&s, .staffStarted(Self.staff)) == [
                .desk(.load(DelegateQuery(meetingID: Fixtures.meeting.id, limit: 200)))
            ])
        var wang = Fixtures.wang
        wang.status = .submitted
        wang.version = 3
        _ = reduce(
            &s,
            .desk(
                .loaded(rows: [Fixtures.alexey, wang, Fixtures.mohammed], counts: [.submitted: 1, .accountIssued: 2])))
        return s
    }

    @Test func theDeskListsCountsSearchesFiltersAndActs() {
        var s = desk()
        let screen = render(s).lines
        #expect(screen[0].hasPrefix(" Registration desk   Interpretation board"))
        #expect(screen[1].hasPrefix("Registration desk · Kimberley Process Intersessional Meeting 2021 (virtual)"))
        #expect(screen[2] == "submitted 1 · approved 0 · account-issued 2 · rejected 0 · withdrawn 0")
        #expect(
            screen[5].contains("Алексей Моисеев") && screen[6].contains("王小明") && screen[7].contains("محمد بن سلمان"))
        // Search as you type, through the store (accents and case are its business).
        #expect(
            Fixtures.type("/wa", into: &s) == [
                .desk(.load(DelegateQuery(meetingID: Fixtures.meeting.id, search: "w", limit: 200))),
                .desk(.load(DelegateQuery(meetingID: Fixtures.meeting.id, search: "wa", limit: 200))),
            ])
        _ = Fixtures.type("\u{1B}", into: &s)
        #expect(s.desk.search == nil)
        // Status filter cycles.
        #expect(
            Fixtures.type("s", into: &s) == [
                .desk(.load(DelegateQuery(meetingID: Fixtures.meeting.id, status: .submitted, limit: 200)))
            ])
        _ = reduce(
            &s,
            .desk(
                .loaded(
                    rows: [
                        {
                            var w = Fixtures.wang; w.status = .submitted; w.version = 3; return w
                        }()
                    ], counts: [.submitted: 1])))
        // Approve the selected one, at the version read.
        #expect(
            Fixtures.type("a", into: &s) == [
                .desk(
                    .changeStatus(
                        [RecordVersion(id: 3, version: 3)], meetingID: Fixtures.meeting.id, to: .approved, reason: ""))
            ])
        // Reject needs a reason.
        #expect(Fixtures.type("r\r", into: &s).isEmpty)
        #expect(s.shown == "a rejected registration needs a reason; nothing changed")
        #expect(
            Fixtures.type("rduplicate of 12\r", into: &s) == [
                .desk(
                    .changeStatus(
                        [RecordVersion(id: 3, version: 3)], meetingID: Fixtures.meeting.id, to: .rejected,
                        reason: "duplicate of 12"))
            ])
        _ = reduce(&s, .desk(.changed(message: Message(verbatim: "delegate 3 (王小明): rejected"))))
        #expect(render(s).lines[28] == "delegate 3 (王小明): rejected")
    }

    @Test func delegationFilterTokenShownOnceAndTrail() {
        var s = desk()
        let id = Fixtures.meeting.id
        _ = Fixtures.type("f", into: &s)
        #expect(s.prompt?.completions.count == Fixtures.meeting.delegations.count)
        _ = Fixtures.type("g", into: &s)
        #expect(
            s.prompt?.completions
                == ["GA", "GH", "GN", "GY", "GB"].filter { Fixtures.meeting.delegations.map(\.code).contains($0) }
                .sorted { a, b in
                    Fixtures.meeting.delegations.firstIndex { $0.code == a }! < Fixtures.meeting.delegations.firstIndex
                    { $0.code == b }!
                })
        #expect(
            Fixtures.type("h\r", into: &s) == [.desk(.load(DelegateQuery(meetingID: id, delegation: "GH", limit: 200)))]
        )
        #expect(render(s).lines[3].hasPrefix("status: all · delegation: GH"))
        _ = Fixtures.type("fzz\r", into: &s)
        #expect(s.shown == "no delegation 'zz' in this meeting" && s.desk.delegation == "GH")
        #expect(Fixtures.type("f\r", into: &s) == [.desk(.load(DelegateQuery(meetingID: id, limit: 200)))])
        _ = reduce(&s, .desk(.loaded(rows: [Fixtures.alexey], counts: [:])))
        // Issue: the token appears once, and any key takes it away for good.
        #expect(Fixtures.type("i", into: &s) == [.desk(.issueAccount(id: 1, meetingID: id))])
        _ = reduce(
            &s,
            .desk(
                .tokenIssued(
                    IssuedToken(
                        delegateID: 1, name: "Алексей Моисеев", username: "amoiseev", token: "ABCDE-FGHIJ-KLMNO-PQRST"))
            ))
        #expect(render(s).text.contains("one-time token: ABCDE-FGHIJ-KLMNO-PQRST"))
        #expect(Fixtures.type("j", into: &s).isEmpty)
        #expect(!render(s).text.contains("ABCDE-FGHIJ") && s.desk.overlay == nil)
        // The trail of the selected registration.
        #expect(Fixtures.type("\r", into: &s) == [.desk(.loadTrail(id: 1, meetingID: id))])
        _ = reduce(
            &s,
            .desk(
                .trailLoaded(
                    Fixtures.alexey,
                    [
                        AuditEntry(
                            at: Instant(seconds: 1_624_269_600), actor: "amina", action: "delegate.approved",
                            meetingID: id, subject: "delegate 1", before: "", after: "")
                    ])))
        #expect(
            render(s).text.contains("2021-06-21T10:00:00Z amina delegate.approved")
                || render(s).text.contains("amina delegate.approved"))
    }

    @Test func theDeskReadsAPageAtATimeAsTheCursorReachesItsEnd() {
        var s = desk()
        let id = Fixtures.meeting.id
        let page = (1...DeskState.page).map { i in Fixtures.delegate("GH", "Given\(i)", "Family", id: Int64(i)) }
        _ = reduce(&s, .desk(.loaded(rows: page, counts: [.submitted: 450])))
        #expect(render(s).text.contains("200+ shown"))
        // j short of the end reads nothing; G (the last row read) asks for the next page, keeping the rows and the cursor.
        #expect(Fixtures.type("jjj", into: &s).isEmpty)
        #expect(Fixtures.type("G", into: &s) == [.desk(.load(DelegateQuery(meetingID: id, limit: 400)))])
        // one read at a time
        #expect(s.desk.selected == 199 && s.desk.rows.count == 200 && Fixtures.type("G", into: &s).isEmpty)
        _ = reduce(&s, .desk(.loaded(rows: page + page.prefix(50), counts: [.submitted: 450])))
        #expect(s.desk.selected == 199 && !s.desk.more && render(s).text.contains("250 shown"))
        #expect(Fixtures.type("G", into: &s).isEmpty && s.desk.selected == 249)
        // A new filter starts again from one page.
        #expect(
            Fixtures.type("s", into: &s) == [.desk(.load(DelegateQuery(meetingID: id, status: .submitted, limit: 200)))]
        )
    }

    @Test func theFormRegistersAndShowsProblemsBesideTheirFields() {
        var s = desk()
        _ = Fixtures.type("n", into: &s)
        #expect(render(s).text.contains("New registration"))
        // Typing edits the focused field by grapheme; Enter moves on, and on the last field submits.
        let effects = Fixtures.type("Алексей\rМоисеев\ra.moiseev@mid\rru\r\r\r\r\r", into: &s)
        #expect(
            effects == [
                .desk(
                    .add(
                        Delegate(
                            meetingID: Fixtures.meeting.id, delegation: "RU", givenName: "Алексей",
                            familyName: "Моисеев",
                            email: "a.moiseev@mid")))
            ])
        _ = reduce(
            &s,
            .desk(
                .formRefused([
                    FieldProblem(
                        fields: ["email"],
                        message: Message(
                            verbatim: "email: the domain of 'a.moiseev@mid' is not a domain (e.g. mfa.gov.za)")
                    )
                ])))
        #expect(s.desk.form?.focus == 2)
        #expect(render(s).text.contains("E-mail: the domain of 'a.moiseev@mid' is not a domain"))
        _ = Fixtures.type(".ru\r\r\r\r\r\r", into: &s)
        _ = reduce(&s, .desk(.added(Fixtures.alexey, warnings: [])))
        #expect(s.desk.form == nil && s.shown == "delegate 1 registered: Алексей Моисеев (RU)")
        // Esc cancels and writes nothing.
        _ = Fixtures.type("nX\u{1B}", into: &s)
        #expect(s.desk.form == nil && s.shown == "nothing registered")
    }

    /// Issue 17 §17: the form has the role (a choice: →, space or a letter) and the bodies or
    /// sessions attended (codes); the store's refusal of a code shows beside that field.
    @Test func theFormTakesTheRoleAndTheBodiesAttended() {
        var s = desk()
        _ = Fixtures.type("nNeo\rKgosi\rn@k.bw\rBW\r", into: &s)
        #expect(render(s).text.contains("◂ delegate ▸"))
        _ = Fixtures.type("a", into: &s)  // the next role starting with a: alternate
        #expect(render(s).text.contains("◂ alternate ▸"))
        _ = Fixtures.type("\u{1B}[D", into: &s)  // ←: head of delegation
        var expected = Delegate(
            meetingID: Fixtures.meeting.id, delegation: "BW", givenName: "Neo", familyName: "Kgosi", email: "n@k.bw")
        expected.role = .headOfDelegation
        expected.attends = ["WGS", "S03"]
        #expect(Fixtures.type("\rWGS, S03\r\r\r", into: &s) == [.desk(.add(expected))])
        _ = reduce(
            &s,
            .desk(
                .formRefused([
                    FieldProblem(
                        fields: ["bodies"],
                        message: Message(
                            verbatim: "bodies: 'S99' is neither a body nor a session of kp-2021-intersessional"))
                ])))
        #expect(s.desk.form?.focus == RegistrationForm.fields.firstIndex(of: "bodies"))
        #expect(render(s).text.contains("Bodies or sessions attended"))
        // Editing shows the registration's role and bodies.
        var adviser = Fixtures.wang
        adviser.role = .adviser
        #expect(RegistrationForm(editing: adviser).delegate(meetingID: Fixtures.meeting.id) == adviser)
    }

    @Test func theFormEditsAtTheVersionReadAndOffersAReloadWhenRefused() {
        var s = desk()
        var alexey = Fixtures.alexey
        alexey.version = 2
        _ = reduce(&s, .desk(.loaded(rows: [alexey], counts: [:])))
        _ = Fixtures.type("e", into: &s)
        #expect(render(s).text.contains("Edit delegate 1 (version 2)"))
        // Nothing typed: Enter through the fields saves nothing.
        #expect(
            Fixtures.type("\r\r\r\r\r\r\r\r", into: &s).isEmpty && s.desk.form == nil && s.shown == "nothing changed")
        var edited = alexey
        edited.email = "alexey@mid.ru"
        #expect(Fixtures.type("e\t\t\u{15}alexey@mid.ru\t\t\t\t\t\r", into: &s) == [.desk(.save(edited))])
        _ = reduce(
            &s,
            .desk(
                .editConflicted(
                    Message(
                        verbatim:
                            "delegate 1 was changed by amina at 2021-06-21T10:00:00Z after you read it (version 2, now 3); changed: family_name"
                    ))))
        #expect(render(s).text.contains("Reload? y"))
        // Any key but y goes back to the form with the edits; y asks for the record as it is now.
        _ = Fixtures.type("x", into: &s)
        #expect(s.desk.form?.conflict == nil && s.desk.form?.values[2].text == "alexey@mid.ru")
        _ = reduce(&s, .desk(.editConflicted(Message(verbatim: "changed"))))
        #expect(Fixtures.type("y", into: &s) == [.desk(.reload(id: 1, meetingID: Fixtures.meeting.id))])
        var now = alexey
        now.version = 3
        now.familyName = "Моисеев-Тверской"
        now.email = "moiseev@mid.ru"
        now.updatedBy = "amina"
        _ = reduce(&s, .desk(.reloaded(now)))
        // The family name comes in; the e-mail both changed: ours is kept and the field says so.
        #expect(
            s.desk.form?.values.map(\.text) == [
                "Алексей", "Моисеев-Тверской", "alexey@mid.ru", "RU", "delegate", "", alexey.zone, "fr",
            ])
        #expect(
            s.desk.form?.problems["email"]?.besideItsField(.english)
                == "also changed by amina to 'moiseev@mid.ru'; yours is kept")
        #expect(s.shown?.contains("both changed email: check") == true)
        var expected = now
        expected.email = "alexey@mid.ru"
        #expect(Fixtures.type("\r", into: &s) == [.desk(.save(expected))])
        _ = reduce(&s, .desk(.saved(expected)))
        #expect(s.desk.form == nil)
        // Esc leaves an edit without saving.
        _ = Fixtures.type("eX\u{1B}", into: &s)
        #expect(s.desk.form == nil && s.shown == "nothing saved")
    }

    @Test func theDelegationOverviewCountsRegistrationsAgainstBodiesAndSessionsAtOnce() throws {
        let meeting = Fixtures.meeting, programme = Fixtures.programme
        // Independent peak: minute by minute, the sessions each delegation attends at once.
        func peak(_ code: String) -> Int {
            var load: [Int: Int] = [:]
            for p in programme.placements {
                let session = try! #require(meeting.session(p.sessionID))
                guard meeting.attendees(of: session).contains(code) else { continue }
                for m in p.start.minutes..<(p.start.minutes + session.durationMinutes) { load[m, default: 0] += 1 }
            }
            return load.values.max() ?? 0
        }
        let crowded = try #require(meeting.delegations.map(\.code).max { peak($0) < peak($1) })
        #expect(peak(crowded) >= 2, "the sample has parallel sessions")
        var rejected = Fixtures.delegate(crowded, "Rejected", "Person", id: 7)
        rejected.status = .rejected
        let onlyWGS = Fixtures.delegate(crowded, "Sits", "InWGS", id: 8, attends: ["WGS"])
        let overview = try DelegationOverview(
            meeting: meeting, delegates: [onlyWGS, rejected, Fixtures.wang], programme: programme,
            programmeLabel: "the draft")
        let row = try #require(overview.rows.first { $0.code == crowded })
        #expect(
            row.active == 1 && row.counts == [.accountIssued: 1, .rejected: 1] && row.peak == peak(crowded) && row.short
        )
        for seat in row.bodies { #expect(seat.sitting == (seat.body == "WGS" ? 1 : 0), "\(seat.body)") }
        #expect(
            Set(row.bodies.map(\.body))
                == Set(
                    meeting.bodies.filter {
                        if case .delegations(let codes) = $0.members { codes.contains(crowded) } else { false }
                    }.map(\.id)))
        #expect(
            overview.rows.prefix { $0.short }.count == overview.rows.filter(\.short).count, "short delegations first")
        for r in overview.rows { #expect(r.peak == peak(r.code), "\(r.code)") }
        let name = try #require(meeting.delegation(crowded)?.name)
        let warnings = overview.warnings.map { $0.text(.english) }
        // Two delegations are short at once (Angola and China), so the sentence lists them.
        #expect(
            warnings.contains { $0.contains("\(name) (1)") && $0.hasSuffix("have fewer delegates than sessions") },
            "\(warnings)")
        // A delegation with nobody registered keeps the agenda's figure: no capacity warning for it.
        let unregistered = overview.rows.filter { $0.active == 0 && $0.peak >= 2 && $0.planned >= $0.peak }
        #expect(!unregistered.isEmpty && overview.rows.filter { $0.active == 0 }.allSatisfy { !$0.short })
        for r in unregistered { #expect(!warnings.contains { $0.contains(r.name) }, "\(r.name)") }
        // On the desk: o opens it in place of the list, j moves, Esc closes.
        var s = desk()
        #expect(Fixtures.type("o", into: &s) == [.desk(.loadOverview(meetingID: meeting.id))])
        _ = reduce(&s, .desk(.overviewLoaded(overview)))
        var wide = s
        wide.width = 120
        wide.height = 40
        let screen = render(wide).text
        #expect(screen.contains("Delegations · the draft · registrations against bodies"))
        #expect(screen.contains("SHORT") && screen.contains("Capacity with the delegates registered"))
        _ = Fixtures.type("jj", into: &s)
        #expect(s.desk.overviewRow == 2)
        _ = Fixtures.type("\u{1B}", into: &s)
        #expect(s.desk.overview == nil && render(s).text.contains("ID DELEGATION"))
    }

    /// Taking part (issue 19): p opens, per session in programme order, the links attendees have
    /// and, with a participant report, the Participants present and the quorum; the selected
    /// session's attendees without a link below.
    @Test func takingPartShowsLinksAttendanceAndQuorumPerSession() throws {
        let meeting = Fixtures.meeting
        var d1 = Fixtures.delegate("GH", "Kwame", "Mensah", id: 1)
        d1.status = .approved
        var d2 = Fixtures.delegate("RU", "Алексей", "Моисеев", id: 2)
        d2.status = .approved
        var d3 = Fixtures.delegate("WDC", "Ana", "Lima", id: 3)
        d3.status = .approved
        let overview = TakingPartOverview(
            meeting: meeting, delegates: [d1, d2, d3],
            links: [StoredLinkSummary(delegateID: 1, link: PersonalLink(scope: .meeting, url: "https://x.example/k"))],
            revokedToCancel: 2, programme: Fixtures.programme,
            presences: [
                Presence(session: "S03", delegateID: 1, delegation: "GH", minutes: 90),
                Presence(session: "S03", delegateID: 3, delegation: "WDC", minutes: 60),
            ], recorded: ["S03"])
        let s03 = try #require(overview.rows.first { $0.links.session.id == "S03" })
        #expect(s03.links.withLink == 1 && s03.links.without.map(\.delegation) == ["RU", "WDC"])
        #expect(s03.attendance?.participantsPresent == ["GH"] && s03.attendance?.othersPresent == ["WDC"])
        #expect(s03.attendance?.quorumMet == false && s03.attendance?.quorumNeeded == 14)
        #expect(overview.rows.filter { $0.attendance != nil }.count == 1, "only S03 has a report")
        var s = desk()
        #expect(Fixtures.type("p", into: &s) == [.desk(.loadTakingPart(meetingID: meeting.id))])
        _ = reduce(&s, .desk(.takingPartLoaded(overview)))
        let row = try #require(overview.rows.firstIndex { $0.links.session.id == "S03" })
        _ = Fixtures.type(String(repeating: "j", count: row), into: &s)
        let screen = render(s)
        #expect(screen.fits())
        let text = screen.text
        #expect(text.contains("2 revoked links to cancel on the platform"), "\(text)")
        #expect(
            screen.lines.contains {
                $0.hasPrefix("S03") && $0.contains("1/3") && $0.contains("1/21") && $0.contains("NOT met (14 needed)")
            }, "\(text)")
        #expect(text.contains("S03: no personal link: Алексей Моисеев (RU), Ana Lima (WDC)"), "\(text)")
        #expect(text.contains("Participants present: GH. Observers and guests: WDC"), "\(text)")
        _ = Fixtures.type("\u{1B}", into: &s)
        #expect(s.desk.takingPart == nil && render(s).text.contains("ID DELEGATION"))
    }

    /// The outbox (issue 20): m opens it; the selected message's text is read for its preview;
    /// s sends, C composes the change notices, c cancels and R retries the selected one.
    @Test func theOutboxListsMessagesPreviewsTheSelectedOneAndActsOnIt() throws {
        let id = Fixtures.meeting.id
        var s = desk()
        #expect(Fixtures.type("m", into: &s) == [.desk(.loadOutbox(meetingID: id))])
        let outbox = OutboxView(rows: [
            .init(
                id: 3, kind: "change-notice", state: "failed", recipient: "a@mid.ru", subject: "v2",
                lastError: "relay refused"),
            .init(
                id: 2, kind: "account-letter", state: "sent", recipient: "w@x.cn", subject: "Your account",
                lastError: ""),
        ])
        #expect(
            reduce(&s, .desk(.outboxLoaded(outbox, message: nil))) == [.desk(.previewMessage(id: 3, meetingID: id))])
        _ = reduce(&s, .desk(.messagePreviewed(id: 3, text: "Уважаемый Алексей Моисеев!\n\nS03 moved.")))
        let screen = render(s)
        #expect(screen.fits())
        #expect(screen.text.contains("failed 1 · sent 1"), "\(screen.text)")
        #expect(screen.lines.contains { $0.contains("change-notice") && $0.contains("relay refused") })
        #expect(screen.text.contains("Уважаемый Алексей Моисеев!"))
        // Its key bar names its own keys, not the list's it opened over.
        let bar = screen.lines[screen.lines.count - 1]
        #expect(bar.hasPrefix("? help  q quit  j/k message  s send  m/Esc close  c cancel"), "\(bar)")
        #expect(!bar.contains("n new"), "\(bar)")
        #expect(Fixtures.type("j", into: &s) == [.desk(.previewMessage(id: 2, meetingID: id))])
        #expect(Fixtures.type("k", into: &s).isEmpty, "read already")
        #expect(Fixtures.type("s", into: &s) == [.desk(.sendOutbox(meetingID: id))])
        #expect(Fixtures.type("C", into: &s) == [.desk(.composeNotices(meetingID: id))])
        #expect(Fixtures.type("c", into: &s) == [.desk(.changeMessage(id: 3, cancel: true, meetingID: id))])
        #expect(Fixtures.type("R", into: &s) == [.desk(.changeMessage(id: 3, cancel: false, meetingID: id))])
        _ = Fixtures.type("\u{1B}", into: &s)
        #expect(s.desk.outbox == nil && render(s).text.contains("ID DELEGATION"))
    }

    @Test func theInterpretationBoardShowsLanguagesLoadsAndViolations() throws {
        var s = desk()
        #expect(Fixtures.type("\t", into: &s) == [.board(.load(meetingID: Fixtures.meeting.id))])
        #expect(render(s).text.contains("Computing the board…"))
        let board = try BoardData(
            meeting: Fixtures.meeting, programme: Fixtures.programme,
            requests: [
                InterpretationRequest(delegation: "CM", session: "S03", language: "fr"),
                InterpretationRequest(delegation: "AO", session: "S03", language: "pt"),
                InterpretationRequest(delegation: "RU", session: "S10", language: "fr"),
            ])
        _ = reduce(&s, .board(.loaded(board)))
        let lines = render(s).lines
        #expect(
            lines[2].hasPrefix("SESSION KIND") && lines[2].contains("[EN]") && lines[2].contains("FR")
                && lines[2].contains("RU"))
        #expect(lines.contains { $0.hasPrefix("S03") && $0.contains("requested CM") })
        #expect(lines.contains { $0 == "relay S03: Portuguese (pt) for AO" })
        #expect(lines.contains { $0.hasPrefix("fr") && $0.contains("OVER") })
        #expect(
            lines.contains { $0.hasPrefix("French interpretation on Thu 24 Jun needs more than the 2 French teams") })
        // The cursor: j to S02… the third session, l to French; the cell in words on the first line.
        let id = Fixtures.meeting.id
        let s03 = try #require(board.rows.firstIndex { $0.session == "S03" })
        Fixtures.type(String(repeating: "j", count: s03) + "l", into: &s)
        #expect(render(s).lines[1].hasPrefix("DRAFT (not published) · S03 · French: requested CM"))
        // a: which delegation asks (with completion); Enter records it and the board is read again.
        #expect(Fixtures.type("aA", into: &s).isEmpty && s.prompt?.completions.first == "AO")
        #expect(
            Fixtures.type("O\r", into: &s) == [
                .board(
                    .request(
                        InterpretationRequest(delegation: "AO", session: "S03", language: "fr"), meetingID: id))
            ])
        #expect(
            reduce(&s, .board(.changed(message: Message(verbatim: "AO's request for French at S03 recorded")))) == [
                .board(.load(meetingID: id))
            ]
        )
        // x: only a delegation's own request can be withdrawn (CM's here came from registrations).
        #expect(
            Fixtures.type("x", into: &s).isEmpty && s.prompt == nil
                && s.shown?.hasPrefix("no delegation's own request for fr at S03") == true)
        _ = reduce(
            &s,
            .board(
                .loaded(
                    try BoardData(
                        meeting: Fixtures.meeting, programme: Fixtures.programme,
                        requests: [InterpretationRequest(delegation: "AO", session: "S03", language: "fr")],
                        explicit: [InterpretationRequest(delegation: "AO", session: "S03", language: "fr")]))))
        #expect(render(s).lines[1].contains("own requests: AO"))
        Fixtures.type("x", into: &s)
        #expect(s.prompt?.completions == ["AO"])
        #expect(
            Fixtures.type("\r", into: &s) == [
                .board(
                    .withdraw(
                        InterpretationRequest(delegation: "AO", session: "S03", language: "fr"), meetingID: id))
            ])
        // Back to the desk; a delegate never gets here (see the next test).
        #expect(Fixtures.type("\t", into: &s).isEmpty && s.staffScreen == .desk)
    }

    @Test func aDelegateReachesNoStaffScreenOrAction() throws {
        var s = try Fixtures.signedIn(Fixtures.alexey, width: 100, height: 30)
        var decoder = KeyDecoder()
        let everything = (32..<127).map { String(UnicodeScalar($0)!) }.joined() + "\r\t\u{1B}[A\u{1B}[B\u{1B}[Z"
        for tab in ["1", "2", "3"] {
            for e in decoder.feed(tab + everything.replacingOccurrences(of: "q", with: ""))
                + decoder.feed(":zone UTC\r")
            {
                for effect in reduce(&s, .terminal(e)) {
                    switch effect {
                    case .desk(.load), .desk(.changeStatus), .desk(.issueAccount), .desk(.loadTrail), .desk(.add),
                        .desk(.save),
                        .desk(.reload), .desk(.loadOverview), .board(.request), .board(.withdraw), .board(.load),
                        .builder(.load), .builder(.saveDraft), .builder(.solve), .builder(.cancelSolver),
                        .builder(.publish):
                        Issue.record("a delegate produced the staff effect \(effect)")
                    default: break
                    }
                }
                s.prompt = nil
                s.showHelp = false
            }
        }
        #expect(s.staff == nil && !render(s).text.contains("Registration desk"))
    }
}

extension DeskTests {
    /// Issue 17 §2: the desk's help calls `/` a search of registrations (it said "search sessions").
    @Test func theDesksHelpSaysWhatSlashSearches() {
        var s = desk()
        Fixtures.type("?G", into: &s)
        let text = render(s).text
        #expect(text.contains("search registrations") && !text.contains("search sessions"), "\(text)")
    }
}

extension DeskTests {
    /// Issue 17 §17: space marks registrations (and moves on), `a` approves every marked one and
    /// `r` rejects them with one reason, each at the version read; Esc clears the marks.
    @Test func spaceMarksAndApproveOrRejectActOnEveryMarkedOne() {
        var s = desk()
        let id = Fixtures.meeting.id
        _ = Fixtures.type("  ", into: &s)  // Алексей (v0) and 王小明 (v3) marked, the cursor on the third row
        #expect(s.desk.selected == 2 && s.desk.marked == [1: 0, 3: 3])
        let screen = render(s).lines
        #expect(screen[3].hasSuffix(" · 3 shown · 2 marked"), "\(screen[3])")
        #expect(screen[5].hasPrefix("*  1 RU") && screen[6].hasPrefix("*  3 CN") && screen[7].hasPrefix("   2 AE"))
        #expect(
            Fixtures.type("a", into: &s) == [
                .desk(
                    .changeStatus(
                        [RecordVersion(id: 1, version: 0), RecordVersion(id: 3, version: 3)], meetingID: id,
                        to: .approved, reason: ""))
            ])
        #expect(s.desk.marked.isEmpty)
        // Marks outlive a search; r asks one reason for all; Esc clears marks before the search.
        _ = Fixtures.type(" k ", into: &s)  // محمد (the last row: the cursor stays), then 王小明
        _ = Fixtures.type("r", into: &s)
        #expect(render(s).lines[28].hasPrefix("reason to reject the 2 marked registrations:"))
        #expect(
            Fixtures.type("duplicates\r", into: &s) == [
                .desk(
                    .changeStatus(
                        [RecordVersion(id: 2, version: 0), RecordVersion(id: 3, version: 3)], meetingID: id,
                        to: .rejected, reason: "duplicates"))
            ])
        _ = Fixtures.type(" ", into: &s)
        #expect(!s.desk.marked.isEmpty)
        _ = Fixtures.type("\u{1B}", into: &s)
        #expect(s.desk.marked.isEmpty)
    }
}

extension DeskTests {
    /// Issue 17 §16: the desk of a meeting without registrations says what to do first, and its
    /// key bar at 80 columns shows the keys that matter then; a search that matches nothing says so.
    @Test func anEmptyMeetingsDeskSaysWhatToDoFirst() {
        var s = AppState(width: 80, height: 24, now: Fixtures.now)
        _ = reduce(&s, .staffStarted(Self.staff))
        _ = reduce(&s, .desk(.loaded(rows: [], counts: [:])))
        let screen = render(s).lines
        #expect(screen[5] == "No registrations yet. To begin:")
        #expect(screen[7].hasPrefix("  n     register a delegate by hand"))
        #expect(screen[8].hasPrefix("  I     import a delegation's CSV list"))
        #expect(screen[9] == "        y)")  // wrapped under its text, not cut
        #expect(screen[10].hasPrefix("  Tab   the interpretation board"))
        #expect(screen[23] == "? help  q quit  n new  I import CSV  Tab next screen")
        _ = Fixtures.type("/zz", into: &s)
        _ = reduce(&s, .desk(.loaded(rows: [], counts: [:])))
        #expect(render(s).lines[5] == "No registration matches.")
    }
}
