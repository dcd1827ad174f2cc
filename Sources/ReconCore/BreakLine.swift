/// One break of a run as a value: the thirteen columns of DESIGN.md's `breaks.csv`, typed.
///
/// The run builds these from its tables; `breaks.csv` is their text through ``BreakLineCodec``, the
/// exports render them and the run store keeps them with their id. Money is in minor units of
/// ``currency`` (``exponent`` decimals), dates are days.
public struct BreakLine: Sendable, Hashable {
    public var kind: BreakKind
    public var severity: Severity
    /// The account the break is about (a statement's or custody account's for account-level kinds).
    public var account: String
    public var currency: String
    /// The bank line's reference (a statement's id for `balance_mismatch`), or empty.
    public var bankRef: String
    /// The ledger record's id (a batch's id), or empty.
    public var ledgerId: String
    public var bankDate: Day?
    public var ledgerDate: Day?
    /// Amounts are wide: a custody account's balance sums many lines and is exact whatever its size.
    public var bankAmount: Int128?
    public var ledgerAmount: Int128?
    /// Bank minus ledger where both are present (a statement's: what was read minus what is stated).
    public var difference: Int128?
    /// Decimals of ``currency``: how the amounts are written.
    public var exponent: Int
    /// Days the item has been open at the as-of date (matched kinds: days between the bookings).
    public var ageDays: Int
    public var detail: String

    public init(kind: BreakKind, severity: Severity, account: String, currency: String, bankRef: String = "",
                ledgerId: String = "", bankDate: Day? = nil, ledgerDate: Day? = nil, bankAmount: Int128? = nil,
                ledgerAmount: Int128? = nil, difference: Int128? = nil, exponent: Int, ageDays: Int, detail: String) {
        self.kind = kind; self.severity = severity; self.account = account; self.currency = currency
        self.bankRef = bankRef; self.ledgerId = ledgerId; self.bankDate = bankDate; self.ledgerDate = ledgerDate
        self.bankAmount = bankAmount; self.ledgerAmount = ledgerAmount; self.difference = difference
        self.exponent = exponent; self.ageDays = ageDays; self.detail = detail
    }

    /// A break of a statement or a custody account: its amounts are balances, not items, so they are
    /// counted but never summed or aged as money at risk.
    public var isBalanceRow: Bool {
        switch kind {
        case .balanceMismatch, .segregationShortfall, .segregationExcess: return true
        default: return false
        }
    }

    /// The money an open item puts at risk: the magnitude of the bank line's amount where there is
    /// one, else the ledger record's; nil for matched kinds and balance rows.
    public var moneyAtRisk: UInt128? {
        guard !isBalanceRow, !kind.isMatchedWithNote else { return nil }
        return (bankAmount ?? ledgerAmount ?? 0).magnitude
    }
}
