import AgendaFiles
import Foundation
import IntersessionTestSupport
import Localization
import MeetingModel
import MeetingTime
@testable import Publishing
import Testing

@Suite struct ExportTests {
    static let meeting: Meeting = AgendaReader.load(path: Repository.sampleAgenda).meeting!
    static let programme: Programme = ProgrammeReader.load(path: Repository.sampleProgramme, meeting: meeting)
        .programme!
    static let stamp = Instant(seconds: 1_622_505_600)  // 2021-06-01T00:00Z

    /// Version 2: S03 one hour later and in room B; S14 removed.
    static var moved: Programme {
        Programme(
            meetingID: meeting.id,
            placements: programme.placements.compactMap { p in
                if p.sessionID == "S14" { return nil }
                guard p.sessionID == "S03" else { return p }
                return Placement(
                    sessionID: p.sessionID, start: Instant(seconds: p.start.seconds + 3600), room: "B", pinned: p.pinned
                )
            })
    }

    static func iso(_ i: Instant) -> String { i.description }

    /// Runs the independent checker (icalendar, xmllint with the frab XSD, jsonschema, zoneinfo)
    /// on the manifest and returns its lines; fails the test when it finds a problem.
    static func check(_ manifest: [String: Any], in dir: URL) throws {
        let file = dir.appendingPathComponent("manifest.json")
        try JSONSerialization.data(withJSONObject: manifest).write(to: file)
        let (status, text) = try Python.run([Repository.tests("PublishingTests/Oracle/check_exports.py"), file.path])
        #expect(status == 0, "\(text)")
        #expect(text.contains(": 0 problems"), "\(text)")
    }

    @Test func exportsPassIndependentParsersAtTheRightLocalTimes() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = try ExportSource(
            meeting: Self.meeting, programme: Self.moved, version: 2, history: [Self.programme])
        var alexey = Delegate(
            meetingID: Self.meeting.id, delegation: "RU", givenName: "Алексей", familyName: "Моисеев",
            email: "a@mid.ru",
            zone: "Europe/Moscow", interpretation: "ru")
        alexey.displayName = "Алексей Моисеев"
        func events(_ selection: ExportSelection, description: [String] = []) -> [String: Any] {
            var out: [String: Any] = [:]
            for (s, p) in source.placed where selection.includes(s, in: Self.meeting) {
                out["\(s.id)@\(Self.meeting.id).intersession"] = [
                    "start": Self.iso(p.start),
                    "end": Self.iso(Instant(seconds: p.start.seconds + s.durationMinutes * 60)),
                    "sequence": s.id == "S03" ? 1 : 0, "description_contains": description,
                ]
            }
            return out
        }
        var ics: [[String: Any]] = []
        // UTC, two zones with and without DST, and a delegate's own calendar; a name with every
        // character TEXT must escape and long enough to fold inside Cyrillic letters.
        let odd = "KP; virtual, \\ réunion — Алексей Моисеев, Алексей Моисеев, Алексей Моисеев"
        for (name, zone) in [
            ("utc", nil), ("new-york", "America/New_York"), ("auckland", "Pacific/Auckland"),
            ("moscow", "Europe/Moscow"),
        ] as [(String, String?)] {
            let url = dir.appendingPathComponent("\(name).ics")
            try ICalendar.document(source, zone: zone, stamp: Self.stamp, name: odd).write(
                to: url, atomically: true, encoding: .utf8)
            var item: [String: Any] = [
                "file": url.path, "events": events(.all, description: ["Languages: English (en)"]), "name": odd,
            ]
            if let zone { item["zone"] = zone }
            ics.append(item)
        }
        let mine = dir.appendingPathComponent("alexey.ics")
        try ICalendar.document(source, selection: .delegate(alexey), zone: alexey.zone, stamp: Self.stamp).write(
            to: mine, atomically: true, encoding: .utf8)
        ics.append([
            "file": mine.path, "zone": "Europe/Moscow",
            "events": events(.delegate(alexey), description: ["Your channel: "]),
        ])
        let wgm = dir.appendingPathComponent("wgm.ics")
        try ICalendar.document(source, selection: .body("WGM"), stamp: Self.stamp).write(
            to: wgm, atomically: true, encoding: .utf8)
        ics.append(["file": wgm.path, "events": events(.body("WGM"))])
        #expect((ics.last!["events"] as! [String: Any]).keys.sorted() == ["S03@kp-2021-intersessional.intersession"])

