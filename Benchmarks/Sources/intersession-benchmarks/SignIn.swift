// Sign-in benchmark (issue 15): the time and memory of one password hash at the cost in force,
// the sign-in's time for a right password, a wrong one and an unknown username (which must be
// alike), and how many sign-ins per second one core sustains. Run through Benchmarks/signin.sh.
import Foundation
import MeetingModel
import Store

/// Peak resident memory of this process, in KiB.
func peakKiB() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss
}

/// The process's CPU time so far, user and system, in seconds (the work, without the waiting).
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return s(usage.ru_utime) + s(usage.ru_stime)
}

func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }

func signInBenchmark(rounds: Int) throws -> String {
    // Before any hash (the store's decoys are made at the first sign-in).
    let before = peakKiB()
    let store = try SQLiteStore(inMemoryFor: "admin")
    let meeting = Meeting(
        id: "bench", title: "Bench", hostZone: "UTC", firstDay: CalendarDay(year: 2021, month: 6, day: 21)!,
        lastDay: CalendarDay(year: 2021, month: 6, day: 21)!, languages: ["en"], gridMinutes: 15,
        dailyWindow: ClockRange(start: ClockTime(minutes: 0), end: ClockTime(minutes: 1440)), maxParallel: 1,
        delegations: [
            Delegation(code: "GH", name: "Ghana", kind: .participant, zone: "Africa/Accra", languages: ["en"])
        ],
        bodies: [], sessions: [])
    _ = try store.importMeeting(meeting, actor: "admin")
    let (d, _) = try store.add(
        Delegate(meetingID: "bench", delegation: "GH", givenName: "Kwame", familyName: "Mensah", email: "k@x.gh"),
        actor: "admin")
    _ = try store.changeStatus(
        d.id, meetingID: "bench", to: .approved, reason: "", expectedVersion: nil, actor: "admin")
    let issued = try store.issueAccounts(meetingID: "bench", delegation: nil, ids: [d.id], actor: "admin")[0]
    try store.setPassword(username: issued.username, token: issued.token, password: "correct horse battery")

    var hash: [Double] = []
    for _ in 0..<rounds {
        let t = now()
        _ = try Secrets.hash("correct horse battery")
        hash.append(Double(now() - t) / 1e6)
    }
    let memory = peakKiB() - before
    // Interleaved, so that load on the machine falls on all three alike; a new source each time
    // (the throttle is not what is measured).
    var right: [Double] = [], wrong: [Double] = [], unknown: [Double] = []
    for i in 0..<rounds {
        for (list, user, secret) in [
            (0, issued.username, "correct horse battery"), (1, issued.username, "wrong guess"),
            (2, "nobody", "wrong guess"),
        ] {
            let t = now()
            _ = try store.signIn(username: user, secret: secret, source: SignInSource("bench:\(i):\(list)"))
            let ms = Double(now() - t) / 1e6
            if list == 0 { right.append(ms) } else if list == 1 { wrong.append(ms) } else { unknown.append(ms) }
        }
    }
    let perSecond = 1000 / median(right)
    return """
        # Sign-in benchmark

        yescrypt cost 8 (N = 2^17, r = 8); \(rounds) rounds each, medians; one core (the store's calls are serial).

        | what | median | ratio to a right password |
        |---|---:|---:|
        | hash a password | \(String(format: "%.1f", median(hash))) ms | |
        | sign in, right password | \(String(format: "%.1f", median(right))) ms | 1.00 |
        | sign in, wrong password | \(String(format: "%.1f", median(wrong))) ms | \(String(format: "%.2f", median(wrong) / median(right))) |
        | sign in, unknown username | \(String(format: "%.1f", median(unknown))) ms | \(String(format: "%.2f", median(unknown) / median(right))) |

        Peak memory added by hashing (one hash at a time): \(memory / 1024) MiB. Sign-ins one core sustains: \(String(format: "%.1f", perSecond)) per second.

        """
}
