import Testing
import ReconCore
import ReconTestSupport
@testable import ReconFormats

/// Every OFX file of `../shared/bank-samples/ofx` (SGML 1.x and XML 2.x), read through the shipped spec.
@Suite struct OFXSampleTests {
    static func read(_ relative: String) throws -> MTSampleTests.Output? {
        guard let path = SharedSamples.path(relative) else { return nil }
        var source = try FileByteSource(path: path)
        return try MTSampleTests.read(source: &source, path: path, spec: "ofx")
    }

    @Test(.enabled(if: SharedSamples.available("ofx/ofxparse_checking.ofx"), "needs ../shared/bank-samples")) func sgmlCheckingWithUnclosedTagsHasThreeTransactionsAndALedgerBalance() throws {
        let out = try #require(try Self.read("ofx/ofxparse_checking.ofx"))
        let s = try #require(out.statements.first)
        #expect(out.statements.count == 1 && s.account == "1452687~7" && s.currency == "USD")
        #expect(s.closingBalance == 100_99 && s.closingDate == Day(iso: "2013-05-25") && s.openingBalance == nil)
        #expect(out.amounts == [1, -34_51, -25_00] && s.movementSum == -59_50)
        #expect((0..<3).map { out.text(out.table.bankRef, $0) } == ["0000486", "0000487", "0000488"])
        #expect(out.table.date(1) == Day(iso: "2011-04-05"))
        #expect(out.text(out.table.counterparty, 1) == "AUTOMATIC WITHDRAWAL, ELECTRIC BILL")
        #expect(out.text(out.table.description, 2) == "RETURNED CHECK FEE, CHECK # 319 FOR $45.33 ON 04/07/11")
    }

    @Test(.enabled(if: SharedSamples.available("ofx/ofxparse_suncorp.ofx"), "needs ../shared/bank-samples")) func xmlWithCDATAInAustralianDollars() throws {
        let out = try #require(try Self.read("ofx/ofxparse_suncorp.ofx"))
        let s = try #require(out.statements.first)
        #expect(s.account == "123456789" && s.currency == "AUD" && s.closingBalance == 1_234_12)
        #expect(out.amounts == [-16_85] && out.text(out.table.bankRef, 0) == "1")
        #expect(out.text(out.table.counterparty, 0) == "EFTPOS WDL HANDYWAY ALDI STORE", "CDATA text, trimmed")
    }

    @Test(.enabled(if: SharedSamples.available("ofx/oca_test_ofx.ofx"), "needs ../shared/bank-samples")) func aBankAndACreditCardStatementInOneFile() throws {
        let out = try #require(try Self.read("ofx/oca_test_ofx.ofx"))
        let s = out.statements
        #expect(s.map(\.account) == ["123456", "123412341234"])
        #expect(s.map(\.closingBalance) == [2_156_56, -562_00])
        #expect(s[0].movementCount == 4 && s[0].movementSum == -360_00 && s[1].movementCount == 0)
        #expect(out.amounts == [-80_00, -90_00, -100_00, -90_00])
        #expect(out.table.date(0) == Day(iso: "2013-08-24"))
    }

    @Test func datesKeepTheDayOfTheZoneTheyAreWrittenIn() {
        #expect(OFXReadState.date("20130824080000[-5:EST]") == Day(iso: "2013-08-24"))
        #expect(OFXReadState.date("20131231233000.000[+8:CST]") == Day(iso: "2013-12-31"))
        #expect(OFXReadState.date("20130824") == Day(iso: "2013-08-24"))
        #expect(OFXReadState.date("2013-08-24") == nil)
        #expect(OFXReadState.amount("-34.51", 2) == -34_51 && OFXReadState.amount("+12", 2) == 12_00 && OFXReadState.amount("1,50", 2) == 1_50)
        #expect(OFXReadState.amount("1.234", 2) == nil, "more decimals than the currency has")
    }
}

@Suite struct OFXHostileInputTests {
    @Test func anEndlessTextIsRefusedAtItsBoundNotHeld() throws {
        var bytes = Array("OFXHEADER:100\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>USD<MEMO>".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "A"), count: (1 << 20) + 10)
        var source = MemorySource(bytes: bytes, step: 1 << 16)
        #expect(throws: InputError.lineTooLong(path: "endless.ofx", line: 2, limit: 1 << 20)) {
            _ = try MTSampleTests.read(source: &source, path: "endless.ofx", spec: "ofx")
        }
    }
}
