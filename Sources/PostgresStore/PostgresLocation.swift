import Foundation

/// Where a PostgreSQL store is (issue 22): `postgres://[user@]host[:port]/database[?sslmode=…]`,
/// from `--db` or `INTERSESSION_DB`. The password is never part of the URL (it would be in the
/// process list and the shell's history): it comes from `PGPASSWORD` or the pgpass file
/// (`PGPASSFILE`, else `~/.pgpass`) as libpq reads them, so `psql` and we share one set-up.
public struct PostgresLocation: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var database: String
    public var user: String
    /// Whether the connection must use TLS (`sslmode=require` or stronger); `disable` and the
    /// default `prefer` connect without (loopback and private networks).
    public var requireTLS: Bool

    /// Why a URL is not a usable location, in words that say what to do.
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    public init(host: String, port: Int = 5432, database: String, user: String, requireTLS: Bool = false) {
        self.host = host
        self.port = port
        self.database = database
        self.user = user
        self.requireTLS = requireTLS
    }

    /// Whether `text` names a PostgreSQL store rather than an SQLite file.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Reads a `postgres://` URL; `environment` gives `PGUSER` and the OS user (`USER`) as
    /// libpq's defaults for a URL without a user.
    public init(url text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard text.utf8.count <= 2_048 else { throw Problem("the database URL is longer than 2,048 bytes") }
        guard Self.isURL(text), let url = URLComponents(string: text), let host = url.host, !host.isEmpty else {
            throw Problem("'\(text.prefix(80))' is not a PostgreSQL URL: write postgres://USER@HOST:PORT/DATABASE")
        }
        if url.password != nil {
            throw Problem(
                "the database URL holds a password, which the process list and the shell's history would show: "
                    + "remove it and put it in ~/.pgpass (or the file PGPASSFILE names), or in PGPASSWORD")
        }
        let database = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        guard !database.isEmpty, !database.contains("/") else {
            throw Problem("the database URL names no database: write postgres://USER@HOST:PORT/DATABASE")
        }
        if let port = url.port, !(1...65_535).contains(port) {
            throw Problem("the database URL's port \(port) is not between 1 and 65535")
        }
        var requireTLS = false
        for item in url.queryItems ?? [] {
            switch (item.name, item.value ?? "") {
            case ("sslmode", "disable"), ("sslmode", "allow"), ("sslmode", "prefer"): requireTLS = false
            case ("sslmode", "require"), ("sslmode", "verify-ca"), ("sslmode", "verify-full"): requireTLS = true
            case ("sslmode", let other):
                throw Problem(
                    "sslmode '\(other.prefix(40))' is not one of disable, allow, prefer, require, verify-ca, verify-full"
                )
            case (let name, _):
                throw Problem("the database URL's parameter '\(name.prefix(40))' is not known here (only sslmode)")
            }
        }
        let user = url.user ?? environment["PGUSER"] ?? environment["USER"] ?? ""
        guard !user.isEmpty else { throw Problem("the database URL names no user: write postgres://USER@HOST/…") }
        self.host = host
        self.port = url.port ?? 5432
        self.database = database
        self.user = user
        self.requireTLS = requireTLS
    }

    /// The password for this location: `PGPASSWORD`, else the first matching line of the pgpass
    /// file, else nil (the server may not ask for one). A pgpass file that others can read is
    /// ignored with a warning, as libpq does.
    public func password(
        environment: [String: String] = ProcessInfo.processInfo.environment, warn: (String) -> Void = { _ in }
    ) -> String? {
        if let password = environment["PGPASSWORD"], !password.isEmpty { return password }
        let path =
            environment["PGPASSFILE"]
            ?? environment["HOME"].map { $0 + "/.pgpass" } ?? (NSHomeDirectory() + "/.pgpass")
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            attributes[.type] as? FileAttributeType == .typeRegular
        else { return nil }
        if let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
            warn(
                "password file \(path) has group or world access and is ignored; "
                    + "permissions should be u=rw (0600) or less")
            return nil
        }
        guard let size = attributes[.size] as? Int, size <= Self.maxPassFile,
            let data = FileManager.default.contents(atPath: path)
        else { return nil }
        return Self.lookUp(String(decoding: data, as: UTF8.self), for: self)
    }

    /// The largest pgpass file read (a line per server is a few dozen bytes).
    static let maxPassFile = 1 << 20

    /// The password of the first line of pgpass `text` that matches `location` (libpq's rules:
    /// `host:port:database:user:password`, `*` matches anything in the first four fields, `\`
    /// escapes `:` and `\`, lines starting with `#` are comments).
    static func lookUp(_ text: String, for location: PostgresLocation) -> String? {
        let wanted = [location.host, String(location.port), location.database, location.user]
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline) {
            if line.hasPrefix("#") { continue }
            let fields = Self.fields(of: line)
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// A pgpass line's fields: split at unescaped colons, escapes removed. The password is the
    /// rest of the line (it may hold colons only escaped, as libpq writes).
    private static func fields(of line: Substring) -> [String] {
        var fields: [String] = [], current = "", escaped = false
        for c in line {
            if escaped {
                current.append(c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == ":" && fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        fields.append(current)
        return fields
    }
}
