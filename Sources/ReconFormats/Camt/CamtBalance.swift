import ReconCore

/// One `Bal` of a statement being read: its type code, signed amount and date.
struct CamtBalance {
    var line = 0
    /// `Tp/CdOrPrtry/Cd`: OPBD, PRCD, CLBD, ITBD, ...
    var type: [UInt8] = []
    /// Unsigned amount in minor units of `currency`.
    var amount: Int64?
    var currency: [UInt8] = []
    /// `CdtDbtInd`: true for CRDT.
    var credit: Bool?
    var date: Day?

    mutating func reset(line: Int) {
        self.line = line
        type.removeAll(keepingCapacity: true)
        currency.removeAll(keepingCapacity: true)
        amount = nil
        credit = nil
        date = nil
    }

    /// What the balance means for the statement's integrity check.
    var role: Role {
        if type.elementsEqual("OPBD".utf8) { return .openingBooked }
        if type.elementsEqual("PRCD".utf8) { return .previousClosing }
        if type.elementsEqual("CLBD".utf8) { return .closingBooked }
        return .ignored
    }

    enum Role {
        /// OPBD: the statement's opening booked balance.
        case openingBooked
        /// PRCD: the previous statement's closing booked balance, the opening when there is no OPBD.
        case previousClosing
        /// CLBD: the closing booked balance.
        case closingBooked
        /// Available, interim, forward and other balances: not part of the integrity check.
        case ignored
    }
}
