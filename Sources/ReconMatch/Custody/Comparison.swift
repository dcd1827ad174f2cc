/// A threshold written with its comparison, e.g. `>= 1000.00`, `< 0.95`, `> 3`: exact decimal
/// arithmetic, no floating point.
package struct Comparison: Sendable, Equatable, CustomStringConvertible {
    package enum Operator: String, Sendable, CaseIterable {
        case atLeast = ">=", above = ">", atMost = "<=", below = "<", equal = "=="
    }

    package var op: Operator
    /// The threshold is `mantissa / 10^scale`.
    package var mantissa: Int64
    package var scale: Int

    /// Parses `OP NUMBER` (spaces optional); nil when malformed.
    package init?(_ text: String) {
        let t = text.trimmingSpaces
        // Two-character operators first.
        guard let op = Operator.allCases.sorted(by: { $0.rawValue.count > $1.rawValue.count })
            .first(where: { t.hasPrefix($0.rawValue) }) else { return nil }
        let number = t.dropFirst(op.rawValue.count).trimmingSpaces
        guard let (m, s) = Comparison.decimal(number) else { return nil }
        self.op = op
        mantissa = m
        scale = s
    }

    package var description: String {
        "\(op.rawValue) \(Comparison.format(mantissa, scale))"
    }

    /// Whether `value / 10^valueScale` compares to the threshold as the operator says.
    package func holds(_ value: Int128, scale valueScale: Int) -> Bool {
        // Both sides scaled to the larger number of decimals.
        let s = max(scale, valueScale)
        let lhs = value * Comparison.power(s - valueScale)
        let rhs = Int128(mantissa) * Comparison.power(s - scale)
        switch op {
        case .atLeast: return lhs >= rhs
        case .above: return lhs > rhs
        case .atMost: return lhs <= rhs
        case .below: return lhs < rhs
        case .equal: return lhs == rhs
        }
    }

    /// Whether an integer (a count, days) compares as the operator says.
    package func holds(_ value: Int) -> Bool { holds(Int128(value), scale: 0) }

    static func power(_ n: Int) -> Int128 {
        var p: Int128 = 1
        for _ in 0..<max(0, min(n, 30)) { p *= 10 }
        return p
    }

    static func decimal(_ s: String) -> (Int64, Int)? {
        var mantissa: Int64 = 0, scale = 0, seenPoint = false, digits = 0
        var chars = Substring(s)
        var negative = false
        if chars.first == "-" { negative = true; chars = chars.dropFirst() }
        for c in chars {
            if c == "." {
                if seenPoint { return nil }
                seenPoint = true
                continue
            }
            guard let d = c.wholeNumberValue, c.isASCII else { return nil }
            let (m1, o1) = mantissa.multipliedReportingOverflow(by: 10)
            let (m2, o2) = m1.addingReportingOverflow(Int64(d))
            if o1 || o2 { return nil }
            mantissa = m2
            digits += 1
            if seenPoint { scale += 1 }
        }
        guard digits > 0, scale <= 18 else { return nil }
        return (negative ? -mantissa : mantissa, scale)
    }

    static func format(_ mantissa: Int64, _ scale: Int) -> String {
        if scale == 0 { return String(mantissa) }
        var digits = String(mantissa.magnitude)
        while digits.count <= scale { digits = "0" + digits }
        let cut = digits.index(digits.endIndex, offsetBy: -scale)
        return (mantissa < 0 ? "-" : "") + digits[..<cut] + "." + digits[cut...]
    }
}
