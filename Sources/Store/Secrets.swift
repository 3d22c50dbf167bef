import CXCrypt
import Foundation

/// Password and one-time-token hashing with the system's libxcrypt (yescrypt): a well-kept
/// implementation whose output (`$y$…`) carries its own parameters and salt.
public enum Secrets {
    /// yescrypt's cost factor (libxcrypt's default is 5: about 20 ms here).
    static let cost: UInt = 5

    /// A salted yescrypt hash of `secret`.
    public static func hash(_ secret: String) throws -> String {
        var salt = [CChar](repeating: 0, count: Int(CRYPT_GENSALT_OUTPUT_SIZE))
        guard crypt_gensalt_rn("$y$", cost, nil, 0, &salt, Int32(salt.count)) != nil else { throw SecretError.unavailable }
        var data = crypt_data()
        guard let out = crypt_r(secret, salt, &data), out.pointee != 0x2A /* '*' marks failure */ else { throw SecretError.unavailable }
        return String(cString: out)
    }

    /// Whether `secret` matches `stored`, compared in constant time.
    public static func verify(_ secret: String, against stored: String) -> Bool {
        guard !stored.isEmpty else { return false }
        var data = crypt_data()
        guard let out = crypt_r(secret, stored, &data) else { return false }
        let a = Array(String(cString: out).utf8), b = Array(stored.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// A one-time token: 20 characters from a 32-letter alphabet without look-alikes (100 bits),
    /// drawn from the system's cryptographic generator.
    public static func token() -> String {
        let alphabet = Array("ABCDEFGHJKMNPQRSTVWXYZ23456789ab")   // 32 symbols
        var rng = SystemRandomNumberGenerator()
        let raw = (0..<20).map { _ in alphabet[Int(rng.next() % 32)] }
        return String(raw[0..<5]) + "-" + String(raw[5..<10]) + "-" + String(raw[10..<15]) + "-" + String(raw[15..<20])
    }

    public enum SecretError: Error { case unavailable }
}
