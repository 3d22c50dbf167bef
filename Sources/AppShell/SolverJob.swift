import AppCore
import Foundation
import Localization
import MeetingModel
import Scheduling

/// The solver started from the builder: it runs on its own thread; the loop takes its progress
/// and its answer as actions between keys (at least every 250 ms, the terminal's timeout).
final class SolverJob: @unchecked Sendable {
    private let lock = NSLock()
    private var control: SolverControl?
    private var pending: [Action] = []
    /// While it runs: when it started and its last report (the bar moves even when the best does not).
    private var started: UInt64?
    private var last: (iteration: Int, best: Score?) = (0, nil)

    /// Re-plans `programme` (its pins kept, stability towards it) for at most `seconds`.
    func start(meeting: Meeting, programme: Programme, requests: [InterpretationRequest], seconds: Double) {
        let control = SolverControl()
        lock.withLock {
            self.control?.cancel()
            self.control = control
            started = DispatchTime.now().uptimeNanoseconds
            last = (0, nil)
        }
        let thread = Thread { [self] in
            do {
                let problem = try SchedulingProblem(meeting: meeting, reference: programme, requests: requests)
                let start = Plan.of(programme, on: problem)
                let settings = SolverSettings(seed: 1, timeLimit: seconds)
                let solver = Solver(problem: problem, settings: settings)
                var last = 0.0
                let result = solver.solve(from: start, control: control) { p in
                    guard p.elapsed - last >= 0.2 else { return }
                    last = p.elapsed
                    self.post(.builder(.solverProgress(iteration: p.iteration, elapsed: p.elapsed, best: p.best)))
                }
                // None found: why, and what a short run found a programme with (issue 21 §2).
                var why: [Message] = []
                if !result.breakdown.score.isFeasible, !control.isCancelled,
                    let violations = try? ViolationFinder(problem: problem).violations(of: result.plan)
                {
                    let found = NoneFound.analyse(
                        problem, plan: result.plan, violations: violations, settings: NoneFound.shortRun(of: settings),
                        control: control
                    ) { try SchedulingProblem(meeting: $0, reference: programme, requests: requests) }
                    why = found.lines(meeting: meeting).map {
                        $0.indent == 0 ? $0.text : Message(joining: [Message(verbatim: "  "), $0.text], separator: "")
                    }
                }
                let pins = Set(programme.placements.filter(\.pinned).map(\.sessionID))
                self.post(
                    .builder(
                        .solverFinished(
                            result.plan.programme(problem, pinned: pins), stop: result.stop, why: why)))
            } catch {
                self.post(.builder(.solverFailed(Message(verbatim: "\(error)"))))
            }
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    private func post(_ action: Action) {
        lock.withLock {
            // Only the latest progress matters.
            if case .builder(.solverProgress(let i, _, let best)) = action {
                last = (i, best)
                if case .builder(.solverProgress)? = pending.last { pending.removeLast() }
            } else {
                started = nil
            }
            pending.append(action)
        }
    }

    /// The actions that arrived since the last call.
    func take() -> [Action] {
        lock.withLock {
            defer { pending = [] }
            if pending.isEmpty, let started {
                return [
                    .builder(
                        .solverProgress(
                            iteration: last.iteration,
                            elapsed: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9, best: last.best))
                ]
            }
            return pending
        }
    }

    func cancel() { lock.withLock { control?.cancel() } }
}
