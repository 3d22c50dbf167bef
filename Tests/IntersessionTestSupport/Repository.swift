import Foundation

/// Paths inside this repository, found from this source file (tests may run from any folder).
public enum Repository {
    /// The repository's top folder.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A file under `Agendas/`.
    public static func agenda(_ name: String) -> String { root.appendingPathComponent("Agendas/\(name)").path }

    /// A file under `Tests/`.
    public static func tests(_ relative: String) -> String { root.appendingPathComponent("Tests/\(relative)").path }

    /// The sample agenda of the KP 2021 Intersessional.
    public static var sampleAgenda: String { agenda("kp-2021-intersessional.yaml") }

    /// The hand-made placement of the sample's sessions.
    public static var sampleProgramme: String { agenda("kp-2021-intersessional.programme.yaml") }

    /// A new empty folder for one test, under the system's temporary folder.
    public static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "intersession-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
