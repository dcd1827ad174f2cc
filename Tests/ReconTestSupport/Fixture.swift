import Foundation
import ReconCore
import ReconFormats
import ReconMatch

/// Builds matcher inputs from short row lists, through the real canonical readers.
///
/// Bank rows: `"bank_ref account date amount [end_to_end_id] [counterparty]"`; ledger rows:
/// `"txn_id account date amount [reference] [batch_id] [type]"` (use `-` for an empty end-to-end id,
/// reference or batch when a later field follows). Currency CNY.
package enum Fixture {
    package static func inputs(bank: [String], ledger: [String], configuration: MatchConfiguration = MatchConfiguration(),
                              asOf: String? = nil) throws -> MatchInputs {
        var bankCSV = CanonicalLayout.bankColumns.joined(separator: ",") + "\n"
        for row in bank {
            let f = row.split(separator: " ").map(String.init)
            let e2e = f.count > 4 && !(f[4] == "-" && f.count > 5) ? f[4] : ""
            let counterparty = f.count > 5 ? f[5] : ""
            bankCSV += "\(f[0]),\(f[1]),\(f[2]),\(f[2]),\(f[3]),CNY,\(e2e),\(counterparty),\n"
        }
        var ledgerCSV = CanonicalLayout.ledgerColumns.joined(separator: ",") + "\n"
        for row in ledger {
            let f = row.split(separator: " ").map(String.init)
            let ref = f.count > 4 && f[4] != "-" ? f[4] : ""
            let batch = f.count > 5 && !(f[5] == "-" && f.count > 6) ? f[5] : ""
            let type = f.count > 6 ? f[6] : ""
            ledgerCSV += "\(f[0]),\(f[1]),\(f[2]),\(f[3]),CNY,\(type),\(ref),\(batch),\n"
        }
        var catalog = Catalog(), bankTable = BankTable(), ledgerTable = LedgerTable(), rejects = RejectLog(limit: 0)
        var b = MemorySource(bankCSV), l = MemorySource(ledgerCSV)
        _ = try CanonicalBankReader().read(source: &b, path: "bank", fileIndex: 0, into: &bankTable, catalog: &catalog, rejects: &rejects)
        _ = try CanonicalLedgerReader().read(source: &l, path: "ledger", fileIndex: 0, into: &ledgerTable, catalog: &catalog, rejects: &rejects)
        return MatchInputs(bank: bankTable, ledger: ledgerTable, catalog: catalog, configuration: configuration,
                           asOf: asOf.flatMap { Day(iso: $0) })
    }

    /// Outcome name per row id (bank refs and txn ids), e.g. `["B1": "matched", "L1": "matched"]`.
    package static func outcomes(_ inputs: MatchInputs, _ result: MatchResult) -> [String: String] {
        var out: [String: String] = [:]
        for i in 0..<inputs.bank.count { out[inputs.bank.bankRef.string(i)] = result.outcome(bank: i).name }
        for i in 0..<inputs.ledger.count { out[inputs.ledger.txnId.string(i)] = result.outcome(ledger: i).name }
        return out
    }

    /// The repository root (the folder holding Package.swift).
    package static var repositoryRoot: String {
        var dir = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { dir.deleteLastPathComponent() }
        return dir.path
    }
}
