#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The ISO 20022 camt.05x elements the reader looks at, recognised by their local name only: the
/// namespace prefix and URI (camt.052.001.01 … camt.054.001.08) are ignored. Every other element is
/// ``other``.
enum CamtElement: UInt8 {
    case other
    // Message roots: one per message type.
    case bkToCstmrStmt, bkToCstmrAcctRpt, bkToCstmrDbtCdtNtfctn
    // Statement-like blocks: camt.053 `Stmt`, camt.052 `Rpt`, camt.054 `Ntfctn`.
    case stmt, rpt, ntfctn
    case grpHdr, creDtTm, id, acct, iban, othr, ccy, bban, prtryAcct
    case bal, tp, cdOrPrtry, cd, amt, cdtDbtInd, dt, dtTm
    case ntry, rvslInd, sts, bookgDt, valDt, acctSvcrRef, addtlNtryInf
    case ntryDtls, btch, pmtInfId, txDtls, refs, endToEndId, amtDtls, txAmt
    case rltdPties, dbtr, cdtr, pty, nm, rmtInf, ustrd, addtlTxInf

    /// Names grouped by length, for a cheap lookup without building a `String`.
    private static let byLength: [[(name: [UInt8], element: CamtElement)]] = {
        let all: [(String, CamtElement)] = [
            ("BkToCstmrStmt", .bkToCstmrStmt), ("BkToCstmrAcctRpt", .bkToCstmrAcctRpt),
            ("BkToCstmrDbtCdtNtfctn", .bkToCstmrDbtCdtNtfctn),
            // Version 1 (camt.05x.001.01) names its roots with the version.
            ("BkToCstmrStmtV01", .bkToCstmrStmt), ("BkToCstmrAcctRptV01", .bkToCstmrAcctRpt),
            ("BkToCstmrDbtCdtNtfctnV01", .bkToCstmrDbtCdtNtfctn),
            ("BBAN", .bban), ("PrtryAcct", .prtryAcct),
            ("Stmt", .stmt), ("Rpt", .rpt), ("Ntfctn", .ntfctn),
            ("GrpHdr", .grpHdr), ("CreDtTm", .creDtTm), ("Id", .id), ("Acct", .acct), ("IBAN", .iban),
            ("Othr", .othr), ("Ccy", .ccy),
            ("Bal", .bal), ("Tp", .tp), ("CdOrPrtry", .cdOrPrtry), ("Cd", .cd), ("Amt", .amt),
            ("CdtDbtInd", .cdtDbtInd), ("Dt", .dt), ("DtTm", .dtTm),
            ("Ntry", .ntry), ("RvslInd", .rvslInd), ("Sts", .sts), ("BookgDt", .bookgDt), ("ValDt", .valDt),
            ("AcctSvcrRef", .acctSvcrRef), ("AddtlNtryInf", .addtlNtryInf),
            ("NtryDtls", .ntryDtls), ("Btch", .btch), ("PmtInfId", .pmtInfId), ("TxDtls", .txDtls),
            ("Refs", .refs), ("EndToEndId", .endToEndId), ("AmtDtls", .amtDtls), ("TxAmt", .txAmt),
            ("RltdPties", .rltdPties), ("Dbtr", .dbtr), ("Cdtr", .cdtr), ("Pty", .pty), ("Nm", .nm),
            ("RmtInf", .rmtInf), ("Ustrd", .ustrd), ("AddtlTxInf", .addtlTxInf),
        ]
        var table = Array(repeating: [(name: [UInt8], element: CamtElement)](), count: 32)
        for (name, element) in all { table[name.utf8.count].append((Array(name.utf8), element)) }
        return table
    }()

    /// The element of a NUL-terminated local name (as libxml2 hands it over).
    init(localName: UnsafePointer<UInt8>) {
        let length = strlen(localName)
        guard length < CamtElement.byLength.count else { self = .other; return }
        for candidate in CamtElement.byLength[length] where candidate.name.withUnsafeBufferPointer({
            memcmp($0.baseAddress!, localName, length) == 0
        }) {
            self = candidate.element
            return
        }
        self = .other
    }

    /// Whether this element is one statement of a message: `Stmt`, `Rpt` or `Ntfctn` directly under
    /// the message root of its type.
    func isStatement(under parent: CamtElement) -> Bool {
        switch (parent, self) {
        case (.bkToCstmrStmt, .stmt), (.bkToCstmrAcctRpt, .rpt), (.bkToCstmrDbtCdtNtfctn, .ntfctn): return true
        default: return false
        }
    }

    var isMessageRoot: Bool { self == .bkToCstmrStmt || self == .bkToCstmrAcctRpt || self == .bkToCstmrDbtCdtNtfctn }
}
