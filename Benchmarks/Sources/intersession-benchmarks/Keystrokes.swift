import AppCore
import AppShell
import Foundation
import MeetingModel
import Rendering
import Screens
import Store
import TerminalInput

/// One table row: each of `keys` sent through `step` (the reducer and whatever it runs), then
/// render and diff, timed together; medians and p99 over the keys.
func timedKeys(
    _ name: String, _ keys: String, state: inout AppState, step: (inout AppState, TerminalEvent) throws -> Void
) rethrows -> String {
    var screen = render(state)
    var decoder = KeyDecoder()
    var times: [Double] = [], changed: [Int] = []
    for e in decoder.feed(keys) {
        let a = DispatchTime.now().uptimeNanoseconds
        try step(&state, e)
        let next = render(state)
        let diff = next.changes(from: screen)
        times.append(Double(DispatchTime.now().uptimeNanoseconds - a) / 1e6)
        changed.append(diff.count)
        screen = next
    }
    times.sort()
    changed.sort()
    let p99 = times[min(times.count - 1, Int(Double(times.count) * 0.99))]
    return "| \(name) | \(times.count) | "
        + String(format: "%.2f ms | %.2f ms | %.2f ms |", times[times.count / 2], p99, times.last!)
        + " \(changed[changed.count / 2]) |\n"
}

/// Keystroke → reduce → render → diff over a meeting of 1,000 sessions with 20,000 registered
/// delegates (`intersession-benchmarks keystrokes`): the work the terminal UI does for one key,
/// without the terminal. Prints a Markdown table.
func keystrokeBenchmark() throws -> String {
    let meeting = syntheticMeeting(delegations: 200, sessions: 1000, seed: 2021)
    // A programme: sessions spread over the five days, 15-minute starts, ten rooms.
    let placements = meeting.sessions.enumerated().map { i, s in
        Placement(
            sessionID: s.id,
            start: meeting.firstDay.adding(days: i % 5).startInUTC.adding(minutes: 6 * 60 + (i / 5 % 40) * 15),
            room: "R\(i % 10)", pinned: false)
    }
    let programme = Programme(meetingID: meeting.id, placements: placements)
    let store = try SQLiteStore(inMemoryFor: "benchmark")
    _ = try store.importMeeting(meeting, actor: "benchmark")
    var rows: [(row: Int, delegate: Delegate)] = []
    for i in 0..<20_000 {
        let d = meeting.delegations[i % meeting.delegations.count]
        rows.append(
            (
                i + 2,
                Delegate(
                    meetingID: meeting.id, delegation: d.code, givenName: "Given\(i)",
                    familyName: ["Моисеев", "王", "بن سلمان", "Ångström"][i % 4],
                    email: "d\(i)@example.org", interpretation: i % 7 == 0 ? "fr" : nil)
            ))
    }
    let t0 = DispatchTime.now().uptimeNanoseconds
    _ = try store.applyImport(
        try store.planImport(rows, meetingID: meeting.id), meetingID: meeting.id, actor: "benchmark")
    let importSeconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
    let me = try store.delegates(DelegateQuery(meetingID: meeting.id, delegation: "D007")).first!
    let t1 = DispatchTime.now().uptimeNanoseconds
    let colleagues = try store.delegates(DelegateQuery(meetingID: meeting.id, delegation: me.delegation))
    let data = try MeetingData(
        meeting: meeting, programme: programme, me: me, colleagues: colleagues,
        requests: try store.allInterpretationRequests(meeting: meeting))
    let loadMS = Double(DispatchTime.now().uptimeNanoseconds - t1) / 1e6

    var results =
        "| keystrokes over 1,000 sessions, 20,000 delegates (100×30) | keys | median | p99 | max | cells changed (median) |\n|---|---:|---:|---:|---:|---:|\n"
    let scripts: [(String, String, Tab)] = [
        ("my schedule: j (cursor down)", String(repeating: "j", count: 200), .schedule),
        ("programme: j (cursor down, 1,000 rows)", String(repeating: "j", count: 200), .programme),
        ("programme: search typed letter by letter", "/session 1", .programme),
        ("world clock: l (hour later)", String(repeating: "l", count: 100), .worldClock),
        ("z (zone: mine, host, UTC)", String(repeating: "zz\u{1B}", count: 40), .schedule),
    ]
    for (name, keys, tab) in scripts {
        var state = AppState(width: 100, height: 30, now: meeting.firstDay.startInUTC.adding(minutes: 600))
        _ = reduce(&state, .signIn(.answered(.signedIn(data))))
        state.views.tab = tab
        results += timedKeys(name, keys, state: &state) { state, e in _ = reduce(&state, .terminal(e)) }
    }
    // The registration desk: each key through the reducer, its effects run by the shell itself
    // (AppShell's runners: the store query, the counts read once), the reducer again, render and diff.
    let shell = Shell(store: store, operatorName: "benchmark", clock: { meeting.firstDay.startInUTC })
    let staff = StaffSession(
        name: "benchmark", role: .administrator, meetingID: meeting.id, meetingTitle: meeting.title,
        delegations: meeting.delegations.map(\.code))
    for (name, keys) in [
        ("desk: search typed letter by letter ('moiseev', 'given1234')", "/moiseev\u{1B}/given1234\u{1B}"),
        ("desk: j (cursor down, pages of 200 read as it goes)", String(repeating: "j", count: 200)),
        ("desk: s (status filter cycles)", String(repeating: "s", count: 12)),
    ] {
        var state = AppState(width: 100, height: 30, now: meeting.firstDay.startInUTC)
        func run(_ state: inout AppState, _ first: Action) throws {
            var pending = [first]
            while !pending.isEmpty {
                for effect in reduce(&state, pending.removeFirst()) { pending += shell.perform(effect) }
            }
        }
        try run(&state, .staffStarted(staff))
        results += try timedKeys(name, keys, state: &state) { state, e in try run(&state, .terminal(e)) }
    }
    results +=
        "\nSet-up (not per keystroke): importing the 20,000 delegates \(String(format: "%.1f", importSeconds)) s; loading a delegate's meeting data (colleagues, requests of all registrations, zone tables) \(String(format: "%.0f", loadMS)) ms.\n"
    return results
}
