import ReconMatch

/// How a score reads in a report: `0.93 (amount 1.00, date 0.83 (1 day apart), counterparty 0.50,
/// reference 1.00)`.
enum ScoreText {
    static func thousandths(_ v: Int) -> String {
        let whole = v / 1000, frac = v % 1000
        return "\(whole).\(String(repeating: "0", count: frac < 10 ? 2 : frac < 100 ? 1 : 0))\(frac)"
    }

    static func reasons(_ s: Suggestion) -> String {
        "\(thousandths(s.score)) (amount \(thousandths(s.amountPart)), date \(thousandths(s.datePart)) (\(s.days) day(s) apart), "
            + "counterparty \(thousandths(s.counterpartyPart)), reference \(thousandths(s.referencePart)))"
    }
}
