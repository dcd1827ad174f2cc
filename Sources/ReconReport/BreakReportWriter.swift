import CPrefetch
import Dispatch
import ReconCore
import ReconFormats
import ReconMatch

/// Writes `breaks.csv`: the columns of DESIGN.md, one row per break, in the report's order.
package enum BreakReportWriter {
    package static let header = BreakLineCodec.header

    /// Writes the report to `path` (atomically) and returns its lines, as values. Rows are formatted
    /// on `threads` cores in rounds of bounded size and written in order.
    @discardableResult
    package static func write(_ context: ReportContext, to path: String, threads: Int = 1, trace: Trace = Trace(enabled: false)) throws -> BreakLines {
        let writer = try AtomicFileWriter(path: path)
        try writer.write(header + "\n")
        let order = BreakOrdering.sortedIndices(context, threads: threads)
        trace.mark("sort")
        let workers = max(1, threads)
        let formatter = RowFormatter(context)
        let chunk = 32_768
        var start = 0
        // Two sets of row buffers: one is formatted on all cores while the other is written to the
        // file by `writes`, so the write system calls overlap the formatting.
        var sets = (0..<2).map { _ in (0..<workers).map { _ in RowBuffer() } }
        defer { for set in sets { for buffer in set { buffer.deallocate() } } }
        var parity = 0
        let writes = DispatchQueue(label: "recon.breaks.write")
        let failure = WriteFailure(nil)
        while start < order.count {
            let pieces = min(workers, (order.count - start + chunk - 1) / chunk)
            sets[parity].withUnsafeMutableBufferPointer { slots in
                let shared = UnsafeTransfer((slots, order, start, formatter, context.result.breaks))
                DispatchQueue.concurrentPerform(iterations: pieces) { k in
                    let (slots, order, start, formatter, breaks) = shared.value
                    var out = slots[k]
                    out.removeAll()
                    var scratch: [UInt8] = []
                    let lo = start + k * chunk, hi = min(order.count, lo + chunk)
                    breaks.withUnsafeBufferPointer { breaks in
                        // A software pipeline over the random rows: the break record 16 ahead, its
                        // columns 8 ahead, its texts 4 ahead, so the misses overlap.
                        for i in lo..<hi {
                            if i + 16 < hi { recon_prefetch(breaks.baseAddress! + order[i + 16]) }
                            if i + 8 < hi { formatter.prefetchColumns(breaks[order[i + 8]]) }
                            if i + 4 < hi { formatter.prefetchText(breaks[order[i + 4]]) }
                            formatter.append(breaks[order[i]], to: &out, scratch: &scratch)
                        }
                    }
                    slots[k] = out
                }
            }
            // The other set, handed over last round, must be written before this one is handed over.
            writes.sync {}
            if let error = failure.current { throw error }
            let job = UnsafeTransfer((writer, sets[parity], pieces, failure))
            writes.async {
                let (writer, buffers, pieces, failure) = job.value
                do {
                    for k in 0..<pieces { try writer.write(buffers[k].bytes) }
                } catch {
                    failure.withLock { $0 = $0 ?? error }
                }
            }
            parity = 1 - parity
            start += pieces * chunk
        }
        writes.sync {}
        if let error = failure.current { throw error }
        try writer.commit()
        trace.mark("rows")
        return BreakLines(context: context, order: order)
    }

}
