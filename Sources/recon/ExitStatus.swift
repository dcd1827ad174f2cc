import ArgumentParser
import Foundation
import ReconCore
import ReconFormats
import ReconMatch
import ReconReport
import ReconRun
import ReconStore

/// Maps library errors to the exit codes cron relies on, with one clear line on standard error.
enum ExitStatus {
    static let badInput: Int32 = 2
    /// Another run holds the lock for an overlapping date range.
    static let locked: Int32 = 3

    static func fail(_ error: Error) -> ExitCode {
        let message: String
        switch error {
        case let e as InputError: message = e.description
        case let e as ConfigurationError: message = e.description
        case let e as ReportError: message = e.description
        case let e as FormatSpecError: message = e.description
        case let e as NightlyError: message = e.description
        case let e as ExportError: message = e.description
        case let e as ResourceError: message = e.description
        case let e as StoreError:
            ReconLog.logger.error("\(e.description)")
            if case .locked = e { return ExitCode(locked) }
            return ExitCode(badInput)
        default: message = "\(error)"
        }
        ReconLog.logger.error("\(message)")
        return ExitCode(badInput)
    }
}

/// Writes one line to standard error.
func printError(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}
