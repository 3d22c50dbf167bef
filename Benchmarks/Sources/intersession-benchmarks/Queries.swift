import Foundation
import MeetingModel
import Store

/// Query timings over a registration database (`intersession-benchmarks queries --db PATH`):
/// a first page of the list, a filter by delegation and status, and name searches, each the
/// median of 21 runs after one warm-up.
func queryBenchmark(path: String, meetingID: String) throws -> String {
    let store = try SQLiteStore(path: path, creator: "benchmark")
    let total = try store.meetingSummaries().first { $0.id == meetingID }?.delegates ?? 0
    let cases: [(String, DelegateQuery)] = [
        ("first page of the list (100)", DelegateQuery(meetingID: meetingID, limit: 100)),
        ("page 500 of the list (100)", DelegateQuery(meetingID: meetingID, limit: 100, offset: 50_000)),
        ("one delegation, status submitted", DelegateQuery(meetingID: meetingID, delegation: "GH", status: .submitted)),
        (
            "name search 'МОИСЕЕВ' (case folded), first 100",
            DelegateQuery(meetingID: meetingID, search: "МОИСЕЕВ", limit: 100)
        ),
        ("name search 'zoe angstr' (accents folded), all", DelegateQuery(meetingID: meetingID, search: "zoe angstr")),
        ("name search, no match, all", DelegateQuery(meetingID: meetingID, search: "qqqqqq")),
    ]
    var out = "| query over \(total) delegates | rows | median | min | max |\n|---|---:|---:|---:|---:|\n"
    for (name, q) in cases {
        _ = try store.delegates(q)
        var times: [Double] = []
        var rows = 0
        for _ in 0..<21 {
            let t0 = DispatchTime.now().uptimeNanoseconds
            rows = try store.delegates(q).count
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        times.sort()
        out +=
            "| \(name) | \(rows) | " + String(format: "%.2f ms | %.2f ms | %.2f ms |\n", times[10], times[0], times[20])
    }
    return out
}
