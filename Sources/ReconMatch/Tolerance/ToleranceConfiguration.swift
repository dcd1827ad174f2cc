/// `[tolerance]`: the tolerance pass, run after the exact passes on the rows still open. It pairs a
/// bank line and a ledger record of the same account, currency and sign whose dates are inside the
/// window and whose amounts differ by a fee of a schedule, by less than the write-off limit, or by no
/// more than the amount tolerance. Every such pair is reported with its difference.
package struct ToleranceConfiguration: Sendable, Equatable {
    package enum Direction: String, Sendable, Equatable {
        /// Either date may be the earlier.
        case either
        /// The bank books on or after the ledger date (money cannot arrive before it was sent).
        case bankOnOrAfterLedger = "bank_on_or_after_ledger"
    }

    /// Absolute amount tolerance, in currency units.
    package var amountAbsolute = DecimalAmount(tenThousandths: 0)
    /// Amount tolerance as parts per million of the ledger amount (`amount_pct = "0.5"` is 5,000).
    package var amountPercentPPM: Int64 = 0
    /// Largest distance between the dates: calendar days, or business days with ``businessDays``.
    package var windowDays = 3
    package var direction = Direction.either
    /// Count the window in business days of the currency's calendar (``BusinessCalendar``).
    package var businessDays = false
    /// Differences strictly below this are written off (`written_off`); zero: none.
    package var writeOffBelow = DecimalAmount(tenThousandths: 0)
    package var fees: [FeeSchedule] = []

    package init() {}

    /// The amount tolerance for a ledger amount: the larger of the absolute and the percentage one.
    func tolerance(ledger amount: Int64, exponent: Int) -> Int64 {
        max(amountAbsolute.minor(exponent: exponent), DecimalAmount.percent(ppm: amountPercentPPM, of: amount))
    }
}
