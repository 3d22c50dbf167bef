import AgendaFiles
import Foundation
import IntersessionTestSupport
import MeetingModel
import Store
import Testing

extension TerminalTests {
    /// The Chair's office (here the database's administrator, who holds its permissions) opens the
    /// builder, unpins and moves a session, sees its burden and the score change, then undoes both.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")))
    func theChairsOfficeMovesASessionAndUndoesIt() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (db, tmux) = try Self.staffSession(in: dir, name: "builder.sqlite", published: false)
        defer { tmux.run(["kill-server"]) }
        tmux.keys("Tab", "Tab")
        var screen = tmux.wait(for: "S01 · Opening Session · 120 min · pinned")
        let header = try #require(
            screen.split(separator: "\n").first { $0.hasPrefix("Draft (nothing published) · 0 hard / ") })
        func burden(_ screen: String) -> String? {
            screen.split(separator: "\n").first { $0.hasPrefix("Burden here ") }.map {
                String($0.split(separator: ";")[0])
            }
        }
        // S03 (WGM) at 10:00 UTC: unpin it and move it an hour later.
        tmux.keys("j", "j")
        screen = tmux.wait(for: "WGM (S03) · Working Group on Monitoring · 90 min · pinned")
        let before = try #require(burden(screen))
        tmux.keys("p")
        tmux.wait(for: "WGM (S03) unpinned: ±0")
        tmux.keys("l", "l", "l", "l")
        screen = tmux.wait(for: "Tue 22 Jun 11:00 – 12:30 UTC · room A")
        let after = try #require(burden(screen))
        #expect(before != after, "the burden of S03 should change when it moves an hour: \(before)")
        #expect(screen.contains("WGM (S03) later by 15 min: "))
        #expect(screen.contains(" · Δ "))
        // Undo the four moves and the unpinning: the header is the one loaded.
        tmux.keys("u", "u", "u", "u", "u")
        screen = tmux.wait(for: "undo: WGM (S03) unpinned")
        #expect(screen.contains("Tue 22 Jun 10:00 – 11:30 UTC · room A") && burden(screen) == before)
        #expect(
            screen.split(separator: "\n").contains {
                $0.hasPrefix(header.prefix(40)) && $0.contains(header.split(separator: "·")[1])
            })
        tmux.keys("q")
        tmux.wait(for: "$ ")
        // Every edit was saved as the draft, and the last undo saved the draft as it was loaded.
        let store = try SQLiteStore(path: db, creator: "nobody")
        let meeting = try #require(AgendaReader.load(path: Repository.sampleAgenda).meeting)
        #expect(
            try store.draftProgramme(meetingID: meeting.id)
                == ProgrammeReader.load(path: Repository.sampleProgramme, meeting: meeting).programme)
        #expect(try store.audit(meetingID: meeting.id, subject: "programme draft", since: nil).count == 1 + 10)
    }
}
