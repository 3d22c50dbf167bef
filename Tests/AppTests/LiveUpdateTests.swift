import AppCore
import Localization
import MeetingModel
import Registration
import Rendering
import Testing

/// Issue 17 §10 in the app core: what each open screen does with changes other users made.
@Suite struct LiveUpdateTests {
    static func change(_ id: Int64, _ action: String, _ subject: String, by actor: String = "bea") -> StoreChange {
        StoreChange(id: id, action: action, meetingID: Fixtures.meeting.id, subject: subject, actor: actor)
    }

    @Test func theDeskReadsAgainKeepsItsCursorOnTheSameRegistrationAndSaysWhoChangedWhat() {
        var s = DeskTests().desk()
        _ = Fixtures.type("j", into: &s)  // 王小明, the second row
        #expect(s.desk.selected == 1)
        let effects = reduce(
            &s,
            .storeChanged(
                [Self.change(7, "delegate.add", "delegate 9"), Self.change(8, "delegate.approve", "delegate 9")],
                omitted: 0))
        #expect(effects == [.desk(.load(DelegateQuery(meetingID: Fixtures.meeting.id, limit: 200)))])
        #expect(s.shown == "bea changed 1 registration")
        // A new registration sorted above: the cursor stays on 王小明.
        var newcomer = Fixtures.delegate("AE", "Aisha", "Al Amiri", id: 9)
        newcomer.status = .approved
        _ = reduce(
            &s, .desk(.loaded(rows: [newcomer, Fixtures.alexey, Fixtures.wang, Fixtures.mohammed], counts: [:])))
        #expect(s.desk.selected == 2 && s.desk.rows[2].id == Fixtures.wang.id)
    }

    @Test func changesOfAnotherMeetingOrAnotherScreenAreNotNewsButADeskNotShownIsReadWhenOpened() {
        var s = DeskTests().desk()
        let elsewhere = StoreChange(
            id: 3, action: "delegate.add", meetingID: "another", subject: "delegate 4", actor: "bea")
        #expect(reduce(&s, .storeChanged([elsewhere], omitted: 0)).isEmpty)
        #expect(s.shown == nil)
        s.staffScreen = .board
        #expect(reduce(&s, .storeChanged([Self.change(4, "delegate.edit", "delegate 1")], omitted: 0)).isEmpty)
        #expect(s.desk.stale)
        _ = Fixtures.type("\u{1B}[Z", into: &s)  // back to the desk
        #expect(s.staffScreen == .desk && s.desk.loading)
    }

    @Test func theMessageNamesEveryKindOfChangeAndCountsWhatWasNotRead() {
        var s = DeskTests().desk()
        s.staffScreen = .board
        let effects = reduce(
            &s,
            .storeChanged(
                [
                    Self.change(10, "interpretation.request", "session S03", by: "chen"),
                    Self.change(11, "programme.draft", "programme draft", by: "dana"),
                    Self.change(12, "programme.publish", "programme version 4", by: "dana"),
                ], omitted: 40))
        #expect(effects.contains(.board(.load(meetingID: Fixtures.meeting.id))))
        #expect(
            s.shown
                == "chen changed interpretation requests; dana saved the draft programme; dana published programme version 4; and 40 earlier changes"
        )
    }

    @Test func aSignedInDelegateIsToldWhatThePublishedVersionMovedAndKeepsTheSessionSelected() throws {
        let me = Fixtures.alexey
        var s = AppState(width: 100, height: 30, now: Fixtures.now, languageChosen: true)
        let none = try MeetingData(meeting: Fixtures.meeting, programme: nil, me: me, colleagues: [me], requests: [])
        _ = reduce(&s, .signIn(.answered(.signedIn(none))))
        // A draft saved or an account issued is not news to a delegate; a publish is.
        #expect(reduce(&s, .storeChanged([Self.change(5, "programme.draft", "programme draft")], omitted: 0)).isEmpty)
        #expect(
            reduce(&s, .storeChanged([Self.change(6, "programme.publish", "programme version 1")], omitted: 0)) == [
                .views(.refresh(delegateID: me.id))
            ])
        let v1 = try MeetingData(
            meeting: Fixtures.meeting, programme: Fixtures.programme, version: 1, me: me, colleagues: [me],
            requests: [])
        _ = reduce(&s, .views(.refreshed(v1)))
        let mine = v1.placed.filter(\.mine).count
        #expect(s.shown == "Programme version 1 published: \(mine) of your sessions moved")
        // The cursor on my third session; version 2 moves S01 a day later: one moved, the cursor stays.
        _ = Fixtures.type("gjj", into: &s)
        let selected = visibleLines(s)[s.views.scheduleRow].session.id
        let moved = Programme(
            meetingID: Fixtures.programme.meetingID,
            placements: Fixtures.programme.placements.map {
                $0.sessionID == "S01"
                    ? Placement(sessionID: "S01", start: $0.start.adding(minutes: 1440), room: $0.room, pinned: false)
                    : $0
            })
        let v2 = try MeetingData(
            meeting: Fixtures.meeting, programme: moved, version: 2, me: me, colleagues: [me], requests: [])
        _ = reduce(&s, .views(.refreshed(v2)))
        #expect(s.shown == "Programme version 2 published: 1 of your sessions moved")
        #expect(visibleLines(s)[s.views.scheduleRow].session.id == selected)
    }
}

