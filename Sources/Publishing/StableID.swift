import Crypto
import Foundation

/// Name-based identifiers that stay the same across exports of the same meeting, so calendars
/// and schedule readers update an event instead of adding a copy.
public enum StableID {
    /// RFC 4122 version 5 UUID (SHA-1) of `name` in the URL namespace, as Python's
    /// `uuid.uuid5(uuid.NAMESPACE_URL, name)` computes it.
    public static func uuid5(_ name: String) -> UUID {
        let namespace = UUID(uuidString: "6ba7b811-9dad-11d1-80b4-00c04fd430c8")!  // NAMESPACE_URL
        var bytes = withUnsafeBytes(of: namespace.uuid) { Array($0) }
        bytes += Array(name.utf8)
        var digest = Array(Insecure.SHA1.hash(data: bytes).prefix(16))
        digest[6] = (digest[6] & 0x0F) | 0x50
        digest[8] = (digest[8] & 0x3F) | 0x80
        return digest.withUnsafeBytes { UUID(uuid: $0.load(as: uuid_t.self)) }
    }

    /// The URL-form name of a session of a meeting ("urn:intersession:MEETING:SESSION").
    public static func sessionURN(meeting: String, session: String) -> String {
        "urn:intersession:\(meeting):\(session)"
    }
}
