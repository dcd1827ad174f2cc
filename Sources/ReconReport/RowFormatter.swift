import ReconCore
import ReconFormats
import ReconMatch

/// Formats break rows of `breaks.csv` as bytes. Holds the columns it reads directly, so that the loop
/// over millions of breaks calls no method of the large ``ReportContext``.
struct RowFormatter {
    let context: ReportContext
    let bankAccount: [Int32], bankCurrency: [Int32], bankDate: [Int32], bankAmount: [Int64]
    let ledgerAccount: [Int32], ledgerCurrency: [Int32]
    let bankRef: TextColumn, txnId: TextColumn, batchId: TextColumn
    let accounts: TextColumn, currencies: TextColumn
    let exponents: [Int]
    let severities: [Severity]
    let asOf: Int
    let settlementWindowDays: Int

    init(_ c: ReportContext) {
        context = c
        bankAccount = c.inputs.bank.account; bankCurrency = c.inputs.bank.currency
        bankDate = c.inputs.bank.bookingDate; bankAmount = c.inputs.bank.amount
        ledgerAccount = c.inputs.ledger.account; ledgerCurrency = c.inputs.ledger.currency
        bankRef = c.inputs.bank.bankRef; txnId = c.inputs.ledger.txnId; batchId = c.inputs.ledger.batchId
        accounts = c.inputs.catalog.accounts.values; currencies = c.inputs.catalog.currencies.values
        exponents = (0..<c.inputs.catalog.currencies.count).map { c.inputs.catalog.exponent(ofCurrency: Int32($0)) }
        severities = c.severities
        asOf = Int(c.inputs.asOf.rawValue)
        settlementWindowDays = c.configuration.settlementWindowDays
    }

    /// First prefetch stage for a break formatted soon: the cache lines of its rows' columns (ids,
    /// dates, amounts, and the end offsets of its reference texts). Breaks come in report order, so
    /// their rows are scattered over the tables; without this, each row waits on several misses.
    @inline(__always)
    func prefetchColumns(_ b: BreakRecord) {
        if b.bankRow >= 0 {
            let r = Int(b.bankRow)
            Prefetch.element(bankAccount, r); Prefetch.element(bankDate, r); Prefetch.element(bankAmount, r)
            Prefetch.offsets(bankRef, r)
        }
        if b.ledgerRow >= 0 {
            let r = Int(b.ledgerRow)
            if b.bankRow < 0 { Prefetch.element(ledgerAccount, r) }
            Prefetch.offsets(b.isBatch ? batchId : txnId, r)
        }
    }

    /// Second prefetch stage: the bytes of its reference texts (their offsets are cached by now).
    @inline(__always)
    func prefetchText(_ b: BreakRecord) {
        if b.bankRow >= 0 { Prefetch.bytes(bankRef, Int(b.bankRow)) }
        if b.ledgerRow >= 0 { Prefetch.bytes(b.isBatch ? batchId : txnId, Int(b.ledgerRow)) }
    }

    func append(_ b: BreakRecord, to out: inout [UInt8]) {
        if b.statement >= 0, let s = context.statement(b) {
            BreakReportWriter.appendStatementRow(b, s, context, to: &out)
            return
        }
        let comma: UInt8 = 44
        let hasBank = b.bankRow >= 0, hasLedger = b.ledgerRow >= 0
        let bankRow = Int(b.bankRow), ledgerRow = Int(b.ledgerRow)
        let account = hasBank ? bankAccount[bankRow] : ledgerAccount[ledgerRow]
        let currency = hasBank ? bankCurrency[bankRow] : ledgerCurrency[ledgerRow]
        let exponent = exponents[Int(currency)]
        out.append(contentsOf: BreakReportWriter.kindNames[Int(b.kind.rawValue)]); out.append(comma)
        out.append(contentsOf: BreakReportWriter.severityNames[Int(severities[Int(b.kind.rawValue)].rawValue)]); out.append(comma)
        accounts.appendCSVField(Int(account), to: &out); out.append(comma)
        currencies.append(Int(currency), to: &out); out.append(comma)
        if hasBank { bankRef.appendCSVField(bankRow, to: &out) }
        out.append(comma)
        if hasLedger { (b.isBatch ? batchId : txnId).appendCSVField(ledgerRow, to: &out) }
        out.append(comma)
        if hasBank { Day(rawValue: bankDate[bankRow]).appendISO(to: &out) }
        out.append(comma)
        if hasLedger { Day(rawValue: b.ledgerDate).appendISO(to: &out) }
        out.append(comma)
        if hasBank { MinorUnits.append(bankAmount[bankRow], exponent: exponent, to: &out) }
        out.append(comma)
        if hasLedger { MinorUnits.append(b.ledgerAmount, exponent: exponent, to: &out) }
        out.append(comma)
        if hasBank && hasLedger {
            let (d, overflow) = bankAmount[bankRow].subtractingReportingOverflow(b.ledgerAmount)
            if !overflow { MinorUnits.append(d, exponent: exponent, to: &out) }
        }
        out.append(comma)
        appendInt(BreakAge.days(b, bankDate: hasBank ? bankDate[bankRow] : nil, asOf: asOf), to: &out)
        out.append(comma)
        let detailStart = out.count
        switch b.kind {
        case .timingDifference where !b.isBatch:
            BreakDetail.appendTiming(days: abs(Int(bankDate[bankRow]) - Int(b.ledgerDate)), to: &out)
        case .inTransit, .missingInBank:
            BreakDetail.appendLeftover(b.kind, windowDays: settlementWindowDays, to: &out)
        default:
            BreakDetail.append(b, context, to: &out)
        }
        CSVField.quoteInPlace(&out, from: detailStart)
        out.append(10)
    }
}