        let xml = dir.appendingPathComponent("schedule.xml"), json = dir.appendingPathComponent("schedule.json")
        try FrabSchedule.xml(source).write(to: xml, atomically: true, encoding: .utf8)
        try FrabSchedule.json(source).write(to: json, atomically: true, encoding: .utf8)
        var guids: [String: Any] = [:]
        for (s, p) in source.placed {
            guids[
                StableID.uuid5(StableID.sessionURN(meeting: Self.meeting.id, session: s.id)).uuidString.lowercased()] =
                ["start": Self.iso(p.start)]
        }
        var printable: [[String: Any]] = []
        for zone in ["Pacific/Auckland", "America/Mexico_City", "Asia/Kolkata", "Europe/Moscow", "America/St_Johns"] {
            let url = dir.appendingPathComponent(zone.replacingOccurrences(of: "/", with: "-") + ".txt")
            try PrintableProgramme.render(source, zone: zone, format: .text).write(
                to: url, atomically: true, encoding: .utf8)
            printable.append([
                "file": url.path, "zone": zone, "host": Self.meeting.hostZone,
                "sessions": Dictionary(
                    uniqueKeysWithValues: source.placed.map { ($0.session.id, Self.iso($0.placement.start)) }),
            ])
        }
        let oracle = Repository.tests("PublishingTests/Oracle/frab")
        try Self.check(
            [
                "ics": ics, "xml": [["file": xml.path, "xsd": oracle + "/schedule.xml.xsd"]],
                "json": [["file": json.path, "schema": oracle + "/schema.json", "events": guids]],
                "printable": printable,
            ], in: dir)
    }

    @Test func aucklandSeesTheOpeningOnMondayEveningAndCPCAfterMidnight() throws {
        let source = try ExportSource(meeting: Self.meeting, programme: Self.programme)
        let text = try PrintableProgramme.render(source, zone: "Pacific/Auckland", format: .text)
        let monday = try #require(
            text.components(separatedBy: "Monday 21 June 2021\n").last?.components(separatedBy: "\n\n").first)
        #expect(monday.contains("22:00-00:00 (next day)  S01 Opening Session"))
        let tuesday = try #require(
            text.components(separatedBy: "Tuesday 22 June 2021\n").last?.components(separatedBy: "\n\n").first)
        #expect(tuesday.contains("00:30-02:00 (+1 day)  S02 Committee on Participation and Chairmanship  [A] CPC · EN"))
        let html = try PrintableProgramme.render(source, zone: "Pacific/Auckland", format: .html)
        #expect(
            html.hasPrefix("<!DOCTYPE html>") && html.contains("<h2>Tuesday 22 June 2021</h2>")
                && html.contains("00:30–02:00 <span class=\"mark\">(+1 day)</span>") && !html.contains("<link")
                && !html.contains("<script"))
        let markdown = try PrintableProgramme.render(source, zone: "Pacific/Auckland", format: .markdown)
        #expect(
            markdown.contains("## Tuesday 22 June 2021")
                && markdown.contains(
                    "| 00:30–02:00 (+1 day) | S02 Committee on Participation and Chairmanship | CPC | A | EN |")
        )
        #expect(throws: ExportError.self) { try PrintableProgramme.render(source, zone: "Mars/Olympus", format: .text) }
    }

    @Test func textIsEscapedAndLinesFoldAtOctetsNotInsideACharacter() {
        #expect(ICalendar.text("a;b,c\\d\ne\u{7}") == "a\\;b\\,c\\\\d\\ne")
        let line = "SUMMARY:" + String(repeating: "Моисеев ", count: 20)
        let folded = ICalendar.fold(line)
        for part in folded.components(separatedBy: "\r\n") { #expect(part.utf8.count <= 75) }
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == line)
        // C1 controls (two bytes in UTF-8) and CR are dropped, names in any script kept whole.
        #expect(ICalendar.text("Ж\u{85}у\r\nÿ\u{9F},\u{A0}é🙂") == "Жу\\nÿ\\,\u{A0}é🙂")
        for piece in ["🙂", "中文", "é", "ab"] {
            let long = "DESCRIPTION:" + String(repeating: piece, count: 90)
            let parts = ICalendar.fold(long).components(separatedBy: "\r\n")
            #expect(parts.allSatisfy { $0.utf8.count <= 75 } && parts.dropFirst().allSatisfy { $0.hasPrefix(" ") })
            #expect(
                parts.enumerated().map { $0.offset == 0 ? $0.element : String($0.element.dropFirst()) }.joined() == long
            )
        }
        #expect(FrabSchedule.escape("A&B <x> \"q\" 'a'\u{1}") == "A&amp;B &lt;x&gt; &quot;q&quot; &apos;a&apos;")
        // Python: uuid.uuid5(uuid.NAMESPACE_URL, "urn:intersession:kp-2021-intersessional:S01")
        #expect(
            StableID.uuid5("urn:intersession:kp-2021-intersessional:S01").uuidString.lowercased() == Self.pythonUUID5)
    }

    static let pythonUUID5: String = {
        let run = try? Python.run([
            "-c", "import uuid; print(uuid.uuid5(uuid.NAMESPACE_URL, 'urn:intersession:kp-2021-intersessional:S01'))",
        ])
        return run?.output.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }()

    @Test func sequenceCountsThePublishedVersionsThatMovedASession() throws {
        let v3 = Programme(
            meetingID: Self.meeting.id,
            placements: Self.moved.placements.map { p in
                p.sessionID == "S03"
                    ? Placement(
                        sessionID: "S03", start: Instant(seconds: p.start.seconds + 1800), room: p.room,
                        pinned: p.pinned) : p
            })
        let source = try ExportSource(
            meeting: Self.meeting, programme: v3, version: 3, history: [Self.programme, Self.moved])
        #expect(source.sequences == ["S03": 2])
        let ics = try ICalendar.document(source, stamp: Self.stamp)
        #expect(
            ics.contains("UID:S03@kp-2021-intersessional.intersession\r\nDTSTAMP:20210601T000000Z\r\nSEQUENCE:2\r\n"))
    }
}

