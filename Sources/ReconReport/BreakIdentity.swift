import Crypto
import Foundation
import ReconCore

/// The stable id of a break: the first 12 hex digits of the SHA-256 of the rows it names (account,
/// currency, bank_ref, ledger_id), not of its kind, so an item keeps its id from night to night while
/// it ages (`in_transit` → `missing_in_bank`) and across re-runs. Two breaks of one run naming the same
/// rows (a duplicate bank line repeating its bank_ref) share the id, and a decision applies to both.
package enum BreakIdentity {
    package static func id(account: String, currency: String, bankRef: String, ledgerId: String) -> String {
        let digest = SHA256.hash(data: Data([account, currency, bankRef, ledgerId].joined(separator: "\u{1F}").utf8))
        return "BRK-" + digest.prefix(6).map { String(format: "%02x", $0) }.joined()
    }

    /// The id of a break line.
    package static func id(of line: BreakLine) -> String {
        id(account: line.account, currency: line.currency, bankRef: line.bankRef, ledgerId: line.ledgerId)
    }
}
