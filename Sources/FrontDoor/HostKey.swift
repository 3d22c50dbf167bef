import Crypto
import Foundation
import NIOSSH
import SSHKeys

/// The server's Ed25519 host key: made on first start in the data folder (mode 0600) and read
/// again on every start, so that the clients' `known_hosts` stays valid.
public struct HostKey: Sendable {
    public let privateKey: NIOSSHPrivateKey
    public let publicKey: NIOSSHPublicKey
    /// The key as OpenSSH prints it in `known_hosts` and `.pub` files ("ssh-ed25519 AAAA…").
    public let openSSH: String
    /// The key's fingerprint as OpenSSH shows it ("SHA256:…", unpadded base64 of the SHA-256 of
    /// the key's wire form).
    public let fingerprint: String

    /// The first line of the key file; the second is the 32-byte seed in base64.
    static let header = "intersession host key ed25519"

    init(_ key: Curve25519.Signing.PrivateKey) {
        privateKey = NIOSSHPrivateKey(ed25519Key: key)
        publicKey = privateKey.publicKey
        openSSH = String(openSSHPublicKey: publicKey)
        fingerprint = HostKey.fingerprint(openSSH: openSSH) ?? "SHA256:?"
    }

    /// The fingerprint of an OpenSSH public key line ("TYPE BASE64 [comment]"), nil if it is not one.
    public static func fingerprint(openSSH line: String) -> String? {
        let parts = line.split(separator: " ")
        guard parts.count >= 2 else { return nil }
        return PublicKeyLine.fingerprint(base64: String(parts[1]))
    }

    /// The key in `path`, made there first when there is none (the folder too, mode 0700).
    public static func loadOrCreate(at path: String) throws -> HostKey {
        if let existing = try load(path) { return existing }
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let key = Curve25519.Signing.PrivateKey()
        let text = "\(header)\n\(key.rawRepresentation.base64EncodedString())\n"
        // O_EXCL: two servers starting at once cannot both write; the second reads the first's.
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 {
            if errno == EEXIST, let existing = try load(path) { return existing }
            throw FrontDoorError.hostKey(path: path, why: String(cString: strerror(errno)))
        }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == bytes.count, synced else {
            unlink(path)
            throw FrontDoorError.hostKey(path: path, why: "could not write the new key")
        }
        return HostKey(key)
    }

    /// The fingerprint of the key in `path` (what the account letters carry), nil when there is
    /// no file; never makes a key.
    public static func fingerprint(ofKeyAt path: String) throws -> String? {
        try load(path)?.fingerprint
    }

    /// The key in `path`, nil when there is no file; an error when it is not ours or others may read it.
    static func load(_ path: String) throws -> HostKey? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw FrontDoorError.hostKey(path: path, why: String(cString: strerror(errno)))
        }
        guard info.st_mode & 0o077 == 0 else {
            throw FrontDoorError.hostKey(path: path, why: "group or others may read it: chmod 600 \(path)")
        }
        guard info.st_size < 4096, let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw FrontDoorError.hostKey(path: path, why: "not a host key file of Intersession")
        }
        let lines = text.split(separator: "\n")
        guard lines.count == 2, lines[0] == header, let seed = Data(base64Encoded: String(lines[1])),
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed)
        else { throw FrontDoorError.hostKey(path: path, why: "not a host key file of Intersession") }
        return HostKey(key)
    }

    /// Where the key lives: beside the database's default folder ($XDG_DATA_HOME/intersession,
    /// else ~/.local/share/intersession), or INTERSESSION_HOST_KEY.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["INTERSESSION_HOST_KEY"], !path.isEmpty { return path }
        let data =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".local/share")
        return (data as NSString).appendingPathComponent("intersession/ssh_host_ed25519_key")
    }
}

/// What stops the front door from starting or serving, in words for the log.
public enum FrontDoorError: Error, CustomStringConvertible {
    case hostKey(path: String, why: String)
    case listen(address: String, why: String)

    public var description: String {
        switch self {
        case .hostKey(let path, let why): "host key \(path): \(why)"
        case .listen(let address, let why): "cannot listen on \(address): \(why)"
        }
    }
}
