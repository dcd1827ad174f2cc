import ReconStore
import ReconReport
import Crypto
import Foundation
import ReconCore
import ReconFormats

/// The balance files of a run (`--bank-balances`, `--ledger-balances`, the nightly job's
/// `[bank_balances]` and `[ledger_balances]`) read, and described as inputs of record: path, digest,
/// size and rows, like the bank and ledger files, so `summary.json`, the run store and the audit
/// chain cover them and a corrected balance file is noticed.
enum BalanceInputs {
    struct Read {
        var bank: [BalanceEntry] = []
        var ledger: [BalanceEntry] = []
        var files: [InputSummary] = []
    }

    static func read(bank: [String], ledger: [String]) throws -> Read {
        var out = Read()
        for (side, paths) in [(Side.bank, bank), (Side.ledger, ledger)] {
            for path in paths {
                let entries = try BalanceFileReader.read(path: path)
                if side == .bank { out.bank += entries } else { out.ledger += entries }
                let data = (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
                let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
                var summary = InputSummary(side: side, path: path, sha256: digest, bytes: data.count, rows: entries.count,
                                           rejected: 0, format: "balances", compressed: false)
                summary.balances = true
                out.files.append(summary)
            }
        }
        return out
    }
}
