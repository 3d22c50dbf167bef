import AgendaFiles
import AppCore
import Foundation
import IntersessionTestSupport
import MeetingModel
import MeetingTime
import Rendering
import Screens
import TerminalInput
import Testing

/// The sample meeting and programme, a signed-in delegate, and a fixed instant.
enum Fixtures {
    static let meeting: Meeting = AgendaReader.load(path: Repository.sampleAgenda).meeting!
    static let programme: Programme = ProgrammeReader.load(path: Repository.sampleProgramme, meeting: meeting)
        .programme!
    /// Tue 22 Jun 2021 10:30 UTC: during S03 and S04.
    static let now = Instant(seconds: 1_624_357_800)

    static func delegate(
        _ delegation: String, _ given: String, _ family: String, display: String = "", id: Int64 = 1,
        interpretation: String? = nil, attends: [String] = []
    ) -> Delegate {
        var d = Delegate(
            meetingID: meeting.id, delegation: delegation, givenName: given, familyName: family,
            displayName: display.isEmpty ? "\(given) \(family)" : display,
            email: "\(id)@example.org", zone: meeting.delegations.first { $0.code == delegation }!.zone,
            interpretation: interpretation, attends: attends)
        d.id = id
        d.status = .accountIssued
        return d
    }

    static let alexey = delegate("RU", "Алексей", "Моисеев", interpretation: "fr")
    static let mohammed = delegate("AE", "محمد", "بن سلمان", id: 2)
    static let wang = delegate("CN", "小明", "王", display: "王小明", id: 3, attends: ["WGS"])

    static func data(_ me: Delegate, colleagues: [Delegate] = []) throws -> MeetingData {
        try MeetingData(meeting: meeting, programme: programme, me: me, colleagues: [me] + colleagues, requests: [])
    }

    /// A signed-in state at `width` × `height`.
    /// Signed in with the screens in English (as with --lang en: the delegate's preference does not switch them).
    static func signedIn(_ me: Delegate, width: Int = 80, height: Int = 24) throws -> AppState {
        var s = AppState(width: width, height: height, now: now, languageChosen: true)
        _ = reduce(&s, .signIn(.answered(.signedIn(try data(me)))))
        return s
    }

    /// Runs `keys` (as a terminal would send them) through the decoder and the reducer.
    @discardableResult
    /// As the shell does, what waits for the frame (`afterDraw`) is reduced after each key; the
    /// effects returned are the others.
    static func type(_ keys: String, into state: inout AppState) -> [Effect] {
        var decoder = KeyDecoder()
        return decoder.feed(keys).flatMap { key in
            var effects: [Effect] = []
            var later: [Action] = []
            for e in reduce(&state, .terminal(key)) {
                if case .afterDraw(let a) = e { later.append(a) } else { effects.append(e) }
            }
            while !later.isEmpty {
                for e in reduce(&state, later.removeFirst()) {
                    if case .afterDraw(let a) = e { later.append(a) } else { effects.append(e) }
                }
            }
            return effects
        }
    }
}

extension ScreenBuffer {
    /// Every line fits the width in terminal columns and there are `height` of them.
    func fits() -> Bool {
        lines.count == height && lines.allSatisfy { TextWidth.of($0) <= width }
    }
}

extension AppState {
    /// The message line as the screen words it (in its language).
    var shown: String? { message?.text(l10n) }
}

/// Reduces `action` and checks, exhaustively, both what it returned and the whole state after
/// it: the state must be what `change` makes of the state before, and nothing else (a field the
/// reducer changed without saying so fails the test), as TCA's TestStore does.
func expectReduce(
    _ state: inout AppState, _ action: Action, effects expected: [Effect] = [],
    sourceLocation: Testing.SourceLocation = #_sourceLocation, _ change: (inout AppState) -> Void = { _ in }
) {
    var after = state
    change(&after)
    let effects = reduce(&state, action)
    #expect(effects == expected, sourceLocation: sourceLocation)
    #expect(state == after, sourceLocation: sourceLocation)
    if state != after {
        // Say which part differs (the whole state prints too long to read).
        let parts: [(String, Bool)] = [
            ("message", state.message == after.message), ("desk", state.desk == after.desk),
            ("builder", state.builder == after.builder), ("data", state.data == after.data),
            ("prompt", state.prompt == after.prompt), ("signIn", state.signIn == after.signIn),
            ("passwordForm", state.passwordForm == after.passwordForm), ("staff", state.staff == after.staff),
        ]
        Issue.record(
            "differs in: \(parts.filter { !$0.1 }.map(\.0).joined(separator: ", "))", sourceLocation: sourceLocation)
    }
}
