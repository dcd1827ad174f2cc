import Dispatch
import ReconCore
import ReconMatch

/// The report's order: severity (critical first), account, date, kind, bank_ref, ledger_id, row.
enum BreakOrdering {
    static func sortedIndices(_ context: ReportContext, threads: Int = 1) -> [Int] {
        let accounts = context.inputs.catalog.accounts.values
        // Rank accounts and kinds by their bytes once, so most comparisons are on integers.
        let accountRank = byteRank(accounts)
        var kindRank = [Int](repeating: 0, count: 256)
        for (i, k) in BreakKind.allCases.sorted(by: { $0.name < $1.name }).enumerated() { kindRank[Int(k.rawValue)] = i }
        // Severity, account rank, date and kind packed into one integer, so the sort compares words;
        // only breaks equal on all four are ordered by bank_ref, ledger_id and row.
        guard accounts.count < 1 << 24 else { return comparatorSort(context, accountRank: accountRank, kindRank: kindRank) }
        let lanes = max(1, min(threads, 64))
        var items: [(key: UInt64, index: Int32)]
        let refPrefix: [(UInt64, UInt64)]
        (items, refPrefix) = keys(context, accountRank: accountRank, kindRank: kindRank, lanes: lanes)
        radixSort(&items)
        return orderingTies(context, items: items, refPrefix: refPrefix, lanes: lanes)
    }

