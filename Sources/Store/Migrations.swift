import GRDB

/// The numbered migrations, in order. Never edit a released one: add the next.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("001-meetings-delegates-audit") { db in
            try db.create(table: "meeting") { t in
                t.primaryKey("id", .text)
                t.column("title", .text).notNull()
                t.column("agendaJSON", .text).notNull()
                t.column("importedAt", .integer).notNull()
                t.column("importedBy", .text).notNull()
            }
            try db.create(table: "delegation") { t in
                t.column("meetingID", .text).notNull().references("meeting", onDelete: .restrict)
                t.column("code", .text).notNull()
                t.column("name", .text).notNull()
                t.column("zone", .text).notNull()
                t.primaryKey(["meetingID", "code"])
            }
            try db.create(table: "delegate") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("meetingID", .text).notNull()
                t.column("delegation", .text).notNull()
                t.foreignKey(
                    ["meetingID", "delegation"], references: "delegation", columns: ["meetingID", "code"],
                    onDelete: .restrict)
                t.column("givenName", .text).notNull()
                t.column("familyName", .text).notNull()
                t.column("displayName", .text).notNull()
                t.column("nameKey", .text).notNull()
                t.column("role", .text).notNull()
                t.column("email", .text).notNull()
                t.column("emailKey", .text).notNull()
                t.column("zone", .text).notNull()
                t.column("languages", .text).notNull()  // codes separated by |

                t.column("interpretation", .text)
                t.column("attends", .text).notNull()
                t.column("reference", .text).notNull()
                t.column("notes", .text).notNull()
                t.column("status", .text).notNull()
                t.column("statusReason", .text).notNull()
                t.column("version", .integer).notNull()
                t.column("updatedAt", .integer).notNull()
                t.column("updatedBy", .text).notNull()
                t.uniqueKey(["meetingID", "emailKey"])
            }
            try db.create(
                index: "delegate_by_delegation", on: "delegate", columns: ["meetingID", "delegation", "status"])
            try db.create(index: "delegate_by_name", on: "delegate", columns: ["meetingID", "nameKey"])
            try db.create(table: "audit") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .integer).notNull()
                t.column("actor", .text).notNull()
                t.column("action", .text).notNull()
                t.column("meetingID", .text).notNull()
                t.column("subject", .text).notNull()
                t.column("before", .text).notNull()
                t.column("after", .text).notNull()
            }
            try db.create(index: "audit_by_subject", on: "audit", columns: ["subject", "id"])
            try db.create(table: "staff") { t in
                t.primaryKey("name", .text)
                t.column("role", .text).notNull()
                t.column("addedAt", .integer).notNull()
                t.column("addedBy", .text).notNull()
            }
        }
        m.registerMigration("002-accounts") { db in
            try db.create(table: "account") { t in
                t.primaryKey("delegateID", .integer).references("delegate", onDelete: .restrict)
                t.column("username", .text).notNull().unique()
                t.column("tokenHash", .text).notNull()  // one-time token, cleared when a password is set
                t.column("passwordHash", .text).notNull()  // empty until the first sign-in
                t.column("issuedAt", .integer).notNull()
                t.column("failures", .integer).notNull().defaults(to: 0)
                t.column("lockedUntil", .integer).notNull().defaults(to: 0)
            }
        }
        m.registerMigration("003-list-index") { db in
            // One index for the list's filter and its order (delegation, name), so neither a
            // delegation filter nor a page of the whole list needs a scan or a sort.
            try db.drop(index: "delegate_by_delegation")
            try db.drop(index: "delegate_by_name")
            try db.create(
                index: "delegate_list", on: "delegate", columns: ["meetingID", "delegation", "nameKey", "id"])
            try db.create(index: "delegate_by_status", on: "delegate", columns: ["meetingID", "status"])
        }
        m.registerMigration("004-search-index") { db in
            // Substring search over the folded names and e-mails without a scan: an FTS5 trigram
            // index over the delegate table's own columns, kept in step by triggers.
            try db.execute(
                sql: """
                    CREATE VIRTUAL TABLE delegate_search USING fts5(nameKey, emailKey, content='delegate', content_rowid='id', tokenize='trigram');
                    CREATE TRIGGER delegate_search_insert AFTER INSERT ON delegate BEGIN
                        INSERT INTO delegate_search (rowid, nameKey, emailKey) VALUES (new.id, new.nameKey, new.emailKey);
                    END;
                    CREATE TRIGGER delegate_search_delete AFTER DELETE ON delegate BEGIN
                        INSERT INTO delegate_search (delegate_search, rowid, nameKey, emailKey) VALUES ('delete', old.id, old.nameKey, old.emailKey);
                    END;
                    CREATE TRIGGER delegate_search_update AFTER UPDATE OF nameKey, emailKey ON delegate BEGIN
                        INSERT INTO delegate_search (delegate_search, rowid, nameKey, emailKey) VALUES ('delete', old.id, old.nameKey, old.emailKey);
                        INSERT INTO delegate_search (rowid, nameKey, emailKey) VALUES (new.id, new.nameKey, new.emailKey);
                    END;
                    INSERT INTO delegate_search (delegate_search) VALUES ('rebuild');
                    """)
        }
        m.registerMigration("005-interpretation-requests") { db in
            // A delegation's explicit request for interpretation of a session into a language.
            try db.create(table: "interpretation_request") { t in
                t.column("meetingID", .text).notNull()
                t.column("delegation", .text).notNull()
                t.column("session", .text).notNull()
                t.column("language", .text).notNull()
                t.column("requestedAt", .integer).notNull()
                t.column("requestedBy", .text).notNull()
                t.primaryKey(["meetingID", "delegation", "session", "language"])
                t.foreignKey(
                    ["meetingID", "delegation"], references: "delegation", columns: ["meetingID", "code"],
                    onDelete: .restrict)
            }
        }
        m.registerMigration("006-programmes") { db in
            // A meeting's programmes: version 0 is the draft, 1, 2, … the published versions.
            try db.create(table: "programme") { t in
                t.column("meetingID", .text).notNull().references("meeting", onDelete: .restrict)
                t.column("version", .integer).notNull()
                t.column("placementsJSON", .text).notNull()
                t.column("savedAt", .integer).notNull()
                t.column("savedBy", .text).notNull()
                t.primaryKey(["meetingID", "version"])
            }
        }
        m.registerMigration("007-sign-in-throttle") { db in
            // Failed sign-ins per source and per (username, source), known usernames or not, so
            // an attacker is slowed where they come from and never answers differently for an
            // account that exists; the old per-account lock (failures, lockedUntil) is unused.
            try db.create(table: "sign_in_throttle") { t in
                t.primaryKey("key", .text)
                t.column("failures", .integer).notNull()
                t.column("lastFailure", .integer).notNull()
            }
            try db.create(index: "sign_in_throttle_by_time", on: "sign_in_throttle", columns: ["lastFailure"])
            // 1: the token's hash is of its canonical form (Crockford base32, no dashes); 0: of
            // the text as issued before (mixed case), checked as typed.
            try db.alter(table: "account") { t in t.add(column: "tokenForm", .integer).notNull().defaults(to: 0) }
        }
        m.registerMigration("008-account-keys") { db in
            // Public keys a delegate (or the ASM) added to an account, for the SSH front door:
            // the key's type and wire form (base64) as OpenSSH writes them, and its fingerprint.
            try db.create(table: "account_key") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("delegateID", .integer).notNull().references(
                    "account", column: "delegateID", onDelete: .cascade)
                t.column("type", .text).notNull()
                t.column("key", .text).notNull()
                t.column("fingerprint", .text).notNull()
                t.column("comment", .text).notNull()
                t.column("addedAt", .integer).notNull()
                t.column("addedBy", .text).notNull()
                t.uniqueKey(["delegateID", "key"])
            }
        }
        m.registerMigration("009-staff-over-ssh") { db in
            // Staff reach their screens through the SSH front door with a key *and* a password:
            // the password's hash (empty: no SSH sign-in) and their keys.
            try db.alter(table: "staff") { t in t.add(column: "passwordHash", .text).notNull().defaults(to: "") }
            try db.create(table: "staff_key") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull().references("staff", column: "name", onDelete: .cascade)
                t.column("type", .text).notNull()
                t.column("key", .text).notNull()
                t.column("fingerprint", .text).notNull()
                t.column("comment", .text).notNull()
                t.column("addedAt", .integer).notNull()
                t.column("addedBy", .text).notNull()
                t.uniqueKey(["name", "key"])
            }
        }
        m.registerMigration("010-join-links-attendance") { db in
            // Personal join links (issue 19): one active link per delegate and scope ("meeting",
            // "room:A", "session:S01"); a withdrawn or rejected delegate's are revoked (kept, with
            // the time, until the ASM has cancelled them on the platform).
            try db.create(table: "join_link") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("meetingID", .text).notNull()
                t.column("delegateID", .integer).notNull().references("delegate", onDelete: .restrict)
                t.column("scope", .text).notNull()
                t.column("url", .text).notNull()
                t.column("setAt", .integer).notNull()
                t.column("setBy", .text).notNull()
                t.column("revokedAt", .integer).notNull().defaults(to: 0)
                t.column("cancelledAt", .integer).notNull().defaults(to: 0)
            }
            try db.execute(
                sql: """
                    CREATE UNIQUE INDEX join_link_active ON join_link (delegateID, scope) WHERE revokedAt = 0;
                    CREATE INDEX join_link_by_meeting ON join_link (meetingID, revokedAt, cancelledAt);
                    """)
            // The platform's participant report of a session, as imported: who was there and for
            // how long. A report replaces the session's earlier one.
            try db.create(table: "attendance_report") { t in
                t.column("meetingID", .text).notNull().references("meeting", onDelete: .restrict)
                t.column("session", .text).notNull()
                t.column("file", .text).notNull()
                t.column("rows", .integer).notNull()
                t.column("unmatched", .integer).notNull()
                t.column("importedAt", .integer).notNull()
                t.column("importedBy", .text).notNull()
                t.primaryKey(["meetingID", "session"])
            }
            try db.create(table: "attendance") { t in
                t.column("meetingID", .text).notNull()
                t.column("session", .text).notNull()
                t.column("delegateID", .integer).notNull().references("delegate", onDelete: .restrict)
                t.column("minutes", .integer).notNull()
                t.column("firstJoin", .integer).notNull()
                t.column("lastLeave", .integer).notNull()
                t.primaryKey(["meetingID", "session", "delegateID"])
                t.foreignKey(
                    ["meetingID", "session"], references: "attendance_report", columns: ["meetingID", "session"],
                    onDelete: .cascade)
            }
        }
        m.registerMigration("011-outbox") { db in
            // Messages to delegates (issue 20): composed, reviewed, handed to a transport. An
            // account letter is handed over as it is composed and stored without its token.
            try db.create(table: "outbox") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("meetingID", .text).notNull()
                t.column("delegateID", .integer)
                t.column("kind", .text).notNull()
                t.column("dedupeKey", .text).notNull()
                t.column("recipient", .text).notNull()
                t.column("subject", .text).notNull()
                t.column("message", .blob).notNull()
                t.column("state", .text).notNull()
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("lastError", .text).notNull().defaults(to: "")
                t.column("createdAt", .integer).notNull()
                t.column("updatedAt", .integer).notNull()
                t.column("sentAt", .integer).notNull().defaults(to: 0)
                t.column("nextAttemptAt", .integer).notNull().defaults(to: 0)
                t.uniqueKey(["meetingID", "dedupeKey"])
            }
            try db.create(index: "outbox_by_state", on: "outbox", columns: ["meetingID", "state", "nextAttemptAt"])
        }
        return m
    }
}
