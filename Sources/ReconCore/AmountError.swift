/// Why bytes could not be read as an amount of money.
public enum AmountError: Error, Equatable, Sendable {
    case empty
    case invalidCharacter(position: Int)
    case tooManyDecimals(allowed: Int)
    case overflow
}

extension AmountError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .empty: return "empty amount"
        case .invalidCharacter(let p): return "invalid character at position \(p + 1) of the amount"
        case .tooManyDecimals(let n): return "more than \(n) significant decimals for this currency"
        case .overflow: return "amount does not fit in 64-bit minor units"
        }
    }
}
