import Testing
import ReconCore
import ReconTestSupport
@testable import ReconFormats

/// Every camt file of `../shared/bank-samples/camt` (see its MANIFEST.txt), with the values read
/// from the XML by hand.
@Suite struct CamtSampleTests {
    func read(_ name: String, options: CamtOptions = CamtOptions()) throws -> CamtRead? {
        guard let path = SharedSamples.path("camt/" + name) else { return nil }
        return try CamtRead(file: path, options: options)
    }

    @Test(.enabled(if: SharedSamples.available("camt/genkgo_camt052.v6.xml"), "needs ../shared/bank-samples")) func camt052IntradayReportHasOnlyAnInterimBalanceAndAPendingEntry() throws {
        let r = try #require(try read("genkgo_camt052.v6.xml"))
        #expect(r.statements.count == 1)
        let s = r.statements[0]
        #expect(s.id == "AAAASESS-FP-ACCR001" && s.account == "CH2801234000123456789" && s.line == 30)
        #expect(s.currency == "CHF") // no Acct/Ccy: the ITBD balance's Ccy
        #expect(s.openingBalance == nil && s.closingBalance == nil && s.balanceGap == nil) // ITBD only
        // Its one entry (200000 SEK DBIT) is PDNG: counted, not booked.
        #expect(r.table.count == 0 && r.result.notBooked == 1)
        #expect(s.movementCount == 0 && s.movementSum == 0)
    }

