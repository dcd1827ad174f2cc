import ReconCore

/// What the custody checks found, beside the breaks they add to the run.
public struct CustodyResult: Sendable {
    /// Account-level breaks; a ``BreakRecord`` with `custody = i` is `findings[i]`.
    public var findings: [CustodyFinding] = []
    /// The custody statement: per custody account, currency and day.
    public var statement: [CustodyStatementRow] = []
    /// For each unexplained outflow from a customer-funds account (bank row): its number and the running
    /// total of such outflows from that account that day, in bank row order.
    public var outflows: [Int32: (count: Int, total: Int64)] = [:]
    /// For each bank row reclassified `unauthorized_counterparty`: why.
    public var unauthorized: [Int32: String] = [:]
    /// Thresholds crossed.
    public var alerts: [CustodyAlert] = []

    public init() {}
}
