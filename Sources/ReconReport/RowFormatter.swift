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
    let exponents: [Int]
    let severities: [Severity]
    let asOf: Int
    let settlementWindowDays: Int
    /// Whether custody checks ran (their unmatched debits on customer funds carry running totals).
    let hasCustody: Bool
    /// Whether any bank row carries a note from its file (its unmatched rows then go the slow way).
    let hasNotes: Bool
    /// `kind,severity,` of each kind, by raw value.
    let kindPrefix: [[UInt8]]
    /// Each account and currency as a finished CSV field (`accountFields[accountEnds[i]..<accountEnds[i+1]]`).
    let accountFields: [UInt8], accountEnds: [Int]
    let currencyFields: [UInt8], currencyEnds: [Int]
    /// `yyyy-mm-dd` of the days from `isoBase` on, ten bytes each: the dates of a report lie within a
    /// few years of its as-of day, so formatting one is a copy.
    let isoDays: [UInt8]
    let isoBase: Int
    static let isoSpan = 8192
    /// The parts of the frequent details (none needs quoting), and the constant ones as finished CSV
    /// fields (quoted where they hold a comma).
    let timingPrefix = Array(BreakDetail.timingPrefix.utf8), timingSuffix = Array(BreakDetail.timingSuffix.utf8)
    let inTransitPrefix = Array(BreakDetail.inTransitPrefix.utf8), missingPrefix = Array(BreakDetail.missingPrefix.utf8)
    let windowSuffix = Array(BreakDetail.windowSuffix.utf8)
    let amountMismatchText = RowFormatter.field(BreakDetail.amountMismatch)
    let unmatchedDebitText = RowFormatter.field(BreakDetail.unmatchedDebit)
    let unmatchedCreditText = RowFormatter.field(BreakDetail.unmatchedCredit)
    /// Room for everything after the reference texts but a detail made by ``BreakDetail/text(_:_:)``:
    /// 2 dates, 3 amounts, the age, their commas, the longest constant detail and the line feed.
    let tailBytes: Int

    init(_ c: ReportContext) {
        context = c
        bankAccount = c.inputs.bank.account; bankCurrency = c.inputs.bank.currency
        bankDate = c.inputs.bank.bookingDate; bankAmount = c.inputs.bank.amount
        ledgerAccount = c.inputs.ledger.account; ledgerCurrency = c.inputs.ledger.currency
        bankRef = c.inputs.bank.bankRef; txnId = c.inputs.ledger.txnId; batchId = c.inputs.ledger.batchId
        exponents = (0..<c.inputs.catalog.currencies.count).map { c.inputs.catalog.exponent(ofCurrency: Int32($0)) }
        severities = c.severities
        asOf = Int(c.inputs.asOf.rawValue)
        settlementWindowDays = c.configuration.settlementWindowDays
        hasCustody = c.result.custody != nil
        hasNotes = !c.inputs.bankNotes.isEmpty
        let severities = self.severities
        kindPrefix = (0..<256).map { raw -> [UInt8] in
            guard let kind = BreakKind(rawValue: UInt8(raw)) else { return [] }
            return Array("\(kind.name),\(severities[raw].name),".utf8)
        }
        (accountFields, accountEnds) = RowFormatter.fields(c.inputs.catalog.accounts.values)
        (currencyFields, currencyEnds) = RowFormatter.fields(c.inputs.catalog.currencies.values)
        isoBase = asOf - RowFormatter.isoSpan + 512
        var iso: [UInt8] = []
        iso.reserveCapacity(RowFormatter.isoSpan * 10)
        for d in 0..<RowFormatter.isoSpan { Day(rawValue: Int32(isoBase + d)).appendISO(to: &iso) }
        isoDays = iso
        let details = [timingPrefix.count + timingSuffix.count, max(inTransitPrefix.count, missingPrefix.count) + windowSuffix.count,
                       amountMismatchText.count, unmatchedDebitText.count, unmatchedCreditText.count]
        tailBytes = 2 * 11 + 3 * 43 + 22 + 20 + details.max()! + 1
    }

    private static func field(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        CSVField.append(text, to: &out)
        return out
    }

    private static func fields(_ column: TextColumn) -> ([UInt8], [Int]) {
        var bytes: [UInt8] = [], ends = [0]
        for i in 0..<column.count {
            column.appendCSVField(i, to: &bytes)
            ends.append(bytes.count)
        }
        return (bytes, ends)
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

    /// Appends the row of `b` to `out`: statement and custody rows as their ``BreakLine`` through
    /// ``BreakLineCodec`` into `scratch`; every other row in place, straight from the tables, its
    /// detail too unless it names other rows (then through ``BreakDetail/text(_:_:)``). The bytes
    /// are the codec's for ``ReportContext/line(_:)`` (a test holds them to it row by row); this path
    /// exists because making a line of values per row costs the report a multiple of its time.
    func append(_ b: BreakRecord, to out: inout RowBuffer, scratch: inout [UInt8]) {
        // Checked on the record first: the context's lookups are not for the millions of row breaks.
        if b.statement >= 0 || b.custody >= 0 {
            scratch.removeAll(keepingCapacity: true)
            BreakLineCodec.append(context.line(b), to: &scratch)
            return out.append(scratch)
        }
        let comma: UInt8 = 44
        let hasBank = b.bankRow >= 0, hasLedger = b.ledgerRow >= 0
        let bankRow = Int(b.bankRow), ledgerRow = Int(b.ledgerRow)
        let account = Int(hasBank ? bankAccount[bankRow] : ledgerAccount[ledgerRow])
        let currency = Int(hasBank ? bankCurrency[bankRow] : ledgerCurrency[ledgerRow])
        let exponent = exponents[currency]
        let prefix = kindPrefix[Int(b.kind.rawValue)]
        let accountRange = accountEnds[account]..<accountEnds[account + 1]
        let currencyRange = currencyEnds[currency]..<currencyEnds[currency + 1]
        out.reserve(prefix.count + accountRange.count + currencyRange.count + 2)
        prefix.withUnsafeBufferPointer { out.put($0.baseAddress!, $0.count) }
        accountFields.withUnsafeBufferPointer { out.put($0.baseAddress! + accountRange.lowerBound, accountRange.count) }
        out.put(comma)
        currencyFields.withUnsafeBufferPointer { out.put($0.baseAddress! + currencyRange.lowerBound, currencyRange.count) }
        out.put(comma)
        if hasBank { putText(bankRef, bankRow, to: &out) }
        out.reserve(1)
        out.put(comma)
        if hasLedger { putText(b.isBatch ? batchId : txnId, ledgerRow, to: &out) }
        out.reserve(tailBytes)
        out.put(comma)
        if hasBank { putDay(Int(bankDate[bankRow]), to: &out) }
        out.put(comma)
        if hasLedger { putDay(Int(b.ledgerDate), to: &out) }
        out.put(comma)
        if hasBank { out.putMinorUnits(bankAmount[bankRow], exponent: exponent) }
        out.put(comma)
        if hasLedger { out.putMinorUnits(b.ledgerAmount, exponent: exponent) }
        out.put(comma)
        if hasBank && hasLedger {
            let (d, overflow) = bankAmount[bankRow].subtractingReportingOverflow(b.ledgerAmount)
            if !overflow { out.putMinorUnits(d, exponent: exponent) }
        }
        out.put(comma)
        out.putInt(BreakAge.days(b, bankDate: hasBank ? bankDate[bankRow] : nil, asOf: asOf))
        out.put(comma)
        switch b.kind {
        case .timingDifference where !b.isBatch:
            out.put(timingPrefix)
            out.putInt(abs(Int(bankDate[bankRow]) - Int(b.ledgerDate)))
            out.put(timingSuffix)
        case .inTransit, .missingInBank:
            out.put(b.kind == .inTransit ? inTransitPrefix : missingPrefix)
            out.putInt(settlementWindowDays)
            out.put(windowSuffix)
        case .amountMismatch where !b.isBatch: out.put(amountMismatchText)
        // With custody checks, money out of customer funds carries its running total.
        case .unmatchedBankDebit where !hasCustody && !hasNotes: out.put(unmatchedDebitText)
        case .unmatchedBankCredit where !hasNotes: out.put(unmatchedCreditText)
        default:
            let start = out.count
            out.append(Array(BreakDetail.text(b, context).utf8))
            out.quoteField(from: start)
            out.reserve(1)
        }
        out.put(10)
    }

    @inline(__always)
    private func putText(_ column: TextColumn, _ row: Int, to out: inout RowBuffer) {
        let r = column.range(row)
        column.bytes.withUnsafeBufferPointer { out.putCSVField($0.baseAddress! + r.lowerBound, r.count) }
    }

    @inline(__always)
    private func putDay(_ day: Int, to out: inout RowBuffer) {
        let k = day - isoBase
        if k >= 0 && k < RowFormatter.isoSpan {
            isoDays.withUnsafeBufferPointer { out.put($0.baseAddress! + k * 10, 10) }
        } else {
            var iso: [UInt8] = []
            Day(rawValue: Int32(day)).appendISO(to: &iso)
            out.put(iso)
        }
    }
}
