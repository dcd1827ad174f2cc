import ArgumentParser
import Foundation
import ReconCore
import ReconFormats

/// `recon inspect FILE`: what Recon makes of a bank file, before reconciling anything.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print a bank file's detected format, encoding, statements, balances, accounts, row count and first rows normalised."
    )

    @Argument(help: "The bank file (plain or gzip).")
    var file: String

    @Option(name: .long, help: ArgumentHelp("Format spec by name or path; default: detected.", valueName: "NAME|PATH"))
    var format: String?

    @Option(name: .long, help: "How many normalised rows to print.")
    var rows: Int = 10

    func run() throws {
        do {
            let (loaded, table, catalog) = try BankFileLoader(registry: FormatRegistry()).loadForDisplay(path: file, format: format)
            var lines: [String] = []
            let stored = loaded.input.compressed ? "gzip, \(loaded.input.storedBytes) bytes stored" : "\(loaded.input.storedBytes) bytes"
            lines.append("file:       \(file) (\(stored))")
            lines.append("format:     \(loaded.spec.name) (\(loaded.detected ? "detected" : "given"); \(loaded.spec.path))")
            if loaded.detected { lines.append("recognised: \(loaded.spec.detection.reason)") }
            lines.append("encoding:   \(loaded.result.encoding)")
            lines.append("rows:       \(loaded.result.rows) booked movements")
            lines.append("sha256:     \(loaded.input.sha256())")
            lines.append("statements: \(loaded.result.statements.count)")
            for s in loaded.result.statements {
                let exp = Currency.exponent(ofCode: Array(s.currency.utf8))
                func money(_ v: Int64?) -> String { v.map { MinorUnits.format($0, exponent: exp) } ?? "-" }
                let check: String
                if let gap = s.balanceGap { check = gap == 0 ? "reconciles" : "DOES NOT reconcile (gap \(money(gap)))" } else {
                    check = "no opening/closing pair"
                }
                let controls = s.controls.isEmpty ? "" : (s.controls.allSatisfy(\.holds) ? "; trailer totals hold" : "; TRAILER TOTALS FAIL")
                lines.append("  \(s.id)  \(s.account) \(s.currency)  opening \(money(s.openingBalance)) \(s.openingDate?.iso ?? "")"
                    + "  closing \(money(s.closingBalance)) \(s.closingDate?.iso ?? "")  \(s.movementCount) movements \(money(s.movementSum))  \(check)\(controls)")
                for a in s.assumptions { lines.append("    assumed: \(a)") }
            }
            var perAccount: [Int32: Int] = [:]
            for a in table.account { perAccount[a, default: 0] += 1 }
            lines.append("accounts:   " + perAccount.keys.sorted().map { "\(catalog.accounts.string($0)) (\(perAccount[$0]!))" }.joined(separator: ", "))
            lines.append("first rows, normalised:")
            var out = Array(CanonicalBankWriter.header.utf8)
            for i in 0..<min(rows, table.count) { CanonicalBankWriter.appendRow(i, of: table, catalog: catalog, to: &out) }
            print(lines.joined(separator: "\n"))
            print(String(decoding: out, as: UTF8.self), terminator: "")
        } catch {
            throw ExitStatus.fail(error)
        }
    }
}
