import Foundation
import IntersessionTestSupport
import Testing

@Suite struct ZonesCommandTests {
    /// The committed zoneinfo oracle (see Tests/MeetingTimeTests/Oracle).
    struct Oracle: Decodable { let instants: [Int]; let grid: [String: [Int]] }

    @Test func jsonAgreesWithZoneinfoForEveryDelegation() throws {
        let oracle = try JSONDecoder().decode(
            Oracle.self,
            from: Data(
                contentsOf: URL(fileURLWithPath: Repository.tests("MeetingTimeTests/Oracle/zoneinfo-oracle.json"))))
        // Several instants of the meeting week, each with its position in the oracle's list.
        for t in oracle.instants.filter({ $0 >= 1_624_233_600 && $0 < 1_624_665_600 }) {
            let column = oracle.instants.firstIndex(of: t)!
            let at = Date(timeIntervalSince1970: TimeInterval(t)).formatted(.iso8601)
            let r = try Executable.run(["zones", "Agendas/kp-2021-intersessional.yaml", "--at", at, "--format", "json"])
            #expect(r.status == 0, "\(r.stderr)")
            let rows = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
            #expect(rows.count == 60)
            for row in rows {
                #expect(Set(row.keys) == ["delegation", "zone", "local", "offset_minutes", "band"])
                let zone = try #require(row["zone"] as? String), offset = try #require(row["offset_minutes"] as? Int)
                let expected = try #require(oracle.grid[zone])[column]
                #expect(offset * 60 == expected, "\(zone) at \(at)")
                // The local text is the instant shifted by zoneinfo's offset, written with that offset.
                let f = DateFormatter()
                f.locale = Locale(identifier: "en_US_POSIX")
                f.dateFormat = "yyyy-MM-dd'T'HH:mm:ssxxx"  // +00:00 for UTC, as Python's isoformat writes it
                f.timeZone = TimeZone(secondsFromGMT: expected)
                #expect(
                    row["local"] as? String == f.string(from: Date(timeIntervalSince1970: TimeInterval(t))),
                    "\(zone) at \(at)")
                #expect(["core", "shoulder", "night"].contains(row["band"] as? String))
            }
        }
    }

    @Test func textTableShowsDatesOffsetsAndBands() throws {
        let r = try Executable.run(["zones", "Agendas/kp-2021-intersessional.yaml", "--at", "2021-06-22T14:00Z"])
        #expect(r.status == 0)
        let lines = r.stdout.components(separatedBy: "\n")
        #expect(lines[0] == "At 2021-06-22T14:00:00Z = Tue 2021-06-22 17:00 in Europe/Moscow (host)")
        #expect(lines[2] == "CODE  ZONE                  LOCAL                          OFFSET     BAND      NAME")
        #expect(lines[3] == "MX    America/Mexico_City   2021-06-22 09:00 Tue           UTC-05:00  core      Mexico")
        #expect(lines.contains("IN    Asia/Kolkata          2021-06-22 19:30 Tue           UTC+05:30  shoulder  India"))
        #expect(
            lines[62] == "NZ    Pacific/Auckland      2021-06-23 02:00 Wed (+1 day)  UTC+12:00  night     New Zealand")
        #expect(lines[64] == "60 delegations: 41 core, 12 shoulder, 7 night")
    }

    @Test func overlapGroupsByOffsetAndNamesBestAndWorstWindows() throws {
        let r = try Executable.run([
            "zones", "Agendas/kp-2021-intersessional.yaml", "--overlap", "--day", "2021-06-21", "--ascii",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.components(separatedBy: "\n")
        #expect(
            lines.contains(
                "UTC                          00 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20 21 22 23"))
        #expect(lines.contains("UTC+12:00  (1)"))
        #expect(
            lines.contains(
                "  NZ    Pacific/Auckland     ## ## ## ## ## ## ++ ++ ++ ++ .. .. .. .. .. .. .. .. .. ++ ++ ## ## ##"))
        // 15 distinct offsets in June 2021, UTC-5 to UTC+12
        #expect(lines.filter { $0.hasPrefix("UTC-") || $0.hasPrefix("UTC+") }.count == 15)
        #expect(lines.filter { $0.hasPrefix("  ") && $0.count > 28 && !$0.contains("burden") }.count == 60)
        let best = try #require(lines.firstIndex(of: "Best:"))
        #expect(
            lines[best + 1] == "  11:00-13:00 UTC  (14:00-16:00 Europe/Moscow)  burden 3840, all core 35, with night 4")
        #expect(lines.contains("Worst:"))
    }

    @Test func badInputSaysWhatToWrite() throws {
        let r = try Executable.run(["zones", "Agendas/kp-2021-intersessional.yaml", "--at", "21/06/2021"])
        #expect(r.status == 64)
        #expect(
            r.stderr.contains(
                "'21/06/2021' is not a date-time; write 2021-06-21T10:00Z, 2021-06-21T13:00+03:00 or 2021-06-21 13:00 (in Europe/Moscow)"
            ))
        let both = try Executable.run(["zones", "Agendas/kp-2021-intersessional.yaml"])
        #expect(both.status == 64 && both.stderr.contains("give either --at INSTANT or --overlap --day DATE"))
    }
}
