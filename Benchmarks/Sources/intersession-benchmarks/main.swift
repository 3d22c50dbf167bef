// Burden benchmark (issue 2): the burden of every attending delegation for every candidate start
// of every session, for the KP 2021 sample and for a synthetic 200-delegation × 1,000-session
// meeting. Run through Benchmarks/run.sh (release build); never timed inside unit tests.
import AgendaFiles
import Foundation
import MeetingModel
import MeetingTime
import Scheduling

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// A synthetic meeting: `delegations` in distinct location zones, bodies of 5-60 members, `sessions`
/// of 60-180 minutes (one in ten all-hands), five days on a 15-minute grid, window 06:00-20:00 UTC.
func syntheticMeeting(delegations: Int, sessions: Int, seed: UInt64) -> Meeting {
    var rng = SplitMix64(seed: seed)
    let zones = ZoneNames.locationZones.sorted().filter { TimeZone(identifier: $0) != nil }.shuffled(using: &rng)
    let ds = (0..<delegations).map { i in
        Delegation(
            code: String(format: "D%03d", i), name: "Delegation \(i)", kind: i % 20 == 19 ? .observer : .participant,
            zone: zones[i % zones.count], languages: ["en"])
    }
    let bodies = (0..<40).map { b in
        WorkingBody(
            id: "B\(b)", name: "Body \(b)", chair: ds[b].code,
            members: .delegations(
                Array(ds.shuffled(using: &rng).prefix(Int.random(in: 5...60, using: &rng))).map(\.code)))
    }
    let ss = (0..<sessions).map { s in
        let allHands = s % 10 == 0
        return Session(
            id: "S\(s)", title: "Session \(s)", kind: allHands ? .plenary : .body,
            bodies: [bodies[Int.random(in: 0..<bodies.count, using: &rng)].id],
            durationMinutes: [60, 90, 120, 150, 180][Int.random(in: 0..<5, using: &rng)], floorLanguage: "en")
    }
    let first = CalendarDay(year: 2021, month: 6, day: 21)!
    return Meeting(
        id: "synthetic", title: "Synthetic", hostZone: "UTC", firstDay: first, lastDay: first.adding(days: 4),
        languages: ["en"], gridMinutes: 15,
        dailyWindow: ClockRange(start: ClockTime(minutes: 0), end: ClockTime(minutes: 1440)),
        maxParallel: 10, delegations: ds, bodies: bodies, sessions: ss)
}

struct Measurement {
    let name: String
    let delegations: Int
    let sessions: Int
    let placements: Int  // session × candidate start
    let delegationPlacements: Int  // attending delegation × placement
    let buildNanos: [UInt64]  // offset tables and prefix sums
    let scoreNanos: [UInt64]  // every delegation's band minutes for every placement
    let checksum: Int
}

/// The same work without prefix sums: each minute of each session read through the zone clock.
/// (offset table lookup and arithmetic per minute). Only for the small case; gives the ratio in one run.
func measureMinuteByMinute(_ meeting: Meeting, repeats: Int) throws -> (nanos: [UInt64], checksum: Int) {
    let clock = try MeetingClock(meeting: meeting)
    let starts = meeting.days.flatMap { day in
        (0..<(1440 / meeting.gridMinutes)).map { day.startInUTC.adding(minutes: $0 * meeting.gridMinutes) }
    }
    var nanos: [UInt64] = [], checksum = 0
    for _ in 0..<repeats {
        let t0 = now()
        var sum = 0
        for session in meeting.sessions {
            let clocks = meeting.attendees(of: session).map { clock.clocks[meeting.delegation($0)!.zone]! }
            for start in starts {
                for c in clocks {
                    var s = 0, n = 0
                    for minute in start.minutes..<(start.minutes + session.durationMinutes) {
                        let local = (minute * 60 + c.offset(at: Instant(minutes: minute))).floorDiv(60)
                        switch clock.bandOfMinute[local.floorMod(1440)] {
                        case .core: break
                        case .shoulder: s += 1
                        case .night: n += 1
                        }
                    }
                    sum &+= s &+ 7 &* n
                }
            }
        }
        nanos.append(now() - t0)
        checksum = sum
    }
    return (nanos, checksum)
}

func median(_ xs: [UInt64]) -> UInt64 { xs.sorted()[xs.count / 2] }

