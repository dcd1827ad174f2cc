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
    /// The opening or closing balance came without `CdtDbtInd`: its magnitude is held, its sign
    /// decided when the statement ends (``resolveSigns()``).
    var openingUnsigned = false
    var closingUnsigned = false
    /// The type code of each unsigned balance, for messages.
    var unsignedTypes: [String] = []
    /// Booked entries that had no `Sts`.
    var entriesWithoutStatus = 0
    /// Both readings of unsigned balances hold (no movements, equal amounts): the sign is unknown.
    var signUnknown = false

    mutating func reset(line: Int, sequence: Int) {
        self = CamtStatement()
        self.line = line
        self.sequence = sequence
    }

    /// The statement's currency: `Acct/Ccy`, else the first amount's `Ccy`.
    var currency: [UInt8] { accountCurrency.isEmpty ? firstAmountCurrency : accountCurrency }

    /// The id used in messages and fallback references: `Id`, else the position in the file.
    var displayId: [UInt8] { id.isEmpty ? Array(String(sequence).utf8) : id }

    /// Records a balance of the statement; `unsigned` when it had no `CdtDbtInd` (`signed` is then
    /// its magnitude).
    mutating func apply(_ b: CamtBalance, signed: Int64, unsigned: Bool = false) {
        switch b.role {
        case .openingBooked:
            if !openingIsOPBD {
                opening = signed
                openingDate = b.date
                openingIsOPBD = true
                openingUnsigned = unsigned
            }
        case .previousClosing:
            if opening == nil {
                opening = signed
                openingDate = b.date
                openingUnsigned = unsigned
            }
        case .closingBooked:
            if closing == nil {
                closing = signed
                closingDate = b.date
                closingUnsigned = unsigned
            }
        case .ignored:
            break
        }
    }

    /// Decides the sign of balances written without `CdtDbtInd` from the statement itself: the one
    /// reading (credit or debit for each) by which opening + booked entries = closing. Returns the
    /// assumption in words, or nil with `failure` set when no reading, or more than one, holds.
    mutating func resolveSigns() -> (assumption: String?, failure: String?) {
        guard openingUnsigned || closingUnsigned else { return (nil, nil) }
        let types = unsignedTypes.joined(separator: " and ")
        guard let o = opening, let c = closing else {
            return (nil, "balance \(types) has no CdtDbtInd, and without both an opening and a closing balance nothing decides its sign")
        }
        let openings = openingUnsigned ? Set([o, 0 &- o]) : [o]
        let closings = closingUnsigned ? Set([c, 0 &- c]) : [c]
        var readings: [(Int64, Int64)] = []
        for a in openings { for b in closings where a &+ movementSum == b { readings.append((a, b)) } }
        if readings.count > 1 && movementSum == 0 && readings.allSatisfy({ $0.0 == $0.1 }) {
            // Opening and closing the same amount, nothing between: the statement reconciles
            // whichever the sign, which stays unknown.
            signUnknown = true
            return ("balance \(types) without CdtDbtInd: opening = closing with no entries, so the statement reconciles "
                    + "whichever their sign; the sign is unknown and the balances are not used as signed figures", nil)
        }
        guard readings.count == 1, let (a, b) = readings.first else {
            return (nil, readings.isEmpty
                ? "balance \(types) has no CdtDbtInd, and no reading of it as credit or debit makes opening + entries = closing"
                : "balance \(types) has no CdtDbtInd, and more than one reading makes opening + entries = closing")
        }
        func word(_ v: Int64) -> String { v < 0 ? "debit (DBIT)" : "credit (CRDT)" }
        var parts: [String] = []
        if openingUnsigned { parts.append("opening as \(word(a))") }
        if closingUnsigned { parts.append("closing as \(word(b))") }
        opening = a
        closing = b
        return ("balance \(types) without CdtDbtInd read \(parts.joined(separator: ", ")): the only reading by which opening + entries = closing", nil)
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
        s.balanceSignUnknown = signUnknown
        if entriesWithoutStatus > 0 {
            s.assumptions.append("\(entriesWithoutStatus) entr\(entriesWithoutStatus == 1 ? "y" : "ies") without Sts read as booked (BOOK)")
        }
        return s
    }
}
