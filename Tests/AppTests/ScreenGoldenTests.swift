import AppCore
import Localization
import Foundation
import IntersessionTestSupport
import MeetingModel
import Rendering
import Scheduling
import Screens
import Testing

/// Every view, from a fixed state, at 80×24, 100×30, 120×40, 40×12, 1×1 and 0×0, compared with the
/// screens in Tests/AppTests/Screens/ (what a person sees; read the diff, then
/// `UPDATE_SCREENS=1 swift test --filter ScreenGoldenTests` writes them again).
@Suite struct ScreenGoldenTests {
    static let sizes = [(80, 24), (100, 30), (120, 40), (60, 20), (40, 12), (1, 1), (0, 0)]

    static func states(width w: Int, height h: Int) throws -> [(String, AppState)] {
        var out: [(String, AppState)] = [("sign-in", AppState(width: w, height: h, now: Fixtures.now))]
        var failed = AppState(width: w, height: h, now: Fixtures.now)
        Fixtures.type("amoiseev\rwrong\r", into: &failed)
        _ = reduce(&failed, .signIn(.answered(.refused)))
        out.append(("sign-in-refused", failed))
        var schedule = try Fixtures.signedIn(Fixtures.alexey, width: w, height: h)
        out.append(("schedule-ru", schedule))
        out.append(("schedule-cn", try Fixtures.signedIn(Fixtures.wang, width: w, height: h)))
        out.append(("schedule-ae", try Fixtures.signedIn(Fixtures.mohammed, width: w, height: h)))
        schedule.views.zone = .named("Pacific/Auckland")
        out.append(("schedule-auckland", schedule))
        var programme = try Fixtures.signedIn(Fixtures.alexey, width: w, height: h)
        programme.views.tab = .programme
        out.append(("programme", programme))
        programme.views.detail = "S12"
        out.append(("programme-detail", programme))
        var clock = try Fixtures.signedIn(Fixtures.alexey, width: w, height: h)
        clock.views.tab = .worldClock
        out.append(("world-clock", clock))
        clock.showHelp = true
        out.append(("help", clock))
        // The delegates' screens in French, Russian and Spanish.
        out.append(("sign-in-fr", AppState(width: w, height: h, now: Fixtures.now, l10n: Localizer("fr"))))
        var french = try Fixtures.signedIn(Fixtures.alexey, width: w, height: h)
        french.l10n = Localizer("fr")
        out.append(("schedule-fr", french))
        var russian = try Fixtures.signedIn(Fixtures.alexey, width: w, height: h)
        russian.l10n = Localizer("ru")
        russian.views.zone = .named("Pacific/Auckland")
        out.append(("schedule-auckland-ru", russian))
        russian.views.tab = .worldClock
        out.append(("world-clock-ru", russian))
        var spanish = try Fixtures.signedIn(Fixtures.alexey, width: w, height: h)
        spanish.l10n = Localizer("es")
        spanish.views.tab = .programme
        spanish.views.detail = "S12"
        out.append(("programme-detail-es", spanish))
        var desk = AppState(width: w, height: h, now: Fixtures.now)
        _ = reduce(&desk, .staffStarted(DeskTests.staff))
        _ = reduce(
            &desk,
            .desk(.loaded(rows: [Fixtures.alexey, Fixtures.wang, Fixtures.mohammed], counts: [.accountIssued: 3])))
        out.append(("desk", desk))
        var deskFr = desk
        deskFr.l10n = Localizer("fr")
        out.append(("desk-fr", deskFr))
        var formRu = desk
        formRu.l10n = Localizer("ru")
        Fixtures.type("e", into: &formRu)
        out.append(("desk-edit-ru", formRu))
        var overview = desk
        _ = reduce(
            &overview,
            .desk(
                .overviewLoaded(
                    try DelegationOverview(
                        meeting: Fixtures.meeting, delegates: [Fixtures.alexey, Fixtures.wang, Fixtures.mohammed],
                        programme: Fixtures.programme, programmeLabel: "published version 1"))))
        out.append(("desk-overview", overview))
        var form = desk
        Fixtures.type("e\t\t\u{15}alexey@mid", into: &form)
        _ = reduce(
            &form,
            .desk(
                .formRefused([
                    FieldProblem(
                        fields: ["email"],
                        message: Message(
                            verbatim: "email: the domain of 'alexey@mid' is not a domain (e.g. mfa.gov.za)"))
                ])))
        out.append(("desk-edit", form))
        var lastField = form
        Fixtures.type("\t\t\t\t\t", into: &lastField)
        out.append(("desk-edit-last-field", lastField))
        _ = reduce(
            &form,
            .desk(
                .editConflicted(
                    Message(
                        verbatim:
                            "delegate 1 was changed by amina at 2021-06-21T10:00:00Z after you read it (version 0, now 1); "
                            + "changed: family_name; nothing saved: reload it and apply your change again"))))
        out.append(("desk-edit-conflict", form))
        _ = reduce(&desk, .terminal(.key(.tab)))
        _ = reduce(
            &desk,
            .board(
                .loaded(
                    try BoardData(
                        meeting: Fixtures.meeting, programme: Fixtures.programme,
                        requests: [InterpretationRequest(delegation: "AO", session: "S03", language: "pt")]))))
        out.append(("interpretation-board", desk))
        var boardRu = desk
        boardRu.l10n = Localizer("ru")
        out.append(("interpretation-board-ru", boardRu))
        // The programme builder: as loaded, with a conflict and its panel, the solver, its proposal,
        // the history, the comparison with version 1, and its help.
        var builder = BuilderTests.builder(width: w, height: h, published: Fixtures.programme)
        out.append(("builder", builder))
        Fixtures.type("jjjpr", into: &builder)
        out.append(("builder-moved", builder))
        var builderFr = builder
        builderFr.l10n = Localizer("fr")
        out.append(("builder-moved-fr", builderFr))
        Fixtures.type("c", into: &builder)
        out.append(("builder-conflicts", builder))
        Fixtures.type("\u{1B}y", into: &builder)
        out.append(("builder-history", builder))
        Fixtures.type("\u{1B}d", into: &builder)
        out.append(("builder-compare", builder))
        Fixtures.type("\u{1B}", into: &builder)
        builder.builder.thirdZone = "Pacific/Auckland"
        Fixtures.type("S", into: &builder)
        _ = reduce(
            &builder, .builder(.solverProgress(iteration: 120_000, elapsed: 6.5, best: Score(hard: 0, soft: 77461.2))))
        out.append(("builder-solver", builder))
        _ = reduce(&builder, .builder(.solverFinished(Fixtures.programme, stop: .timeLimit)))
        out.append(("builder-proposal", builder))
        var proposalRu = builder
        proposalRu.l10n = Localizer("ru")
        out.append(("builder-proposal-ru", proposalRu))
        Fixtures.type("\u{1B}?", into: &builder)
        out.append(("builder-help", builder))
        var helpEs = builder
        helpEs.l10n = Localizer("es")
        out.append(("builder-help-es", helpEs))
        return out
    }

    @Test func everyViewAtEverySizeIsTheScreenOnFile() throws {
        let folder = Repository.tests("AppTests/Screens")
        let update = ProcessInfo.processInfo.environment["UPDATE_SCREENS"] == "1"
        if update { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        for (w, h) in Self.sizes {
            for (name, state) in try Self.states(width: w, height: h) {
                let text = render(state).text + "\n"
                let path = "\(folder)/\(name)-\(w)x\(h).txt"
                if update { try text.write(toFile: path, atomically: true, encoding: .utf8); continue }
                let expected = try? String(contentsOfFile: path, encoding: .utf8)
                #expect(
                    expected == text,
                    "\(name) at \(w)x\(h) differs from \(path) (UPDATE_SCREENS=1 writes it after you read the difference):\n\(text)"
                )
            }
        }
    }
}
