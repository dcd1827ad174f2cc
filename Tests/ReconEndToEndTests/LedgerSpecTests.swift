import Foundation
import Testing
import ReconCore
import ReconTestSupport

/// The ledger side read by a spec (issue 18): a platform's own export, with its own column names,
/// amounts in minor units and dd/mm/yyyy dates, gives the same report as the canonical ledger.
@Suite struct LedgerSpecTests {
    /// The shipped sample ledger rewritten as the example spec's platform export.
    static func platformExport(of canonical: String) throws -> String {
        let rows = try CSVTable(path: canonical).rows
        var out = "流水号;子账户;记账日期;金额(分);币种;业务类型;业务单号;批次号;对手方\n"
        for r in rows {
            let exponent = Currency.exponent(ofCode: Array(r["currency"]!.utf8))
            let minor = try MinorUnits.parse(r["amount"]!, exponent: exponent).get()
            let d = Day(iso: r["value_date"]!)!.civil
            let date = String(format: "%02d/%02d/%04d", d.day, d.month, d.year)
            out += [r["txn_id"]!, r["account"]!, date, String(minor), r["currency"]!, r["type"]!, r["reference"]!, r["batch_id"]!,
                    r["counterparty"]!].joined(separator: ";") + "\n"
        }
        return out
    }

    @Test func theShippedLedgerSpecReadsAPlatformExportAndGivesTheSameBreaksAsTheCanonicalLedger() throws {
        let dir = try ReconProcess.temporaryDirectory("ledger-spec")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let samples = Fixture.repositoryRoot + "/samples"
        try Self.platformExport(of: samples + "/ledger.csv").write(toFile: dir + "/platform.csv", atomically: true, encoding: .utf8)
        let canonical = try ReconProcess.run(["run", "--bank", samples + "/bank.csv", "--ledger", samples + "/ledger.csv",
                                              "--out", dir + "/canonical", "--progress", "off"])
        let mapped = try ReconProcess.run(["run", "--bank", samples + "/bank.csv", "--ledger", dir + "/platform.csv",
                                           "--ledger-format", "platform-ledger-example", "--out", dir + "/mapped", "--progress", "off"])
        #expect(canonical.status == 1 && mapped.status == 1, "\(mapped.stderr)")
        let a = try String(contentsOfFile: dir + "/canonical/breaks.csv", encoding: .utf8)
        let b = try String(contentsOfFile: dir + "/mapped/breaks.csv", encoding: .utf8)
        #expect(a == b && a.split(separator: "\n").count > 5, "the same breaks.csv, row for row")
        let summary = try String(contentsOfFile: dir + "/mapped/summary.json", encoding: .utf8)
        #expect(summary.contains("\"format\" : \"platform-ledger-example\""))
        #expect(summary.contains("\"rows_in\" : 23"), "every ledger row read")
    }

    @Test func aBadRowOfAPlatformExportNamesFileLineAndColumn() throws {
        let dir = try ReconProcess.temporaryDirectory("ledger-spec-bad")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = "流水号;子账户;记账日期;金额(分);币种;业务类型;业务单号;批次号;对手方\n"
            + "T1;A1;02/11/2026;10050;CNY;deposit;R1;;x\nT2;A1;31/02/2026;500;CNY;deposit;R2;;x\n"
        try text.write(toFile: dir + "/platform.csv", atomically: true, encoding: .utf8)
        try "bank_ref,account,booking_date,value_date,amount,currency,end_to_end_id,counterparty,description\n"
            .write(toFile: dir + "/bank.csv", atomically: true, encoding: .utf8)
        let r = try ReconProcess.run(["run", "--bank", dir + "/bank.csv", "--ledger", dir + "/platform.csv",
                                      "--ledger-format", "platform-ledger-example", "--out", dir + "/out", "--progress", "off"])
        #expect(r.status == 2)
        #expect(r.stderr.contains(dir + "/platform.csv:3: column '记账日期': '31/02/2026' is not a date dd/MM/yyyy"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/breaks.csv"))
    }

    @Test func theNightlyJobReadsTheLedgerByTheFormatItsConfigurationNames() throws {
        let dir = try NightlyFolder.make("ledger-spec-nightly", top: "settlement_window_days = 2")
        var config = try String(contentsOfFile: dir + "/recon.toml", encoding: .utf8)
        config = config.replacingOccurrences(of: "pattern = \"ledger-{date}.csv\"", with: "pattern = \"ledger-{date}.csv\"\nformat = \"platform-ledger-example\"")
        try config.write(toFile: dir + "/recon.toml", atomically: true, encoding: .utf8)
        try ("bank_ref,account,booking_date,value_date,amount,currency,end_to_end_id,counterparty,description\n"
            + "B1,A1,2026-11-02,,100.50,CNY,R1,,\n").write(toFile: dir + "/in/bank/bank-2026-11-02.csv", atomically: true, encoding: .utf8)
        try ("流水号;子账户;记账日期;金额(分);币种;业务类型;业务单号;批次号;对手方\n"
            + "T1;A1;02/11/2026;10050;CNY;deposit;R1;;\nT2;A1;02/11/2026;700;CNY;deposit;R2;;\n")
            .write(toFile: dir + "/in/ledger/ledger-2026-11-02.csv", atomically: true, encoding: .utf8)
        try ("bank_ref,account,booking_date,value_date,amount,currency,end_to_end_id,counterparty,description\n"
            + "B2,A1,2026-11-03,,7.00,CNY,R2,,\n").write(toFile: dir + "/in/bank/bank-2026-11-03.csv", atomically: true, encoding: .utf8)
        try "流水号;子账户;记账日期;金额(分);币种;业务类型;业务单号;批次号;对手方\n"
            .write(toFile: dir + "/in/ledger/ledger-2026-11-03.csv", atomically: true, encoding: .utf8)
        let r = try ReconProcess.run(["run", "--from", "2026-11-02", "--to", "2026-11-03", "--config", dir + "/recon.toml", "--progress", "off"])
        #expect(r.status == 0, "\(r.stderr)")
        // T2 was carried (in the canonical layout) and settles on night 2.
        let night2 = try CSVTable(path: dir + "/out/2026-11-03/run-2/breaks.csv").rows
        #expect(night2.map { "\($0["kind"]!) \($0["bank_ref"]!)/\($0["ledger_id"]!)" } == ["timing_difference B2/T2"])
    }
}
