import ReconStore
import ReconReport
import ReconCore
import ReconMatch

/// The nightly job's memory of bank lines (``BankLineHistory``): before matching, tonight's lines an
/// earlier night already reconciled, or that are still open from an earlier night, are marked as
/// sent again; after matching, the keys of the lines reconciled tonight are kept for later nights.
enum LineHistoryStep {
    /// Marks each line of tonight's files that is a line sent again (``MatchInputs/resentBankRows``),
    /// with a note naming where the original is.
    static func markResent(_ inputs: inout MatchInputs, history: BankLineHistory) {
        let bank = inputs.bank
        let start = inputs.carriedBankStart ?? bank.count
        let keyer = BankLineHistory.Keyer(inputs.catalog)
        // Lines still open from earlier nights: a copy of one tonight is the same line.
        var carried: [UInt64: Int] = [:]
        for row in start..<bank.count {
            let k = keyer.keys(of: row, in: bank)
            for key in [k.reference, k.content].compactMap({ $0 }) where carried[key] == nil { carried[key] = row }
        }
        guard !history.isEmpty || !carried.isEmpty else { return }
        var rows: [Int32] = []
        for row in 0..<start {
            let k = keyer.keys(of: row, in: bank)
            if let origin = history.origin(of: k) {
                rows.append(Int32(row))
                inputs.bankNotes[Int32(row)] = "sent again: this line was reconciled on \(origin.date.iso) (run \(origin.runId))"
                continue
            }
            if let original = k.reference.flatMap({ carried[$0] }) ?? k.content.flatMap({ carried[$0] }) {
                rows.append(Int32(row))
                inputs.bankNotes[Int32(row)] = "sent again: the line bank_ref \(bank.bankRef.string(original)) of "
                    + "\(bank.date(original).iso) is still open from an earlier night"
            }
        }
        inputs.resentBankRows = rows
    }

    /// The keys of the bank lines the run closed (matched, or reported and not carried), sorted and
    /// unique; lines sent again are already known by their original.
    static func reconciledKeys(_ c: ReportContext) -> [UInt64] {
        let bank = c.inputs.bank, codes = c.result.bankCodes
        let keyer = BankLineHistory.Keyer(c.inputs.catalog)
        var open = [Bool](repeating: false, count: 256)
        for kind in BreakKind.openOnBankSide { open[Int(kind.rawValue)] = true }
        // Every row has its outcome by now (the last pass decides what is left).
        let resent = Set(c.inputs.resentBankRows)
        var keys: [UInt64] = []
        for row in 0..<bank.count where !open[Int(codes[row])] && !resent.contains(Int32(row)) {
            let k = keyer.keys(of: row, in: bank)
            if let r = k.reference { keys.append(r) }
            if let c = k.content { keys.append(c) }
        }
        keys.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(keys.count)
        for k in keys where unique.last != k { unique.append(k) }
        return unique
    }
}
