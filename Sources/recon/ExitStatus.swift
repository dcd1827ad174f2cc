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

    /// The one place an error becomes an exit status: its line on standard error (through the log)
    /// and its exit code (``ReconError/exitCode``; 2 for anything else).
    static func fail(_ error: Error) -> ExitCode {
        guard let e = error as? ReconError else {
            ReconLog.logger.error("\(error)")
            return ExitCode(badInput)
        }
        ReconLog.logger.error("\(e.description)")
        return ExitCode(e.exitCode)
    }
}

/// Writes one line to standard error.
func printError(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}
