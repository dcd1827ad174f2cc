/// A total a file declares about itself (a trailer's count or sum) and what was actually read.
public struct ControlTotal: Sendable, Equatable {
    /// What is declared, e.g. "record 33 debit total" or "98 group control total".
    public var name: String
    public var declared: Int64
    public var computed: Int64

    public init(name: String, declared: Int64, computed: Int64) {
        self.name = name
        self.declared = declared
        self.computed = computed
    }

    public var holds: Bool { declared == computed }
}

/// One statement of a bank file (a camt `Stmt`, an MT940 `:20:` block, a CFONB 01…07 group, ...):
/// its balances and what its movements add up to, so that opening + movements = closing can be checked.
public struct StatementSummary: Sendable, Equatable {
    /// The statement's own identifier where it has one (camt `Id`, MT940 `:20:`/`:28C:`), else a
    /// sequence number within the file.
    public var id: String
    public var account: String
    public var currency: String
    /// Booked opening balance (camt OPBD/PRCD, MT940 60F/M, ...), minor units, signed.
    public var openingBalance: Int64?
    public var openingDate: Day?
    /// Booked closing balance (camt CLBD, MT940 62F/M, ...).
    public var closingBalance: Int64?
    public var closingDate: Day?
    /// Booked movements read into the table for this statement, and their signed sum.
    public var movementCount = 0
    public var movementSum: Int64 = 0
    /// Line or record number where the statement starts.
    public var line = 0
    /// Trailer totals the file declares for this statement.
    public var controls: [ControlTotal] = []
    /// What the reader assumed where the file left something out (a balance without its
    /// credit/debit mark, entries without a status), in words: `inspect` and `summary.json` show it.
    public var assumptions: [String] = []
    /// The balances came without their credit/debit mark and nothing in the statement decides it
    /// (no movements, equal amounts): the verdict holds whichever the sign, but the balances are not
    /// used as signed figures (the custody checks leave them out).
    public var balanceSignUnknown = false

    public init(id: String, account: String, currency: String, line: Int = 0) {
        self.id = id
        self.account = account
        self.currency = currency
        self.line = line
    }

    /// Opening + movements − closing, when both balances are known; 0 means the statement reconciles.
    public var balanceGap: Int64? {
        guard let openingBalance, let closingBalance else { return nil }
        return openingBalance &+ movementSum &- closingBalance
    }
}
