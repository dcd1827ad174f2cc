import Dispatch
import ReconCore

/// Runs a ``GroupingPass`` over the open rows: hash, partition, resolve partitions in parallel.
struct GroupingDriver {
    let inputs: MatchInputs
    let threads: Int
    let partitionBits: Int

    init(inputs: MatchInputs, threads: Int) {
        self.inputs = inputs
        self.threads = max(1, threads)
        var bits = 0
        while (1 << bits) < max(1, inputs.configuration.partitions) { bits += 1 }
        self.partitionBits = min(bits, 16)
    }

    /// Runs `pass` and returns its breaks, partition by partition. `scratch` holds the keyed rows; it
    /// is reused from pass to pass so that no pass allocates (and the kernel zeroes) fresh memory.
    func run<P: GroupingPass>(_ pass: P, bankCodes: SendableBuffer<UInt8>, ledgerCodes: SendableBuffer<UInt8>,
                              scratch: inout [KeyEntry], into result: inout PassOutput) {
        let partitions = 1 << partitionBits
        let shift = UInt64(64 - partitionBits)
        let inputs = self.inputs
        // 1. Count the open rows of each partition (hashing each key), 2. scatter them (hashing again:
        // cheaper than holding every key twice).
        var starts = [Int](repeating: 0, count: partitions + 1)
        var total = 0
        for row in 0..<inputs.bank.count where bankCodes[row] == RowOutcome.openCode {
            if let h = pass.bankKey(row, inputs) { starts[Int(h >> shift) + 1] += 1; total += 1 }
        }
        for row in 0..<inputs.ledger.count where ledgerCodes[row] == RowOutcome.openCode {
            if let h = pass.ledgerKey(row, inputs) { starts[Int(h >> shift) + 1] += 1; total += 1 }
        }
        if total == 0 { return }
        for p in 0..<partitions { starts[p + 1] += starts[p] }
        if scratch.count < total {
            scratch = [KeyEntry](repeating: KeyEntry(hash: 0, row: 0, side: 0), count: inputs.bank.count + inputs.ledger.count)
        }
        var cursor = starts
        scratch.withUnsafeMutableBufferPointer { out in
            for row in 0..<inputs.bank.count where bankCodes[row] == RowOutcome.openCode {
                if let h = pass.bankKey(row, inputs) {
                    let p = Int(h >> shift)
                    out[cursor[p]] = KeyEntry(hash: h, row: Int32(row), side: 0)
                    cursor[p] += 1
                }
            }
            for row in 0..<inputs.ledger.count where ledgerCodes[row] == RowOutcome.openCode {
                if let h = pass.ledgerKey(row, inputs) {
                    let p = Int(h >> shift)
                    out[cursor[p]] = KeyEntry(hash: h, row: Int32(row), side: 1)
                    cursor[p] += 1
                }
            }
        }
        // 3. Resolve partitions in parallel; each writes its own result slot.
        let results = UnsafeMutableBufferPointer<PassOutput>.allocate(capacity: partitions)
        results.initialize(repeating: PassOutput())
        defer { results.deinitialize(); results.deallocate() }
        let slots = SendableBuffer(results)
        let bounds = starts
        let workers = min(threads, partitions)
        scratch.withUnsafeMutableBufferPointer { all in
            let shared = SendableBuffer(all)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var p = worker
                var pending: [KeyEntry] = []
                while p < partitions {
                    let lo = bounds[p], hi = bounds[p + 1]
                    if lo < hi {
                        var sink = PassSink(inputs: inputs, bankCodes: bankCodes, ledgerCodes: ledgerCodes)
                        var slice = UnsafeMutableBufferPointer(rebasing: shared.pointer[lo..<hi])
                        slice.sort(by: <)
                        var i = 0
                        while i < slice.count {
                            var j = i + 1
                            while j < slice.count && slice[j].hash == slice[i].hash { j += 1 }
                            GroupingDriver.resolveRun(slice, i, j, pass: pass, inputs: inputs, sink: &sink, pending: &pending)
                            i = j
                        }
                        slots[p] = PassOutput(breaks: sink.breaks, related: sink.related)
                    }
                    p += workers
                }
            }
        }
        for p in 0..<partitions { result.append(results[p]) }
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
