import ReconCore
import ReconFormats
import ReconMatch

/// The `detail` column: why the row is a break, in words a finance person can act on.
enum BreakDetail {
    /// Appends the detail as bytes: constant texts directly, the rest through ``text``. (Timing and
    /// leftover details, the most frequent, come from ``appendTiming`` and ``appendLeftover``.)
    static func append(_ b: BreakRecord, _ c: ReportContext, to out: inout [UInt8]) {
        switch b.kind {
        case .amountMismatch where !b.isBatch: out.append(contentsOf: amountMismatch)
        case .unmatchedBankDebit where c.result.custody == nil: out.append(contentsOf: unmatchedDebit)
        case .unmatchedBankCredit: out.append(contentsOf: unmatchedCredit)
        default: out.append(contentsOf: text(b, c).utf8)
        }
    }

    static func appendTiming(days: Int, to out: inout [UInt8]) {
        out.append(contentsOf: timingPrefix)
        appendInt(days, to: &out)
        out.append(contentsOf: timingSuffix)
    }

    static func appendLeftover(_ kind: BreakKind, windowDays: Int, to out: inout [UInt8]) {
        out.append(contentsOf: kind == .inTransit ? inTransitPrefix : missingPrefix)
        appendInt(windowDays, to: &out)
        out.append(contentsOf: windowSuffix)
    }

    /// The constant texts, for writers that place them themselves (``RowFormatter``). The prefixes and
    /// suffixes need no quoting; whole details may.
    static var timingPrefixText: [UInt8] { timingPrefix }
    static var timingSuffixText: [UInt8] { timingSuffix }
    static var amountMismatchText: [UInt8] { amountMismatch }
    static var unmatchedDebitText: [UInt8] { unmatchedDebit }
    static var unmatchedCreditText: [UInt8] { unmatchedCredit }
    static var inTransitPrefixText: [UInt8] { inTransitPrefix }
    static var missingPrefixText: [UInt8] { missingPrefix }
    static var windowSuffixText: [UInt8] { windowSuffix }

    private static let timingPrefix = Array("same transaction booked ".utf8)
    private static let timingSuffix = Array(" day(s) apart".utf8)
    private static let amountMismatch = Array("same reference, different amount".utf8)
    private static let unmatchedDebit = Array("money out with no ledger instruction".utf8)
    private static let unmatchedCredit = Array("money in with no ledger record".utf8)
    private static let inTransitPrefix = Array("not at the bank yet; within the ".utf8)
    private static let missingPrefix = Array("not at the bank after the ".utf8)
    private static let windowSuffix = Array("-day settlement window".utf8)

