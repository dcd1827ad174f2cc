import ReconCore

/// One row of the break report with DESIGN.md's thirteen columns, as `breaks.csv` or the run store
/// holds it. The exports render these rows, so every export says what `breaks.csv` says.
public struct BreakRow: Sendable, Equatable {
    /// The columns of ``BreakReportWriter/header``, in order.
    public static let columns = BreakReportWriter.header.split(separator: ",").map(String.init)

    /// The thirteen fields, as written.
    public var fields: [String]

    public init(fields: [String]) {
        precondition(fields.count == Self.columns.count, "a break row has \(Self.columns.count) fields")
        self.fields = fields
    }

    public var kindName: String { fields[0] }
    public var kind: BreakKind? { BreakKind(name: fields[0]) }
    public var severity: Severity? { Severity(name: fields[1]) }
    public var account: String { fields[2] }
    public var currency: String { fields[3] }
    public var bankAmount: String { fields[8] }
    public var ledgerAmount: String { fields[9] }
    public var difference: String { fields[10] }
    public var ageDays: Int { Int(fields[11]) ?? 0 }
    public var detail: String { fields[12] }

    /// Columns holding money, dates and whole numbers (everything else is text).
    static let amountColumns: Set<Int> = [8, 9, 10]
    static let dateColumns: Set<Int> = [6, 7]
    static let integerColumns: Set<Int> = [11]
    static let accountColumn = 2
    static let detailColumn = 12

    /// A break of a statement or a custody account: its amounts are balances, not items.
    var isBalanceRow: Bool {
        switch kind {
        case .balanceMismatch?, .segregationShortfall?, .segregationExcess?: return true
        default: return false
        }
    }
}
