import AppCore
import AgendaFiles
import Foundation
import MeetingModel
import Rendering
import Scheduling
import Screens
import Store
import TerminalInput

/// The programme builder over the 200-delegation × 1,000-session instance of
/// Benchmarks/instances (`intersession-benchmarks builder`), on the solver's programme: each edit key through the reducer (re-score, violations,
/// the selected session's heat for the day shown, night list) and render and diff; then the heat of
/// a selected session along all five days on its own. Prints a Markdown table.
func builderBenchmark(instance path: String) throws -> String {
    guard let meeting = AgendaReader.load(path: path).meeting else { throw CocoaError(.fileReadCorruptFile) }
    let t0 = DispatchTime.now().uptimeNanoseconds
    let model = try BuilderModel(meeting: meeting, draft: nil, requests: [])
    let buildMS = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
    let staff = StaffSession(name: "benchmark", role: .chairOffice, meetingID: meeting.id, meetingTitle: meeting.title)
    // The programme the Chair's office would edit: the solver's, after 20 s from scratch.
    let solved = Solver(problem: model.problem, settings: SolverSettings(seed: 1, timeLimit: 20)).solve()
    let programme = model.programme(solved.plan, pinned: [])
    let load = BuilderLoad(model: model, draft: programme, publishedVersion: nil, publishedProgramme: nil)
    let t1 = DispatchTime.now().uptimeNanoseconds
    var opened = AppState(width: 120, height: 40, now: meeting.firstDay.startInUTC)
    _ = reduce(&opened, .staffStarted(staff))
    _ = reduce(&opened, .builder(.loaded(load)))
    let openMS = Double(DispatchTime.now().uptimeNanoseconds - t1) / 1e6
    var results =
        "| programme builder, \(meeting.delegations.count) delegations × \(meeting.sessions.count) sessions, the solver's programme (\(solved.breakdown.score)) at 120×40 | keys | median | p99 | max | cells changed (median) |\n|---|---:|---:|---:|---:|---:|\n"
    let scripts: [(String, String)] = [
        (
            "l (move a grid step later: re-score + violations + render; the heat follows in the next frame)",
            String(repeating: "l", count: 60)
        ),
        ("h (a grid step earlier)", String(repeating: "h", count: 60)),
        ("r (next room)", String(repeating: "r", count: 30)),
        ("L / H (a day later, a day earlier)", String(repeating: "LH", count: 20)),
        ("u (undo)", String(repeating: "u", count: 60)),
        ("Ctrl-R (redo)", String(repeating: "\u{12}", count: 60)),
        ("j (select the next session: heat of the new selection)", String(repeating: "j", count: 100)),
    ]
    var state = opened
    // Each key as the shell runs it: reduce and render the edit's frame (timed), then what waits
    // for the frame (the heat) is reduced and rendered as the next frame (timed apart).
    var followUps: [Double] = []
    func percentile(_ xs: [Double], _ p: Double) -> Double { xs[min(xs.count - 1, Int(Double(xs.count) * p))] }
    for (name, keys) in scripts {
        var decoder = KeyDecoder()
        var screen = render(state)
        var times: [Double] = [], changed: [Int] = []
        for e in decoder.feed(keys) {
            let a = DispatchTime.now().uptimeNanoseconds
            let later = reduce(&state, .terminal(e)).compactMap { effect -> Action? in
                if case .afterDraw(let x) = effect { x } else { nil }
            }
            let frame = render(state)
            changed.append(frame.changes(from: screen).count)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - a) / 1e6)
            screen = frame
            guard !later.isEmpty else { continue }
            let b = DispatchTime.now().uptimeNanoseconds
            for action in later { _ = reduce(&state, action) }
            screen = render(state)
            followUps.append(Double(DispatchTime.now().uptimeNanoseconds - b) / 1e6)
        }
        times.sort()
        changed.sort()
        results +=
            "| \(name) | \(times.count) | "
            + String(
                format: "%.2f ms | %.2f ms | %.2f ms |", times[times.count / 2], percentile(times, 0.99), times.last!)
            + " \(changed[changed.count / 2]) |\n"
    }
    followUps.sort()
    results +=
        "| the next frame after an edit: the selected session's heat for the day (96 starts) + render | \(followUps.count) edits | "
        + String(
            format: "%.2f ms | %.2f ms | %.2f ms |", followUps[followUps.count / 2], percentile(followUps, 0.99),
            followUps.last!) + " — |\n"
    // The heat of one selected session along the five days, alone (no render): 20 sessions.
    let plan = solved.plan
    let all = model.dayCells[0].lowerBound..<model.dayCells[min(4, model.dayCells.count - 1)].upperBound
    var heat: [Double] = []
    var starts = 0
    for s in stride(from: 0, to: 1000, by: 50) {
        let a = DispatchTime.now().uptimeNanoseconds
        let h = model.trial(s, in: plan, cells: all)
        heat.append(Double(DispatchTime.now().uptimeNanoseconds - a) / 1e6)
        starts = h.compactMap { $0 }.count
    }
    heat.sort()
    results +=
        "| heat of a selected session along the first 5 days (\(starts) starts, each scored by a trial move) | \(heat.count) sessions | "
        + String(
            format: "%.2f ms | %.2f ms | %.2f ms |", heat[heat.count / 2],
            heat[min(heat.count - 1, Int(Double(heat.count) * 0.99))], heat.last!) + " — |\n"
    let v0 = DispatchTime.now().uptimeNanoseconds
    let violations = model.violations(plan).count
    let violationMS = Double(DispatchTime.now().uptimeNanoseconds - v0) / 1e6
    results +=
        "\nSet-up (not per key): compiling the problem and tables \(String(format: "%.0f", buildMS)) ms; opening the builder (score, violations, heat) \(String(format: "%.0f", openMS)) ms. One full violation pass over the programme: \(String(format: "%.1f", violationMS)) ms (\(violations) violations).\n"
    return results
}
