import ReconCore
/// Why a nightly run could not reconcile a business date.
package enum NightlyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A side's file for the date has not arrived: the date is not reconciled as if nothing was booked.
    case missingInput(date: String, side: String, directory: String, pattern: String)

    package var description: String {
        switch self {
        case .missingInput(let date, let side, let directory, let pattern):
            return "ALERT: the \(side) file for \(date) has not arrived (no '\(pattern)' in \(directory)); \(date) was not reconciled"
        }
    }
}

extension NightlyError: ReconError {}
