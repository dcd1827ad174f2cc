import ReconCore

/// One line of the custody statement: a custody account, currency and day, with its balances, how
/// the difference breaks down, and the day's customer fund flows by type.
package struct CustodyStatementRow: Sendable, Equatable {
    package var day: Day
    package var custodyAccount: Int32
    package var currency: Int32
    package var accounts: Int
    package var bankBalance: Int128
    package var owed: Int128
    package var timing: Int128
    package var unexplainedItems: Int128
    package var notItemised: Int128
    /// Ledger movements of the day on the custody account's accounts, by flow.
    package var flows: [FundFlow: FlowTotal]

    package var difference: Int128 { bankBalance - owed }
    package var unexplained: Int128 { unexplainedItems + notItemised }
}

/// How many ledger movements of one flow a day had, and their sum.
package struct FlowTotal: Sendable, Equatable {
    package var count = 0
    package var amount: Int128 = 0

    package init() {}
}

/// The kinds of customer fund flow a custody statement counts, from the ledger's `type`.
package enum FundFlow: String, CaseIterable, Sendable {
    case deposits, withdrawals, investments, repayments, fees, other

    /// The flow of a ledger type: `deposit`, `withdrawal`, `investment`/`invest`, `repayment`, `fee`.
    package init(type: String) {
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
