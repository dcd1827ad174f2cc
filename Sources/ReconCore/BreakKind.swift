/// The kinds of break of the break report (DESIGN.md), with their default severities.
public enum BreakKind: UInt8, CaseIterable, Sendable {
    case timingDifference = 1
    case inTransit
    case amountMismatch
    case missingInBank
    case unmatchedBankCredit
    case unmatchedBankDebit
    case duplicateBank
    case duplicateLedger
    case ambiguous
    case balanceMismatch
    case segregationShortfall
    case segregationExcess
    case unauthorizedCounterparty
    /// Matched, with amounts that differ inside a configured amount tolerance.
    case matchedWithinTolerance
    /// Matched gross (ledger) against net (bank): the difference is a fee of a configured schedule.
    case feeDeducted
    /// Matched, with a difference below the configured write-off limit, written off.
    case writtenOff
    /// Matched as a group: several rows on one side sum to one row on the other, or both sides of a
    /// set of rows net to the same total.
    case groupMatch
    /// Matched by the scored pass: amount, date, counterparty and references together scored at or
    /// above the automatic threshold.
    case scoredMatch
    /// Matched across currencies: the ledger amount converted at the day's rate is the bank amount,
    /// up to a residual inside the tolerance.
    case fxMatched
    /// A payment the ledger booked came back from the bank (an ACH return), its reason in the detail.
    case paymentReturned
    /// A bank line still open from an earlier night and tonight's line that reverses it (same
    /// account, currency and end_to_end_id, the opposite amount): the two cancel and both close.
    case reversal

    /// The name used in reports and configuration, e.g. `timing_difference`.
    public var name: String {
        switch self {
        case .timingDifference: return "timing_difference"
        case .inTransit: return "in_transit"
        case .amountMismatch: return "amount_mismatch"
        case .missingInBank: return "missing_in_bank"
        case .unmatchedBankCredit: return "unmatched_bank_credit"
        case .unmatchedBankDebit: return "unmatched_bank_debit"
        case .duplicateBank: return "duplicate_bank"
        case .duplicateLedger: return "duplicate_ledger"
        case .ambiguous: return "ambiguous"
        case .balanceMismatch: return "balance_mismatch"
        case .segregationShortfall: return "segregation_shortfall"
        case .segregationExcess: return "segregation_excess"
        case .unauthorizedCounterparty: return "unauthorized_counterparty"
        case .matchedWithinTolerance: return "matched_within_tolerance"
        case .feeDeducted: return "fee_deducted"
        case .writtenOff: return "written_off"
        case .groupMatch: return "group_match"
        case .scoredMatch: return "scored_match"
        case .fxMatched: return "fx_matched"
        case .paymentReturned: return "payment_returned"
        case .reversal: return "reversal"
        }
    }

    public init?(name: String) {
        guard let k = BreakKind.allCases.first(where: { $0.name == name }) else { return nil }
        self = k
    }

    /// Default severity from DESIGN.md.
    public var defaultSeverity: Severity {
        switch self {
        case .timingDifference, .inTransit, .matchedWithinTolerance, .feeDeducted, .groupMatch, .scoredMatch, .fxMatched, .reversal: return .info
        case .writtenOff: return .low
        case .amountMismatch, .duplicateBank, .duplicateLedger, .segregationExcess, .paymentReturned: return .high
        case .missingInBank, .unmatchedBankCredit, .ambiguous: return .medium
        case .unmatchedBankDebit, .balanceMismatch, .segregationShortfall, .unauthorizedCounterparty:
            return .critical
        }
    }
}

extension BreakKind {
    /// Kinds whose bank line stays open after a run and is carried into the next night's matching:
    /// money nobody booked, money paid where it must not go, and a pair whose amounts differ (until
    /// the bank's correction arrives, or a decision closes it).
    public static let openOnBankSide: Set<BreakKind> = [.unmatchedBankCredit, .unmatchedBankDebit, .ambiguous,
                                                        .unauthorizedCounterparty, .amountMismatch]
    /// Kinds whose ledger record stays open after a run and is carried into the next night's matching.
    public static let openOnLedgerSide: Set<BreakKind> = [.inTransit, .missingInBank, .ambiguous,
                                                          .unauthorizedCounterparty, .amountMismatch]
    /// Kinds of open items, on either side.
    public static let open = openOnBankSide.union(openOnLedgerSide)
    /// Whether the kind is of rows that are matched but reported: booked on different days, or matched
    /// inside a tolerance, a fee schedule, the write-off limit, a group, a score or a rate. They are not
    /// open items and do not age; their `age_days` is the distance between the two dates. (A switch,
    /// not a set: the report asks for every break.)
    @inlinable
    public var isMatchedWithNote: Bool {
        switch self {
        case .timingDifference, .matchedWithinTolerance, .feeDeducted, .writtenOff, .groupMatch, .scoredMatch, .fxMatched, .reversal: return true
        default: return false
        }
    }
}
