import ReconCore
import ReconConfig

/// Why a format spec was refused; names the spec file and the key.
package enum FormatSpecError: Error, Equatable, Sendable {
    case unreadable(path: String, reason: String)
    case syntax(path: String, line: Int, column: Int, reason: String)
    case unknownKey(path: String, key: String)
    case missingKey(path: String, key: String)
    case invalidValue(path: String, key: String, expected: String)
    case notFound(name: String, searched: [String])
    /// The input's format could not be recognised, or several specs claim it.
    case undetected(path: String, reason: String)
}

extension FormatSpecError: CustomStringConvertible {
    package var description: String {
        switch self {
        case .unreadable(let path, let reason): return "\(path): cannot read format spec: \(reason)"
        case .syntax(let path, let line, let column, let reason): return "\(path):\(line):\(column): \(reason)"
        case .unknownKey(let path, let key): return "\(path): unknown key '\(key)'"
        case .missingKey(let path, let key): return "\(path): missing key '\(key)'"
        case .invalidValue(let path, let key, let expected): return "\(path): key '\(key)' must be \(expected)"
        case .notFound(let name, let searched):
            return "format '\(name)' not found (looked for \(name).toml in \(searched.joined(separator: ", ")))"
        case .undetected(let path, let reason): return "\(path): cannot tell the format: \(reason); name it with --bank-format"
        }
    }
}

extension FormatSpecError: ReconError {}

extension FormatSpecError {
    /// The configuration reader's refusal of a spec file, as a spec error naming the same file and key.
    init(_ error: ConfigurationFileError) {
        switch error {
        case .unreadable(let path, let reason): self = .unreadable(path: path, reason: reason)
        case .syntax(let path, let line, let column, let reason): self = .syntax(path: path, line: line, column: column, reason: reason)
        case .unknownKey(let path, let key): self = .unknownKey(path: path, key: key)
        case .missingKey(let path, let key): self = .missingKey(path: path, key: key)
        case .invalidValue(let path, let key, let expected): self = .invalidValue(path: path, key: key, expected: expected)
        }
    }
}
