import ArgumentParser

/// How a command prints its result.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    /// Aligned columns for people.
    case text
    /// JSON for scripts.
    case json
}
