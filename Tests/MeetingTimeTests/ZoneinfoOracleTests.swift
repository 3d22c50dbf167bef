import Foundation
import IntersessionTestSupport
import MeetingModel
import MeetingTime
import Testing

/// The engine against Python's zoneinfo (system tzdata), through the committed fixture
/// `Oracle/zoneinfo-oracle.json` and its generator `Oracle/generate_zoneinfo_oracle.py`.
@Suite struct ZoneinfoOracleTests {
    struct Oracle: Decodable {
        struct Reading: Decodable { let zone: String; let utc: Int; let offset: Int; let local: String }
        struct WallTime: Decodable {
            let zone: String; let local: String; let kind: String; let fold0: Int; let fold1: Int
        }
        let tzdata: String
        let instants: [Int]
        let grid: [String: [Int]]
        let transitions: [Reading]
        let wall_times: [WallTime]
    }

    static let oracle: Oracle = {
        let path = Repository.tests("MeetingTimeTests/Oracle/zoneinfo-oracle.json")
        return try! JSONDecoder().decode(Oracle.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }()

    /// The grid's instants in clusters (one meeting window each), so each clock tabulates a few days.
    static var clusters: [[Int]] {
        var result: [[Int]] = []
        for t in oracle.instants {
            if let last = result.last?.last, t - last < 86_400 {
                result[result.count - 1].append(t)
            } else {
                result.append([t])
            }
        }
        return result
    }

    @Test func everyZoneAtEveryInstantMatchesZoneinfo() throws {
        let oracle = Self.oracle
        #expect(oracle.grid.count > 500)
        var compared = 0, unknown: [String] = []
        for (zone, offsets) in oracle.grid.sorted(by: { $0.key < $1.key }) {
            guard TimeZone(identifier: zone) != nil else { unknown.append(zone); continue }
            var i = 0
            for cluster in Self.clusters {
                let horizon = InstantRange(
                    start: Instant(seconds: cluster.first! - 86_400), end: Instant(seconds: cluster.last! + 86_400))
                let clock = try #require(ZoneClock(identifier: zone, horizon: horizon))
                for t in cluster {
                    #expect(clock.offset(at: Instant(seconds: t)) == offsets[i], "\(zone) at \(Instant(seconds: t))")
                    i += 1
                    compared += 1
                }
            }
        }
        // Only names that are not zones at all may be missing from Foundation (e.g. "Factory", "localtime").
        #expect(
            unknown.allSatisfy { !ZoneNames.locationZones.contains($0) },
            "location zones unknown to Foundation: \(unknown)")
        #expect(compared > 50_000)
    }

    @Test func transitionsAtMinusOneMinuteAtAndPlusOneMinute() throws {
        for r in Self.oracle.transitions {
            let horizon = InstantRange(
                start: Instant(seconds: r.utc - 2 * 86_400), end: Instant(seconds: r.utc + 2 * 86_400))
            let clock = try #require(ZoneClock(identifier: r.zone, horizon: horizon))
            let t = Instant(seconds: r.utc)
            #expect(clock.offset(at: t) == r.offset, "\(r.zone) at \(t)")
            let local = clock.local(at: t)
            let text = "\(local.day)T\(local.timeText):" + String(format: "%02d", local.secondOfDay % 60)
            #expect(text == r.local, "\(r.zone) at \(t)")
        }
    }

    @Test func transitionsFoundByTheClockAreZoneinfos() throws {
        // Each oracle transition instant (the middle reading of each triple) is a transition of the clock.
        let middles = stride(from: 1, to: Self.oracle.transitions.count, by: 3).map { Self.oracle.transitions[$0] }
        for r in middles {
            let horizon = InstantRange(start: Instant(seconds: r.utc - 86_400), end: Instant(seconds: r.utc + 86_400))
            let clock = try #require(ZoneClock(identifier: r.zone, horizon: horizon))
            #expect(clock.transitions.map(\.at.seconds) == [r.utc], "\(r.zone) near \(Instant(seconds: r.utc))")
        }
    }

    @Test func gapsAndOverlapsAreExplicitAndAgreeWithFold() throws {
        for w in Self.oracle.wall_times {
            let horizon = InstantRange(
                start: Instant(seconds: w.fold0 - 3 * 86_400), end: Instant(seconds: w.fold0 + 3 * 86_400))
            let clock = try #require(ZoneClock(identifier: w.zone, horizon: horizon))
            let local = try #require(InstantText.wallClock(w.local))
            switch clock.resolve(local) {
            case .skipped(_, _, _, let shifted):
                #expect(w.kind == "gap", "\(w.zone) \(w.local)")
                #expect(shifted.seconds == w.fold0, "\(w.zone) \(w.local): shifted forward like fold=0")
            case .repeated(let earlier, let later):
                #expect(w.kind == "overlap", "\(w.zone) \(w.local)")
                #expect(earlier.seconds == w.fold0 && later.seconds == w.fold1, "\(w.zone) \(w.local)")
            case .unique(let t):
                Issue.record("\(w.zone) \(w.local) resolved to a single instant \(t); zoneinfo says \(w.kind)")
            }
        }
    }
}