/// Issue 15 §3: nothing from a file or a name reaches a terminal or a document raw.
@Suite struct UnsafeTextTests {
    /// Older data (stored before the readers refused it) with terminal escapes and HTML.
    static var hostile: Meeting {
        var json = try! JSONSerialization.jsonObject(with: JSONEncoder().encode(ExportTests.meeting)) as! [String: Any]
        json["title"] = "KP \u{1B}]0;PWNED\u{07}\u{1B}[2J <script>alert(1)</script> \u{202E}txt.exe"
        return try! JSONDecoder().decode(Meeting.self, from: JSONSerialization.data(withJSONObject: json))
    }

    @Test func theTextProgrammeShowsEscapesVisiblyNeverRaw() throws {
        let source = try ExportSource(meeting: Self.hostile, programme: ExportTests.programme)
        let text = try PrintableProgramme.render(source, zone: "UTC", format: .text)
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E })
        #expect(text.hasPrefix("KP \\u{1B}]0;PWNED\\u{7}\\u{1B}[2J <script>alert(1)</script> \\u{202E}txt.exe\n"))
    }

    @Test func markdownEscapesHTMLAndMarkdownSyntax() throws {
        let source = try ExportSource(meeting: Self.hostile, programme: ExportTests.programme)
        let md = try PrintableProgramme.render(source, zone: "UTC", format: .markdown)
        #expect(!md.contains("<script>") && !md.unicodeScalars.contains { $0.value == 0x1B })
        #expect(
            md.hasPrefix(
                "# KP \\\\u\\{1B\\}\\]0;PWNED\\\\u\\{7\\}\\\\u\\{1B\\}\\[2J &lt;script&gt;alert\\(1\\)&lt;/script&gt; \\\\u\\{202E\\}txt.exe\n"
            ), "\(md.prefix(120))")
    }

    @Test func theOneRuleKeepsWritingAndRefusesTricks() {
        // Persian with a zero-width non-joiner inside a word, and an emoji sequence: writing.
        #expect(DisplayText.firstUnsafe("می\u{200C}خواهم") == nil)
        #expect(DisplayText.firstUnsafe("👩\u{200D}💻") == nil)
        // Overrides, isolates, zero-width spaces, a joiner at a word's edge, C0 and C1: refused.
        for bad in [
            "a\u{202E}b", "a\u{2066}b", "a\u{200B}b", "\u{200D}a", "a\u{1B}[2J", "a\u{85}b", "a\u{FEFF}", "a\nb",
        ] {
            #expect(DisplayText.firstUnsafe(bad) != nil, "\(bad.unicodeScalars.map { $0.value })")
        }
        #expect(DisplayText.firstUnsafe("line\nnext", newlines: true) == nil)
        #expect(DisplayText.escaped("Zoë \u{202E}x") == "Zoë \\u{202E}x")
    }
}