/// Every 15-minute start on every meeting day (96 a day), for every session, every attendee.
func measure(_ name: String, _ meeting: Meeting, repeats: Int) throws -> Measurement {
    var build: [UInt64] = [], score: [UInt64] = []
    var checksum = 0, placements = 0, delegationPlacements = 0
    let starts = meeting.days.flatMap { day in
        (0..<(1440 / meeting.gridMinutes)).map { day.startInUTC.adding(minutes: $0 * meeting.gridMinutes) }
    }
    for _ in 0..<repeats {
        let t0 = now()
        let burden = try MeetingBurden(meeting: meeting)
        let t1 = now()
        var sum = 0, p = 0, dp = 0
        for (s, session) in meeting.sessions.enumerated() {
            let duration = session.durationMinutes
            let zonesOfAttendees = burden.attendeePositions[s].map { burden.zoneOfDelegation[$0] }
            for start in starts {
                let m0 = start.minutes
                for z in zonesOfAttendees {
                    let m = burden.index.minutes(zoneIndex: z, startMinute: m0, duration: duration)
                    sum &+= m.shoulder &+ 7 &* m.night
                }
                dp += zonesOfAttendees.count
                p += 1
            }
        }
        let t2 = now()
        build.append(t1 - t0)
        score.append(t2 - t1)
        checksum = sum
        placements = p
        delegationPlacements = dp
    }
    return Measurement(
        name: name, delegations: meeting.delegations.count, sessions: meeting.sessions.count, placements: placements,
        delegationPlacements: delegationPlacements, buildNanos: build, scoreNanos: score, checksum: checksum)
}

// MARK: - Run

var outPath: String?
var dbPath: String?
var mode = "burden"
var args = CommandLine.arguments.dropFirst()
while let a = args.popFirst() {
    if a == "--out" { outPath = args.popFirst() } else if a == "--db" { dbPath = args.popFirst() } else { mode = a }
}
if mode == "signin" {
    print(try signInBenchmark(rounds: 15), terminator: "")
    exit(0)
}
if mode == "keystrokes" {
    print(try keystrokeBenchmark(), terminator: "")
    exit(0)
}
if mode == "builder" {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    print(
        try builderBenchmark(
            instance: root.appendingPathComponent("Benchmarks/instances/synthetic-200x1000.yaml").path), terminator: "")
    exit(0)
}
if mode == "outbox" {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    print(try outboxBenchmark(delegates: Int(dbPath ?? "") ?? 20_000, root: root), terminator: "")
    exit(0)
}
if mode == "queries" {
    print(try queryBenchmark(path: dbPath!, meetingID: "kp-2021-intersessional"), terminator: "")
    exit(0)
}
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
let sample = AgendaReader.load(path: root.appendingPathComponent("Agendas/kp-2021-intersessional.yaml").path)
guard let kp = sample.meeting else {
    for d in sample.diagnostics { print(d) }
    exit(1)
}
let results = [
    try measure("KP 2021 sample", kp, repeats: 9),
    try measure("synthetic 200 x 1000", syntheticMeeting(delegations: 200, sessions: 1000, seed: 2021), repeats: 5),
]

let baseline = try measureMinuteByMinute(kp, repeats: 3)
precondition(baseline.checksum == results[0].checksum, "the baseline and the prefix sums disagree")

func ms(_ n: UInt64) -> String { String(format: "%.1f ms", Double(n) / 1e6) }
var table = """
    | case | delegations | sessions | placements | delegation-placements | build (median) | score all (median) | per placement | per delegation-placement | runs |
    |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|

    """
for r in results {
    let s = median(r.scoreNanos)
    table +=
        "| \(r.name) | \(r.delegations) | \(r.sessions) | \(r.placements) | \(r.delegationPlacements) | \(ms(median(r.buildNanos))) | \(ms(s)) | "
    table += String(
        format: "%.0f ns | %.2f ns | %d |\n", Double(s) / Double(r.placements),
        Double(s) / Double(r.delegationPlacements), r.scoreNanos.count)
}
let large = results[1]
let largeTotal = median(large.buildNanos) + median(large.scoreNanos)
let ratio = Double(median(baseline.nanos)) / Double(median(results[0].scoreNanos))
let comparison =
    "Side by side on the KP sample (same run, same checksum): minute-by-minute through the zone clock "
    + "\(ms(median(baseline.nanos))) (median of \(baseline.nanos.count)) vs prefix sums \(ms(median(results[0].scoreNanos))): "
    + String(format: "%.0fx faster.", ratio)
let verdict =
    "Target (large case under 1 s on one core, build + scoring): \(ms(largeTotal)) -> \(largeTotal < 1_000_000_000 ? "met" : "NOT met")"
let header = """
    # Burden benchmark

    Date: \(Date().formatted(.iso8601)); host: \(ProcessInfo.processInfo.hostName), \(ProcessInfo.processInfo.activeProcessorCount) cores; single thread; release build.
    Each placement = one session at one candidate start (every 15 minutes of the meeting's 5 days); scoring computes
    every attending delegation's minutes in core/shoulder/night from per-zone prefix sums. Medians of the runs shown.
    Checksums: \(results.map { "\($0.name) \($0.checksum)" }.joined(separator: ", ")).

    """
let report = header + "\n" + table + "\n" + comparison + "\n\n" + verdict + "\n"
print(report, terminator: "")
if let outPath {
    try report.write(toFile: outPath, atomically: true, encoding: .utf8)
    print("written to \(outPath)")
}
