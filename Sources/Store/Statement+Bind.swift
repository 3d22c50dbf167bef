import GRDB
import GRDBSQLite

/// Values bound straight through SQLite's C interface, for the one statement that runs once per
/// row of a bulk import: GRDB's `StatementArguments` cost about as much as SQLite's own insert
/// (0.9 s of 2.3 s for 100,000 rows). GRDB documents its raw pointers for this use.
extension Statement {
    /// Runs this statement (one that returns no rows) once with `values`, in order.
    func run(binding values: [DatabaseValue], in db: Database) throws {
        let statement = sqliteStatement
        sqlite3_reset(statement)
        // SQLite copies each value as it binds it, so no buffer needs to outlive the call.
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (i, value) in values.enumerated() {
            let index = Int32(i + 1)
            let code: Int32
            switch value.storage {
            case .null:
                code = sqlite3_bind_null(statement, index)
            case .int64(let n):
                code = sqlite3_bind_int64(statement, index, n)
            case .double(let x):
                code = sqlite3_bind_double(statement, index, x)
            case .string(var text):
                // An empty buffer may have no address, which SQLite would bind as NULL.
                code = text.withUTF8 { bytes in
                    bytes.isEmpty
                        ? sqlite3_bind_text(statement, index, "", 0, transient)
                        : sqlite3_bind_text(statement, index, bytes.baseAddress, Int32(bytes.count), transient)
                }
            case .blob(let data):
                code = data.withUnsafeBytes { bytes in
                    bytes.isEmpty
                        ? sqlite3_bind_zeroblob(statement, index, 0)
                        : sqlite3_bind_blob(statement, index, bytes.baseAddress, Int32(bytes.count), transient)
                }
            }
            guard code == SQLITE_OK else { throw failure(code, db) }
        }
        let code = sqlite3_step(statement)
        let error = code == SQLITE_DONE ? nil : failure(code, db)
        sqlite3_reset(statement)
        if let error { throw error }
    }

    private func failure(_ code: Int32, _ db: Database) -> DatabaseError {
        let message = db.sqliteConnection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
    }
}
