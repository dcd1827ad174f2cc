import ReconCore
import ReconMatch

/// `age_days` of a break that names rows (statement-level breaks: ``ReportContext/statementAgeDays(_:)``).
///
/// A `timing_difference` (or another matched kind) is matched: its age is the delay between the two bookings. Every other
/// kind is an item still open: its age is the as-of date minus its earliest date.
enum BreakAge {
    @inline(__always)
    static func days(_ b: BreakRecord, bankDate: Int32?, asOf: Int) -> Int {
        if let bankDate, b.ledgerRow >= 0 {
            let bd = Int(bankDate), ld = Int(b.ledgerDate)
            return b.kind.isMatchedWithNote ? abs(bd - ld) : asOf - min(bd, ld)
        }
        return asOf - Int(bankDate ?? b.ledgerDate)
    }

    /// Whether the break is an open item that ages (all kinds but the matched ones:
    /// ``ReconCore/BreakKind/isMatchedWithNote``).
    @inline(__always)
    static func ages(_ kind: BreakKind) -> Bool { !kind.isMatchedWithNote }
}
