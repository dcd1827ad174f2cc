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
            let openKinds = Set(BreakKind.open.map(\.name))
            let all = try store.open().currentBreaks()
            let latest = all.map(\.date).max()
            let selected = all.filter { date, _, b, decision in
                if open && (decision != nil || date != latest || !openKinds.contains(b.kind)) { return false }
                if let kind, b.kind != kind { return false }
                if let account, b.account != account { return false }
                if let minAge, b.ageDays <= minAge { return false }
                return true
            }
            if ageing {
                try printAgeing(selected.map { $0.2 })
                return
            }
            print("business_date,run_id,break_id,kind,severity,account,currency,bank_ref,ledger_id,bank_date,ledger_date,bank_amount,ledger_amount,difference,age_days,age_bucket,decision,decided_by,note")
            for (date, runId, b, decision) in selected {
                let cells = [date, String(runId), b.id] + Array(b.fields[0..<12]) + [AgeBucket(days: b.ageDays).label]
                    + [decision.map { $0.kind.rawValue + ($0.matchedWith.map { " " + $0 } ?? "") } ?? "", decision?.decidedBy ?? "", decision?.note ?? ""]
                print(cells.map(csv).joined(separator: ","))
            }
        } catch let e as ValidationError { throw e } catch { throw ExitStatus.fail(error) }
    }

    /// One row per bucket and currency (a bucket without items gets one row with an empty currency).
    private func printAgeing(_ breaks: [StoredBreak]) throws {
        var count = [Int](repeating: 0, count: AgeBucket.allCases.count)
        var money = [[String: (sum: Int128, exponent: Int)]](repeating: [:], count: AgeBucket.allCases.count)
        for b in breaks where !(BreakKind(name: b.kind)?.isMatchedWithNote ?? false) {
            let bucket = AgeBucket(days: b.ageDays).rawValue
            count[bucket] += 1
            let text = b.fields[8].isEmpty ? b.fields[9] : b.fields[8]   // bank_amount, else ledger_amount
            let exponent = Currency.exponent(ofCode: Array(b.fields[3].utf8))
            guard case .success(let minor) = MinorUnits.parse(text, exponent: exponent) else {
                throw ValidationError("break \(b.id) in the store has an unreadable amount '\(text)'")
            }
            money[bucket][b.fields[3], default: (0, exponent)].sum += Int128(minor.magnitude)
        }
        print("age_bucket,from_days,to_days,count,currency,money_at_risk")
        for bucket in AgeBucket.allCases {
            let head = [bucket.label, String(bucket.fromDays), bucket.toDays.map(String.init) ?? "", String(count[bucket.rawValue])]
            let currencies = money[bucket.rawValue].keys.sorted()
            if currencies.isEmpty { print((head + ["", ""]).map(csv).joined(separator: ",")) }
            for currency in currencies {
                let (sum, exponent) = money[bucket.rawValue][currency]!
                print((head + [currency, MinorUnits.format(sum, exponent: exponent)]).map(csv).joined(separator: ","))
            }
        }
    }

    private func csv(_ s: String) -> String {
        var out: [UInt8] = []
        CSVField.append(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
