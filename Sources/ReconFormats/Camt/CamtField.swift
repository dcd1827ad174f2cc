/// A value the camt reader takes from the text of one element, found by the element's path below the
/// nearest block it belongs to (message, statement, balance, entry or transaction details).
enum CamtField: UInt8 {
    // Message (`BkToCstmrStmt` …)
    case messageCreated
    // Statement (`Stmt`, `Rpt`, `Ntfctn`)
    case statementId, statementCreated, accountIBAN, accountOther, accountCurrency
    // Balance (`Bal`)
    case balanceType, balanceAmount, balanceIndicator, balanceDate, balanceDateTime
    // Entry (`Ntry`)
    case entryAmount, entryIndicator, entryReversal, entryStatus, entryStatusCode
    case bookingDate, bookingDateTime, valueDate, valueDateTime, entryReference, entryInfo, batchPaymentId
    // Transaction details (`TxDtls`)
    case endToEndId, detailAmount, detailTransactionAmount, detailIndicator
    case debtorName, debtorPartyName, creditorName, creditorPartyName, remittance, detailInfo

    /// Where the value is, for error messages: the block and the path below it.
    var path: String {
        switch self {
        case .messageCreated: return "GrpHdr/CreDtTm"
        case .statementId: return "Stmt/Id"
        case .statementCreated: return "Stmt/CreDtTm"
        case .accountIBAN: return "Acct/Id/IBAN"
        case .accountOther: return "Acct/Id/Othr/Id"
        case .accountCurrency: return "Acct/Ccy"
        case .balanceType: return "Bal/Tp/CdOrPrtry/Cd"
        case .balanceAmount: return "Bal/Amt"
        case .balanceIndicator: return "Bal/CdtDbtInd"
        case .balanceDate: return "Bal/Dt/Dt"
        case .balanceDateTime: return "Bal/Dt/DtTm"
        case .entryAmount: return "Ntry/Amt"
        case .entryIndicator: return "Ntry/CdtDbtInd"
        case .entryReversal: return "Ntry/RvslInd"
        case .entryStatus: return "Ntry/Sts"
        case .entryStatusCode: return "Ntry/Sts/Cd"
        case .bookingDate: return "Ntry/BookgDt/Dt"
        case .bookingDateTime: return "Ntry/BookgDt/DtTm"
        case .valueDate: return "Ntry/ValDt/Dt"
        case .valueDateTime: return "Ntry/ValDt/DtTm"
        case .entryReference: return "Ntry/AcctSvcrRef"
        case .entryInfo: return "Ntry/AddtlNtryInf"
        case .batchPaymentId: return "Ntry/NtryDtls/Btch/PmtInfId"
        case .endToEndId: return "TxDtls/Refs/EndToEndId"
        case .detailAmount: return "TxDtls/Amt"
        case .detailTransactionAmount: return "TxDtls/AmtDtls/TxAmt/Amt"
        case .detailIndicator: return "TxDtls/CdtDbtInd"
        case .debtorName: return "TxDtls/RltdPties/Dbtr/Nm"
        case .debtorPartyName: return "TxDtls/RltdPties/Dbtr/Pty/Nm"
        case .creditorName: return "TxDtls/RltdPties/Cdtr/Nm"
        case .creditorPartyName: return "TxDtls/RltdPties/Cdtr/Pty/Nm"
        case .remittance: return "TxDtls/RmtInf/Ustrd"
        case .detailInfo: return "TxDtls/AddtlTxInf"
        }
    }

    /// Whether the value belongs to an entry (or its details): a bad one rejects that entry only.
    var isEntryLevel: Bool { rawValue >= CamtField.entryAmount.rawValue }

    /// Whether the element carries a `Ccy` attribute the reader needs.
    var hasCurrency: Bool {
        switch self {
        case .balanceAmount, .entryAmount, .detailAmount, .detailTransactionAmount: return true
        default: return false
        }
    }

    /// The field an element path below a block stands for: `n` elements (at most 4 are looked at)
    /// from the block's child `a` down to the element itself.
    static func message(_ n: Int, _ a: CamtElement, _ b: CamtElement, _ c: CamtElement, _ d: CamtElement) -> CamtField? {
        n == 2 && a == .grpHdr && b == .creDtTm ? .messageCreated : nil
    }

    static func statement(_ n: Int, _ a: CamtElement, _ b: CamtElement, _ c: CamtElement, _ d: CamtElement) -> CamtField? {
        switch (n, a, b, c, d) {
        case (1, .id, _, _, _): return .statementId
        case (1, .creDtTm, _, _, _): return .statementCreated
        case (2, .acct, .ccy, _, _): return .accountCurrency
        case (3, .acct, .id, .iban, _): return .accountIBAN
        case (4, .acct, .id, .othr, .id): return .accountOther
        // Version 1: a BBAN, or a proprietary account id.
        case (3, .acct, .id, .bban, _): return .accountOther
        case (4, .acct, .id, .prtryAcct, .id): return .accountOther
        default: return nil
        }
    }

    static func balance(_ n: Int, _ a: CamtElement, _ b: CamtElement, _ c: CamtElement, _ d: CamtElement) -> CamtField? {
        switch (n, a, b, c) {
        case (1, .amt, _, _): return .balanceAmount
        case (1, .cdtDbtInd, _, _): return .balanceIndicator
        case (2, .dt, .dt, _): return .balanceDate
        case (2, .dt, .dtTm, _): return .balanceDateTime
        case (3, .tp, .cdOrPrtry, .cd): return .balanceType
        case (2, .tp, .cd, _): return .balanceType          // version 1: Tp/Cd
        default: return nil
        }
    }

    static func entry(_ n: Int, _ a: CamtElement, _ b: CamtElement, _ c: CamtElement, _ d: CamtElement) -> CamtField? {
        switch (n, a, b, c) {
        case (1, .amt, _, _): return .entryAmount
        case (1, .cdtDbtInd, _, _): return .entryIndicator
        case (1, .rvslInd, _, _): return .entryReversal
        case (1, .sts, _, _): return .entryStatus
        case (1, .acctSvcrRef, _, _): return .entryReference
        case (1, .addtlNtryInf, _, _): return .entryInfo
        case (2, .sts, .cd, _): return .entryStatusCode
        case (2, .bookgDt, .dt, _): return .bookingDate
        case (2, .bookgDt, .dtTm, _): return .bookingDateTime
        case (2, .valDt, .dt, _): return .valueDate
        case (2, .valDt, .dtTm, _): return .valueDateTime
        case (3, .ntryDtls, .btch, .pmtInfId): return .batchPaymentId
        default: return nil
        }
    }

    static func detail(_ n: Int, _ a: CamtElement, _ b: CamtElement, _ c: CamtElement, _ d: CamtElement) -> CamtField? {
        switch (n, a, b, c, d) {
        case (1, .amt, _, _, _): return .detailAmount
        case (1, .cdtDbtInd, _, _, _): return .detailIndicator
        case (1, .addtlTxInf, _, _, _): return .detailInfo
        case (2, .refs, .endToEndId, _, _): return .endToEndId
        case (2, .rmtInf, .ustrd, _, _): return .remittance
        case (3, .amtDtls, .txAmt, .amt, _): return .detailTransactionAmount
        case (3, .rltdPties, .dbtr, .nm, _): return .debtorName
        case (3, .rltdPties, .cdtr, .nm, _): return .creditorName
        case (4, .rltdPties, .dbtr, .pty, .nm): return .debtorPartyName
        case (4, .rltdPties, .cdtr, .pty, .nm): return .creditorPartyName
        default: return nil
        }
    }
}
