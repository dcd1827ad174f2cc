import ArgumentParser
import Foundation
import ReconCore
import ReconFormats
import ReconMatch
import ReconReport
import ReconRun
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
                guard let run = try store.openExisting().currentRun(for: date) else {
                    throw ExitStatus.fail(CustodyReportError.noRun(date: date))
                }
                folder = run.outputDirectory
            }
            let path = folder + "/custody.csv"
            guard FileManager.default.fileExists(atPath: path) else { throw ExitStatus.fail(CustodyReportError.noStatement(path: path)) }
            // Read through the statement's codec: an account name may hold a comma, and a damaged
            // file is refused naming its line and column.
            let lines = try CustodyStatementCodec.read(path: path).filter { $0.day.iso == date }
            let header = CustodyStatementCodec.columns
            let rows = lines.map(CustodyStatementCodec.fields)
            if csv {
                print(CustodyStatementCodec.header)
                for line in lines {
                    var out: [UInt8] = []
                    CustodyStatementCodec.append(line, to: &out)
                    print(String(decoding: out.dropLast(), as: UTF8.self))
                }
                return
            }
            print(CustodyReportCommand.table(header: header, rows: Array(rows), date: date))
        } catch let e as ExitCode {
            throw e
        } catch {
            throw ExitStatus.fail(error)
        }
    }

    /// A custody account per block: balances, the difference's parts, then each flow with its count.
    static func table(header: [String], rows: [[String]], date: String) -> String {
        var out = "Custody statement for \(date)\n"
        if rows.isEmpty { return out + "(no custody account has balances on this date)\n" }
        for cells in rows {
            var v: [String: String] = [:]
            for (i, n) in header.enumerated() where i < cells.count { v[n] = cells[i] }
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
            for flow in FundFlow.allCases.map(\.rawValue) {
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
