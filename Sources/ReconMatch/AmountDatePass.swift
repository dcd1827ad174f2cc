import ReconCore

/// Pass 4: no usable reference; same account, currency and amount, dates close together.
///
/// For d = 0, 1, ..., window in turn, remaining rows whose dates are exactly d days apart are joined;
/// each connected component of one bank row and one ledger row is a pair (matched at d = 0, else a
/// `timing_difference`); a larger component means several equally good candidates, and all its rows
/// are `ambiguous`. Rows of a component leave play before the next distance.
struct AmountDatePass: GroupingPass {
    let windowDays: Int

    func bankKey(_ row: Int, _ inputs: MatchInputs) -> UInt64? {
        let t = inputs.bank
        return ByteHash.combine(UInt64(bitPattern: t.amount[row]), Self.accountCurrency(t.account[row], t.currency[row]))
    }

    func ledgerKey(_ row: Int, _ inputs: MatchInputs) -> UInt64? {
        let t = inputs.ledger
        return ByteHash.combine(UInt64(bitPattern: t.amount[row]), Self.accountCurrency(t.account[row], t.currency[row]))
    }

    func sameKey(_ a: KeyEntry, _ b: KeyEntry, _ inputs: MatchInputs) -> Bool {
        func values(_ e: KeyEntry) -> (Int32, Int32, Int64) {
            let r = Int(e.row)
            return e.side == 0 ? (inputs.bank.account[r], inputs.bank.currency[r], inputs.bank.amount[r])
                : (inputs.ledger.account[r], inputs.ledger.currency[r], inputs.ledger.amount[r])
        }
        return values(a) == values(b)
    }

    func resolve(bank: RowList, ledger: RowList, sink: inout PassSink) {
        guard !bank.isEmpty && !ledger.isEmpty else { return }
        let bankDates = sink.inputs.bank.bookingDate, ledgerDates = sink.inputs.ledger.valueDate
        if bank.count == 1 && ledger.count == 1 {
            let d = abs(Int(bankDates[Int(bank[bank.startIndex])]) - Int(ledgerDates[Int(ledger[ledger.startIndex])]))
            if d <= windowDays { sink.pair(bank: bank[bank.startIndex], ledger: ledger[ledger.startIndex], tolerance: 0) }
            return
        }
        var remainingBank = Array(bank), remainingLedger = Array(ledger)
        for d in 0...max(0, windowDays) {
            if remainingBank.isEmpty || remainingLedger.isEmpty { break }
            resolveLevel(distance: d, bank: &remainingBank, ledger: &remainingLedger,
                         bankDates: bankDates, ledgerDates: ledgerDates, sink: &sink)
        }
    }

    /// One distance level: components of the graph of rows exactly `distance` days apart.
    private func resolveLevel(distance d: Int, bank: inout [Int32], ledger: inout [Int32],
                              bankDates: [Int32], ledgerDates: [Int32], sink: inout PassSink) {
        // Nodes are dates: all rows of one side on one date have the same neighbours.
        var bankClass: [Int32: Int] = [:], ledgerClass: [Int32: Int] = [:]
        var classDates: [Int32] = []
        for b in bank where bankClass[bankDates[Int(b)]] == nil {
            bankClass[bankDates[Int(b)]] = classDates.count
            classDates.append(bankDates[Int(b)])
        }
        for l in ledger where ledgerClass[ledgerDates[Int(l)]] == nil {
            ledgerClass[ledgerDates[Int(l)]] = classDates.count
            classDates.append(ledgerDates[Int(l)])
        }
        var parent = Array(0..<classDates.count)
        var hasEdge = [Bool](repeating: false, count: classDates.count)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        for (date, node) in bankClass {
            for other in d == 0 ? [date] : [date - Int32(d), date + Int32(d)] {
                if let m = ledgerClass[other] {
                    hasEdge[node] = true
                    hasEdge[m] = true
                    let (ra, rb) = (find(node), find(m))
                    if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
                }
            }
        }
        // Gather rows per component root, in ascending row order.
        var componentBank: [Int: [Int32]] = [:], componentLedger: [Int: [Int32]] = [:]
        var keepBank: [Int32] = [], keepLedger: [Int32] = []
        for b in bank {
            let node = bankClass[bankDates[Int(b)]]!
            if hasEdge[node] { componentBank[find(node), default: []].append(b) } else { keepBank.append(b) }
        }
        for l in ledger {
            let node = ledgerClass[ledgerDates[Int(l)]]!
            if hasEdge[node] { componentLedger[find(node), default: []].append(l) } else { keepLedger.append(l) }
        }
        // Decide components in the order of their first bank row, for a stable break order.
        let roots = componentBank.keys.sorted { componentBank[$0]![0] < componentBank[$1]![0] }
        for root in roots {
            let cb = componentBank[root]!, cl = componentLedger[root] ?? []
            if cb.count == 1 && cl.count == 1 {
                sink.pair(bank: cb[0], ledger: cl[0], tolerance: 0)
            } else {
                sink.ambiguous(bank: cb, ledger: cl)
            }
        }
        bank = keepBank
        ledger = keepLedger
    }
}
