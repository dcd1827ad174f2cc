import ReconCore

/// Checks each bank statement against itself: opening balance + booked movements = closing balance,
/// and every total its trailer declares equals what was read. A failure is a `balance_mismatch`.
enum StatementIntegrity {
    static func check(_ statements: [FileStatement]) -> [BreakRecord] {
        var out: [BreakRecord] = []
        for (i, fs) in statements.enumerated() {
            let s = fs.statement
            if let gap = s.balanceGap, gap != 0 {
                var b = BreakRecord(kind: .balanceMismatch)
                b.statement = Int32(i)
                out.append(b)
            }
            for (c, control) in s.controls.enumerated() where !control.holds {
                var b = BreakRecord(kind: .balanceMismatch)
                b.statement = Int32(i)
                b.control = Int32(c)
                out.append(b)
            }
        }
        return out
    }
}
