import Dispatch
import ReconCore

/// Runs a ``GroupingPass`` over the open rows: hash, partition, resolve partitions in parallel.
struct GroupingDriver {
    let inputs: MatchInputs
    let threads: Int
    let partitionBits: Int
    /// Where each paired bank row's ledger row is noted (custody checks), if anywhere.
    let bankPartner: SendableBuffer<Int32>?

    init(inputs: MatchInputs, threads: Int, bankPartner: SendableBuffer<Int32>? = nil) {
        self.inputs = inputs
        self.bankPartner = bankPartner
        self.threads = max(1, threads)
        var bits = 0
        while (1 << bits) < max(1, inputs.configuration.partitions) { bits += 1 }
        self.partitionBits = min(bits, 16)
    }

    /// Runs `pass` and returns its breaks, partition by partition. `scratch` holds the keyed rows; it
    /// is reused from pass to pass so that no pass allocates (and the kernel zeroes) fresh memory.
    func run<P: GroupingPass>(_ pass: P, bankCodes: SendableBuffer<UInt8>, ledgerCodes: SendableBuffer<UInt8>,
                              scratch: inout [KeyEntry], into result: inout PassOutput) {
        // 1. Count the open rows per partition, 2. scatter them (hashing again: cheaper than holding every
        // key twice). Both run on all threads over row ranges; each partition receives its bank rows, then
        // its ledger rows, each in ascending order, whatever the thread count. 3. Resolve the partitions.
        let lanes = max(1, min(threads, 64))
        let counts = countKeys(pass, bankCodes: bankCodes, ledgerCodes: ledgerCodes, lanes: lanes)
        var (starts, offsets) = layout(counts, lanes: lanes)
        guard let total = starts.last, total > 0 else { return }
        if scratch.count < total {
            // Left uninitialised: the scatter below writes every entry before anything reads it, and
            // its threads, not this one, take the page faults of the fresh memory.
            let n = inputs.bank.count + inputs.ledger.count
            scratch = [KeyEntry](unsafeUninitializedCapacity: n) { _, count in count = n }
        }
        scatterKeys(pass, bankCodes: bankCodes, ledgerCodes: ledgerCodes, lanes: lanes, cursors: &offsets, into: &scratch)
        resolvePartitions(pass, bankCodes: bankCodes, ledgerCodes: ledgerCodes, bounds: starts, scratch: &scratch, into: &result)
    }

