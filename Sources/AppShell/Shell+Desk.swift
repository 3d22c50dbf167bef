import AppCore
import Foundation
import Localization
import MeetingModel
import Mail
import MeetingTime
import Publishing
import Rendering
import RegistrationFiles
import Scheduling
import Screens
import Store
import Terminal

extension Shell {
    /// The runner of the registration desk: the list, the form, status changes, accounts, imports, the overview and the audit trail.
    func performDesk(_ effect: DeskEffect) -> [Action] {
        switch effect {
        case .previewImport(let path, let meetingID):
            do {
                let (plan, problems) = try importPlan(path: path, meetingID: meetingID)
                func who(_ d: Delegate) -> String { "\(d.displayName) (\(d.delegation), \(d.email))" }
                return [
                    .desk(
                        .importPreviewed(
                            ImportPreview(
                                path: path,
                                added: plan.adds.map {
                                    l10n("app.import.row", ["row": "\($0.row)", "who": who($0.delegate)])
                                },
                                updated: plan.updates.map {
                                    l10n(
                                        "app.import.row",
                                        [
                                            "row": "\($0.row)",
                                            "who": who($0.delegate) + ": " + $0.fields.joined(separator: ", "),
                                        ])
                                },
                                unchanged: plan.unchanged.count, refused: problems)))
                ]
            } catch {
                return [.desk(.changed(message: words(error)))]
            }
        case .confirmImport(let path, let meetingID):
            guard let actor = operatorName else { return [] }
            counts.stale = true
            do {
                // Read and checked again: the file or the store may have changed since the preview.
                let (plan, problems) = try importPlan(path: path, meetingID: meetingID)
                guard problems.isEmpty else {
                    return [.desk(.changed(message: Message("app.import.none", ["why": problems[0]])))]
                }
                let (added, updated) = try store.applyImport(plan, meetingID: meetingID, actor: actor)
                return [
                    .desk(
                        .changed(
                            message: Message(
                                "app.import.done", ["path": path, "added": "\(added)", "updated": "\(updated)"])))
                ]
            } catch {
                return [.desk(.changed(message: Message("app.import.none", values: ["why": .message(words(error))])))]
            }
        case .loadOutbox(let meetingID):
            return [.desk(outboxLoaded(meetingID: meetingID, message: nil))]
        case .previewMessage(let id, let meetingID):
            guard let (_, bytes) = try? store.outboxMessage(id, meetingID: meetingID) else { return [] }
            return [.desk(.messagePreviewed(id: id, text: MailMessage.text(of: bytes) ?? ""))]
        case .sendOutbox(let meetingID):
            guard let actor = operatorName else { return [] }
            let text = ProcessInfo.processInfo.environment["INTERSESSION_MAIL_TRANSPORT"] ?? "sendmail"
            guard let transport = MailTransport(text: text) else {
                return [
                    .desk(outboxLoaded(meetingID: meetingID, message: Message("app.outbox.transport", ["value": text])))
                ]
            }
            do {
                let (sent, failed, unknown) = try sendOutbox(
                    store, meetingID: meetingID, transport: transport, due: false, actor: actor)
                return [
                    .desk(
                        outboxLoaded(
                            meetingID: meetingID,
                            message: Message(
                                "app.outbox.sent",
                                [
                                    "sent": "\(sent)", "failed": "\(failed)", "unknown": "\(unknown)",
                                    "transport": "\(transport)",
                                ])))
                ]
            } catch {
                return [.desk(outboxLoaded(meetingID: meetingID, message: words(error)))]
            }
        case .composeNotices(let meetingID):
            guard let actor = operatorName else { return [] }
            let env = ProcessInfo.processInfo.environment
            guard let from = env["INTERSESSION_MAIL_FROM"].flatMap(MailAddress.init(text:)) else {
                return [.desk(outboxLoaded(meetingID: meetingID, message: Message("app.outbox.no-from")))]
            }
            do {
                let (queued, replaced) = try composeChangeNotices(
                    store, meetingID: meetingID, from: from, actor: actor, now: clock())
                return [
                    .desk(
                        outboxLoaded(
                            meetingID: meetingID,
                            message: Message("app.outbox.composed", ["queued": "\(queued)", "replaced": "\(replaced)"]))
                    )
                ]
            } catch {
                return [.desk(outboxLoaded(meetingID: meetingID, message: words(error)))]
            }
        case .changeMessage(let id, let cancel, let meetingID):
            guard let actor = operatorName else { return [] }
            do {
                let done =
                    cancel
                    ? try store.cancelMessage(id, meetingID: meetingID, actor: actor)
                    : try store.retryMessage(id, meetingID: meetingID, actor: actor)
                let key =
                    cancel
                    ? (done ? "app.outbox.cancelled" : "app.outbox.cannot-cancel")
                    : (done ? "app.outbox.retried" : "app.outbox.cannot-retry")
                return [.desk(outboxLoaded(meetingID: meetingID, message: Message(key, ["id": "\(id)"])))]
            } catch {
                return [.desk(outboxLoaded(meetingID: meetingID, message: words(error)))]
            }
        case .importLinks(let path, let scope, let meetingID):
            guard let actor = operatorName else { return [] }
            do {
                let plan = try planLinkImport(
                    store, path: path, meetingID: meetingID, map: [:], delimiter: nil, scope: scope, l: l10n)
                if let refused = refusal(plan.problems) { return refused }
                let counts = try store.setJoinLinks(plan.writes.map(\.write), meetingID: meetingID, actor: actor)
                return [
                    .desk(
                        .changed(
                            message: Message(
                                "app.links.done",
                                [
                                    "path": path, "added": "\(counts.added)", "changed": "\(counts.changed)",
                                    "unmatched": "\(plan.unmatched.count)", "inactive": "\(plan.inactive.count)",
                                    "without": "\(plan.withoutLink.count)",
                                ])))
                ]
            } catch {
                return [.desk(.changed(message: Message("app.links.failed", values: ["why": .message(words(error))])))]
            }
        case .importAttendance(let path, let session, let zone, let meetingID):
            guard let actor = operatorName else { return [] }
            do {
                let plan = try planAttendanceImport(
                    store, path: path, meetingID: meetingID, session: session, map: [:], delimiter: nil,
                    zone: zone.flatMap(TimeZone.init(identifier:)), l: l10n)
                if let refused = refusal(plan.problems) { return refused }
                _ = try store.recordAttendance(
                    session: session, presences: plan.presences.map(\.write),
                    file: URL(fileURLWithPath: path).lastPathComponent, rows: plan.rows,
                    unmatched: plan.unmatched.count, meetingID: meetingID, actor: actor)
                return [
                    .desk(
                        .changed(
                            message: Message(
                                "app.attendance.done",
                                [
                                    "session": session, "delegates": "\(plan.presences.count)",
                                    "unmatched": "\(plan.unmatched.count)",
                                ])))
                ]
            } catch {
                return [.desk(.changed(message: Message("app.links.failed", values: ["why": .message(words(error))])))]
            }
        case .load(let query):
            do {
                if counts.stale || counts.value == nil {
                    counts.value = try store.statusCounts(meetingID: query.meetingID)
                    counts.stale = false
                }
                return [.desk(.loaded(rows: try store.delegates(query), counts: counts.value ?? [:]))]
            } catch {
                return [.desk(.changed(message: words(error)))]
            }
        case .issueAccount(let id, let meetingID):
            guard let actor = operatorName else { return [] }
            counts.stale = true
            do {
                guard
                    let a = try store.issueAccounts(meetingID: meetingID, delegation: nil, ids: [id], actor: actor)
                        .first
                else {
                    return [.desk(.changed(message: Message("app.no-account-to-issue", ["id": "\(id)"])))]
                }
                if let mail, let meeting = try store.meeting(meetingID) {
                    // Issuing and sending are one step: the token goes into the letter only.
                    let done = try sendAccountLetters(
                        store, issued: [a], meeting: meeting, settings: mail, actor: actor, now: clock)
                    let said =
                        done.first?.error.map {
                            Message("app.letter-failed", ["username": a.username, "email": a.email, "why": $0])
                        } ?? Message("app.letter-sent", ["username": a.username, "email": a.email])
                    return [.desk(.changed(message: said))]
                }
                return [
                    .desk(
                        .tokenIssued(
                            IssuedToken(delegateID: a.delegateID, name: a.name, username: a.username, token: a.token)))
                ]
            } catch {
                return [.desk(.changed(message: words(error)))]
            }
        case .clearSignInWaits(let id, _):
            guard let actor = operatorName else { return [] }
            do {
                guard let username = try store.username(delegateID: id) else {
                    return [.desk(.changed(message: Message("app.no-account", ["id": "\(id)"])))]
                }
                let cleared = try store.clearThrottle(username: username, actor: actor)
                return [.desk(.changed(message: Message("app.waits-cleared", ["username": username], count: cleared)))]
            } catch {
                return [.desk(.changed(message: words(error)))]
            }
        case .add(let d):
            guard let actor = operatorName else { return [] }
            counts.stale = true
            do {
                let (saved, warnings) = try store.add(d, actor: actor)
                return [.desk(.added(saved, warnings: warnings))]
            } catch let error as StoreError {
                return [.desk(.formRefused(fieldProblems(error)))]
            } catch {
                return [.desk(.formRefused([FieldProblem(fields: [], message: words(error))]))]
            }
        case .save(let d):
            guard let actor = operatorName else { return [] }
            counts.stale = true
            do {
                return [.desk(.saved(try store.save(d, actor: actor)))]
            } catch let conflict as StoreError {
                if case .conflict = conflict { return [.desk(.editConflicted(conflict.words))] }
                return [.desk(.formRefused(fieldProblems(conflict)))]
            } catch {
                return [.desk(.formRefused([FieldProblem(fields: [], message: words(error))]))]
            }
        case .reload(let id, let meetingID):
            do {
                guard let d = try store.delegate(id, meetingID: meetingID) else {
                    return [.desk(.changed(message: Message("app.delegate-gone", ["id": "\(id)"])))]
                }
                return [.desk(.reloaded(d))]
            } catch {
                return [.desk(.changed(message: words(error)))]
            }
        case .loadOverview(let meetingID):
            do {
                guard let meeting = try store.meeting(meetingID) else {
                    return [.desk(.changed(message: Message("app.no-meeting", ["meeting": meetingID])))]
                }
                let published = try store.publishedProgramme(meetingID: meetingID)
                let programme = try published?.programme ?? store.draftProgramme(meetingID: meetingID)
                return [
                    .desk(
                        .overviewLoaded(
                            try DelegationOverview(
                                meeting: meeting, delegates: try store.delegates(DelegateQuery(meetingID: meetingID)),
                                programme: programme,
                                programmeLabel: published.map {
                                    l10n("overview.published", ["version": "\($0.version)"])
                                }
                                    ?? l10n("overview.draft"))))
                ]
            } catch {
                return [
                    .desk(.changed(message: Message("app.overview-failed", values: ["why": .message(words(error))])))
                ]
            }
        case .loadTakingPart(let meetingID):
            do {
                guard let meeting = try store.meeting(meetingID) else {
                    return [.desk(.changed(message: Message("app.no-meeting", ["meeting": meetingID])))]
                }
                let programme =
                    try store.publishedProgramme(meetingID: meetingID)?.programme
                    ?? store.draftProgramme(meetingID: meetingID)
                let (presences, reports) = try store.attendance(meetingID: meetingID)
                return [
                    .desk(
                        .takingPartLoaded(
                            TakingPartOverview(
                                meeting: meeting, delegates: try store.delegates(DelegateQuery(meetingID: meetingID)),
                                links: try store.joinLinks(meetingID: meetingID, revoked: false).map {
                                    StoredLinkSummary(delegateID: $0.delegateID, link: $0.link)
                                },
                                revokedToCancel: try store.joinLinks(meetingID: meetingID, revoked: true).count,
                                programme: programme, presences: presences, recorded: Set(reports.map(\.session)))))
                ]
            } catch {
                return [
                    .desk(.changed(message: Message("app.overview-failed", values: ["why": .message(words(error))])))
                ]
            }
        case .loadTrail(let id, let meetingID):
            do {
                guard let d = try store.delegate(id, meetingID: meetingID) else {
                    return [.desk(.changed(message: Message("app.delegate-gone", ["id": "\(id)"])))]
                }
                return [
                    .desk(.trailLoaded(d, try store.audit(meetingID: meetingID, subject: "delegate \(id)", since: nil)))
                ]
            } catch {
                return [.desk(.changed(message: words(error)))]
            }
        case .changeStatus(let targets, let meetingID, let status, let reason):
            guard let actor = operatorName else { return [] }
            counts.stale = true
            // Each in its own transaction, audited: one refused (changed meanwhile, not allowed
            // from its status) does not hold back the others, and the message says which.
            var done: [Delegate] = [], refused: [(id: Int64, why: Message)] = []
            for t in targets {
                do {
                    done.append(
                        try store.changeStatus(
                            t.id, meetingID: meetingID, to: status, reason: reason, expectedVersion: t.version,
                            actor: actor))
                } catch {
                    refused.append((t.id, words(error)))
                }
            }
            if targets.count == 1 {
                guard let d = done.first else { return [.desk(.changed(message: refused[0].why))] }
                return [
                    .desk(
                        .changed(
                            message: Message(
                                "app.status-changed",
                                values: [
                                    "id": "\(d.id)", "name": .text(d.displayName),
                                    "status": .message(Message("status." + d.status.rawValue)),
                                ])))
                ]
            }
            let summary = Message(
                "app.statuses-changed", values: ["status": .message(Message("status." + status.rawValue))],
                count: done.count)
            let reasons = refused.map {
                Message("app.status-refused", values: ["id": "\($0.id)", "why": .message($0.why)])
            }
            return [.desk(.changed(message: Message(joining: [summary] + reasons, separator: "; ")))]
        }
    }

