// libFuzzer harnesses over the readers a user's files and keys reach (issue 15): the agenda
// reader (`agenda`; `scheduler` goes on into the scheduler with what the reader accepts), the
// programme reader, the delegates' CSV reader and the terminal key decoder. `Scripts/fuzz.sh TARGET SECONDS` builds this
// with -sanitize=fuzzer and -DFUZZING; built plainly it replays files given on the command line
// (`intersession-fuzz TARGET FILE...`), which is how a crash found once stays fixed.
#if canImport(Glibc)
    import Glibc
#endif
import AgendaFiles
import Foundation
import MeetingModel
import RegistrationFiles
import Scheduling
import TerminalInput

/// The sample meeting, for programmes to be read against.
let sampleMeeting: Meeting? = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    return AgendaReader.load(path: root.appendingPathComponent("Agendas/kp-2021-intersessional.yaml").path).meeting
}()

/// The sample meeting's scheduling problem, built once: programmes are placed and scored on it.
let sampleProblem: SchedulingProblem? = sampleMeeting.flatMap { try? SchedulingProblem(meeting: $0) }

/// A private scratch file for the readers that take a path.
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("intersession-fuzz-\(getpid()).yaml").path

/// One input through one target; every outcome but a crash is fine.
func exercise(_ target: String, _ data: Data) {
    switch target {
    case "agenda":
        _ = AgendaReader.load(text: String(decoding: data, as: UTF8.self), path: "fuzz.yaml")
    case "scheduler":
        let load = AgendaReader.load(text: String(decoding: data, as: UTF8.self), path: "fuzz.yaml")
        // What `check` accepts must not crash what consumes it: build the problem, score, search a little.
        if let meeting = load.meeting, let problem = try? SchedulingProblem(meeting: meeting) {
            let solver = Solver(
                problem: problem,
                settings: SolverSettings(seed: 1, timeLimit: nil, maxIterations: 30, unimprovedLimit: nil))
            _ = solver.solve()
        }
    case "programme":
        guard FileManager.default.createFile(atPath: scratch, contents: data) else { return }
        let load = ProgrammeReader.load(path: scratch, meeting: sampleMeeting)
        if let programme = load.programme, let problem = sampleProblem {
            let plan = Plan.of(programme, on: problem)
            _ = FullScore.compute(problem, starts: plan.starts, rooms: plan.rooms)
        }
    case "csv":
        _ = DelegateCSVReader.read(
            data: data, name: "fuzz.csv", meetingID: "fuzz", options: DelegateCSVReader.Options())
        // The platforms' files (issue 19) share the table; their own readers map it.
        let table = CSVTable.read(data: data, name: "fuzz.csv", delimiter: nil)
        _ = RegistrantLinkReader.read(table, name: "fuzz.csv", map: [:], scope: .meeting)
        _ = ParticipantReportReader.read(table, name: "fuzz.csv", map: [:], zone: TimeZone(identifier: "Europe/Moscow"))
    case "keys":
        var decoder = KeyDecoder()
        _ = decoder.feed(String(decoding: data, as: UTF8.self))
    default:
        FileHandle.standardError.write(
            Data(("unknown target '\(target)': agenda, scheduler, programme, csv or keys\n").utf8))
        exit(64)
    }
}

#if FUZZING
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzz(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
        exercise(ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? "agenda", Data(bytes: bytes, count: count))
        return 0
    }

    /// libFuzzer's driver, called from the entry point SwiftPM links an executable target with.
    @_silgen_name("LLVMFuzzerRunDriver")
    func runDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
    ) -> CInt

    @_cdecl("intersession_fuzz_main")
    public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
        var count = argc, vector = argv
        return runDriver(&count, &vector) { fuzz($0, $1) }
    }
#else
    /// The replayer: every file given, through one target.
    @main
    struct Replay {
        static func main() {
            let arguments = CommandLine.arguments.dropFirst()
            guard let target = arguments.first else {
                FileHandle.standardError.write(
                    Data("usage: intersession-fuzz agenda|scheduler|programme|csv|keys FILE...\n".utf8))
                exit(64)
            }
            for file in arguments.dropFirst() {
                guard let data = FileManager.default.contents(atPath: file) else {
                    FileHandle.standardError.write(Data("cannot read \(file)\n".utf8)); exit(66)
                }
                exercise(target, data)
            }
            print("\(arguments.count - 1) inputs replayed through \(target): no crash")
        }
    }
#endif
