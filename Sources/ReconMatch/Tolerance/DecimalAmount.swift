import ReconCore

/// An amount written in a configuration in currency units (`"0.50"`), exact to four decimals, turned
/// into a currency's minor units when a pass needs it: `"0.50"` is 50 fen, and 0 yen (amounts below
/// a currency's smallest unit round toward zero).
package struct DecimalAmount: Sendable, Equatable, CustomStringConvertible {
    /// The amount in ten-thousandths of a unit.
    package var tenThousandths: Int64

    package init(tenThousandths: Int64) { self.tenThousandths = tenThousandths }

    /// Parses `"12.5"`, `"0.0001"`; nil when not a decimal with at most four fraction digits.
    package init?(_ text: String) {
        guard case .success(let v) = MinorUnits.parse(text.trimmingSpaces, exponent: 4) else { return nil }
        tenThousandths = v
    }

    /// In minor units of a currency with `exponent` decimals, toward zero.
    package func minor(exponent: Int) -> Int64 {
        var v = tenThousandths
        if exponent >= 4 {
            for _ in 4..<exponent { v = v.multipliedReportingOverflow(by: 10).overflow ? .max : v * 10 }
            return v
        }
        for _ in exponent..<4 { v /= 10 }
        return v
    }

    package var description: String { text(minimumDecimals: 2) }

    /// The decimal with trailing zeros dropped down to `minimumDecimals` (`2.00`, or `0.6` for a percentage).
    package func text(minimumDecimals: Int) -> String {
        var s = MinorUnits.format(tenThousandths, exponent: 4)
        var decimals = 4
        while decimals > minimumDecimals && s.hasSuffix("0") { s.removeLast(); decimals -= 1 }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    /// `percent` of `amount` (minor units), as parts per million applied with rounding half away from zero.
    package static func percent(ppm: Int64, of amount: Int64) -> Int64 {
        let p = Int128(amount.magnitude) * Int128(ppm)
        return Int64((p + 500_000) / 1_000_000)
    }
}
