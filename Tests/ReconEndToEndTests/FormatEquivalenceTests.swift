import Foundation
import Testing
import ReconTestSupport

/// The same bank data in every format gives the same break report, byte for byte.
@Suite struct FormatEquivalenceTests {
    @Test func canonicalCSVGzipCamtFixedWidthMT940AndBAI2GiveByteIdenticalReports() throws {
        let dir = try ReconProcess.temporaryDirectory("equivalence")
        let gen = try ReconProcess.run(["gen", "--rows", "20000", "--seed", "9", "--out", dir,
                                        "--bank-formats", "gzip,cn-bank-fixed,camt,mt940,bai2"])
        #expect(gen.status == 0, "\(gen.stderr)")
        var reports: [String: Data] = [:]
        for (name, file) in [("csv", "bank.csv"), ("gzip", "bank.csv.gz"), ("cn-bank-fixed", "bank.cn-fixed.txt"),
                             ("camt", "bank.camt.xml"), ("mt940", "bank.mt940.sta"), ("bai2", "bank.bai2")] {
            let out = dir + "/out-" + name
            let r = try ReconProcess.run(["run", "--bank", dir + "/" + file, "--ledger", dir + "/ledger.csv", "--out", out])
            #expect(r.status == 1, "\(name): \(r.stderr)")
            reports[name] = try Data(contentsOf: URL(fileURLWithPath: out + "/breaks.csv"))
            let summary = try String(contentsOfFile: out + "/summary.json", encoding: .utf8)
            #expect(!summary.contains("\"reconciles\" : false"), "\(name): its statements reconcile")
            #expect(!summary.contains("\"controls_hold\" : false"), "\(name): its control totals hold")
        }
        let csv = try #require(reports["csv"])
        #expect(csv.count > 100_000)
        for (name, data) in reports { #expect(data == csv, "\(name) differs from the canonical CSV's report") }
    }
}
