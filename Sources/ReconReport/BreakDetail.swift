import ReconCore
import ReconFormats
import ReconMatch

/// The `detail` column: why the row is a break, in words a finance person can act on.
enum BreakDetail {
    /// The constant texts and parts of the details; ``RowFormatter`` writes the frequent ones as bytes.
    static let timingPrefix = "same transaction booked "
    static let timingSuffix = " day(s) apart"
    static let amountMismatch = "same reference, different amount"
    static let unmatchedDebit = "money out with no ledger instruction"
    static let unmatchedCredit = "money in with no ledger record"
    static let inTransitPrefix = "not at the bank yet; within the "
    static let missingPrefix = "not at the bank after the "
    static let windowSuffix = "-day settlement window"

    static func text(_ b: BreakRecord, _ c: ReportContext) -> String {
        let bank = c.inputs.bank, ledger = c.inputs.ledger
        let config = c.configuration
        switch b.kind {
        case .timingDifference:
            let days = abs(Int(bank.bookingDate[Int(b.bankRow)]) - Int(b.ledgerDate))
            if b.isBatch { return "batch of \(b.relatedCount) ledger records; bank booked \(days) day(s) from the latest" }
            return timingPrefix + "\(days)" + timingSuffix
        case .paymentReturned:
            return c.inputs.bankNotes[b.bankRow] ?? "the bank returned the payment"
        case .amountMismatch:
            if b.isBatch { return "batch of \(b.relatedCount) ledger records sums to a different amount than the bank line" }
            return amountMismatch
        case .duplicateBank:
            guard let first = c.result.related(of: b).first.map(Int.init) else {
                return c.inputs.bankNotes[b.bankRow] ?? "the same line as one an earlier night reconciled"
            }
            return "same end_to_end_id, account and amount as bank_ref \(bank.bankRef.string(first))"
        case .reversal:
            return reversalText(b, c)
        case .duplicateLedger:
            let first = Int(c.result.related(of: b).first!)
            return "same reference, account and amount as txn_id \(ledger.txnId.string(first))"
        case .ambiguous:
            return ambiguousText(b, c)
        case .matchedWithinTolerance, .feeDeducted, .writtenOff:
            return toleranceText(b, c)
        case .fxMatched:
            return fxText(b, c)
        case .scoredMatch:
            guard let s = c.result.scores[b.bankRow] else { return "matched by score" }
            return "matched by score " + ScoreText.reasons(s)
        case .groupMatch:
            return groupText(b, c)
        case .inTransit:
            return inTransitPrefix + "\(config.settlementWindowDays)" + windowSuffix
        case .missingInBank:
            return missingPrefix + "\(config.settlementWindowDays)" + windowSuffix
        case .unmatchedBankDebit:
            return unmatchedDebit + (c.inputs.bankNotes[b.bankRow].map { "; " + $0 } ?? "") + outflowTally(b, c)
        case .unauthorizedCounterparty:
            return (c.result.custody?.unauthorized[b.bankRow] ?? "customer money paid where it must not go") + outflowTally(b, c)
        case .segregationShortfall, .segregationExcess:
            guard let f = c.custody(b) else { return "" }
            return custodyText(f, c, what: b.kind == .segregationShortfall ? "holds less than the platform owes its customers"
                               : "holds more than the platform owes its customers (platform money mixed in)")
        case .unmatchedBankCredit:
            return unmatchedCredit + (c.inputs.bankNotes[b.bankRow].map { "; " + $0 } ?? "")
        case .balanceMismatch where b.custody >= 0:
            guard let f = c.custody(b) else { return "" }
            return custodyText(f, c, what: "bank and platform balances differ by more than items in transit explain")
        case .balanceMismatch:
            return statementText(b, c)
        }
    }
}

extension BreakDetail {
    /// The bank line a reversal reverses, still open from an earlier night.
    private static func reversalText(_ b: BreakRecord, _ c: ReportContext) -> String {
        let bank = c.inputs.bank
        guard let original = c.result.related(of: b).first.map(Int.init) else { return "reverses a line still open" }
        let exponent = c.inputs.catalog.exponent(ofCurrency: bank.currency[original])
        return "reverses bank_ref \(bank.bankRef.string(original)) of \(bank.date(original).iso) "
            + "(\(MinorUnits.format(bank.amount[original], exponent: exponent)), still open from an earlier night): "
            + "same end_to_end_id, opposite amount; both lines close"
    }

    /// The other side's equally good candidates.
    private static func ambiguousText(_ b: BreakRecord, _ c: ReportContext) -> String {
        let bank = c.inputs.bank, ledger = c.inputs.ledger
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
    }

