import ReconCore
import ReconMatch

/// One line of the custody statement (`custody.csv`) as a value: a custody account, currency and
/// day, its balances in minor units and how the difference breaks down, and the day's customer fund
/// flows by type.
package struct CustodyStatementLine: Sendable, Equatable {
    package var day: Day
    package var custodyAccount: String
    package var currency: String
    /// Decimals of ``currency``.
    package var exponent: Int
    package var accounts: Int
    package var bankBalance: Int128
    package var owed: Int128
    package var inTransit: Int128
    package var unexplainedItems: Int128
    package var notItemised: Int128
    package var flows: [FundFlow: FlowTotal]

    package var difference: Int128 { bankBalance - owed }
    package var unexplained: Int128 { unexplainedItems + notItemised }

    package init(day: Day, custodyAccount: String, currency: String, exponent: Int, accounts: Int, bankBalance: Int128,
                 owed: Int128, inTransit: Int128, unexplainedItems: Int128, notItemised: Int128, flows: [FundFlow: FlowTotal]) {
        self.day = day; self.custodyAccount = custodyAccount; self.currency = currency; self.exponent = exponent
        self.accounts = accounts; self.bankBalance = bankBalance; self.owed = owed; self.inTransit = inTransit
        self.unexplainedItems = unexplainedItems; self.notItemised = notItemised; self.flows = flows
    }

    /// The line of a statement row of the run whose catalog is `catalog`.
    package init(_ row: CustodyStatementRow, catalog: Catalog) {
        self.init(day: row.day, custodyAccount: catalog.accounts.string(row.custodyAccount),
                  currency: catalog.currencies.string(row.currency), exponent: catalog.exponent(ofCurrency: row.currency),
                  accounts: row.accounts, bankBalance: row.bankBalance, owed: row.owed, inTransit: row.timing,
                  unexplainedItems: row.unexplainedItems, notItemised: row.notItemised, flows: row.flows)
    }
}
