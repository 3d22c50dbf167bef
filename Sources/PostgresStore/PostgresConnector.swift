import Logging
import NIOSSL
import PostgresNIO

/// Connections to the PostgreSQL server of a location, through postgres-nio (issue 22).
public enum PostgresConnector {
    /// The oldest server the store's SQL is written for (Debian 12's PostgreSQL).
    public static let minimumMajorVersion = 15

    /// Why a server cannot be used, in words that say what to do.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    /// Opens one connection to `location` with `password` (`PostgresLocation.password`); TLS
    /// when the URL asks for it, the system's trust roots checking the server.
    public static func connect(
        _ location: PostgresLocation, password: String?, logger: Logger = Logger(label: "intersession.postgres")
    ) async throws -> PostgresConnection {
        let tls: PostgresConnection.Configuration.TLS =
            location.requireTLS ? .require(try NIOSSLContext(configuration: .makeClientConfiguration())) : .disable
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: password,
            database: location.database, tls: tls)
        configuration.options.connectTimeout = .seconds(10)
        return try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
    }

    /// The server's major version (`server_version_num` / 10,000); a server older than
    /// `minimumMajorVersion` is refused with what to do.
    @discardableResult
    public static func checkVersion(_ connection: PostgresConnection, logger: Logger) async throws -> Int {
        let rows = try await connection.query("SELECT current_setting('server_version_num')::int", logger: logger)
        var number = 0
        for try await (value) in rows.decode(Int.self) { number = value }
        let major = number / 10_000
        guard major >= minimumMajorVersion else {
            throw Problem(
                description:
                    "the PostgreSQL server is version \(major); Intersession needs \(minimumMajorVersion) or later")
        }
        return major
    }
}