    /// The conversion of a pair matched across currencies: rate, converted amount and FX residual.
    private static func fxText(_ b: BreakRecord, _ c: ReportContext) -> String {
        let bank = c.inputs.bank, ledger = c.inputs.ledger
        guard let x = c.result.conversions[b.bankRow] else { return "matched across currencies" }
        let catalog = c.inputs.catalog, l = Int(x.ledgerRow), r = Int(b.bankRow)
        let ledgerCurrency = catalog.currencies.string(ledger.currency[l]), bankCurrency = catalog.currencies.string(bank.currency[r])
        let lexp = catalog.exponent(ofCurrency: ledger.currency[l]), bexp = catalog.exponent(ofCurrency: bank.currency[r])
        let pair = x.inverted ? "\(bankCurrency)/\(ledgerCurrency) \(x.rate.text), inverted" : "\(ledgerCurrency)/\(bankCurrency) \(x.rate.text)"
        return "ledger \(MinorUnits.format(ledger.amount[l], exponent: lexp)) \(ledgerCurrency) at \(pair) (rate of \(x.rate.day)) = "
            + "\(MinorUnits.format(x.converted, exponent: bexp)) \(bankCurrency); FX residual "
            + "\(MinorUnits.format(bank.amount[r] &- x.converted, exponent: bexp)) \(bankCurrency), inside the tolerance"
    }

    /// The other side's rows of a group match, and their total: the group's, since both sides sum to it.
    private static func groupText(_ b: BreakRecord, _ c: ReportContext) -> String {
        let bank = c.inputs.bank, ledger = c.inputs.ledger
        let onBank = b.bankRow >= 0
        let rows = c.result.related(of: b).map(Int.init)
        let names = rows.map { onBank ? ledger.txnId.string($0) : bank.bankRef.string($0) }
        let total = rows.reduce(Int64(0)) { $0 &+ (onBank ? ledger.amount[$1] : bank.amount[$1]) }
        let exponent = c.inputs.catalog.exponent(ofCurrency: onBank ? bank.currency[Int(b.bankRow)] : ledger.currency[Int(b.ledgerRow)])
        return "matched as a group with \(onBank ? "ledger" : "bank") \(names.joined(separator: ";")), which sum to "
            + "\(MinorUnits.format(total, exponent: exponent)), the group's total on each side"
    }

    /// A statement that does not add up: the failed control total, or the balance equation.
    private static func statementText(_ b: BreakRecord, _ c: ReportContext) -> String {
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

    /// Why a pair with different amounts was matched: the fee schedule, the write-off limit or the
    /// tolerance, with the difference; and how far apart the dates are.
    static func toleranceText(_ b: BreakRecord, _ c: ReportContext) -> String {
        let bank = c.inputs.bank, r = Int(b.bankRow)
        let exponent = c.inputs.catalog.exponent(ofCurrency: bank.currency[r])
        func money(_ v: Int64) -> String { MinorUnits.format(v, exponent: exponent) }
        let difference = bank.amount[r] &- b.ledgerAmount
        let tolerance = c.configuration.tolerance ?? ToleranceConfiguration()
        var text: String
        switch b.kind {
        case .feeDeducted where b.control >= 0 && Int(b.control) < tolerance.fees.count:
            let fee = tolerance.fees[Int(b.control)]
            text = "fee \(money(-difference)) deducted on the way (fee schedule '\(fee.name)': \(fee.formula) of the gross \(money(b.ledgerAmount < 0 ? -b.ledgerAmount : b.ledgerAmount)))"
        case .writtenOff:
            text = "difference \(money(difference)) written off (below the write-off limit \(money(tolerance.writeOffBelow.minor(exponent: exponent))))"
        default:
            if b.control != BreakRecord.tolerancePass {
                text = "same reference; amounts differ by \(money(difference)), inside the reference amount tolerance \(money(c.configuration.referenceAmountTolerance))"
            } else {
                text = "amounts differ by \(money(difference)), inside the amount tolerance (\(tolerance.amountAbsolute)"
                if tolerance.amountPercentPPM > 0 { text += " or \(DecimalAmount(tenThousandths: tolerance.amountPercentPPM).text(minimumDecimals: 0))% of the ledger amount" }
                text += ")"
            }
        }
        let days = abs(Int(bank.bookingDate[r]) - Int(b.ledgerDate))
        if days > 0 { text += "; booked \(days) day(s) apart" }
        return text
    }

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