/// A source keeps the events its calendars wrote (issue 20: a notice to each of 20,000
/// delegates): a calendar from a source that has written others is the one a fresh source
/// writes, whatever differs between the delegates.
@Suite struct CalendarEventReuseTests {
    @Test func aCalendarFromAWarmSourceIsTheOneAFreshSourceWrites() throws {
        let meeting = ExportTests.meeting
        let programme = ExportTests.moved, history = [ExportTests.programme]
        let warm = try ExportSource(meeting: meeting, programme: programme, version: 2, history: history)
        let link = PersonalLink(scope: .meeting, url: "https://zoom.example.org/w/81020210621?tk=own-1")
        let s03 = ExportTests.programme.placements.first { $0.sessionID == "S03" }!.start
        var cases: [(Delegate, [PersonalLink], Instant, String, String?)] = []
        for (i, (code, zone, channel)) in [
            ("RU", "Europe/Moscow", "ru"), ("RU", "Europe/Moscow", "fr"), ("FR", "Europe/Moscow", "ru"),
            ("RU", "Asia/Tokyo", "ru"), ("MX", "America/Mexico_City", nil),
        ].enumerated() {
            var d = Delegate(
                meetingID: meeting.id, delegation: code, givenName: "G\(i)", familyName: "F", email: "d\(i)@x.org",
                zone: zone, interpretation: channel)
            d.displayName = "G\(i) F"
            for language in ["en", "ru"] {
                cases.append((d, [], ExportTests.stamp, language, zone))
                cases.append((d, [link], s03, language, zone))
                cases.append((d, [], s03, language, nil))
            }
        }
        var written: [String: String] = [:]
        for (d, links, stamp, language, zone) in cases {
            func calendar(_ source: ExportSource) throws -> String {
                try ICalendar.document(
                    source, selection: .delegate(d), zone: zone, stamp: stamp, name: d.displayName,
                    l10n: Localizer(language), personalLinks: links)
            }
            let fresh = try calendar(ExportSource(meeting: meeting, programme: programme, version: 2, history: history))
            let reused = try calendar(warm)
            #expect(reused == fresh, "\(d.delegation) \(d.zone) \(language) \(links.count) links \(stamp)")
            written["\(d.interpretation ?? "-") \(d.delegation) \(d.zone) \(language) \(links.count) \(zone != nil)"] =
                fresh.replacingOccurrences(of: d.displayName, with: "")
        }
        // What each case changes is in the calendar (the reuse was put to the test): the channel,
        // the zone, the language, a personal link, and the delegation where its sessions differ.
        let base = "ru RU Europe/Moscow en 1 true"
        for other in [
            "fr RU Europe/Moscow en 1 true", "ru RU Asia/Tokyo en 1 true", "ru RU Europe/Moscow ru 1 true",
            "ru RU Europe/Moscow en 0 true", "- MX America/Mexico_City en 1 true",
        ] {
            #expect(written[base] != nil && written[other] != nil && written[base] != written[other], "\(other)")
        }
    }
}

extension CalendarEventReuseTests {
    /// The printable schedule of a letter is kept the same way: per zone, format, language and the
    /// sessions it holds; a delegation with other sessions gets its own.
    @Test func aPrintedScheduleFromAWarmSourceIsTheOneAFreshSourceWrites() throws {
        let meeting = ExportTests.meeting
        let warm = try ExportSource(meeting: meeting, programme: ExportTests.programme)
        var seen: [String: String] = [:]
        for code in ["RU", "FR", "MX"] {
            let d = Delegate(
                meetingID: meeting.id, delegation: code, givenName: "A", familyName: "B", email: "a@x.org",
                zone: "UTC")
            for zone in ["Europe/Moscow", "Pacific/Auckland"] {
                for format in PrintableProgramme.Format.allCases {
                    for language in ["en", "fr"] {
                        func printed(_ source: ExportSource) throws -> String {
                            try PrintableProgramme.render(
                                source, zone: zone, format: format, selection: .delegate(d), l10n: Localizer(language))
                        }
                        let fresh = try printed(ExportSource(meeting: meeting, programme: ExportTests.programme))
                        #expect(try printed(warm) == fresh, "\(code) \(zone) \(format) \(language)")
                        seen["\(code) \(zone) \(format) \(language)"] = fresh
                    }
                }
            }
        }
        let format = PrintableProgramme.Format.allCases[0]
        let base = seen["RU Europe/Moscow \(format) en"]
        #expect(base != nil && base != seen["RU Pacific/Auckland \(format) en"])
        #expect(base != nil && base != seen["RU Europe/Moscow \(format) fr"])
        let sessions = Set(
            ["RU", "MX"].map { code in
                let d = Delegate(
                    meetingID: meeting.id, delegation: code, givenName: "A", familyName: "B", email: "a@x.org",
                    zone: "UTC")
                return meeting.sessions.filter { meeting.attends(d, $0) }.map(\.id)
            })
        // RU and MX sit in different sessions, so their schedules differ.
        #expect(sessions.count == 2)
        #expect(base != seen["MX Europe/Moscow \(format) en"])
    }
}

