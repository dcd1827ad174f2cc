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
                var bankRows: [Int32] = []
                var ledgerRows: [Int32] = []
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
                            GroupingDriver.resolveRun(slice, i, j, pass: pass, inputs: inputs, sink: &sink,
                                                      bankRows: &bankRows, ledgerRows: &ledgerRows, pending: &pending)
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

    /// Splits a run of equal hashes into groups of exactly equal keys and resolves each.
    private static func resolveRun<P: GroupingPass>(
        _ slice: UnsafeMutableBufferPointer<KeyEntry>, _ lo: Int, _ hi: Int, pass: P, inputs: MatchInputs,
        sink: inout PassSink, bankRows: inout [Int32], ledgerRows: inout [Int32], pending: inout [KeyEntry]
    ) {
        bankRows.removeAll(keepingCapacity: true)
        ledgerRows.removeAll(keepingCapacity: true)
        let first = slice[lo]
        var allSame = true
        for k in lo..<hi {
            let e = slice[k]
            if k > lo && !pass.sameKey(first, e, inputs) { allSame = false; break }
        }
        if allSame {
            for k in lo..<hi {
                if slice[k].side == 0 { bankRows.append(slice[k].row) } else { ledgerRows.append(slice[k].row) }
            }
            pass.resolve(bank: bankRows, ledger: ledgerRows, sink: &sink)
            return
        }
        // A 64-bit hash collision between different keys: split by exact key (rare, so quadratic is fine).
        pending.removeAll(keepingCapacity: true)
        for k in lo..<hi { pending.append(slice[k]) }
        while !pending.isEmpty {
            let rep = pending[0]
            bankRows.removeAll(keepingCapacity: true)
            ledgerRows.removeAll(keepingCapacity: true)
            var rest: [KeyEntry] = []
            for e in pending {
                if pass.sameKey(rep, e, inputs) {
                    if e.side == 0 { bankRows.append(e.row) } else { ledgerRows.append(e.row) }
                } else {
                    rest.append(e)
                }
            }
            pass.resolve(bank: bankRows, ledger: ledgerRows, sink: &sink)
            pending = rest
        }
    }
}
