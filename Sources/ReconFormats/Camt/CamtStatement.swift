import ReconCore

/// The statement (`Stmt`, `Rpt` or `Ntfctn`) being read: what its entries need (account, currency,
/// id) and what its ``StatementSummary`` will hold.
struct CamtStatement {
    /// Line where the statement starts.
    var line = 0
    /// 1-based position of the statement in the file.
    var sequence = 0
    /// `Id`.
    var id: [UInt8] = []
    /// `Acct/Id/IBAN` or `Acct/Id/Othr/Id`.
    var account: [UInt8] = []
    /// `Acct/Ccy`.
    var accountCurrency: [UInt8] = []
    /// `Ccy` of the first amount of the statement (balance or entry), the currency when there is no
    /// `Acct/Ccy`.
    var firstAmountCurrency: [UInt8] = []
    /// `CreDtTm`'s date.
    var created: Day?
    var opening: Int64?
    var openingDate: Day?
    /// Whether `opening` is an OPBD (which wins over a PRCD).
    var openingIsOPBD = false
    var closing: Int64?
    var closingDate: Day?
    /// Entries seen (all statuses), for the fallback bank_ref.
    var entries = 0
    /// Booked rows appended to the table, and their signed sum.
    var movementCount = 0
    var movementSum: Int64 = 0

    mutating func reset(line: Int, sequence: Int) {
        self = CamtStatement()
        self.line = line
        self.sequence = sequence
    }

    /// The statement's currency: `Acct/Ccy`, else the first amount's `Ccy`.
    var currency: [UInt8] { accountCurrency.isEmpty ? firstAmountCurrency : accountCurrency }

    /// The id used in messages and fallback references: `Id`, else the position in the file.
    var displayId: [UInt8] { id.isEmpty ? Array(String(sequence).utf8) : id }

    /// Records a balance of the statement.
    mutating func apply(_ b: CamtBalance, signed: Int64) {
        switch b.role {
        case .openingBooked:
            if !openingIsOPBD {
                opening = signed
                openingDate = b.date
                openingIsOPBD = true
            }
        case .previousClosing:
            if opening == nil {
                opening = signed
                openingDate = b.date
            }
        case .closingBooked:
            if closing == nil {
                closing = signed
                closingDate = b.date
            }
        case .ignored:
            break
        }
    }

    func summary() -> StatementSummary {
        var s = StatementSummary(id: String(decoding: displayId, as: UTF8.self),
                                 account: String(decoding: account, as: UTF8.self),
                                 currency: String(decoding: currency, as: UTF8.self), line: line)
        s.openingBalance = opening
        s.openingDate = openingDate
        s.closingBalance = closing
        s.closingDate = closingDate
        s.movementCount = movementCount
        s.movementSum = movementSum
        return s
    }
}
