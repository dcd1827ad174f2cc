import ArgumentParser
import Foundation
import ReconFormats
import ReconStore

/// `recon breaks`: lists the breaks of the current runs in the store, with their decisions.
struct BreaksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "breaks", abstract: "List breaks of the current (not superseded) runs, newest date first, as CSV.")

    @OptionGroup var store: StoreOptions

    @Flag(name: .long, help: "Only the items still open: breaks of the latest business date's run that are not at the bank yet, unmatched or ambiguous, and that no decision has closed.")
    var open = false

    @Option(name: .long, help: "Only this kind (e.g. missing_in_bank).")
    var kind: String?

    @Option(name: .customLong("older-than"), help: ArgumentHelp("Only breaks older than this many days (e.g. 3d or 3).", valueName: "Nd"))
    var olderThan: String?

    @Option(name: .long, help: "Only this account.")
    var account: String?

    func run() throws {
        do {
            var minAge: Int?
            if let olderThan {
                guard let n = Int(olderThan.hasSuffix("d") ? String(olderThan.dropLast()) : olderThan), n >= 0 else {
                    throw ValidationError("--older-than '\(olderThan)' is not a number of days like 3d")
                }
                minAge = n
            }
            let openKinds: Set<String> = ["in_transit", "missing_in_bank", "unmatched_bank_credit", "unmatched_bank_debit", "ambiguous"]
            let all = try store.open().currentBreaks()
            let latest = all.map(\.date).max()
            print("business_date,run_id,break_id,kind,severity,account,currency,bank_ref,ledger_id,bank_date,ledger_date,bank_amount,ledger_amount,difference,age_days,decision,decided_by,note")
            for (date, runId, b, decision) in all {
                if open && (decision != nil || date != latest || !openKinds.contains(b.kind)) { continue }
                if let kind, b.kind != kind { continue }
                if let account, b.account != account { continue }
                if let minAge, b.ageDays <= minAge { continue }
                let cells = [date, String(runId), b.id] + Array(b.fields[0..<12])
                    + [decision.map { $0.kind.rawValue + ($0.matchedWith.map { " " + $0 } ?? "") } ?? "", decision?.decidedBy ?? "", decision?.note ?? ""]
                print(cells.map(csv).joined(separator: ","))
            }
        } catch let e as ValidationError { throw e } catch { throw ExitStatus.fail(error) }
    }

    private func csv(_ s: String) -> String {
        var out: [UInt8] = []
        CSVField.append(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
