import Foundation

extension ISO8601DateFormatter {
    /// `2026-12-03T15:00:00.123Z`, as the store writes times.
    nonisolated(unsafe) static let withFractions: ISO8601DateFormatter = {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f
    }()

    /// `2026-12-03T15:00:00Z`, as a lock written by hand (or an older Recon) may hold it.
    nonisolated(unsafe) static let plain = ISO8601DateFormatter()

    /// A time the store holds, with or without fractions of a second.
    static func storeTime(_ text: String) -> Date? { withFractions.date(from: text) ?? plain.date(from: text) }
}
