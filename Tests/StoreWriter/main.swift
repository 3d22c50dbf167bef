// A second process for the store's concurrency test: registers COUNT delegates of DELEGATION
// in the database at PATH, one transaction (one `add`) each, as a desk user would one after
// another. Any error is printed and fails the process; the test checks nothing was printed.
//
//     store-writer PATH MEETING DELEGATION COUNT TAG
import Foundation
import MeetingModel
import Store

let args = CommandLine.arguments
guard args.count == 6, let count = Int(args[4]) else {
    FileHandle.standardError.write(Data("usage: store-writer PATH MEETING DELEGATION COUNT TAG\n".utf8))
    exit(2)
}
let (path, meeting, delegation, tag) = (args[1], args[2], args[3], args[5])
do {
    let store = try SQLiteStore(path: path, creator: "admin")
    for i in 0..<count {
        _ = try store.add(
            Delegate(
                meetingID: meeting, delegation: delegation, givenName: "Delegate", familyName: "\(tag)-\(i)",
                email: "d\(tag)-\(i)@example.org"), actor: "asm")
    }
    print("\(count) registered")
} catch {
    FileHandle.standardError.write(Data("store-writer \(tag): \(error)\n".utf8))
    exit(1)
}