    @Test(.enabled(if: SharedSamples.available("camt/genkgo_camt053.v2.all-balance-types.xml"), "needs ../shared/bank-samples")) func camt053AllBalanceTypesUsesOPBDAndCLBDOnly() throws {
        let r = try #require(try read("genkgo_camt053.v2.all-balance-types.xml"))
        #expect(r.statements.count == 1)
        let s = r.statements[0]
        #expect(s.id == "CAMT0532015012200001" && s.account == "CH2801234000123456789" && s.currency == "EUR")
        #expect(s.line == 10)
        // OPBD 1.01 (not PRCD 2.02, OPAV 3.03, ...), CLBD 4.04 (not CLAV 5.05, ...).
        #expect(s.openingBalance == 101 && s.openingDate == Day(iso: "2015-01-21"))
        #expect(s.closingBalance == 404 && s.closingDate == Day(iso: "2015-01-22"))
        #expect(s.movementCount == 1 && s.movementSum == 885)
        // Synthetic values: 1.01 + 8.85 ≠ 4.04.
        #expect(s.balanceGap == 582)
        // A credit whose only related party is the creditor: no counterparty. No AcctSvcrRef: the
        // fallback reference.
        #expect(r.rows == [CamtRow("CAMT0532015012200001-1", "CH2801234000123456789", "EUR", "2014-12-31", "2015-01-02", 885,
                                   "000000001", "")])
        #expect(r.table.line == [152])
    }

    @Test(.enabled(if: SharedSamples.available("camt/genkgo_camt053.v2.five.decimals.xml"), "needs ../shared/bank-samples")) func camt053FiveDecimalsAcceptsTrailingZeros() throws {
        let r = try #require(try read("genkgo_camt053.v2.five.decimals.xml"))
        #expect(r.statements.count == 1)
        let s = r.statements[0]
        #expect(s.id == "253EURNL26VAYB8060476890" && s.account == "NL26VAYB8060476890" && s.currency == "EUR")
        #expect(s.line == 25)
        // 18.150 and 27.050 EUR are 18.15 and 27.05; the entry 8.850 is 8.85.
        #expect(s.openingBalance == 1815 && s.openingDate == Day(iso: "2014-12-30"))
        #expect(s.closingBalance == 2705 && s.closingDate == Day(iso: "2014-12-31"))
        #expect(s.movementCount == 1 && s.movementSum == 885)
        #expect(s.balanceGap == -5) // 18.15 + 8.85 = 27.00, not 27.05: does not reconcile
        #expect(r.rows == [CamtRow("253EURNL26VAYB8060476890-1", "NL26VAYB8060476890", "EUR", "2014-12-31", "2015-01-02", 885,
                                   "000000001", "")])
    }

    @Test(.enabled(if: SharedSamples.available("camt/genkgo_camt053.v8.xml"), "needs ../shared/bank-samples")) func camt053Version8ReadsStatusCodeDateTimeAndPartyNames() throws {
        let r = try #require(try read("genkgo_camt053.v8.xml"))
        #expect(r.statements.count == 1)
        let s = r.statements[0]
        #expect(s.id == "253EURNL26VAYB8060476890" && s.account == "NL26VAYB8060476890" && s.currency == "EUR")
        #expect(s.line == 30)
        // OPBD 18.15 CRDT; CLBD 27.00 DBIT (in SEK, kept as written so that the check fails loudly).
        #expect(s.openingBalance == 1815 && s.closingBalance == -2700)
        #expect(s.movementCount == 1 && s.movementSum == 885)
        #expect(s.balanceGap == 5400)
        // Sts/Cd BOOK; BookgDt/DtTm 2014-12-31T13:15:00+01:00 is 2014-12-31; Dbtr/Pty/Nm of a credit.
        #expect(r.rows == [CamtRow("AAAASESS-FP-CN_98765/01", "NL26VAYB8060476890", "EUR", "2014-12-31", "2015-01-02", 885,
                                   "MUELL/FINP/RA12345", "NAME NAME")])
        #expect(r.table.line == [110])
    }

    @Test(.enabled(if: SharedSamples.available("camt/genkgo_camt054.v8-with-UETR.xml"), "needs ../shared/bank-samples")) func camt054NotificationHasNoBalancesAndTakesItsDateFromCreDtTm() throws {
        let r = try #require(try read("genkgo_camt054.v8-with-UETR.xml"))
        #expect(r.statements.count == 1)
        let s = r.statements[0]
        #expect(s.id == "AAAASESS-FP-ACCR001" && s.account == "CH2801234000123456789" && s.currency == "SEK")
        #expect(s.line == 8)
        #expect(s.openingBalance == nil && s.closingBalance == nil && s.balanceGap == nil)
        #expect(s.movementCount == 1 && s.movementSum == -20_000_000)
        // No BookgDt nor ValDt: the notification's CreDtTm (2007-10-18T12:30:00+01:00); only a UETR, no
        // end-to-end id.
        #expect(r.rows == [CamtRow("AAAASESS-FP-ACCR001-1", "CH2801234000123456789", "SEK", "2007-10-18", "2007-10-18",
                                   -20_000_000, "", "")])
    }

    @Test(.enabled(if: SharedSamples.available("camt/oca_test-camt053.xml"), "needs ../shared/bank-samples")) func ocaStatementSplitsItsBatchAndDoesNotReconcile() throws {
        let r = try #require(try read("oca_test-camt053.xml"))
        #expect(r.statements.count == 1)
        let s = r.statements[0]
        #expect(s.id == "1234Test/1" && s.account == "NL77ABNA0574908765" && s.currency == "EUR" && s.line == 7)
        #expect(s.openingBalance == 1_556_827 && s.openingDate == Day(iso: "2014-01-05"))
        #expect(s.closingBalance == 1_512_112 && s.closingDate == Day(iso: "2014-01-05"))
        // -754.25 - 664.05 (a reversal, booked as the DBIT it says) + 1405.31 = -12.99 ...
        #expect(s.movementSum == -1299)
        // ... and 15568.27 - 12.99 = 15555.28, not the closing 15121.12 (MANIFEST: does not reconcile).
        #expect(s.balanceGap == 43_416)
        // The batched entry (664.05 = 564.05 + 100.00 in two TxDtls) is booked as its two transactions.
        #expect(s.movementCount == 4)
        let account = "NL77ABNA0574908765", day = "2014-01-05"
        #expect(r.rows == [
            CamtRow("1234Test/1-1", account, "EUR", day, day, -75_425, "435005714488-ABNO33052620", "INSURANCE COMPANY TESTX"),
            CamtRow("1234Test/1-2/1", account, "EUR", day, day, -56_405, "TESTBANK/NL/20141229/01206408", "Test Customer"),
            CamtRow("1234Test/1-2/2", account, "EUR", day, day, -10_000, "TESTBANK/NL/20141229/01206407", "Test Customer"),
            CamtRow("1234Test/1-3", account, "EUR", day, day, 140_531, "115", "3rd party Media"),
        ])
        #expect(r.table.line == [50, 144, 185, 228])
    }

    @Test(.enabled(if: SharedSamples.available("camt/oca_test-camt053.xml"), "needs ../shared/bank-samples")) func ocaStatementWithoutBatchSplittingBooksTheBatchOnce() throws {
        var options = CamtOptions()
        options.splitBatches = false
        let r = try #require(try read("oca_test-camt053.xml", options: options))
        let s = r.statements[0]
        #expect(s.movementCount == 3 && s.movementSum == -1299 && s.balanceGap == 43_416)
        #expect(r.rows[1] == CamtRow("1234Test/1-2", "NL77ABNA0574908765", "EUR", "2014-01-05", "2014-01-05", -66_405,
                                     "2018/125-20141229-NORM", "Test Customer"))
    }

    @Test(.enabled(if: SharedSamples.available("camt/"), "needs ../shared/bank-samples"), arguments: ["genkgo_camt052.v6.xml", "genkgo_camt053.v2.all-balance-types.xml", "genkgo_camt053.v2.five.decimals.xml",
                      "genkgo_camt053.v8.xml", "genkgo_camt054.v8-with-UETR.xml", "oca_test-camt053.xml"])
    func everySampleIsDetectedAsCamtAndReadTheSameInSmallChunks(_ name: String) throws {
        let path = try #require(SharedSamples.path("camt/" + name))
        let registry = try FormatRegistry(directories: [Fixture.repositoryRoot + "/formats"])
        #expect(try registry.detect(OpenedInput(path: path), side: .bank).name == "camt")
        let whole = try CamtRead(file: path)
        let bytes = try FileByteSource(path: path)
        var all: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = try buffer.withUnsafeMutableBufferPointer { try bytes.read(into: $0) }
            if n == 0 { break }
            all += buffer[0..<n]
        }
        var source = MemorySource(bytes: all, step: 3)
        let chunked = try CamtRead(source: &source, path: path, options: CamtOptions(), maxRejects: 0)
        #expect(chunked.rows == whole.rows)
        #expect(chunked.statements == whole.statements)
    }
}
