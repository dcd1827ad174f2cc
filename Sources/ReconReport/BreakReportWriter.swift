import CPrefetch
import Dispatch
import ReconCore
import ReconFormats
import ReconMatch

/// Writes `breaks.csv`: the columns of DESIGN.md, one row per break, in the report's order.
public enum BreakReportWriter {
    public static let header = "kind,severity,account,currency,bank_ref,ledger_id,bank_date,ledger_date,bank_amount,ledger_amount,difference,age_days,detail"

    /// Writes the report to `path` (atomically). Rows are formatted on `threads` cores in rounds of
    /// bounded size and written in order.
    public static func write(_ context: ReportContext, to path: String, threads: Int = 1, trace: Trace = Trace(enabled: false)) throws {
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
        let failure = WriteFailure()
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
            if let error = failure.error { throw error }
            let job = UnsafeTransfer((writer, sets[parity], pieces, failure))
            writes.async {
                let (writer, buffers, pieces, failure) = job.value
                do {
                    for k in 0..<pieces { try writer.write(buffers[k].bytes) }
                } catch {
                    failure.error = error
                }
            }
            parity = 1 - parity
            start += pieces * chunk
        }
        writes.sync {}
        if let error = failure.error { throw error }
        try writer.commit()
        trace.mark("rows")
    }


    /// A custody finding's row: the account (sub-account or custody account) and day; `bank_amount` the
    /// bank balance, `ledger_amount` the platform's (what it owes), `difference` the unexplained part.
    static func appendCustodyRow(_ b: BreakRecord, _ f: CustodyFinding, _ c: ReportContext, to out: inout [UInt8]) {
        let catalog = c.inputs.catalog
        let exponent = catalog.exponent(ofCurrency: f.currency)
        let comma: UInt8 = 44
        out.append(contentsOf: b.kind.name.utf8); out.append(comma)
        out.append(contentsOf: c.severity(b).name.utf8); out.append(comma)
        catalog.accounts.values.appendCSVField(Int(f.account), to: &out); out.append(comma)
        catalog.currencies.values.appendCSVField(Int(f.currency), to: &out); out.append(comma)
        out.append(comma); out.append(comma)
        f.day.appendISO(to: &out); out.append(comma)
        f.day.appendISO(to: &out); out.append(comma)
        MinorUnits.append(f.bankBalance, exponent: exponent, to: &out); out.append(comma)
        MinorUnits.append(f.platformBalance, exponent: exponent, to: &out); out.append(comma)
        MinorUnits.append(f.unexplained, exponent: exponent, to: &out); out.append(comma)
        appendInt(c.statementAgeDays(b), to: &out); out.append(comma)
        CSVField.append(BreakDetail.text(b, c), to: &out)
        out.append(10)
    }

    /// A `balance_mismatch` row: `bank_ref` is the statement id, `bank_date` and `bank_amount` the
    /// stated closing balance (or the declared trailer total), `difference` what was read minus what
    /// is stated.
    static func appendStatementRow(_ b: BreakRecord, _ s: StatementSummary, _ c: ReportContext, to out: inout [UInt8]) {
        let catalog = c.inputs.catalog
        let exponent = catalog.exponent(ofCurrency: c.currency(b))
        let comma: UInt8 = 44
        out.append(contentsOf: b.kind.name.utf8); out.append(comma)
        out.append(contentsOf: c.severity(b).name.utf8); out.append(comma)
        CSVField.append(s.account, to: &out); out.append(comma)
        CSVField.append(s.currency, to: &out); out.append(comma)
        CSVField.append(s.id, to: &out); out.append(comma)
        out.append(comma)
        if let d = s.closingDate ?? s.openingDate { d.appendISO(to: &out) }
        out.append(comma); out.append(comma)
        if b.control < 0 {
            if let closing = s.closingBalance { MinorUnits.append(closing, exponent: exponent, to: &out) }
            out.append(comma); out.append(comma)
            if let gap = s.balanceGap { MinorUnits.append(gap, exponent: exponent, to: &out) }
        } else {
            let control = s.controls[Int(b.control)]
            MinorUnits.append(control.declared, exponent: exponent, to: &out)
            out.append(comma); out.append(comma)
            MinorUnits.append(Int128(control.computed) - Int128(control.declared), exponent: exponent, to: &out)
        }
        out.append(comma)
        appendInt(c.statementAgeDays(b), to: &out)
        out.append(comma)
        CSVField.append(BreakDetail.text(b, c), to: &out)
        out.append(10)
    }
}
