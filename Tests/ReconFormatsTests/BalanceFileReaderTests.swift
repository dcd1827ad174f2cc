import Foundation
import Testing
import ReconCore
@testable import ReconFormats

/// Balance files: `account,date,currency,balance`, columns by name, bad values named by line and column.
@Suite struct BalanceFileReaderTests {
    func read(_ text: String) throws -> [BalanceEntry] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("balances-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try BalanceFileReader.read(path: path)
    }

    @Test func balancesAreReadByColumnNameInTheCurrencysUnits() throws {
        let entries = try read("\u{FEFF}date,currency,account,balance\n2026-11-02,CNY,SUB-1,-12.50\n2026-11-02,JPY,SUB-1,1500\n")
        #expect(entries == [BalanceEntry(account: "SUB-1", currency: "CNY", day: Day(iso: "2026-11-02")!, balance: -1250),
                            BalanceEntry(account: "SUB-1", currency: "JPY", day: Day(iso: "2026-11-02")!, balance: 1500)])
    }

    @Test(arguments: [
        ("SUB-1,2026-11-02,CNY,1.00\nSUB-1,2026-11-02,CNY,2.00\n", 3, "date"),
        ("SUB-1,2026-11-31,CNY,1.00\n", 2, "date"),
        ("SUB-1,2026-11-02,CNY,1.005\n", 2, "balance"),
        (",2026-11-02,CNY,1.00\n", 2, "account"),
    ])
    func aBadLineIsAnErrorNamingItsLineAndColumn(_ body: String, _ line: Int, _ field: String) {
        do {
            _ = try read("account,date,currency,balance\n" + body)
            Issue.record("accepted: \(body)")
        } catch let InputError.badRecord(path, l, f, _) {
            #expect(path.hasSuffix(".csv") && l == line && f == field)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
