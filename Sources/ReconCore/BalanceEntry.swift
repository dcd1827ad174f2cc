/// An account's balance at the end of a day, as a bank statement or the platform's ledger states it.
public struct BalanceEntry: Sendable, Equatable {
    public var account: String
    public var currency: String
    public var day: Day
    /// Closing balance of the day, minor units of `currency`, signed.
    public var balance: Int64

    public init(account: String, currency: String, day: Day, balance: Int64) {
        self.account = account
        self.currency = currency
        self.day = day
        self.balance = balance
    }
}
