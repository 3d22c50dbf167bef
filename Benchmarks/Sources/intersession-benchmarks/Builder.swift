import AppCore
import Foundation
import MeetingModel
import Rendering
import Scheduling
import Screens
import Store
import TerminalInput

/// The programme builder over the synthetic 200-delegation × 1,000-session meeting
/// (`intersession-benchmarks builder`): each edit key through the reducer (re-score, violations,
/// the selected session's heat for the day shown, night list) and render and diff; then the heat of
/// a selected session along all five days on its own. Prints a Markdown table.
func builderBenchmark() throws -> String {
    let meeting = syntheticMeeting(delegations: 200, sessions: 1000, seed: 2021)
    let placements = meeting.sessions.enumerated().map { i, s in
        Placement(sessionID: s.id, start: meeting.firstDay.adding(days: i % 5).startInUTC.adding(minutes: 6 * 60 + (i / 5 % 40) * 15),
                  room: "R\(i % 10)", pinned: false)
    }
    let programme = Programme(meetingID: meeting.id, placements: placements)
    let t0 = DispatchTime.now().uptimeNanoseconds
    let model = try BuilderModel(meeting: meeting, draft: programme, requests: [])
    let buildMS = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
    let staff = StaffSession(name: "benchmark", role: .chairOffice, meetingID: meeting.id, meetingTitle: meeting.title)
    let load = BuilderLoad(model: model, draft: programme, publishedVersion: nil, publishedProgramme: nil)
    let t1 = DispatchTime.now().uptimeNanoseconds
    var opened = AppState(width: 120, height: 40, now: meeting.firstDay.startInUTC)
    _ = reduce(&opened, .staffStarted(staff))
    _ = reduce(&opened, .builderLoaded(load))
    let openMS = Double(DispatchTime.now().uptimeNanoseconds - t1) / 1e6

    var results = "| programme builder, 200 delegations × 1,000 sessions (120×40) | keys | median | p99 | max | cells changed (median) |\n|---|---:|---:|---:|---:|---:|\n"
    let scripts: [(String, String)] = [
        ("l (move a grid step later: re-score + violations + day heat + render)", String(repeating: "l", count: 60)),
        ("h (a grid step earlier)", String(repeating: "h", count: 60)),
        ("r (next room)", String(repeating: "r", count: 30)),
        ("L / H (a day later, a day earlier)", String(repeating: "LH", count: 20)),
        ("u (undo)", String(repeating: "u", count: 60)),
        ("Ctrl-R (redo)", String(repeating: "\u{12}", count: 60)),
        ("j (select the next session: heat of the new selection)", String(repeating: "j", count: 100)),
    ]
    var state = opened
    for (name, keys) in scripts {
        results += timedKeys(name, keys, state: &state) { state, e in _ = reduce(&state, .terminal(e)) }
    }
    // The heat of one selected session along the five days, alone (no render): 20 sessions.
    let plan = opened.builder.current!.plan
    let all = model.dayCells.first!.lowerBound..<model.dayCells.last!.upperBound
    var heat: [Double] = []
    var starts = 0
    for s in stride(from: 0, to: 1000, by: 50) {
        let a = DispatchTime.now().uptimeNanoseconds
        let h = model.trial(s, in: plan, cells: all)
        heat.append(Double(DispatchTime.now().uptimeNanoseconds - a) / 1e6)
        starts = h.compactMap { $0 }.count
    }
    heat.sort()
    results += "| heat of a selected session along 5 days (\(starts) starts, each scored by a trial move) | \(heat.count) sessions | "
        + String(format: "%.2f ms | %.2f ms | %.2f ms |", heat[heat.count / 2], heat[min(heat.count - 1, Int(Double(heat.count) * 0.99))], heat.last!) + " — |\n"
    let v0 = DispatchTime.now().uptimeNanoseconds
    let violations = model.violations(plan).count
    let violationMS = Double(DispatchTime.now().uptimeNanoseconds - v0) / 1e6
    results += "\nSet-up (not per key): compiling the problem and tables \(String(format: "%.0f", buildMS)) ms; opening the builder (score, violations, heat) \(String(format: "%.0f", openMS)) ms. One full violation pass over the programme: \(String(format: "%.1f", violationMS)) ms (\(violations) violations).\n"
    return results
}
