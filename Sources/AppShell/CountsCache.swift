import Foundation
import Synchronization
import MeetingModel

/// The desk's last counts per status and whether a change made them stale (read again only after
/// a change: searching and filtering do not change them). Behind a lock: the shell may run on
/// any thread (each SSH session has its own).
final class CountsCache: Sendable {
    private let state = Mutex<(value: [RegistrationStatus: Int]?, stale: Bool)>((nil, true))

    var value: [RegistrationStatus: Int]? {
        get { state.withLock { $0.value } }
        set { state.withLock { $0.value = newValue } }
    }

    var stale: Bool {
        get { state.withLock { $0.stale } }
        set { state.withLock { $0.stale = newValue } }
    }
}