    /// The open rows per lane, side and partition that have a key: `counts[(lane * 2 + side) * partitions + p]`.
    private func countKeys<P: GroupingPass>(_ pass: P, bankCodes: SendableBuffer<UInt8>, ledgerCodes: SendableBuffer<UInt8>,
                                            lanes: Int) -> [Int] {
        let partitions = 1 << partitionBits
        let shift = UInt64(64 - partitionBits)
        let inputs = self.inputs
        let bankCount = inputs.bank.count, ledgerCount = inputs.ledger.count
        var counts = [Int](repeating: 0, count: lanes * 2 * partitions)
        counts.withUnsafeMutableBufferPointer { c in
            let shared = SendableBuffer(c)
            DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                let b0 = bankCount * lane / lanes, b1 = bankCount * (lane + 1) / lanes
                let l0 = ledgerCount * lane / lanes, l1 = ledgerCount * (lane + 1) / lanes
                let bankBase = (lane * 2) * partitions, ledgerBase = (lane * 2 + 1) * partitions
                for row in b0..<b1 where bankCodes[row] == RowOutcome.openCode {
                    if let h = pass.bankKey(row, inputs) { shared[bankBase + Int(h >> shift)] += 1 }
                }
                for row in l0..<l1 where ledgerCodes[row] == RowOutcome.openCode {
                    if let h = pass.ledgerKey(row, inputs) { shared[ledgerBase + Int(h >> shift)] += 1 }
                }
            }
        }
        return counts
    }

    /// Where each partition starts in the scratch (the last entry is the total), and where each lane's
    /// rows of a side go within it: partition by partition, bank rows before ledger rows, lane by lane.
    private func layout(_ counts: [Int], lanes: Int) -> (starts: [Int], offsets: [Int]) {
        let partitions = 1 << partitionBits
        var starts = [Int](repeating: 0, count: partitions + 1)
        var offsets = [Int](repeating: 0, count: lanes * 2 * partitions)
        var total = 0
        for p in 0..<partitions {
            starts[p] = total
            for side in 0..<2 {
                for lane in 0..<lanes {
                    let i = (lane * 2 + side) * partitions + p
                    offsets[i] = total
                    total += counts[i]
                }
            }
        }
        starts[partitions] = total
        return (starts, offsets)
    }

    /// Writes each open row's key entry at its lane's cursor in its partition, on all lanes.
    private func scatterKeys<P: GroupingPass>(_ pass: P, bankCodes: SendableBuffer<UInt8>, ledgerCodes: SendableBuffer<UInt8>,
                                              lanes: Int, cursors offsets: inout [Int], into scratch: inout [KeyEntry]) {
        let partitions = 1 << partitionBits
        let shift = UInt64(64 - partitionBits)
        let inputs = self.inputs
        let bankCount = inputs.bank.count, ledgerCount = inputs.ledger.count
        scratch.withUnsafeMutableBufferPointer { out in
            offsets.withUnsafeMutableBufferPointer { o in
                let shared = SendableBuffer(out), cursor = SendableBuffer(o)
                DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                    let b0 = bankCount * lane / lanes, b1 = bankCount * (lane + 1) / lanes
                    let l0 = ledgerCount * lane / lanes, l1 = ledgerCount * (lane + 1) / lanes
                    let bankBase = (lane * 2) * partitions, ledgerBase = (lane * 2 + 1) * partitions
                    for row in b0..<b1 where bankCodes[row] == RowOutcome.openCode {
                        if let h = pass.bankKey(row, inputs) {
                            let i = bankBase + Int(h >> shift)
                            shared[cursor[i]] = KeyEntry(hash: h, row: Int32(row), side: 0)
                            cursor[i] += 1
                        }
                    }
                    for row in l0..<l1 where ledgerCodes[row] == RowOutcome.openCode {
                        if let h = pass.ledgerKey(row, inputs) {
                            let i = ledgerBase + Int(h >> shift)
                            shared[cursor[i]] = KeyEntry(hash: h, row: Int32(row), side: 1)
                            cursor[i] += 1
                        }
                    }
                }
            }
        }
    }

    /// Sorts and resolves the partitions in parallel, each into its own result slot, and appends the
    /// slots in partition order.
    private func resolvePartitions<P: GroupingPass>(_ pass: P, bankCodes: SendableBuffer<UInt8>, ledgerCodes: SendableBuffer<UInt8>,
                                                    bounds: [Int], scratch: inout [KeyEntry], into result: inout PassOutput) {
        let partitions = 1 << partitionBits
        let partitionBits = self.partitionBits
        let inputs = self.inputs
        let results = UnsafeMutableBufferPointer<PassOutput>.allocate(capacity: partitions)
        results.initialize(repeating: PassOutput())
        defer { results.deinitialize(); results.deallocate() }
        let slots = SendableBuffer(results)
        let partners = bankPartner
        let workers = min(threads, partitions)
        scratch.withUnsafeMutableBufferPointer { all in
            let shared = SendableBuffer(all)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var p = worker
                var pending: [KeyEntry] = []
                var sortBuffer: [KeyEntry] = []
                var counts = [Int](repeating: 0, count: 1 << 12)
                while p < partitions {
                    let lo = bounds[p], hi = bounds[p + 1]
                    if lo < hi {
                        var sink = PassSink(inputs: inputs, bankCodes: bankCodes, ledgerCodes: ledgerCodes, bankPartner: partners)
                        let slice = UnsafeMutableBufferPointer(rebasing: shared.pointer[lo..<hi])
                        GroupingDriver.sortPartition(slice, below: partitionBits, buffer: &sortBuffer, counts: &counts)
                        GroupingDriver.resolveRuns(slice, pass: pass, inputs: inputs, sink: &sink, pending: &pending)
                        slots[p] = PassOutput(breaks: sink.breaks, related: sink.related, boundHits: sink.boundHits,
                                              suggestions: sink.suggestions, scores: sink.scores, conversions: sink.conversions,
                                              groupSuggestions: sink.groupSuggestions)
                    }
                    p += workers
                }
            }
        }
        for p in 0..<partitions { result.append(results[p]) }
    }

    /// Resolves a sorted partition run by run of equal hashes, prefetching the rows' numbers 16
    /// entries ahead and their key texts 8 ahead.
    private static func resolveRuns<P: GroupingPass>(_ slice: UnsafeMutableBufferPointer<KeyEntry>, pass: P, inputs: MatchInputs,
                                                     sink: inout PassSink, pending: inout [KeyEntry]) {
        var i = 0
        var numbersAhead = 0, textAhead = 0
        while i < slice.count {
            var j = i + 1
            while j < slice.count && slice[j].hash == slice[i].hash { j += 1 }
            while numbersAhead < min(slice.count, j + 16) {
                prefetchRow(slice[numbersAhead], inputs)
                numbersAhead += 1
            }
            while textAhead < min(slice.count, j + 8) {
                pass.prefetchKeyText(slice[textAhead], inputs)
                textAhead += 1
            }
            resolveRun(slice, i, j, pass: pass, inputs: inputs, sink: &sink, pending: &pending)
            i = j
        }
    }

    /// First prefetch stage for a row resolved soon: the cache lines of the columns every pass reads
    /// (account, currency, amount, date, outcome code) and the offsets of its key texts. Rows of a
    /// partition are in hash order, so they are scattered over the tables; without this, resolving
    /// waits on a cache miss per column.
    @inline(__always)
    static func prefetchRow(_ e: KeyEntry, _ inputs: MatchInputs) {
        let r = Int(e.row)
        if e.side == 0 {
            Prefetch.element(inputs.bank.account, r); Prefetch.element(inputs.bank.currency, r)
            Prefetch.element(inputs.bank.amount, r); Prefetch.element(inputs.bank.bookingDate, r)
            Prefetch.offsets(inputs.bank.endToEndId, r)
        } else {
            Prefetch.element(inputs.ledger.account, r); Prefetch.element(inputs.ledger.currency, r)
            Prefetch.element(inputs.ledger.amount, r); Prefetch.element(inputs.ledger.valueDate, r)
            Prefetch.offsets(inputs.ledger.reference, r)
        }
    }

    /// Sorts a partition by (hash, side, row). Entries arrive in (side, row) order, so a stable sort
    /// by hash is enough: two least-significant-digit radix passes over the 24 hash bits below the
    /// partition's, then an insertion sort that only moves entries whose first 36 bits tie (rare).
    static func sortPartition(_ slice: UnsafeMutableBufferPointer<KeyEntry>, below partitionBits: Int,
                              buffer: inout [KeyEntry], counts: inout [Int]) {
        let n = slice.count
        if n < 64 {
            insertionSort(slice)
            return
        }
        if buffer.count < n { buffer = [KeyEntry](repeating: KeyEntry(hash: 0, row: 0, side: 0), count: n) }
        buffer.withUnsafeMutableBufferPointer { tmp in
            counts.withUnsafeMutableBufferPointer { counts in
                let tmp = UnsafeMutableBufferPointer(rebasing: tmp[0..<n])
                let low = UInt64(64 - partitionBits - 24), high = low + 12
                // Two passes, so the result is back in `slice`.
                RadixPass.scatter(slice, into: tmp, counts: counts) { Int(($0.hash >> low) & 0xFFF) }
                RadixPass.scatter(tmp, into: slice, counts: counts) { Int(($0.hash >> high) & 0xFFF) }
            }
        }
        insertionSort(slice)
    }

    /// Insertion sort by (hash, side, row): linear on input that is already almost sorted.
    static func insertionSort(_ a: UnsafeMutableBufferPointer<KeyEntry>) {
        if a.count < 2 { return }
        for i in 1..<a.count {
            let x = a[i]
            var j = i
            while j > 0 && x < a[j - 1] { a[j] = a[j - 1]; j -= 1 }
            a[j] = x
        }
    }

    /// Splits a run of equal hashes into groups of exactly equal keys and resolves each. The run is
    /// sorted by (hash, side, row), so in the usual case (one key) its bank rows come first, then its
    /// ledger rows, and both are handed over as views.
    private static func resolveRun<P: GroupingPass>(
        _ slice: UnsafeMutableBufferPointer<KeyEntry>, _ lo: Int, _ hi: Int, pass: P, inputs: MatchInputs,
        sink: inout PassSink, pending: inout [KeyEntry]
    ) {
        let base = UnsafePointer(slice.baseAddress!)
        let first = slice[lo]
        var allSame = true
        var mid = hi
        for k in lo..<hi {
            let e = slice[k]
            if e.side == 1 && mid == hi { mid = k }
            if k > lo && !pass.sameKey(first, e, inputs) { allSame = false; break }
        }
        if allSame {
            pass.resolve(bank: RowList(base: base, startIndex: lo, endIndex: mid),
                         ledger: RowList(base: base, startIndex: mid, endIndex: hi), sink: &sink)
            return
        }
        // A 64-bit hash collision between different keys: split by exact key (rare, so quadratic is fine).
        var rest = Array(slice[lo..<hi])
        while !rest.isEmpty {
            let rep = rest[0]
            pending = rest.filter { pass.sameKey(rep, $0, inputs) }
            rest = rest.filter { !pass.sameKey(rep, $0, inputs) }
            let split = pending.firstIndex { $0.side == 1 } ?? pending.count
            pending.withUnsafeBufferPointer { p in
                pass.resolve(bank: RowList(base: p.baseAddress!, startIndex: 0, endIndex: split),
                             ledger: RowList(base: p.baseAddress!, startIndex: split, endIndex: p.count), sink: &sink)
            }
        }
    }
}
