import Foundation
import ReconCore

/// The business date a nightly job reconciles when none is given: yesterday, in UTC.
func yesterday() -> Day {
    Day(rawValue: Int32(floor(Date().timeIntervalSince1970 / 86_400))).adding(days: -1)
}