    /// Each break's packed key and index, and its bank_ref's first sixteen bytes; on all lanes.
    private static func keys(_ context: ReportContext, accountRank: [Int], kindRank: [Int], lanes: Int)
        -> (items: [(key: UInt64, index: Int32)], refPrefix: [(UInt64, UInt64)]) {
        let breaks = context.result.breaks
        // Plain local arrays: the loop touches no struct with dozens of reference-counted fields.
        let bankAccount = context.inputs.bank.account, ledgerAccount = context.inputs.ledger.account
        let bankDate = context.inputs.bank.bookingDate
        let severities = context.severities
        var items = [(key: UInt64, index: Int32)](repeating: (0, 0), count: breaks.count)
        // The first sixteen bytes of each break's bank_ref as two big-endian words (0 without a bank
        // row): breaks tied on the key are ordered by these integers, and by the full comparison only
        // when equal. (Eight bytes are not enough: references often share a long common prefix.)
        var refPrefix = [(UInt64, UInt64)](repeating: (0, 0), count: breaks.count)
        let bankRef = context.inputs.bank.bankRef
        items.withUnsafeMutableBufferPointer { out in
            refPrefix.withUnsafeMutableBufferPointer { prefixes in
                let shared = UnsafeTransfer((out, prefixes, breaks, bankAccount, ledgerAccount, bankDate, severities, accountRank, kindRank, bankRef))
                DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                    let (out, prefixes, breaks, bankAccount, ledgerAccount, bankDate, severities, accountRank, kindRank, bankRef) = shared.value
                    let lo = breaks.count * lane / lanes, hi = breaks.count * (lane + 1) / lanes
                    for i in lo..<hi {
                        // The bank rows of breaks ahead are scattered: their columns 16 ahead, texts 8 ahead.
                        if i + 16 < hi, breaks[i + 16].bankRow >= 0 {
                            let r = Int(breaks[i + 16].bankRow)
                            Prefetch.element(bankAccount, r); Prefetch.element(bankDate, r); Prefetch.offsets(bankRef, r)
                        }
                        if i + 8 < hi, breaks[i + 8].bankRow >= 0 { Prefetch.bytes(bankRef, Int(breaks[i + 8].bankRow)) }
                        let b = breaks[i]
                        if b.bankRow >= 0 { prefixes[i] = prefix16(bankRef, Int(b.bankRow)) }
                        let accountId: Int32, day: Int32
                        if b.statement >= 0 || b.custody >= 0 {
                            accountId = context.account(b)
                            day = context.primaryDate(b)
                        } else if b.bankRow >= 0 {
                            accountId = bankAccount[Int(b.bankRow)]
                            day = bankDate[Int(b.bankRow)]
                        } else {
                            accountId = ledgerAccount[Int(b.ledgerRow)]
                            day = b.ledgerDate
                        }
                        let severity = UInt64(4 - severities[Int(b.kind.rawValue)].rawValue)
                        let account = UInt64(accountRank[Int(accountId)])
                        let date = UInt64(UInt32(bitPattern: day &+ (1 << 23))) & 0xFF_FFFF
                        let kind = UInt64(kindRank[Int(b.kind.rawValue)])
                        out[i] = ((severity << 56) | (account << 32) | (date << 8) | kind, Int32(i))
                    }
                }
            }
        }
        return (items, refPrefix)
    }

    /// The order of the sorted items, each run of equal keys ordered by the tie order.
    private static func orderingTies(_ context: ReportContext, items: [(key: UInt64, index: Int32)], refPrefix: [(UInt64, UInt64)],
                                     lanes: Int) -> [Int] {
        let breaks = context.result.breaks
        var order = [Int](repeating: 0, count: items.count)
        let ties = TieOrder(context)
        // Runs of equal keys are ordered by the tie order, on all threads: each lane takes the runs
        // that start in its share of the items (the runs are independent; each lane writes its own).
        items.withUnsafeBufferPointer { items in
            refPrefix.withUnsafeBufferPointer { refPrefix in
                order.withUnsafeMutableBufferPointer { order in
                    let shared = UnsafeTransfer((items, refPrefix, order, breaks, ties))
                    DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                        let (items, refPrefix, order, breaks, ties) = shared.value
                        func lessTied(_ x: Int, _ y: Int) -> Bool {
                            let bx = breaks[x], by = breaks[y]
                            if bx.bankRow >= 0 && by.bankRow >= 0 && refPrefix[x] != refPrefix[y] { return refPrefix[x] < refPrefix[y] }
                            // Equal first sixteen bytes (or a side without a bank row): the full comparison.
                            return ties.less(bx, by)
                        }
                        func runStart(_ k: Int) -> Int {
                            var k = k
                            while k > 0 && k < items.count && items[k].key == items[k - 1].key { k += 1 }
                            return min(k, items.count)
                        }
                        let lo = runStart(items.count * lane / lanes), hi = runStart(items.count * (lane + 1) / lanes)
                        var run: [Int] = []
                        var i = lo
                        while i < hi {
                            var j = i + 1
                            while j < items.count && items[j].key == items[i].key { j += 1 }
                            if j - i == 1 {
                                order[i] = Int(items[i].index)
                            } else {
                                run.removeAll(keepingCapacity: true)
                                for k in i..<j { run.append(Int(items[k].index)) }
                                // Insertion sort: runs are a handful of breaks.
                                for a in 1..<run.count {
                                    let x = run[a]
                                    var b = a
                                    while b > 0 && lessTied(x, run[b - 1]) { run[b] = run[b - 1]; b -= 1 }
                                    run[b] = x
                                }
                                for k in i..<j { order[k] = run[k - i] }
                            }
                            i = j
                        }
                    }
                }
            }
        }
        return order
    }

    /// The first sixteen bytes of value `i` as two big-endian words, zero-padded: ordered (as a pair)
    /// like the bytes wherever they differ within the first sixteen.
    private static func prefix16(_ column: TextColumn, _ i: Int) -> (UInt64, UInt64) {
        let r = column.range(i)
        var high: UInt64 = 0, low: UInt64 = 0
        column.bytes.withUnsafeBufferPointer { p in
            for k in 0..<8 { high = high << 8 | UInt64(k < r.count ? p[r.lowerBound + k] : 0) }
            for k in 8..<16 { low = low << 8 | UInt64(k < r.count ? p[r.lowerBound + k] : 0) }
        }
        return (high, low)
    }

    /// Least-significant-digit radix sort on the 64-bit keys, 16 bits per pass; stable, O(n).
    static func radixSort(_ items: inout [(key: UInt64, index: Int32)]) {
        guard items.count > 64 else { items.sort { $0.key < $1.key }; return }
        var other = items
        var counts = [Int](repeating: 0, count: 1 << 16)
        let maxKey = items.reduce(UInt64(0)) { max($0, $1.key) }
        var shift: UInt64 = 0
        counts.withUnsafeMutableBufferPointer { counts in
            while shift < 64 && (maxKey >> shift) != 0 {
                items.withUnsafeMutableBufferPointer { from in
                    other.withUnsafeMutableBufferPointer { to in
                        RadixPass.scatter(from, into: to, counts: counts) { Int(($0.key >> shift) & 0xFFFF) }
                    }
                }
                swap(&items, &other)
                shift += 16
            }
        }
    }

    /// The full order for the rare case of more than 2^24 accounts.
    private static func comparatorSort(_ context: ReportContext, accountRank: [Int], kindRank: [Int]) -> [Int] {
        let breaks = context.result.breaks
        let ties = TieOrder(context)
        return Array(breaks.indices).sorted { i, j in
            let x = breaks[i], y = breaks[j]
            let sx = 4 - Int(context.severity(x).rawValue), sy = 4 - Int(context.severity(y).rawValue)
            if sx != sy { return sx < sy }
            let ax = accountRank[Int(context.account(x))], ay = accountRank[Int(context.account(y))]
            if ax != ay { return ax < ay }
            let dx = context.primaryDate(x), dy = context.primaryDate(y)
            if dx != dy { return dx < dy }
            let kx = kindRank[Int(x.kind.rawValue)], ky = kindRank[Int(y.kind.rawValue)]
            if kx != ky { return kx < ky }
            return ties.less(x, y)
        }
    }

    /// Each value's place in the bytewise order of `column`'s (distinct) values. Millions of
    /// accounts are ordered by their first sixteen bytes with two radix sorts, and only values equal
    /// there by the full comparison.
    static func byteRank(_ column: TextColumn) -> [Int] {
        let order = column.count > 64 ? prefixOrder(column) : (0..<column.count).sorted { column.compare($0, column, $1) < 0 }
        var rank = [Int](repeating: 0, count: order.count)
        for (r, id) in order.enumerated() { rank[id] = r }
        return rank
    }

    /// The ids of `column` in bytewise order: by their first sixteen bytes (two stable radix sorts,
    /// low word then high), runs equal there by the full comparison.
    private static func prefixOrder(_ column: TextColumn) -> [Int] {
        let n = column.count
        let prefixes = (0..<n).map { prefix16(column, $0) }
        var items = (0..<n).map { (key: prefixes[$0].1, index: Int32($0)) }
        radixSort(&items)
        for k in items.indices { items[k].key = prefixes[Int(items[k].index)].0 }
        radixSort(&items)
        var order = items.map { Int($0.index) }
        var i = 0
        while i < n {
            var j = i + 1
            while j < n && prefixes[order[j]] == prefixes[order[i]] { j += 1 }
            if j - i > 1 { order[i..<j].sort { column.compare($0, column, $1) < 0 } }
            i = j
        }
        return order
    }
}
