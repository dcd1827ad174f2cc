import ReconCore
/// Why a nightly run could not reconcile a business date.
package enum NightlyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A side's file for the date has not arrived: the date is not reconciled as if nothing was booked.
    case missingInput(date: String, side: String, directory: String, pattern: String)
    /// A name the pattern matches is not a regular file (a FIFO, a device, a folder): reading it could
    /// wait for ever while the run holds its lock.
    case notARegularFile(path: String, key: String)

    package var description: String {
        switch self {
        case .missingInput(let date, let side, let directory, let pattern):
            return "ALERT: the \(side) file for \(date) has not arrived (no '\(pattern)' in \(directory)); \(date) was not reconciled"
        case .notARegularFile(let path, let key):
            return "\(path): matched by \(key) but not a regular file (a FIFO, device or folder); nothing was read"
        }
    }
}

extension NightlyError: ReconError {}
