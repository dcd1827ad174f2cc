import Foundation
import ReconTestSupport
import Testing

/// The FX pass on data with known answers: settlements in another currency than the ledger's,
/// converted at the day's rate (or an inverted pair, or a rate a few days old), with their residuals;
/// and the pairs that must not be made.
@Suite struct FXMatchingTests {
    static let rates = """
        date,from,to,rate
        2026-11-02,USD,CNY,7.1234
        2026-11-03,USD,CNY,7.13
        2026-11-02,CNY,JPY,20.5
        2026-11-01,EUR,CNY,7.70
        """

    @Test func foreignSettlementsMatchAtTheDaysRateWithTheirResidualAndNoOtherPairIsMade() throws {
        let dir = try ReconProcess.temporaryDirectory("fx-rates")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.rates.write(toFile: dir + "/rates.csv", atomically: true, encoding: .utf8)
        let ledger = [
            "T1,ACC1,2026-11-02,100.00,USD,deposit,R1,,",
            "T2,ACC1,2026-11-03,250.00,USD,deposit,R2,,",
            "T3,ACC1,2026-11-02,10000,JPY,deposit,R3,,",
            "T4,ACC1,2026-11-05,50.00,EUR,deposit,R4,,",
            "T5,ACC1,2026-11-02,100.00,USD,deposit,R5,,",     // residual too large
            "T6,ACC1,2026-11-02,100.00,GBP,deposit,R6,,",     // no GBP rate
            "T7,ACC1,2026-11-10,80.00,EUR,deposit,R7,,",      // the latest EUR rate is 9 days old
        ]
        let bank = [
            "B1,ACC1,2026-11-02,,712.34,CNY,R1,,",
            "B2,ACC1,2026-11-04,,1781.00,CNY,R2,,",
            "B3,ACC1,2026-11-02,,487.80,CNY,R3,,",
            "B4,ACC1,2026-11-05,,385.00,CNY,R4,,",
            "B5,ACC1,2026-11-02,,700.00,CNY,R5,,",
            "B6,ACC1,2026-11-02,,910.00,CNY,R6,,",
            "B7,ACC1,2026-11-10,,616.00,CNY,R7,,",
        ]
        let out = try CanonicalRun.run(bank: bank, ledger: ledger, config: "[fx]\nrates = \"\(dir)/rates.csv\"\nresidual_pct = \"0.5\"\n", name: "fx")
        let fx = out.breaks.filter { $0["kind"] == "fx_matched" }
        let expected: [(String, String, String, String)] = [
            ("B1", "T1", "712.34", "0.00"), ("B2", "T2", "1782.50", "-1.50"), ("B3", "T3", "487.80", "0.00"), ("B4", "T4", "385.00", "0.00"),
        ]
        #expect(fx.count == expected.count, "\(fx)")
        for (b, l, converted, residual) in expected {
            let row = fx.first { $0["bank_ref"] == b }
            #expect(row?["ledger_id"] == l && row?["ledger_amount"] == converted && row?["difference"] == residual,
                    "\(b)/\(l): converted \(converted), residual \(residual): \(row ?? [:])")
            #expect(row?["currency"] == "CNY")
        }
        #expect(fx.first { $0["bank_ref"] == "B1" }?["detail"] == "ledger 100.00 USD at USD/CNY 7.1234 (rate of 2026-11-02) = 712.34 CNY; FX residual 0.00 CNY, inside the tolerance")
        #expect(fx.first { $0["bank_ref"] == "B3" }?["detail"]?.contains("at CNY/JPY 20.5, inverted") == true)
        #expect(fx.first { $0["bank_ref"] == "B4" }?["detail"]?.contains("(rate of 2026-11-01)") == true)
        for ref in ["B5", "B6", "B7"] { #expect(out.breaks.first { $0["bank_ref"] == ref }?["kind"] == "unmatched_bank_credit", "\(ref) stays open") }
        for id in ["T5", "T6", "T7"] { #expect(["missing_in_bank", "in_transit"].contains(out.breaks.first { $0["ledger_id"] == id }?["kind"] ?? ""), "\(id) stays open") }
    }

    @Test func aBadRatesFileStopsTheRunNamingLineAndField() throws {
        let dir = try ReconProcess.temporaryDirectory("fx-bad")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "date,from,to,rate\n2026-11-02,USD,CNY,-7\n".write(toFile: dir + "/rates.csv", atomically: true, encoding: .utf8)
        let r = try ReconProcess.run(["run", "--bank", "samples/bank.csv", "--ledger", "samples/ledger.csv", "--out", dir + "/out",
                                      "--rates", dir + "/rates.csv"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("rates.csv:2: column 'rate'"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/breaks.csv"), "no report")
    }
}