extension LiveUpdateTests {
    /// The builder: another user's publish becomes the version compared against; another user's
    /// draft becomes a point of the history (undo returns to what was shown), and nothing is
    /// saved back over it.
    @Test func theBuilderTakesAnotherUsersDraftAsAPointOfItsHistory() throws {
        var s = BuilderTests.builder()
        let effects = reduce(
            &s,
            .storeChanged(
                [
                    Self.change(20, "programme.draft", "programme draft", by: "ivan"),
                    Self.change(21, "programme.publish", "programme version 3", by: "ivan"),
                ], omitted: 0))
        #expect(
            effects == [
                .builder(.loadPublished(meetingID: Fixtures.meeting.id)),
                .builder(.loadDraft(meetingID: Fixtures.meeting.id)),
            ])
        #expect(s.shown == "ivan saved the draft programme; ivan published programme version 3")
        let theirs = Programme(
            meetingID: Fixtures.programme.meetingID,
            placements: Fixtures.programme.placements.map {
                $0.sessionID == "S02"
                    ? Placement(sessionID: "S02", start: $0.start.adding(minutes: 60), room: $0.room, pinned: true) : $0
            })
        _ = reduce(&s, .builder(.publishedElsewhere(PublishedProgramme(version: 3, programme: theirs))))
        #expect(s.builder.published?.version == 3)
        #expect(reduce(&s, .builder(.draftElsewhere(theirs))).isEmpty)  // nothing saved: it is the stored draft
        #expect(s.builder.history.count == 2 && s.builder.programme == theirs)
        #expect(s.builder.current?.label.text(.english) == "draft as another user saved it")
        // The same draft again is not a new point.
        _ = reduce(&s, .builder(.draftElsewhere(theirs)))
        #expect(s.builder.history.count == 2)
        #expect(Fixtures.type("u", into: &s) == [.builder(.saveDraft(Fixtures.programme))])
    }
}

extension LiveUpdateTests {
    /// Issue 17 §4: Ctrl-L asks the shell to repaint the whole screen, on every screen, and
    /// keeps the message line.
    @Test func ctrlLRepaintsEverywhereAndKeepsTheMessage() throws {
        var desk = DeskTests().desk()
        desk.message = Message(verbatim: "delegate 3 (王小明): approved")
        #expect(Fixtures.type("\u{0C}", into: &desk) == [.repaint])
        #expect(desk.shown == "delegate 3 (王小明): approved")
        var schedule = try Fixtures.signedIn(Fixtures.wang)
        #expect(Fixtures.type("\u{0C}", into: &schedule) == [.repaint])
        var signIn = AppState(width: 80, height: 24, now: Fixtures.now)
        #expect(Fixtures.type("\u{0C}", into: &signIn) == [.repaint])
    }
}

extension LiveUpdateTests {
    /// The same steps checked exhaustively: each action changes exactly what it says, and no
    /// other part of the state.
    @Test func aPasswordChangeAndALiveChangeChangeNothingElse() throws {
        var s = try Fixtures.signedIn(Fixtures.alexey)
        expectReduce(&s, .terminal(.key(.char("P")))) { $0.passwordForm = PasswordForm() }
        var typed = s
        Fixtures.type("correct horse battery\ra new passphrase\ra new passphrase\r", into: &typed)
        #expect(typed.passwordForm?.busy == true)
        s = typed
        expectReduce(&s, .views(.passwordChangeAnswered(.wrongCurrent))) {
            $0.passwordForm?.busy = false
            $0.passwordForm?.fields[0] = TextField(secret: true)
            $0.passwordForm?.focus = 0
            $0.passwordForm?.error = Message("password.wrong")
        }
        expectReduce(&s, .views(.passwordChangeAnswered(.changed))) {
            $0.passwordForm = nil
            $0.message = Message("password.changed")
        }
        // A change of another meeting is no news, and changes nothing at all.
        let elsewhere = StoreChange(
            id: 9, action: "programme.publish", meetingID: "x", subject: "programme version 1", actor: "a")
        expectReduce(&s, .storeChanged([elsewhere], omitted: 0))
    }
}

extension LiveUpdateTests {
    /// Issue 16: one modal at a time. Opening the help closes a prompt; a delegate signed out
    /// (registration ended) with the password change open comes back without it.
    @Test func oneModalAtATimeAndNoneSurvivesASignOut() throws {
        var s = try Fixtures.signedIn(Fixtures.alexey)
        Fixtures.type("/dia", into: &s)
        #expect(s.prompt != nil)
        s.showHelp = true
        #expect(s.prompt == nil && s.modal == .help(offset: 0))
        s.showHelp = false
        Fixtures.type("P", into: &s)
        #expect(s.passwordForm != nil)
        expectReduce(&s, .signIn(.registrationEnded)) {
            $0.data = nil
            $0.modal = nil
            var form = SignInForm()
            form.error = Message("signin.error.inactive")
            $0.signIn = form
        }
    }
}

extension LiveUpdateTests {
    /// Issue 18: a session of the SSH front door is its account's only. `:export` says how to get
    /// the schedule over SSH instead of writing a file on the server; when the registration ends,
    /// the sign-in that follows takes no other account: Enter or Esc ends the session.
    @Test func aFrontDoorSessionKeepsToItsAccount() throws {
        var s = try Fixtures.signedIn(Fixtures.alexey)
        s.frontDoor = true
        #expect(Fixtures.type(":export mine.ics\r", into: &s) == [])
        #expect(s.message == Message("command.export-over-ssh"))
        expectReduce(&s, .signIn(.registrationEnded)) {
            $0.data = nil
            $0.message = nil
            var form = SignInForm()
            form.error = Message("signin.error.inactive")
            form.onlyThisAccount = true
            $0.signIn = form
        }
        #expect(Fixtures.type("someone\r", into: &s) == [.quit])
        #expect(s.quitting)
    }
}
