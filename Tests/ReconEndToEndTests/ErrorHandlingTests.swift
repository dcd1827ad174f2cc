import Foundation
import Testing
import ReconTestSupport

@Suite struct ErrorHandlingTests {
    func ledgerWithBadAmount(_ dir: String) throws -> String {
        let path = dir + "/ledger.csv"
        try """
            txn_id,account,value_date,amount,currency,type,reference,batch_id,counterparty
            L001,CUST-001,2026-11-18,1500.00,CNY,deposit,R-1001,,张三
            L002,CUST-001,2026-11-18,12,50,CNY,withdrawal,R-1002,,李四
            L003,CUST-001,2026-11-19,1x.00,CNY,payout,R-1003,,x

            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aMalformedRowStopsTheRunWithExitTwoNamingFileLineAndColumnAndWritesNoReport() throws {
        let dir = try ReconProcess.temporaryDirectory("bad")
        let ledger = try ledgerWithBadAmount(dir)
        let r = try ReconProcess.run(["run", "--bank", "samples/bank.csv", "--ledger", ledger, "--out", dir + "/out"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(ledger):3: expected 9 fields, found 10"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/breaks.csv"))
    }

    @Test func aBadAmountNamesItsColumn() throws {
        let dir = try ReconProcess.temporaryDirectory("badamount")
        let path = dir + "/bank.csv"
        try "bank_ref,account,booking_date,value_date,amount,currency,end_to_end_id,counterparty,description\nB1,A,2026-11-18,,9223372036854775808,JPY,,,\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let r = try ReconProcess.run(["run", "--bank", path, "--ledger", "samples/ledger.csv", "--out", dir + "/out"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(path):2: column 'amount'"), "\(r.stderr)")
        #expect(r.stderr.contains("does not fit"), "\(r.stderr)")
    }

    @Test func maxRejectsLetsTheRunGoOnAndCountsRejectsInTheControlTotals() throws {
        let dir = try ReconProcess.temporaryDirectory("rejects")
        let ledger = try ledgerWithBadAmount(dir)
        let r = try ReconProcess.run(["run", "--bank", "samples/bank.csv", "--ledger", ledger, "--out", dir + "/out", "--max-rejects", "5"])
        #expect(r.status == 1)
        let rejects = try CSVTable(path: dir + "/out/rejects.csv").rows
        #expect(rejects.map { $0["line"]! } == ["3", "4"])
        #expect(rejects[1]["field"] == "amount")
        #expect(rejects[0]["raw"] == "L002,CUST-001,2026-11-18,12,50,CNY,withdrawal,R-1002,,李四")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/out/summary.json"))) as! [String: Any]
        let ledgerTotals = (json["control_totals"] as! [String: [String: Any]])["ledger"]!
        #expect(ledgerTotals["rows_rejected"] as? Int == 2)
        #expect(ledgerTotals["rows_in"] as? Int == 3)
        #expect(try ReconProcess.run(["run", "--bank", "samples/bank.csv", "--ledger", ledger, "--out", dir + "/o2", "--max-rejects", "1"]).status == 2)
    }

    @Test func usageErrorsExitWithTwo() throws {
        #expect(try ReconProcess.run(["run", "--ledger", "samples/ledger.csv", "--out", "/tmp/x"]).status == 2)
        #expect(try ReconProcess.run(["run", "--bank", "samples/bank.csv", "--ledger", "samples/ledger.csv", "--out", "/tmp/x", "--as-of", "2026-02-30"]).status == 2)
        #expect(try ReconProcess.run(["run", "--bank", "/nonexistent.csv", "--ledger", "samples/ledger.csv", "--out", "/tmp/x"]).status == 2)
    }

    @Test func theConfigurationFileSetsPassesAndSeveritiesAndRefusesUnknownKeys() throws {
        let dir = try ReconProcess.temporaryDirectory("config")
        try """
            alert_severity = "critical"
            settlement_window_days = 20
            [passes]
            duplicates = false
            [amount_date]
            window_days = 1
            [severity]
            unmatched_bank_debit = "high"
            """.write(toFile: dir + "/recon.toml", atomically: true, encoding: .utf8)
        let r = try ReconProcess.run(["run", "--bank", "samples/bank.csv", "--ledger", "samples/ledger.csv", "--out", dir + "/out", "--config", dir + "/recon.toml"])
        #expect(r.status == 0, "nothing reaches critical once unmatched debits are high: \(r.stderr)")
        let rows = try CSVTable(path: dir + "/out/breaks.csv").rows
        #expect(!rows.contains { $0["kind"] == "duplicate_bank" || $0["kind"] == "missing_in_bank" })
        #expect(rows.first { $0["bank_ref"] == "BK006" }?["kind"] == "unmatched_bank_credit", "2 days apart > window 1")
        #expect(rows.first { $0["bank_ref"] == "BK011" }?["severity"] == "high")

        try "[amount_date]\nwindow_dayz = 1\n".write(toFile: dir + "/typo.toml", atomically: true, encoding: .utf8)
        let bad = try ReconProcess.run(["run", "--bank", "samples/bank.csv", "--ledger", "samples/ledger.csv", "--out", dir + "/o", "--config", dir + "/typo.toml"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("unknown key 'amount_date.window_dayz'"), "\(bad.stderr)")
    }
}
