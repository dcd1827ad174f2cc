import ReconCore
import ReconFormats
import ReconMatch

/// Writes `breaks.csv`: the columns of DESIGN.md, one row per break, in the report's order.
public enum BreakReportWriter {
    public static let header = "kind,severity,account,currency,bank_ref,ledger_id,bank_date,ledger_date,bank_amount,ledger_amount,difference,age_days,detail"

    /// Writes the report to `path` (atomically).
    public static func write(_ context: ReportContext, to path: String) throws {
        let writer = try AtomicFileWriter(path: path)
        try writer.write(header + "\n")
        let order = BreakOrdering.sortedIndices(context)
        let breaks = context.result.breaks
        for i in order {
            try writer.withBuffer { out in appendRow(breaks[i], context, to: &out) }
        }
        try writer.commit()
    }

    static func appendRow(_ b: BreakRecord, _ c: ReportContext, to out: inout [UInt8]) {
        if let s = c.statement(b) { return appendStatementRow(b, s, c, to: &out) }
        let bank = c.inputs.bank
        let catalog = c.inputs.catalog
        let currency = c.currency(b)
        let exponent = catalog.exponent(ofCurrency: currency)
        let comma: UInt8 = 44
        out.append(contentsOf: b.kind.name.utf8); out.append(comma)
        out.append(contentsOf: c.severity(b).name.utf8); out.append(comma)
        CSVField.append(catalog.accounts.values.bytes[catalog.accounts.values.range(Int(c.account(b)))], to: &out)
        out.append(comma)
        out.append(contentsOf: catalog.currencies.values.bytes[catalog.currencies.values.range(Int(currency))])
        out.append(comma)
        if b.bankRow >= 0 { CSVField.append(bank.bankRef.bytes[bank.bankRef.range(Int(b.bankRow))], to: &out) }
        out.append(comma)
        if let (column, row) = c.ledgerIdColumn(b) { CSVField.append(column.bytes[column.range(row)], to: &out) }
        out.append(comma)
        if b.bankRow >= 0 { Day(rawValue: bank.bookingDate[Int(b.bankRow)]).appendISO(to: &out) }
        out.append(comma)
        if b.ledgerRow >= 0 { Day(rawValue: b.ledgerDate).appendISO(to: &out) }
        out.append(comma)
        if b.bankRow >= 0 { MinorUnits.append(bank.amount[Int(b.bankRow)], exponent: exponent, to: &out) }
        out.append(comma)
        if b.ledgerRow >= 0 { MinorUnits.append(b.ledgerAmount, exponent: exponent, to: &out) }
        out.append(comma)
        if b.bankRow >= 0 && b.ledgerRow >= 0 {
            let (d, overflow) = bank.amount[Int(b.bankRow)].subtractingReportingOverflow(b.ledgerAmount)
            if !overflow { MinorUnits.append(d, exponent: exponent, to: &out) }
        }
        out.append(comma)
        out.append(contentsOf: String(c.ageDays(b)).utf8)
        out.append(comma)
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
        out.append(contentsOf: String(c.ageDays(b)).utf8)
        out.append(comma)
        CSVField.append(BreakDetail.text(b, c), to: &out)
        out.append(10)
    }
}
