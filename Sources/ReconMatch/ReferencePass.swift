import ReconCore

/// Passes 1 and 2, on one grouping: duplicates, then the bank line that carries the platform's
/// reference as its end-to-end id.
///
/// Groups are (account, currency, end_to_end_id = reference). Pass 1 keys duplicates by (account,
/// currency, reference, amount), which only splits these groups further, so it runs inside them: on
/// each side, a row with the amount of an earlier row of the group (by date, then bank_ref or txn_id)
/// is a duplicate of the first one.
/// Then, of the rows left, a group of one bank row and one ledger row is a pair; in a larger group,
/// rows pair up by unique equal amounts first, then a last single pair of leftovers pairs up; rows left
/// on both sides after that are `ambiguous`.
struct ReferencePass: GroupingPass {
    let tolerance: Int64
    /// Mark duplicates (pass 1).
    let duplicates: Bool
    /// Pair bank and ledger rows (pass 2).
    let matching: Bool

    func bankKey(_ row: Int, _ inputs: MatchInputs) -> UInt64? { Self.endToEndKey(row, inputs) }

    func ledgerKey(_ row: Int, _ inputs: MatchInputs) -> UInt64? {
        let t = inputs.ledger
        if t.reference.isEmpty(row) { return nil }
        return ByteHash.combine(t.referenceHash[row], Self.accountCurrency(t.account[row], t.currency[row]))
    }

    func sameKey(_ a: KeyEntry, _ b: KeyEntry, _ inputs: MatchInputs) -> Bool {
        let (acctA, curA) = accountCurrency(a, inputs), (acctB, curB) = accountCurrency(b, inputs)
        guard acctA == acctB && curA == curB else { return false }
        let (colA, colB) = (text(a, inputs), text(b, inputs))
        return colA.equals(Int(a.row), colB, Int(b.row))
    }

    private func accountCurrency(_ e: KeyEntry, _ inputs: MatchInputs) -> (Int32, Int32) {
        let r = Int(e.row)
        return e.side == 0 ? (inputs.bank.account[r], inputs.bank.currency[r])
            : (inputs.ledger.account[r], inputs.ledger.currency[r])
    }

    private func text(_ e: KeyEntry, _ inputs: MatchInputs) -> TextColumn {
        e.side == 0 ? inputs.bank.endToEndId : inputs.ledger.reference
    }

    @inline(__always)
    func prefetchKeyText(_ e: KeyEntry, _ inputs: MatchInputs) {
        Prefetch.bytes(e.side == 0 ? inputs.bank.endToEndId : inputs.ledger.reference, Int(e.row))
    }

    func resolve(bank: RowList, ledger: RowList, sink: inout PassSink) {
        if bank.count <= 1 && ledger.count <= 1 {
            if matching && bank.count == 1 && ledger.count == 1 {
                sink.pair(bank: bank[bank.startIndex], ledger: ledger[ledger.startIndex], tolerance: tolerance)
            }
            return
        }
        var bankRows = Array(bank), ledgerRows = Array(ledger)
        if duplicates {
            // The earliest booked row of a key stays (then the lowest bank_ref / txn_id), whatever
            // the order of the files and of the rows in them.
            // Only where two rows share an amount (most groups have no duplicates).
            if Self.repeatsAnAmount(bankRows, sink.inputs.bank.amount) {
                bankRows = removeDuplicates(sink.inputs.contentOrdered(bank: bankRows), amounts: sink.inputs.bank.amount) {
                    sink.bankBreak(.duplicateBank, $0, related: CollectionOfOne($1))
                }
            }
            if Self.repeatsAnAmount(ledgerRows, sink.inputs.ledger.amount) {
                ledgerRows = removeDuplicates(sink.inputs.contentOrdered(ledger: ledgerRows), amounts: sink.inputs.ledger.amount) {
                    sink.ledgerBreak(.duplicateLedger, $0, related: CollectionOfOne($1))
                }
            }
        }
        if matching { pairUp(bank: bankRows, ledger: ledgerRows, sink: &sink) }
    }

    /// Whether two of `rows` have the same amount (without allocating for small groups).
    static func repeatsAnAmount(_ rows: [Int32], _ amounts: [Int64]) -> Bool {
        guard rows.count > 1 else { return false }
        if rows.count <= 16 {
            for i in 1..<rows.count {
                let a = amounts[Int(rows[i])]
                for j in 0..<i where amounts[Int(rows[j])] == a { return true }
            }
            return false
        }
        var seen = Set<Int64>(minimumCapacity: rows.count)
        for r in rows where !seen.insert(amounts[Int(r)]).inserted { return true }
        return false
    }

    /// Rows (in content order) whose amount an earlier row has are reported through `duplicate(row, first)`;
    /// the others are returned.
    private func removeDuplicates(_ rows: [Int32], amounts: [Int64], duplicate: (Int32, Int32) -> Void) -> [Int32] {
        var first: [Int64: Int32] = [:]
        var kept: [Int32] = []
        for r in rows {
            let a = amounts[Int(r)]
            if let f = first[a] { duplicate(r, f) } else { first[a] = r; kept.append(r) }
        }
        return kept
    }

    private func pairUp(bank: [Int32], ledger: [Int32], sink: inout PassSink) {
        guard !bank.isEmpty && !ledger.isEmpty else { return }
        if bank.count == 1 && ledger.count == 1 {
            sink.pair(bank: bank[0], ledger: ledger[0], tolerance: tolerance)
            return
        }
        let bankAmounts = sink.inputs.bank.amount, ledgerAmounts = sink.inputs.ledger.amount
        var bankCount: [Int64: Int] = [:], ledgerCount: [Int64: Int] = [:]
        for b in bank { bankCount[bankAmounts[Int(b)], default: 0] += 1 }
        for l in ledger { ledgerCount[ledgerAmounts[Int(l)], default: 0] += 1 }
        var restBank: [Int32] = [], restLedger: [Int32] = []
        var pairedLedger = Set<Int32>()
        for b in bank {
            let a = bankAmounts[Int(b)]
            if bankCount[a] == 1 && ledgerCount[a] == 1, let l = ledger.first(where: { ledgerAmounts[Int($0)] == a }) {
                sink.pair(bank: b, ledger: l, tolerance: tolerance)
                pairedLedger.insert(l)
            } else {
                restBank.append(b)
            }
        }
        for l in ledger where !pairedLedger.contains(l) { restLedger.append(l) }
        if restBank.count == 1 && restLedger.count == 1 {
            sink.pair(bank: restBank[0], ledger: restLedger[0], tolerance: tolerance)
        } else if !restBank.isEmpty && !restLedger.isEmpty {
            sink.ambiguous(bank: restBank, ledger: restLedger)
        }
    }
}
