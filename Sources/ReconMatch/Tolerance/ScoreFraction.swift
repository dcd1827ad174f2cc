/// A part of a score as an exact fraction in [0, 1] (numerator and denominator non-negative), so that a
/// pair's total is computed without rounding any part and compares exactly with the thresholds.
struct ScoreFraction: Sendable, Equatable {
    var numerator: Int128
    var denominator: Int128

    static let one = ScoreFraction(numerator: 1, denominator: 1)
    static let zero = ScoreFraction(numerator: 0, denominator: 1)

    /// The fraction in thousandths, rounded down (for the parts `suggestions.csv` shows).
    var thousandths: Int { Int(numerator * 1000 / denominator) }

    /// floor(Σ weight × part) in thousandths of the whole score, the parts exact: the only rounding
    /// is this one, at the end, so `floor(total) >= threshold` exactly when `total >= threshold`.
    static func total(_ parts: [(weight: Int, part: ScoreFraction)]) -> Int {
        var numerator: Int128 = 0, denominator: Int128 = 1
        for (weight, part) in parts {
            numerator = numerator * part.denominator + Int128(weight) * part.numerator * denominator
            denominator *= part.denominator
        }
        return Int(numerator / denominator)
    }
}
