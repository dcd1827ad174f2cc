/// A fee a bank or payment provider takes on the way: a ledger record of the gross amount is paid out
/// (or received) as a bank line that leaves the account `fixed + percent × gross` poorer. Applies to
/// ledger records of one of `types` and/or to one of `counterparties` (both empty: to every record).
package struct FeeSchedule: Sendable, Equatable {
    package var name: String
    package var types: [String] = []
    package var counterparties: [String] = []
    package var fixed = DecimalAmount(tenThousandths: 0)
    /// Parts per million of the gross amount (`percent = "0.6"` is 6,000).
    package var percentPPM: Int64 = 0

    package init(name: String) { self.name = name }

    package func applies(type: String, counterparty: String) -> Bool {
        (types.isEmpty || types.contains(type)) && (counterparties.isEmpty || counterparties.contains(counterparty))
    }

    /// The fee on a gross amount, in minor units.
    package func fee(onGross gross: Int64, exponent: Int) -> Int64 {
        fixed.minor(exponent: exponent) &+ DecimalAmount.percent(ppm: percentPPM, of: gross)
    }

    /// `2.00 + 0.6%`.
    package var formula: String {
        var parts: [String] = []
        if fixed.tenThousandths != 0 || percentPPM == 0 { parts.append(fixed.description) }
        if percentPPM != 0 { parts.append(DecimalAmount(tenThousandths: percentPPM).text(minimumDecimals: 0) + "%") }
        return parts.joined(separator: " + ")
    }
}
