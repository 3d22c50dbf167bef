import Crypto
import Foundation
import NIOSSH

/// A public key as a delegate pastes it (a line of `~/.ssh/id_ed25519.pub`), read by
/// swift-nio-ssh's own parser: the kinds the front door can check (Ed25519, ECDSA P-256/384/521),
/// in OpenSSH's form, with its fingerprint.
public struct PublicKeyLine: Sendable, Equatable {
    /// "ssh-ed25519", "ecdsa-sha2-nistp256", …
    public let type: String
    /// The key's wire form in base64 (what `authorized_keys` holds).
    public let key: String
    /// The comment after the key (at most 100 printable characters), often user@host.
    public let comment: String
    /// "SHA256:…" as `ssh-keygen -l` shows it.
    public let fingerprint: String

    /// Why a pasted line is not a key the server can use, as a catalog key and its values.
    public struct Refusal: Error, Equatable, Sendable {
        public let key: String
        public let values: [String: String]
    }

    /// The longest line accepted (an ECDSA P-521 key with a long comment is under 400 bytes).
    public static let maxLength = 1024

    /// Reads `text`; throws a `Refusal` that says what to do.
    public init(_ text: String) throws {
        let line = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !line.isEmpty else { throw Refusal(key: "pubkey.empty", values: [:]) }
        guard line.utf8.count <= PublicKeyLine.maxLength else {
            throw Refusal(key: "pubkey.too-long", values: ["max": "\(PublicKeyLine.maxLength)"])
        }
        let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        let type = String(parts[0])
        if type == "ssh-rsa" || type.hasPrefix("rsa-") || type == "ssh-dss" {
            throw Refusal(key: "pubkey.rsa", values: [:])
        }
        guard parts.count >= 2, line.hasPrefix("ssh-") || line.hasPrefix("ecdsa-") else {
            throw Refusal(key: "pubkey.not-a-key", values: [:])
        }
        let parsed: NIOSSHPublicKey
        do { parsed = try NIOSSHPublicKey(openSSHPublicKey: "\(type) \(parts[1])") } catch {
            throw Refusal(key: "pubkey.not-a-key", values: [:])
        }
        // What the library writes back is the canonical form.
        let canonical = String(openSSHPublicKey: parsed).split(separator: " ")
        guard canonical.count >= 2, canonical[0] == type else { throw Refusal(key: "pubkey.not-a-key", values: [:]) }
        self.type = type
        self.key = String(canonical[1])
        let comment = parts.count > 2 ? String(parts[2]) : ""
        self.comment = String(
            String(
                comment.unicodeScalars.filter {
                    $0.value >= 0x20 && $0.value != 0x7f && $0.value < 0x80 || $0.properties.isAlphabetic
                }.map(Character.init)
            ).prefix(100))
        self.fingerprint = PublicKeyLine.fingerprint(base64: self.key) ?? "SHA256:?"
    }

    /// The fingerprint of a key's wire form given in base64 ("SHA256:" and unpadded base64 of
    /// its SHA-256, as OpenSSH shows it), nil when it is not base64.
    public static func fingerprint(base64: String) -> String? {
        guard let blob = Data(base64Encoded: base64) else { return nil }
        return "SHA256:" + Data(SHA256.hash(data: blob)).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }

    /// The type and base64 of a key the client signed with (for matching the stored ones).
    public static func of(_ key: NIOSSHPublicKey) -> (type: String, key: String)? {
        let parts = String(openSSHPublicKey: key).split(separator: " ")
        return parts.count >= 2 ? (String(parts[0]), String(parts[1])) : nil
    }
}
