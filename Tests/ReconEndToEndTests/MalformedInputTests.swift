import Foundation
import Testing
import ReconTestSupport

/// Every kind of malformed input fails with exit code 2, a message naming file, position and field,
/// and no report.
@Suite struct MalformedInputTests {
    func run(bank: String, extra: [String] = []) throws -> (ReconProcess.Result, String) {
        let out = try ReconProcess.temporaryDirectory("malformed-out")
        let r = try ReconProcess.run(["run", "--bank", bank, "--ledger", "samples/ledger.csv", "--out", out] + extra)
        return (r, out)
    }

    func expectNoReport(_ out: String) {
        #expect(!FileManager.default.fileExists(atPath: out + "/breaks.csv"))
        #expect(!FileManager.default.fileExists(atPath: out + "/summary.json"))
    }

    @Test func aTruncatedGzipFileIsRefused() throws {
        let dir = try ReconProcess.temporaryDirectory("gz")
        let gz = try Data(contentsOf: URL(fileURLWithPath: Fixture.repositoryRoot + "/samples/bank.csv.gz"))
        try gz.prefix(gz.count / 2).write(to: URL(fileURLWithPath: dir + "/bank.csv.gz"))
        let (r, out) = try run(bank: dir + "/bank.csv.gz")
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(dir)/bank.csv.gz") && r.stderr.contains("truncated gzip"), "\(r.stderr)")
        expectNoReport(out)
    }

    @Test func aGzipFileIsReadWhateverItsName() throws {
        let dir = try ReconProcess.temporaryDirectory("gzname")
        try FileManager.default.copyItem(atPath: Fixture.repositoryRoot + "/samples/bank.csv.gz", toPath: dir + "/statement.dat")
        let (r, out) = try run(bank: dir + "/statement.dat")
        #expect(r.status == 1, "\(r.stderr)")
        let json = try String(contentsOfFile: out + "/summary.json", encoding: .utf8)
        #expect(json.contains("\"compressed\" : true"))
        let got = try String(contentsOfFile: out + "/breaks.csv", encoding: .utf8)
        #expect(got == (try String(contentsOfFile: Fixture.repositoryRoot + "/samples/expected/breaks.csv", encoding: .utf8)))
    }

    @Test(.enabled(if: SharedSamples.available("csv/alipay_gb18030.csv"), "needs ../shared/bank-samples")) func aFileInTheWrongEncodingIsRefusedWithItsLine() throws {
        let alipay = try #require(SharedSamples.path("csv/alipay_gb18030.csv"))
        let dir = try ReconProcess.temporaryDirectory("enc")
        var spec = try String(contentsOfFile: Fixture.repositoryRoot + "/formats/alipay.toml", encoding: .utf8)
        spec = spec.replacingOccurrences(of: "encoding = \"gb18030\"", with: "encoding = \"utf-8\"")
        try spec.write(toFile: dir + "/alipay-utf8.toml", atomically: true, encoding: .utf8)
        let (r, out) = try run(bank: alipay, extra: ["--bank-format", dir + "/alipay-utf8.toml"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(alipay):2: not valid UTF-8"), "\(r.stderr)")
        expectNoReport(out)
    }

    @Test(.enabled(if: SharedSamples.available("csv/bocom_debit.csv"), "needs ../shared/bank-samples")) func aBadAmountInABankExportNamesLineAndColumn() throws {
        let path = try #require(SharedSamples.path("csv/bocom_debit.csv"))
        let dir = try ReconProcess.temporaryDirectory("amount")
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: ",3.21,", with: ",3.2x1,")
        try text.write(toFile: dir + "/bocom.csv", atomically: true, encoding: .utf8)
        let (r, out) = try run(bank: dir + "/bocom.csv")
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(dir)/bocom.csv:3: column '交易金额'"), "\(r.stderr)")
        expectNoReport(out)
    }

    @Test func aFileNoSpecRecognisesIsRefusedAskingForTheFormat() throws {
        let dir = try ReconProcess.temporaryDirectory("unknown")
        try "what,is,this\n1,2,3\n".write(toFile: dir + "/x.csv", atomically: true, encoding: .utf8)
        let (r, out) = try run(bank: dir + "/x.csv")
        #expect(r.status == 2)
        #expect(r.stderr.contains("cannot tell the format") && r.stderr.contains("--bank-format"), "\(r.stderr)")
        expectNoReport(out)
    }

    @Test func aBrokenFormatSpecNamesItsFileAndKey() throws {
        let dir = try ReconProcess.temporaryDirectory("spec")
        try "family = \"delimited\"\n[delimited]\naccount = \"A\"\ncurrency = \"CNY\"\ndate_fromat = \"x\"\n".write(toFile: dir + "/bad.toml", atomically: true, encoding: .utf8)
        let (r, _) = try run(bank: "samples/bank.csv", extra: ["--bank-format", dir + "/bad.toml"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(dir)/bad.toml: unknown key 'delimited.date_fromat'"), "\(r.stderr)")
    }
}
