// swift-tools-version: 6.0
// Intersession: a terminal application that runs a virtual intergovernmental meeting.
// Layers depend one way (ARCHITECTURE.md, DECISIONS.md and ../shared/STYLE.md §1):
// MeetingModel → MeetingTime → Scheduling / AgendaFiles / RegistrationFiles / Registration → Store
// (→ PostgresStore) → AppCore → Screens → AppShell → Terminal / TerminalBackend → IntersessionCLI → intersession.
// The platform is Linux (ncursesw, libxcrypt, glibc's wcwidth, Synchronization's Mutex); SwiftPM
// has no way to declare it, so no platform is listed.
import PackageDescription

let package = Package(
    name: "Intersession",
    products: [
        .executable(name: "intersession", targets: ["intersession"])
    ],
    dependencies: [
        // Pinned exactly: Package.resolved is not committed (see DECISIONS.md).
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
        // SHA-1 for name-based (version 5) UUIDs of exported sessions: stable across exports.
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        // The SSH front door (issue 18): swift-nio-ssh on SwiftNIO's sockets and pipes.
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssh", exact: "0.15.1"),
        // The shared store on PostgreSQL (issue 22): postgres-nio, with swift-nio-ssl for TLS and
        // swift-log for its logger.
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", exact: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
    ],
    targets: [
        // Value types of a meeting: no I/O, no clock, no current zone.
        .target(name: "MeetingModel"),
        // Instants ↔ local times for every zone, comfort bands, burden of a placement.
        .target(name: "MeetingTime", dependencies: ["MeetingModel"]),
        // The solver: named weighted constraints, incremental scoring, construction and local search.
        // Optimised in debug builds too: the exact searches and the bound's rounds run 10-30 times
        // slower unoptimised, which the tests (and `swift run`) would feel (DECISIONS.md).
        .target(
            name: "Scheduling", dependencies: ["MeetingModel", "MeetingTime", "Localization"],
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        // glibc's wcwidth, which Swift's Glibc module does not declare.
        .target(name: "CWidth"),
        // Cells, text width and (with the terminal UI) widgets; no I/O.
        .target(name: "Rendering", dependencies: ["CWidth", "MeetingModel"]),
        // Keys and terminal events, and the decoder of what a terminal sends (pure Swift).
        .target(name: "TerminalInput"),
        // The app core: state, actions, reducer, effects, key bindings (no terminal, no database).
        .target(
            name: "AppCore",
            dependencies: [
                "MeetingModel", "MeetingTime", "Scheduling", "Registration", "Rendering", "TerminalInput",
                "Localization",
            ]),
        // The views: app state rendered into a cell buffer.
        .target(
            name: "Screens",
            dependencies: [
                "AppCore", "Rendering", "MeetingModel", "MeetingTime", "Scheduling", "TerminalInput", "Localization",
            ]),
        // ncursesw and the macros Swift cannot import; only TerminalBackend uses it.
        .target(name: "CCurses", linkerSettings: [.linkedLibrary("ncursesw"), .linkedLibrary("tinfo")]),
        // What the shell needs of a terminal (size, events, frames) and its headless twin (no curses).
        .target(name: "Terminal", dependencies: ["Rendering", "TerminalInput"]),
        // The only code that calls ncurses: the terminal's set-up, keys, drawing, signals.
        .target(name: "TerminalBackend", dependencies: ["CCurses", "Rendering", "TerminalInput", "Terminal"]),
        // Registration's pure types: roles, permissions, queries, how names are compared (no database).
        .target(name: "Registration", dependencies: ["MeetingModel"]),
        // The ASM's store: meetings, delegates, audit, on SQLite through GRDB.
        .target(
            name: "Store",
            dependencies: [
                "MeetingModel", "Registration", "Localization", "CXCrypt",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]),
        // The store on PostgreSQL (issue 22): where the server is (a postgres:// URL, the password
        // from PGPASSWORD or the pgpass file) and connections through postgres-nio.
        .target(
            name: "PostgresStore",
            dependencies: [
                "Store",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // The system's libxcrypt (yescrypt) for password and token hashes.
        .systemLibrary(name: "CXCrypt", providers: [.apt(["libcrypt-dev"])]),
        // Delegates' lists from Focal Points (CSV) → registrations, with FILE:ROW diagnostics.
        .target(
            name: "RegistrationFiles",
            dependencies: [
                "MeetingModel", "Registration", "Localization", .product(name: "CSV", package: "CSV.swift"),
            ]),
        // Agenda and programme files (YAML) → validated model, with FILE:LINE:COLUMN diagnostics.
        .target(
            name: "AgendaFiles",
            dependencies: [
                "MeetingModel", "MeetingTime", "Localization",
                .product(name: "Yams", package: "Yams"),
            ]),
        // The shell: runs the app core's effects against a store protocol, one runner per feature;
        // the solver thread; the services the command line shares (list imports, exports).
        .target(
            name: "AppShell",
            dependencies: [
                "AppCore", "Screens", "Rendering", "Terminal", "Store", "Publishing", "RegistrationFiles", "Scheduling",
                "Localization", "SSHKeys", "Mail",
                "MeetingModel", "MeetingTime",
            ]),
        // A pseudo-terminal and a child process started on it in a session of its own (glibc's
        // posix_spawn with POSIX_SPAWN_SETSID, which Swift's Glibc module does not declare).
        .target(name: "CPty"),
        // Public keys as delegates paste them, read by swift-nio-ssh's parser (for the screens,
        // the command line and the front door).
        .target(
            name: "SSHKeys",
            dependencies: [
                .product(name: "NIOSSH", package: "swift-nio-ssh"), .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // The SSH front door: swift-nio-ssh's server with our policy (accounts, limits, audit),
        // one child process per session on its own pseudo-terminal.
        .target(
            name: "FrontDoor",
            dependencies: [
                "CPty", "SSHKeys", "Store", "Registration", "MeetingModel", "Localization",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSH", package: "swift-nio-ssh"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // The `intersession` subcommands and their text/JSON output.
        .target(
            name: "IntersessionCLI",
            dependencies: [
                "MeetingModel", "MeetingTime", "AgendaFiles", "Scheduling", "Store", "Rendering", "RegistrationFiles",
                "AppCore", "Screens", "AppShell", "TerminalBackend", "Publishing", "Localization", "FrontDoor",
                "SSHKeys", "Mail",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "CSV", package: "CSV.swift"),
            ]),
        // The delegates' screens and printed programmes in the catalog languages (Translations/messages).
        .target(name: "Localization", dependencies: ["MeetingModel"]),
        // Publishing: calendars (.ics), frab schedule XML/JSON, printable programmes, change notices.
        .target(
            name: "Publishing",
            dependencies: [
                "MeetingModel", "MeetingTime", "Scheduling", "Localization",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // Mail: the MIME writer (no library on our list writes MIME) and the transports (issue 20).
        .target(name: "Mail", dependencies: ["CFileSync"]),
        // syncfs and renameat2 (RENAME_NOREPLACE), which Swift's Glibc module does not declare.
        .target(name: "CFileSync"),
        .executableTarget(name: "intersession", dependencies: ["IntersessionCLI"]),
        // Benchmarks (run by Benchmarks/run.sh in release mode; never timed in tests).
        .executableTarget(
            name: "intersession-benchmarks",
            dependencies: [
                "MeetingModel", "MeetingTime", "AgendaFiles", "Scheduling", "Store", "AppCore", "Screens", "Rendering",
                "TerminalInput", "AppShell", "Mail", "Publishing", "Localization",
            ],
            path: "Benchmarks/Sources/intersession-benchmarks"
        ),

        // Helpers shared by the test targets (paths of the repository, agendas and fixtures).
        .target(name: "IntersessionTestSupport", path: "Tests/IntersessionTestSupport"),
        .testTarget(name: "MeetingModelTests", dependencies: ["MeetingModel"]),
        .testTarget(
            name: "MeetingTimeTests",
            dependencies: ["MeetingModel", "MeetingTime", "AgendaFiles", "Localization", "IntersessionTestSupport"],
            exclude: ["Oracle"]
        ),
        .testTarget(
            name: "SchedulingTests",
            dependencies: [
                "MeetingModel", "MeetingTime", "AgendaFiles", "Scheduling", "Localization", "IntersessionTestSupport",
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "RenderingTests", dependencies: ["Rendering", "TerminalInput"]),
        .testTarget(
            name: "AppTests",
            dependencies: [
                "AppCore", "Screens", "Rendering", "TerminalInput", "MeetingModel", "MeetingTime", "AgendaFiles",
                "Store", "Scheduling", "Localization", "IntersessionTestSupport",
            ],
            exclude: ["Screens"]
        ),
        // libFuzzer harnesses over the readers (Scripts/fuzz.sh); built plainly, a replayer of inputs.
        .executableTarget(
            name: "intersession-fuzz",
            dependencies: ["MeetingModel", "AgendaFiles", "RegistrationFiles", "Scheduling", "TerminalInput"],
            path: "Tests/Fuzz", exclude: ["Corpus"]
        ),
        // The shell on the headless terminal against a real store (in memory).
        .testTarget(
            name: "AppShellTests",
            dependencies: [
                "AppShell", "AppCore", "Store", "AgendaFiles", "Terminal", "TerminalInput", "MeetingModel",
                "Localization", "RegistrationFiles", "Rendering", "Mail", "IntersessionTestSupport",
            ],
            exclude: ["Fixtures", "Oracle"]),
        // A second process writing to the same database, for the store's concurrency test.
        .executableTarget(name: "store-writer", dependencies: ["MeetingModel", "Store"], path: "Tests/StoreWriter"),
        .testTarget(
            name: "StoreTests",
            dependencies: [
                "MeetingModel", "AgendaFiles", "Store", "Localization", "Registration", "RegistrationFiles",
                "IntersessionTestSupport", "store-writer",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "AgendaFilesTests",
            dependencies: [
                "MeetingModel", "MeetingTime", "AgendaFiles", "Localization", "IntersessionTestSupport",
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "PublishingTests",
            dependencies: ["Publishing", "MeetingModel", "MeetingTime", "AgendaFiles", "IntersessionTestSupport"],
            exclude: ["Oracle"]),
        .testTarget(
            name: "FrontDoorTests",
            dependencies: [
                "FrontDoor", "SSHKeys", "CPty", "Store", "MeetingModel", "AgendaFiles", "IntersessionTestSupport",
            ]),
        .testTarget(
            name: "PostgresStoreTests",
            dependencies: [
                "PostgresStore", "IntersessionTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // Runs the built `intersession` binary end to end (depending on it makes `swift test` build it).
        .testTarget(
            name: "IntersessionCLITests",
            dependencies: [
                "intersession", "IntersessionCLI", "Store", "IntersessionTestSupport", "AppCore", "TerminalBackend",
                "TerminalInput", "MeetingModel", "AgendaFiles", "Localization", "Rendering",
            ],
            exclude: ["Oracle"]),
    ]
)
