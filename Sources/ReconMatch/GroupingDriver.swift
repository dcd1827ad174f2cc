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

    /// Runs `pass` and returns its breaks, partition by partition.
    func run<P: GroupingPass>(_ pass: P, bankCodes: SendableBuffer<UInt8>, ledgerCodes: SendableBuffer<UInt8>) -> [BreakRecord] {
        let partitions = 1 << partitionBits
        let shift = UInt64(64 - partitionBits)
        // 1. Key every open row and count rows per partition.
        var keyed: [KeyEntry] = []
        keyed.reserveCapacity(inputs.bank.count + inputs.ledger.count)
        for row in 0..<inputs.bank.count where bankCodes[row] == RowOutcome.openCode {
            if let h = pass.bankKey(row, inputs) { keyed.append(KeyEntry(hash: h, row: Int32(row), side: 0)) }
        }
        for row in 0..<inputs.ledger.count where ledgerCodes[row] == RowOutcome.openCode {
            if let h = pass.ledgerKey(row, inputs) { keyed.append(KeyEntry(hash: h, row: Int32(row), side: 1)) }
        }
        if keyed.isEmpty { return [] }
        var starts = [Int](repeating: 0, count: partitions + 1)
        for e in keyed { starts[Int(e.hash >> shift) + 1] += 1 }
        for p in 0..<partitions { starts[p + 1] += starts[p] }
        // 2. Scatter into partition order (stable: rows stay ascending within a partition and side).
        var scattered = [KeyEntry](repeating: KeyEntry(hash: 0, row: 0, side: 0), count: keyed.count)
        var cursor = starts
        for e in keyed {
            let p = Int(e.hash >> shift)
            scattered[cursor[p]] = e
            cursor[p] += 1
        }
        keyed = []
        // 3. Resolve partitions in parallel; each writes its own result slot.
        let results = UnsafeMutableBufferPointer<[BreakRecord]>.allocate(capacity: partitions)
        results.initialize(repeating: [])
        defer { results.deinitialize(); results.deallocate() }
        let slots = SendableBuffer(results)
        let bounds = starts
        let workers = min(threads, partitions)
        let inputs = self.inputs
        scattered.withUnsafeMutableBufferPointer { all in
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
                        slots[p] = sink.breaks
                    }
                    p += workers
                }
            }
        }
        var out: [BreakRecord] = []
        out.reserveCapacity(results.reduce(0) { $0 + $1.count })
        for p in 0..<partitions { out.append(contentsOf: results[p]) }
        return out
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
