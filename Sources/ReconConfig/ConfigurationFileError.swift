import ReconCore

/// Why a configuration file (TOML or YAML), or one of its keys, was refused. Every case names the
/// file; those about a key name it by its full dotted path (`custody.accounts[0].class`).
///
/// The readers built on this module turn it into their own error with the same message
/// (`ConfigurationError` for a run or nightly configuration, `FormatSpecError` for a format spec);
/// the exit code is 2.
package enum ConfigurationFileError: Error, Equatable, Sendable {
    /// The file cannot be read, is not UTF-8, or is not YAML (the reason gives Yams's line and column).
    case unreadable(path: String, reason: String)
    /// The text is not valid TOML, or the YAML document has the wrong shape, at a line and column.
    case syntax(path: String, line: Int, column: Int, reason: String)
    /// A key the reader does not know: a typo never falls back to a default.
    case unknownKey(path: String, key: String)
    /// A key the reader needs is absent.
    case missingKey(path: String, key: String)
    /// A key's value is of the wrong type or out of range; `expected` says what it must be.
    case invalidValue(path: String, key: String, expected: String)
}

extension ConfigurationFileError: CustomStringConvertible {
    package var description: String {
        switch self {
        case .unreadable(let path, let reason): return "\(path): cannot read configuration: \(reason)"
        case .syntax(let path, let line, let column, let reason): return "\(path):\(line):\(column): \(reason)"
        case .unknownKey(let path, let key): return "\(path): unknown key '\(key)'"
        case .missingKey(let path, let key): return "\(path): missing key '\(key)'"
        case .invalidValue(let path, let key, let expected): return "\(path): key '\(key)' must be \(expected)"
        }
    }
}

extension ConfigurationFileError: ReconError {}
