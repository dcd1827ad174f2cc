import ArgumentParser
import Foundation
import ReconCore
import ReconFormats
import ReconStore
import ReconRun

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

    @Flag(name: .long, help: "Instead of the rows: the selected breaks per ageing bucket (0-1, 2-3, 4-7, 8-30, >30 days), with their count and money at risk per currency (the sum of absolute amounts). Timing differences are matched and never age.")
    var ageing = false

    func run() throws {
        do {
            var minAge: Int?
            if let olderThan {
                guard let n = Int(olderThan.hasSuffix("d") ? String(olderThan.dropLast()) : olderThan), n >= 0 else {
                    throw ValidationError("--older-than '\(olderThan)' is not a number of days like 3d")
                }
                minAge = n
            }
            let all = try store.openExisting().currentBreaks()
            let latest = all.map(\.date).max()
            let selected = all.filter { date, _, b, decision in
                if open && (decision != nil || date != latest || !BreakKind.open.contains(b.line.kind)) { return false }
                if let kind, b.line.kind.name != kind { return false }
                if let account, b.line.account != account { return false }
                if let minAge, b.line.ageDays <= minAge { return false }
                return true
            }
            if ageing {
                try printAgeing(selected.map { $0.2 })
                return
            }
            print("business_date,run_id,break_id,kind,severity,account,currency,bank_ref,ledger_id,bank_date,ledger_date,bank_amount,ledger_amount,difference,age_days,age_bucket,decision,decided_by,note")
            for (date, runId, b, decision) in selected {
                let cells = [date, String(runId), b.id] + Array(BreakLineCodec.fields(b.line)[0..<12]) + [AgeBucket(days: b.line.ageDays).label]
                    + [decision.map { $0.kind.rawValue + ($0.matchedWith.map { " " + $0 } ?? "") } ?? "", decision?.decidedBy ?? "", decision?.note ?? ""]
                print(cells.map(csv).joined(separator: ","))
            }
        } catch let e as ValidationError { throw e } catch { throw ExitStatus.fail(error) }
    }

    /// One row per bucket and currency (a bucket without items gets one row with an empty currency).
    private func printAgeing(_ breaks: [StoredBreak]) throws {
        var ageing = BreakAgeing()
        for b in breaks { ageing.add(b.line) }
        print("age_bucket,from_days,to_days,count,currency,money_at_risk")
        for (bucket, totals) in zip(AgeBucket.allCases, ageing.buckets) {
            let head = [bucket.label, String(bucket.fromDays), bucket.toDays.map(String.init) ?? "", String(totals.count)]
            let currencies = totals.moneyAtRisk.keys.sorted()
            if currencies.isEmpty { print((head + ["", ""]).map(csv).joined(separator: ",")) }
            for currency in currencies {
                let sum = totals.moneyAtRisk[currency]!
                print((head + [currency, MinorUnits.format(sum, exponent: ageing.exponent(of: currency))]).map(csv).joined(separator: ","))
            }
        }
    }

    private func csv(_ s: String) -> String {
        var out: [UInt8] = []
        CSVField.append(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
