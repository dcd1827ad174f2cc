import ReconCore
import ReconConfig

/// Why a run configuration file was refused; names the file and the key.
package enum ConfigurationError: Error, Equatable, Sendable {
    case unreadable(path: String, reason: String)
    case syntax(path: String, line: Int, column: Int, reason: String)
    case unknownKey(path: String, key: String)
    case missingKey(path: String, key: String)
    case invalidValue(path: String, key: String, expected: String)
    /// A file found through `key` (a directory and pattern) leads, through a symbolic link, to
    /// `resolved`, outside its configured `directory`.
    case outsideDirectory(path: String, key: String, file: String, resolved: String, directory: String)
}

extension ConfigurationError: CustomStringConvertible {
    package var description: String {
        switch self {
        case .unreadable(let path, let reason): return "\(path): cannot read configuration: \(reason)"
        case .syntax(let path, let line, let column, let reason): return "\(path):\(line):\(column): \(reason)"
        case .unknownKey(let path, let key): return "\(path): unknown key '\(key)'"
        case .missingKey(let path, let key): return "\(path): missing key '\(key)'"
        case .invalidValue(let path, let key, let expected): return "\(path): key '\(key)' must be \(expected)"
        case .outsideDirectory(let path, let key, let file, let resolved, let directory):
            return "\(path): key '\(key)': \(file) leads to \(resolved), outside the directory \(directory); inputs are read only from inside their configured directory"
        }
    }
}

extension ConfigurationError: ReconError {}

extension ConfigurationError {
    /// The configuration reader's refusal, as a run configuration's error with the same message.
    package init(_ error: ConfigurationFileError) {
        switch error {
        case .unreadable(let path, let reason): self = .unreadable(path: path, reason: reason)
        case .syntax(let path, let line, let column, let reason): self = .syntax(path: path, line: line, column: column, reason: reason)
        case .unknownKey(let path, let key): self = .unknownKey(path: path, key: key)
        case .missingKey(let path, let key): self = .missingKey(path: path, key: key)
        case .invalidValue(let path, let key, let expected): self = .invalidValue(path: path, key: key, expected: expected)
        }
    }

    /// The value of `body`; a ``ConfigurationFileError`` it throws is thrown as this type.
    package static func translating<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ConfigurationFileError {
            throw ConfigurationError(error)
        }
    }
}