    /// The store's refusal of a registration, each problem with the fields it names.
    func fieldProblems(_ error: StoreError) -> [FieldProblem] {
        switch error {
        case .invalid(let problems):
            return problems.map { FieldProblem(fields: StoreError.fields(of: $0), message: $0) }
        case .duplicateEmail:
            return [FieldProblem(fields: ["email"], message: error.words)]
        default:
            return [FieldProblem(fields: [], message: error.words)]
        }
    }

    /// A CSV list read and planned against the store (nothing written), with every problem as
    /// "FILE:ROW: field: message" in the screens' language.
    func importPlan(path: String, meetingID: String) throws -> (ImportPlan, [String]) {
        let (_, plan, problems) = try planListImport(
            store, path: path, meetingID: meetingID, options: DelegateCSVReader.Options(), l: l10n)
        return (plan, problems)
    }
}

extension Shell {
    /// The outbox as the desk shows it, with `message` for the message line.
    func outboxLoaded(meetingID: String, message: Message?) -> DeskAction {
        do {
            let rows = try store.outbox(meetingID: meetingID, state: nil, limit: 2_000).map {
                OutboxView.Row(
                    id: $0.id, kind: $0.kind, state: $0.state.rawValue, recipient: $0.recipient, subject: $0.subject,
                    lastError: $0.lastError)
            }
            return .outboxLoaded(OutboxView(rows: rows), message: message)
        } catch {
            return .changed(message: words(error))
        }
    }
}

extension Shell {
    /// A file import's problems as the message line says them (the first, and how many); nil
    /// when there are none.
    func refusal(_ problems: [String]) -> [Action]? {
        guard let first = problems.first else { return nil }
        return [.desk(.changed(message: Message("app.links.none", ["count": "\(problems.count)", "why": first])))]
    }
}