/// Join details (issue 19): a delegate's own calendar carries them once released, read back by
/// Python's icalendar; no public export ever carries a link or a passcode.
@Suite struct JoinDetailsExportTests {
    static let meeting = ExportTests.meeting
    static let source = try! ExportSource(meeting: meeting, programme: ExportTests.programme)
    static var alexey: Delegate {
        var d = Delegate(
            meetingID: meeting.id, delegation: "RU", givenName: "Алексей", familyName: "Моисеев", email: "a@mid.ru",
            zone: "Europe/Moscow", interpretation: "fr")
        d.displayName = "Алексей Моисеев"
        return d
    }

    static func start(_ id: String) -> Instant {
        ExportTests.programme.placements.first { $0.sessionID == id }!.start
    }

    /// icalendar's reading of the delegate's calendar made at `stamp`.
    static func parsed(at stamp: Instant, links: [PersonalLink] = []) throws -> [String: [String: String?]] {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("mine.ics")
        try ICalendar.document(
            source, selection: .delegate(alexey), zone: alexey.zone, stamp: stamp, personalLinks: links
        ).write(
            to: file, atomically: true, encoding: .utf8)
        let (status, text) = try Python.run([Repository.tests("PublishingTests/Oracle/join_fields.py"), file.path])
        #expect(status == 0, "\(text)")
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: [String: Any]] ?? [:]
        return json.mapValues { $0.mapValues { $0 as? String } }
    }

    @Test func theSampleGivesEachRoomItsDetailsAndTheOpeningItsOwn() throws {
        let a = try #require(Self.meeting.rooms["A"])
        #expect(a.platform == .zoom && a.channels == ["en": 1, "fr": 2, "ru": 3] && a.dialIn.count == 4)
        #expect(Self.meeting.joinReleaseMinutes == 24 * 60)
        let opening = try #require(Self.meeting.sessions.first { $0.id == "S01" })
        let joined = try #require(Self.meeting.joinDetails(for: opening, room: "A"))
        #expect(joined.url == "https://zoom.example.org/w/83020210621?tk=KPopen" && joined.passcode == "KP-open-21")
        #expect(joined.dialIn == a.dialIn && joined.name == a.name, "the room's fields the session does not give")
        #expect(opening.joinReleaseMinutes == 7 * 1440)
        #expect(joined.dialIn(firstFor: "FR").map(\.country) == ["FR", "GB", "US", "AU"])
    }

    /// A personal link takes the shared link's place where it applies: a link for the whole
    /// meeting in every room session, not in the opening (its own webinar in the agenda), which
    /// takes only a link for itself; released no earlier than the shared one.
    @Test func aDelegatesPersonalLinkReplacesTheSharedOneWhereItApplies() throws {
        let meetingWide = PersonalLink(scope: .meeting, url: "https://zoom.example.org/w/81020210621?tk=alexey-1")
        let opening = PersonalLink(scope: .session("S01"), url: "https://zoom.example.org/w/83020210621?tk=alexey-2")
        let s03 = Self.start("S03")
        let early = try Self.parsed(at: s03.adding(minutes: -25 * 60), links: [meetingWide])["S03"]
        #expect(early?["url"] ?? nil == nil && early?["description"]??.contains("tk=alexey") == false)
        let both = try Self.parsed(at: Self.start("S01"), links: [meetingWide, opening])
        let onlyWide = try Self.parsed(at: Self.start("S01"), links: [meetingWide])
        #expect(both["S01"]?["url"] ?? nil == opening.url && both["S01"]?["location"] ?? nil == opening.url)
        #expect(onlyWide["S01"]?["url"] ?? nil == "https://zoom.example.org/w/83020210621?tk=KPopen")
        let open = try Self.parsed(at: s03, links: [meetingWide])["S03"]
        #expect(open?["url"] ?? nil == meetingWide.url && open?["location"] ?? nil == meetingWide.url)
        let text = (open?["description"] ?? nil) ?? ""
        #expect(text.contains("Your personal link (for you only): " + meetingWide.url), "\(text)")
        #expect(!text.contains("pwd=KPa2021"), "the shared link is not offered beside the personal one")
        #expect(text.contains("Passcode: KPa-2021"))
    }

    /// The release window at its edges: a second before, at the release, a second before the
    /// end, at the end.
    @Test func aDelegatesCalendarCarriesTheLinkFromItsReleaseToTheSessionsEnd() throws {
        let s03 = Self.start("S03")  // room A, the meeting's 24 hours
        let minutes = Self.meeting.sessions.first { $0.id == "S03" }!.durationMinutes
        let opens = s03.adding(minutes: -24 * 60)
        let before = try Self.parsed(at: Instant(seconds: opens.seconds - 1))["S03"]
        #expect(before?["url"] ?? nil == nil && before?["location"] ?? nil == "A")
        #expect(before?["description"]??.contains("export your schedule again after that") == true)
        #expect(before?["description"]??.contains("KPa-2021") == false)
        for at in [opens, Instant(seconds: s03.adding(minutes: minutes).seconds - 1)] {
            let open = try Self.parsed(at: at)["S03"]
            #expect(open?["url"] ?? nil == "https://zoom.example.org/j/81020210621?pwd=KPa2021")
            #expect(open?["location"] ?? nil == "https://zoom.example.org/j/81020210621?pwd=KPa2021")
            let text = (open?["description"] ?? nil) ?? ""
            // The channel Alexey listens to (French where S03 has it, else the floor), by number;
            // Russia's delegation has no dial-in of its own, so the agenda's order stays.
            let session = Self.meeting.sessions.first { $0.id == "S03" }!
            let channel = Self.source.channel(of: Self.alexey, at: session)
            let number = Self.meeting.rooms["A"]!.channels[channel]!
            #expect(text.contains("Passcode: KPa-2021") && text.contains(", channel \(number)"), "\(text)")
            #expect(text.contains("By phone (GB): +44 20 7946 0321"), "\(text)")
        }
        let ended = try Self.parsed(at: s03.adding(minutes: minutes))["S03"]
        #expect(ended?["url"] ?? nil == nil && ended?["description"]??.contains("KPa-2021") == false)
        #expect(ended?["description"]??.contains("export your schedule again") == false)
    }

    /// Made while every link is out, no public file has a link, a passcode or a meeting ID.
    @Test func noPublicExportCarriesALinkOrAPasscode() throws {
        let stamp = Self.start("S01")  // every session within 7 days: S01's window and others' near
        var secrets: [String] = []
        for details in Array(Self.meeting.rooms.values) + Self.meeting.sessions.compactMap(\.join) {
            secrets += [details.url, details.passcode, details.meetingID].compactMap { $0 }
            secrets += details.dialIn.map(\.number)
        }
        #expect(secrets.count >= 9)
        var files: [(String, String)] = [
            ("all.ics", try ICalendar.document(Self.source, stamp: stamp)),
            ("moscow.ics", try ICalendar.document(Self.source, zone: "Europe/Moscow", stamp: stamp)),
            ("wgm.ics", try ICalendar.document(Self.source, selection: .body("WGM"), stamp: stamp)),
            ("frab.xml", try FrabSchedule.xml(Self.source)), ("frab.json", try FrabSchedule.json(Self.source)),
        ]
        for format in [PrintableProgramme.Format.text, .markdown, .html] {
            files.append(("\(format)", try PrintableProgramme.render(Self.source, zone: "UTC", format: format)))
        }
        for (name, text) in files {
            for secret in secrets { #expect(!text.contains(secret), "\(name) holds \(secret)") }
        }
        // The delegate's own calendar at the same moment does hold the opening's.
        let mine = try ICalendar.document(Self.source, selection: .delegate(Self.alexey), stamp: stamp)
        #expect(mine.contains("KP-open-21"))
    }
}
