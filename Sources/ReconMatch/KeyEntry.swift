/// A row taking part in a grouping pass: its key hash, side and row number.
struct KeyEntry: Sendable {
    var hash: UInt64
    var row: Int32
    /// 0 bank, 1 ledger.
    var side: UInt8

    @inline(__always)
    static func < (a: KeyEntry, b: KeyEntry) -> Bool {
        if a.hash != b.hash { return a.hash < b.hash }
        if a.side != b.side { return a.side < b.side }
        return a.row < b.row
    }
}
