import ArgumentParser
import Foundation
import ReconCore
import ReconReport
import ReconStore

/// `recon custody-report --date D`: the custody statement of one business date — per custody
/// account: bank balance, what the platform owes its customers, the difference and what makes it,
/// and the day's fund flows by type with counts.
struct CustodyReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "custody-report",
        abstract: "Print the custody statement of a business date (from the nightly store, or a run's --out folder).")

    @Option(name: .long, help: ArgumentHelp("The business date.", valueName: "yyyy-mm-dd"))
    var date: String

    @Option(name: .long, help: ArgumentHelp("A run's output folder (its custody.csv), instead of the store's current run of the date.", valueName: "DIR"))
    var out: String?

    @OptionGroup var store: StoreOptions

    @Flag(name: .long, help: "Print the rows as CSV (the columns of custody.csv) instead of a table.")
    var csv = false

    func validate() throws {
        if Day(iso: date) == nil { throw ValidationError("--date '\(date)' is not a date yyyy-mm-dd") }
    }

    func run() throws {
        do {
            let folder: String
            if let out {
                folder = out
            } else {
                guard let run = try store.open().currentRun(for: date) else {
                    throw ExitStatus.fail(CustodyReportError.noRun(date: date))
                }
                folder = run.outputDirectory
            }
            let path = folder + "/custody.csv"
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ExitStatus.fail(CustodyReportError.noStatement(path: path))
            }
            var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            guard !lines.isEmpty else { throw ExitStatus.fail(CustodyReportError.noStatement(path: path)) }
            let header = lines.removeFirst()
            let rows = lines.filter { $0.hasPrefix(date + ",") }
            if csv {
                print(header)
                rows.forEach { print($0) }
                return
            }
            print(CustodyReportCommand.table(header: header, rows: rows, date: date))
        } catch let e as ExitCode {
            throw e
        } catch {
            throw ExitStatus.fail(error)
        }
    }

    /// A custody account per block: balances, the difference's parts, then each flow with its count.
    static func table(header: String, rows: [String], date: String) -> String {
        let names = header.split(separator: ",").map(String.init)
        var out = "Custody statement for \(date)\n"
        if rows.isEmpty { return out + "(no custody account has balances on this date)\n" }
        for row in rows {
            let cells = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            var v: [String: String] = [:]
            for (i, n) in names.enumerated() where i < cells.count { v[n] = cells[i] }
            func line(_ label: String, _ key: String) -> String {
                label.padding(toLength: 34, withPad: " ", startingAt: 0) + (v[key] ?? "").leftPadded(to: 20) + "\n"
            }
            out += "\n\(v["custody_account"] ?? "") (\(v["currency"] ?? ""), \(v["accounts"] ?? "") account(s))\n"
            out += line("bank balance", "bank_balance")
            out += line("owed to customers", "owed")
            out += line("difference (bank - owed)", "difference")
            out += line("  in transit (explained)", "in_transit")
            out += line("  unexplained", "unexplained")
            out += line("    of which itemised breaks", "unexplained_items")
            out += line("    of which not itemised", "not_itemised")
            out += "fund flows of the day                        count              amount\n"
            for flow in ["deposits", "withdrawals", "investments", "repayments", "fees", "other"] {
                out += "  " + flow.padding(toLength: 32, withPad: " ", startingAt: 0)
                    + (v["\(flow)_count"] ?? "").leftPadded(to: 12) + (v["\(flow)_amount"] ?? "").leftPadded(to: 20) + "\n"
            }
        }
        return out
    }
}

/// Why a custody statement cannot be shown.
enum CustodyReportError: Error, CustomStringConvertible {
    case noRun(date: String)
    case noStatement(path: String)

    var description: String {
        switch self {
        case .noRun(let date): return "no completed run for \(date) in the store"
        case .noStatement(let path): return "\(path): no custody statement (the run's configuration has no [custody])"
        }
    }
}

private extension String {
    func leftPadded(to n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
