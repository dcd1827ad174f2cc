import ReconCore

/// One line of the custody statement: a custody account, currency and day, with its balances, how
/// the difference breaks down, and the day's customer fund flows by type.
public struct CustodyStatementRow: Sendable, Equatable {
    public var day: Day
    public var custodyAccount: Int32
    public var currency: Int32
    public var accounts: Int
    public var bankBalance: Int128
    public var owed: Int128
    public var timing: Int128
    public var unexplainedItems: Int128
    public var notItemised: Int128
    /// Ledger movements of the day on the custody account's accounts, by flow.
    public var flows: [FundFlow: FlowTotal]

    public var difference: Int128 { bankBalance - owed }
    public var unexplained: Int128 { unexplainedItems + notItemised }
}

/// How many ledger movements of one flow a day had, and their sum.
public struct FlowTotal: Sendable, Equatable {
    public var count = 0
    public var amount: Int128 = 0

    public init() {}
}

/// The kinds of customer fund flow a custody statement counts, from the ledger's `type`.
public enum FundFlow: String, CaseIterable, Sendable {
    case deposits, withdrawals, investments, repayments, fees, other

    /// The flow of a ledger type: `deposit`, `withdrawal`, `investment`/`invest`, `repayment`, `fee`.
    public init(type: String) {
        switch type.lowercased() {
        case "deposit", "deposits", "recharge": self = .deposits
        case "withdrawal", "withdrawals", "withdraw", "payout": self = .withdrawals
        case "investment", "investments", "invest": self = .investments
        case "repayment", "repayments", "repay": self = .repayments
        case "fee", "fees": self = .fees
        default: self = .other
        }
    }
}
