import ReconCore

/// What the custody checks found, beside the breaks they add to the run.
package struct CustodyResult: Sendable {
    /// Account-level breaks; a ``BreakRecord`` with `custody = i` is `findings[i]`.
    package var findings: [CustodyFinding] = []
    /// The custody statement: per custody account, currency and day.
    package var statement: [CustodyStatementRow] = []
    /// For each unexplained outflow from a customer-funds account (bank row): its number and the running
    /// total of such outflows from that account that day, in bank row order.
    package var outflows: [Int32: (count: Int, total: Int64)] = [:]
    /// For each bank row reclassified `unauthorized_counterparty`: why.
    package var unauthorized: [Int32: String] = [:]
    /// Thresholds crossed.
    package var alerts: [CustodyAlert] = []

    package init() {}
}
