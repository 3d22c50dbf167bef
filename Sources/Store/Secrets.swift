import CXCrypt
import Foundation

/// Password and one-time-token hashing with the system's libxcrypt (yescrypt): a well-kept
/// implementation whose output (`$y$…`) carries its own parameters and salt.
public enum Secrets {
    /// What a hash is for, which sets its cost.
    public enum Kind: Sendable {
        /// A person's password: yescrypt cost 8 (N = 2^17, r = 8: 128 MiB, as OWASP's scrypt
        /// minimum; about 0.2 s on one core here).
        case password
        /// A one-time token: 100 random bits need no slow hash to be safe, and issuing 300
        /// accounts must not take a minute (cost 1).
        case token

        var cost: UInt {
            switch self {
            case .password: 8
            case .token: 1
            }
        }
    }

    /// A salted yescrypt hash of `secret`.
    public static func hash(_ secret: String, kind: Kind = .password) throws -> String {
        guard let salt = setting(kind) else { throw SecretError.unavailable }
        var data = crypt_data()
        guard let out = crypt_r(secret, salt, &data), out.pointee != 0x2A /* '*' marks failure */ else {
            throw SecretError.unavailable
        }
        return String(cString: out)
    }

    /// A fresh salt with `kind`'s parameters (`$y$PARAMS$SALT`).
    static func setting(_ kind: Kind) -> String? {
        var salt = [CChar](repeating: 0, count: Int(CRYPT_GENSALT_OUTPUT_SIZE))
        guard crypt_gensalt_rn("$y$", kind.cost, nil, 0, &salt, Int32(salt.count)) != nil else { return nil }
        return String(cString: salt)
    }

    /// The parameter field of a yescrypt hash or setting (`j9T` in `$y$j9T$…`).
    static func parameters(_ hash: String) -> Substring? {
        let parts = hash.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[1] == "y" else { return nil }
        return parts[2]
    }

    /// Whether a stored hash was made with weaker parameters than `kind`'s today: it is made
    /// again at the next successful sign-in.
    public static func needsUpgrade(_ stored: String, kind: Kind = .password) -> Bool {
        guard let want = setting(kind).flatMap(parameters) else { return false }
        return parameters(stored) != want
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

    /// Crockford's base32: digits and capitals without I, L, O and U (no case, no look-alikes).
    static let tokenAlphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// A one-time token: 20 symbols of Crockford's base32 (100 bits) from the system's
    /// cryptographic generator, in four groups of five: `7KQ2M-…`.
    public static func token() -> String {
        var rng = SystemRandomNumberGenerator()
        let raw = (0..<20).map { _ in tokenAlphabet[Int(rng.next() % 32)] }
        return stride(from: 0, to: 20, by: 5).map { String(raw[$0..<$0 + 5]) }.joined(separator: "-")
    }

    /// A token as typed (any case, with or without dashes and spaces, O for 0 and I or L for 1,
    /// as Crockford decodes them) in the one form its hash is made of; nil when it is not one.
    public static func canonicalToken(_ typed: String) -> String? {
        var out = ""
        for c in typed.uppercased() {
            switch c {
            case "-", " ": continue
            case "O": out.append("0")
            case "I", "L": out.append("1")
            default:
                guard tokenAlphabet.contains(c) else { return nil }
                out.append(c)
            }
            if out.count > 20 { return nil }
        }
        return out.count == 20 ? out : nil
    }

    public enum SecretError: Error { case unavailable }
}
