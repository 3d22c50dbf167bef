import Localization
import MeetingModel
import RegistrationFiles
import Store

/// A delegation's CSV list read and planned against the store, nothing written: the rows read,
/// the plan, and every problem as "FILE:ROW: field: message" in the language of `l`, in file
/// order (`delegates import` and the desk's import share it). Rows that were read are checked by
/// the store too, so one pass reports every problem of the file; a broken header stops there.
public func planListImport(
    _ store: any ShellStore, path: String, meetingID: String, options: DelegateCSVReader.Options,
    l: Localizer
) throws -> (rows: Int, plan: ImportPlan, problems: [String]) {
    let read = DelegateCSVReader.read(path: path, meetingID: meetingID, options: options)
    let headerBroken = read.problems.contains { ($0.row ?? 1) == 1 }
    let plan = headerBroken ? ImportPlan() : try store.planImport(read.rows, meetingID: meetingID)
    let problems =
        (read.problems.map { ($0.row ?? 0, $0.text(l)) }
        + plan.refused.map { ($0.row, "\(path):\($0.row): " + read.inFileTerms($0.message.text(l))) })
        .sorted { $0.0 < $1.0 }.map(\.1)
    return (read.rows.count, plan, problems)
}