    static func text(_ b: BreakRecord, _ c: ReportContext) -> String {
        let bank = c.inputs.bank, ledger = c.inputs.ledger
        let config = c.configuration
        switch b.kind {
        case .timingDifference:
            let days = abs(Int(bank.bookingDate[Int(b.bankRow)]) - Int(b.ledgerDate))
            if b.isBatch { return "batch of \(b.relatedCount) ledger records; bank booked \(days) day(s) from the latest" }
            return "same transaction booked \(days) day(s) apart"
        case .amountMismatch:
            if b.isBatch { return "batch of \(b.relatedCount) ledger records sums to a different amount than the bank line" }
            return "same reference, different amount"
        case .duplicateBank:
            let first = Int(c.result.related(of: b).first!)
            return "same end_to_end_id, account and amount as bank_ref \(bank.bankRef.string(first))"
        case .duplicateLedger:
            let first = Int(c.result.related(of: b).first!)
            return "same reference, account and amount as txn_id \(ledger.txnId.string(first))"
        case .ambiguous:
            let names: [String]
            let side: String
            if b.bankRow >= 0 {
                side = "ledger"
                names = c.result.related(of: b).map { ledger.txnId.string(Int($0)) }
            } else {
                side = "bank"
                names = c.result.related(of: b).map { bank.bankRef.string(Int($0)) }
            }
            let more = Int(b.relatedCount) - names.count
            return "equally good \(side) candidate(s): " + names.joined(separator: ";")
                + (more > 0 ? " and \(more) more" : "")
        case .inTransit:
            return "not at the bank yet; within the \(config.settlementWindowDays)-day settlement window"
        case .missingInBank:
            return "not at the bank after the \(config.settlementWindowDays)-day settlement window"
        case .unmatchedBankDebit:
            return "money out with no ledger instruction" + outflowTally(b, c)
        case .unauthorizedCounterparty:
            return (c.result.custody?.unauthorized[b.bankRow] ?? "customer money paid where it must not go") + outflowTally(b, c)
        case .segregationShortfall, .segregationExcess:
            guard let f = c.custody(b) else { return "" }
            return custodyText(f, c, what: b.kind == .segregationShortfall ? "holds less than the platform owes its customers"
                               : "holds more than the platform owes its customers (platform money mixed in)")
        case .unmatchedBankCredit:
            return "money in with no ledger record"
        case .balanceMismatch where b.custody >= 0:
            guard let f = c.custody(b) else { return "" }
            return custodyText(f, c, what: "bank and platform balances differ by more than items in transit explain")
        case .balanceMismatch:
            guard let s = c.statement(b) else { return "" }
            let exponent = c.inputs.catalog.exponent(ofCurrency: c.currency(b))
            func money(_ v: Int64?) -> String { v.map { MinorUnits.format($0, exponent: exponent) } ?? "?" }
            let file = c.bankFiles[Int(c.inputs.statements[Int(b.statement)].file)].path
            if b.control >= 0 {
                let control = s.controls[Int(b.control)]
                return "statement \(s.id) (\(file):\(s.line)): \(control.name) declared \(money(control.declared)), read \(money(control.computed))"
            }
            return "statement \(s.id) (\(file):\(s.line)): opening \(money(s.openingBalance)) + \(s.movementCount) movements \(money(s.movementSum)) = \(money((s.openingBalance ?? 0) &+ s.movementSum)), closing balance \(money(s.closingBalance))"
        }
    }
}

extension BreakDetail {
    /// `; unexplained outflow 3 from this account on 2026-11-02, -45.00 so far` for money out of a
    /// customer-funds account.
    static func outflowTally(_ b: BreakRecord, _ c: ReportContext) -> String {
        guard b.bankRow >= 0, let t = c.result.custody?.outflows[b.bankRow] else { return "" }
        let bank = c.inputs.bank, r = Int(b.bankRow)
        let exponent = c.inputs.catalog.exponent(ofCurrency: bank.currency[r])
        return "; customer funds: unexplained outflow \(t.count) from this account on \(Day(rawValue: bank.bookingDate[r])), "
            + "\(MinorUnits.format(t.total, exponent: exponent)) so far"
    }

    /// The decomposition of a custody difference, naming every unexplained item.
    static func custodyText(_ f: CustodyFinding, _ c: ReportContext, what: String) -> String {
        let exponent = c.inputs.catalog.exponent(ofCurrency: f.currency)
        func money(_ v: Int128) -> String { MinorUnits.format(v, exponent: exponent) }
        func list(_ items: [CustodyItem]) -> String {
            items.map { "\($0.label) \(money(Int128($0.amount)))" }.joined(separator: "; ")
        }
        var text = f.accounts > 1 ? "custody account (\(f.accounts) accounts) " : ""
        text += "\(what): bank \(money(f.bankBalance)), platform \(money(f.platformBalance)), difference \(money(f.difference))"
        text += "; in transit \(money(f.timing))"
        if !f.timingItems.isEmpty { text += " (\(f.timingItems.count) item(s))" }
        text += "; unexplained \(money(f.unexplained))"
        if !f.items.isEmpty { text += " = \(f.items.count) item(s) [\(list(f.items))]" }
        if f.notItemised != 0 { text += (f.items.isEmpty ? " = " : " + ") + "not itemised \(money(f.notItemised))" }
        return text
    }
}

/// Appends a decimal integer without making a `String`.
func appendInt(_ value: Int, to out: inout [UInt8]) {
    if value < 0 { out.append(UInt8(ascii: "-")) }
    var m = value.magnitude
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
    var n = 0
    withUnsafeMutableBytes(of: &digits) { d in
        repeat { d[n] = UInt8(48 + m % 10); m /= 10; n += 1 } while m > 0
        for i in stride(from: n - 1, through: 0, by: -1) { out.append(d[i]) }
    }
}
