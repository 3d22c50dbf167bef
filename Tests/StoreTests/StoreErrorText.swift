import Localization
import Store

/// The store's refusals as the tests write them: in English (messages are equal when their
/// English texts are).
extension StoreError {
    static func invalid(_ english: [String]) -> StoreError { .invalid(english.map(Message.init(verbatim:))) }
    static func wouldOrphan(_ english: [String]) -> StoreError { .wouldOrphan(english.map(Message.init(verbatim:))) }
}
